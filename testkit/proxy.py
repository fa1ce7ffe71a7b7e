"""Replicas behind a real nginx on loopback, for tests/deploy/test_nginx.py and bench/arrivals.py.

`replicas()` starts N `streamlit run` servers under a path prefix on one shared cache folder, `nginx()` starts
Debian's nginx with deploy/nginx/kca.conf rendered for them, and `access_log()` reads back which replica served
which request (the conf's `kca` log format), which is how the tests see stickiness and failover.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from testkit.harness import ROOT, free_port

CONF = ROOT / "deploy" / "nginx" / "kca.conf"
PLACEHOLDER = re.compile(r"\$\{(KCA_[A-Z_]+)\}")
# One line of the `kca` log format, as far as the tests need it.
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) (?P<bytes>\d+) route=(?P<route>\S*) '
    r"upstream=(?P<upstream>.*?) upstream_bytes=(?P<upstream_bytes>\S*) cache=(?P<cache>\S*)"
)
# A line of the inner, compressing server's `kca_gzip` format: the requests that reached a replica for an asset.
GZIP_LINE = re.compile(
    r'^gzip-tier \S+ "(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) (?P<bytes>\d+) '
    r"upstream=(?P<upstream>.*?) upstream_bytes=(?P<upstream_bytes>\S*)$"
)


def nginx_path() -> str | None:
    """Debian's nginx (apt-get install nginx), or $NGINX, or None."""
    candidates = (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx")
    return next((c for c in candidates if c and Path(c).exists()), None)


def placeholders(text: str) -> set[str]:
    """The ${KCA_...} names a template uses."""
    return set(PLACEHOLDER.findall(text))


def render(text: str, values: dict[str, str]) -> str:
    """Fill in the ${KCA_...} placeholders, as envsubst does, refusing a template that names one not given."""
    missing = placeholders(text) - set(values)
    if missing:
        raise KeyError(f"no value for {sorted(missing)}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


@dataclass
class Replica:
    """One `streamlit run` under a prefix; `url` ends with the prefix, without a slash."""

    port: int
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s) if it is still running."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"streamlit at {url} did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


@contextmanager
def replicas(
    n: int, cache_dir: Path, prefix: str = "energy", env: dict | None = None, timeout: float = 60
) -> Iterator[list[Replica]]:
    """N dashboard servers on free loopback ports, all on one cache folder, started at once; stopped on exit."""
    logs = Path(tempfile.mkdtemp(prefix="kca-replicas-"))
    base_env = {
        **os.environ,
        **(env or {}),
        "PYTHONPATH": str(ROOT),
        "CACHE_DIR": str(cache_dir),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_BASE_URL_PATH": prefix,
    }
    started: list[Replica] = []
    try:
        for _ in range(n):
            port = free_port()
            log = logs / f"replica-{port}.log"
            command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
                       "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
            with open(log, "w") as out:  # the child keeps its own handle; an unread pipe would block it
                process = subprocess.Popen(command, cwd=ROOT, env=base_env, stdout=out, stderr=subprocess.STDOUT)
            url = f"http://127.0.0.1:{port}" + (f"/{prefix}" if prefix else "")
            started.append(Replica(port, url, process, log))
        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(lambda r: _wait_healthy(r.url, r.process, r.log, timeout), started))
        yield started
    finally:
        for replica in started:
            replica.stop()
        shutil.rmtree(logs, ignore_errors=True)


@dataclass
class Proxy:
    """A running nginx: its URL (with the prefix, no trailing slash), access log, master process and conf."""

    url: str
    log: Path
    process: subprocess.Popen
    conf: str
    workdir: Path

    def pids(self) -> list[int]:
        """The master's and its workers' process ids (for CPU accounting)."""
        import psutil

        master = psutil.Process(self.process.pid)
        return [master.pid, *(c.pid for c in master.children())]


@contextmanager
def nginx(
    upstreams: list[str], prefix: str = "energy", cache: bool = True, workers: int = 1, timeout: float = 20
) -> Iterator[Proxy]:
    """nginx in the foreground with deploy/nginx/kca.conf rendered for `upstreams` (host:port), on a free port.

    `cache=False` turns the static-asset cache off (for bench/arrivals.py's comparison). Everything nginx writes
    (pid, logs, cache, temporary files) stays in a temporary folder.
    """
    binary = nginx_path()
    if binary is None:
        raise RuntimeError("no nginx found (apt-get install nginx)")
    work = Path(tempfile.mkdtemp(prefix="kca-nginx-"))
    port = free_port()
    site = render(
        CONF.read_text(),
        {
            "KCA_LISTEN": f"127.0.0.1:{port}",
            "KCA_SERVER_NAME": "127.0.0.1 localhost",
            "KCA_PREFIX": f"/{prefix}" if prefix else "",
            "KCA_UPSTREAMS": " ".join(f"server {u};" for u in upstreams),
            "KCA_CACHE_DIR": str(work / "cache"),
            "KCA_GZIP_LISTEN": f"127.0.0.1:{free_port()}",
            "KCA_ACCESS_LOG": str(work / "access.log"),
        },
    )
    if not cache:  # the assets asked of the replicas every time, compressed on the fly as other responses are
        for cached, uncached in (
            ("proxy_pass http://kca_gzip;", "proxy_pass http://kca_replicas;"),
            ("proxy_cache kca_static;", "proxy_cache off;"),
            ("gzip off;", "gzip on;"),
        ):
            assert site.count(cached) == 1, cached
            site = site.replace(cached, uncached)
    (work / "kca.conf").write_text(site)
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    # Run as root (CI), nginx would hand its workers to `nobody`, who cannot enter the temporary folder.
    user = "user root root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"""{user}
worker_processes {workers};
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {work / "kca.conf"};
}}
"""
    )
    command = [binary, "-p", str(work), "-c", str(work / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the conf:\n{check.stderr}")
    with open(work / "stderr.log", "w") as err:  # the child keeps its own handle
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
    url = f"http://127.0.0.1:{port}" + (f"/{prefix}" if prefix else "")
    try:
        deadline = time.monotonic() + timeout
        while not _answers(f"http://127.0.0.1:{port}/"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{(work / 'error.log').read_text()[-3000:]}")
            time.sleep(0.1)
        yield Proxy(url, work / "access.log", process, site, work)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # graceful: workers finish what they are doing
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def _answers(url: str) -> bool:
    """Whether anything answers HTTP at url (any status)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def access_log(path: Path, tier: str = "front") -> list[dict]:
    """Every request nginx has logged so far, as dicts (method, path, status, route, upstream, cache, ...).

    tier "front": what viewers asked; "gzip": what the inner server asked of the replicas for assets.
    """
    if not path.exists():
        return []
    pattern = LOG_LINE if tier == "front" else GZIP_LINE
    lines = [line for line in path.read_text().splitlines() if line.startswith("gzip-tier ") == (tier == "gzip")]
    return [m.groupdict() for m in map(pattern.search, lines) if m]


@contextmanager
def site(
    n: int, cache_dir: Path, prefix: str = "energy", env: dict | None = None, cache: bool = True
) -> Iterator[tuple[list[Replica], Proxy]]:
    """N replicas and nginx in front of them: (replicas, proxy)."""
    with ExitStack() as stack:
        servers = stack.enter_context(replicas(n, cache_dir, prefix, env))
        proxy = stack.enter_context(nginx([f"127.0.0.1:{r.port}" for r in servers], prefix, cache))
        yield servers, proxy
