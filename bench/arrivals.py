"""Many viewers opening the site at once: N simultaneous arrivals, measured server-side with protocol clients.

An arrival is what a browser does when a shared link is opened, minus the rendering: it GETs the page, then
at once opens the websocket (asking for the page's first run, as bench/load_server.py does) and GETs the
static files a page open needs, over six keep-alive connections as a browser does. Which files: those headless
Chromium fetched when it opened the same page once (recorded at the start), or, without Chromium, those
index.html names. The browsers themselves would measure this 2-core machine, not the server (bench/load.py).

Times, p50/p95 over the arrivals: from the websocket's connect to the first chart's delta (the first
vega_lite_chart element), and from the arrival's first byte to that delta; and the first again for a burst of
websockets alone (no static files): the servers' part, without the load generator's downloads beside it.
CPU: the replicas' and nginx's own CPU seconds (psutil) over the burst, per arrival. Bytes: static bytes per
arrival (headers and bodies) to the viewer, and from the replicas (through nginx, from its access log).
Memory: each replica's resident memory before the burst and with every arrival's session still open.
Scenarios: one replica direct, one replica behind nginx, two behind nginx, and two behind nginx with its asset
cache off. Each server is warmed by one arrival first (a process's first run loads the cache).
What a page open costs the browser itself, ours against the one-chart app, is bench/first_paint.py's.
Bounded: N arrivals and a time limit per burst.
Run: python -m bench.arrivals [--arrivals 30] [--page overview]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from testkit import proxy
from testkit.harness import ROOT, percentile

PREFIX = "energy"
CONNECTIONS = 6  # a browser's connections per host over HTTP/1.1
ACCEPT_ENCODING = "gzip, deflate, br, zstd"  # what Chromium sends


@dataclass
class Arrival:
    """One viewer's arrival: its times (ms), the static bytes it got, the route nginx gave it, and any error."""

    connect_to_chart: float = float("nan")
    arrival_to_chart: float = float("nan")
    static_done: float = float("nan")
    requests: int = 0
    wire_bytes: int = 0
    before_chart: Counter = field(default_factory=Counter)
    error: str = ""


class Connection:
    """One keep-alive HTTP/1.1 connection, enough for GETs of static files (Content-Length or chunked bodies)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, cookie: str = "") -> tuple[int, dict[str, list[str]], int]:
        """GET path; returns (status, headers, bytes on the wire: head and body)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\n"
        self.writer.write((head + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode())
        await self.writer.drain()
        assert self.reader is not None
        status_line = await self.reader.readline()
        size = len(status_line)
        headers: dict[str, list[str]] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            size += len(line)
            name, _, value = line.decode("latin-1").partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        size += 2
        if "chunked" in ",".join(headers.get("transfer-encoding", [])):
            while (length := int((await self.reader.readline()).split(b";")[0], 16)) > 0:
                size += len(await self.reader.readexactly(length + 2)) + len(f"{length:x}") + 2
            await self.reader.readline()
        else:
            size += len(await self.reader.readexactly(int(headers.get("content-length", ["0"])[0])))
        if "close" in ",".join(headers.get("connection", [])).lower():
            await self.close()
        return int(status_line.split()[1]), headers, size

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def first_run(ws, page: str, out: Arrival, connected: float, started: float) -> None:
    """Ask for the page's first run; note when the first chart arrives and which elements came before it."""
    await ws.send(BackMsg(rerun_script=ClientState(query_string="", page_name=page)).SerializeToString())
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            which = msg.delta.new_element.WhichOneof("type")
            if which == "vega_lite_chart" and out.connect_to_chart != out.connect_to_chart:  # still NaN
                now = time.monotonic()
                out.connect_to_chart, out.arrival_to_chart = (now - connected) * 1000, (now - started) * 1000
            elif out.connect_to_chart != out.connect_to_chart:
                out.before_chart[which] += 1
            if which == "exception":
                out.error = "the page raised an exception"
        elif kind == "script_finished" and ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished) != (
            "FINISHED_EARLY_FOR_RERUN"
        ):
            return


async def arrive(base: str, paths: list[str], page: str, out: Arrival, hold: asyncio.Event) -> None:
    """One arrival at base (http://host:port/prefix): the page, then the websocket beside the static files."""
    parts = urlsplit(base)
    host, port, root = parts.hostname or "127.0.0.1", parts.port or 80, parts.path.rstrip("/")
    started = time.monotonic()
    first = Connection(host, port)
    try:
        status, headers, size = await first.get(f"{root}/")
        if status != 200:
            raise RuntimeError(f"the page answered {status}")
        cookie = "; ".join(c.split(";")[0] for c in headers.get("set-cookie", []) if c.startswith("kca_route="))
        out.requests, out.wire_bytes = 1, size
        queue: asyncio.Queue[str] = asyncio.Queue()
        for path in paths:
            queue.put_nowait(path)

        async def fetcher(conn: Connection) -> None:
            while not queue.empty():
                path = queue.get_nowait()
                status, _, size = await conn.get(f"{root}/{path}", cookie)
                out.requests += 1
                out.wire_bytes += size
            await conn.close()

        async def static() -> None:
            others = [Connection(host, port) for _ in range(CONNECTIONS - 1)]
            await asyncio.gather(*(fetcher(c) for c in [first, *others]))
            out.static_done = (time.monotonic() - started) * 1000

        async def stream() -> None:
            url = f"ws://{host}:{port}{root}/_stcore/stream"
            connected = time.monotonic()
            extra = {"Cookie": cookie} if cookie else {}
            async with connect(url, subprotocols=["streamlit"], origin=f"http://{host}:{port}",
                               additional_headers=extra, max_size=None, compression=None) as ws:  # fmt: skip
                await first_run(ws, page, out, connected, started)
                await hold.wait()  # the session stays open until every arrival has had its first run

        await asyncio.gather(static(), stream())
    except Exception as err:  # noqa: BLE001 - a benchmark reports errors, it does not stop on them
        out.error = f"{type(err).__name__}: {str(err)[:80]}"
    finally:
        await first.close()


def cpu_seconds(processes: list[psutil.Process]) -> float:
    """User and system CPU seconds of the processes that are still running."""
    total = 0.0
    for p in processes:
        with contextlib.suppress(psutil.Error):
            total += sum(p.cpu_times()[:2])
    return total


@dataclass
class Burst:
    """What a burst measured: the arrivals, CPU seconds (the servers', this load generator's), RSS in MB."""

    arrivals: list[Arrival]
    cpu: float
    client_cpu: float
    rss_before: list[float]
    rss_open: list[float]


async def burst(base: str, paths: list[str], page: str, n: int, servers: list[psutil.Process], limit: float) -> Burst:
    """n arrivals at once; each server's RSS is read before and with the arrivals' sessions still open."""
    arrivals = [Arrival() for _ in range(n)]
    hold = asyncio.Event()
    rss_before = [p.memory_info().rss / 2**20 for p in servers]
    me = psutil.Process()
    before, client_before = cpu_seconds(servers), cpu_seconds([me])
    tasks = [asyncio.ensure_future(arrive(base, paths, page, a, hold)) for a in arrivals]
    deadline = time.monotonic() + limit
    # Every arrival has had its first run (or failed): measure memory with the sessions open, then let them go.
    while any(a.arrival_to_chart != a.arrival_to_chart and not a.error for a in arrivals):
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    rss = [p.memory_info().rss / 2**20 for p in servers]
    hold.set()
    await asyncio.wait(tasks, timeout=max(1.0, deadline - time.monotonic()))
    for task in tasks:
        task.cancel()
    return Burst(arrivals, cpu_seconds(servers) - before, cpu_seconds([me]) - client_before, rss_before, rss)


def recorded_paths(url: str) -> list[str]:
    """The files (relative to the app's root) that headless Chromium fetched opening url, the page itself excluded.

    Without Chromium, the files index.html names (the entry script, its preloads, the CSS, the preloaded font).
    """
    from testkit.harness import chromium, chromium_path, wait_until_drawn

    root = url.rstrip("/") + "/"
    if chromium_path() is None:
        import urllib.request

        with urllib.request.urlopen(root, timeout=10) as r:
            html = r.read().decode()
        return list(dict.fromkeys(re.findall(r'(?:src|href)="\./([^"]+)"', html)))
    seen: list[str] = []
    with chromium() as browser:
        page = browser.new_context().new_page()
        page.on("request", lambda r: r.url.startswith(root) and r.resource_type != "websocket" and seen.append(r.url))
        page.goto(root)
        wait_until_drawn(page, timeout_ms=60000)
        page.context.close()
    return [u[len(root) :] for u in dict.fromkeys(seen) if u != root]


def summary(
    label: str, measured: Burst, ws_only: Burst, nginx_cpu: float, log: list, inner: list, replicas: set[str]
) -> dict:
    """The figures of one scenario, as a column of the printed table.

    `ws_only` is a burst of the same arrivals without their static files (the server's part alone); `log` is
    what nginx's front server logged during the full burst, `inner` what its compressing server asked of
    the replicas (an asset the front server had not cached); both empty without nginx. `replicas`: their
    addresses, to tell the front server's requests to a replica from those to its compressing server.
    """
    arrivals = measured.arrivals
    ok = [a for a in arrivals if not a.error]
    connect = [a.connect_to_chart for a in ok]
    whole = [a.arrival_to_chart for a in ok]
    n = max(len(arrivals), 1)
    static = [e for e in log if "/_stcore/stream" not in e["path"]]
    # Through the compressing server, an asset's bytes from a replica are in `inner`.
    direct = [e for e in static if set(e["upstream"].split(", ")) <= replicas]
    from_replicas = sum(int(b) for e in [*direct, *inner] for b in e["upstream_bytes"].split(", ") if b.isdigit())
    wire = statistics.mean(a.wire_bytes for a in ok) / 1024 if ok else float("nan")
    routes = Counter(e["upstream"] for e in log if "/_stcore/stream" in e["path"])
    first_runs = [a.connect_to_chart for a in ws_only.arrivals if not a.error]
    return {
        "scenario": label,
        "arrivals (errors)": f"{len(arrivals)} ({len(arrivals) - len(ok)})",
        "websocket only: p50 ms": statistics.median(first_runs) if first_runs else float("nan"),
        "websocket only: p95 ms": percentile(first_runs, 0.95),
        "connect to chart p50 ms": statistics.median(connect) if connect else float("nan"),
        "connect to chart p95 ms": percentile(connect, 0.95),
        "arrival to chart p50 ms": statistics.median(whole) if whole else float("nan"),
        "arrival to chart p95 ms": percentile(whole, 0.95),
        "static done p95 ms": percentile([a.static_done for a in ok], 0.95),
        "replica CPU ms / arrival": measured.cpu * 1000 / n,
        "nginx CPU ms / arrival": nginx_cpu * 1000 / n if log else float("nan"),
        "load generator CPU ms / arr.": measured.client_cpu * 1000 / n,
        "requests / arrival": statistics.mean(a.requests for a in ok) if ok else float("nan"),
        "KB to viewer / arrival": wire,
        "KB from replicas / arrival": from_replicas / 1024 / n if log else wire,
        "cache hits / arrival": sum(e["cache"] == "HIT" for e in static) / n if log else float("nan"),
        "replica RSS MB before": " ".join(f"{r:.0f}" for r in measured.rss_before),
        "replica RSS MB, sessions open": " ".join(f"{r:.0f}" for r in measured.rss_open),
        "sessions per replica": " ".join(str(v) for v in sorted(routes.values(), reverse=True)) or "-",
    }


def run(n: int, page: str, limit: float) -> list[dict]:
    """Every scenario, on two replicas started once (each warmed first) and a fresh nginx per scenario."""
    work = Path(tempfile.mkdtemp(prefix="kca-arrivals-"))
    cache = work / "cache"
    shutil.copytree(ROOT / "cache" / "data", cache, ignore=shutil.ignore_patterns(".*"))
    results = []
    try:
        with proxy.replicas(2, cache, PREFIX) as (a, b):
            paths = recorded_paths(a.url)
            procs = {r.port: psutil.Process(r.process.pid) for r in (a, b)}
            for r in (a, b):  # the first run of a process loads the cache and builds the charts: not an arrival
                asyncio.run(burst(r.url, paths, page, 1, [], limit))
            ws_only = asyncio.run(burst(a.url, [], page, n, [procs[a.port]], limit))
            measured = asyncio.run(burst(a.url, paths, page, n, [procs[a.port]], limit))
            results.append(summary("1 replica, direct", measured, ws_only, 0.0, [], [], set()))
            for label, ups, cached in (
                ("1 replica, nginx", [a], True),
                ("2 replicas, nginx", [a, b], True),
                ("2 replicas, nginx, no cache", [a, b], False),
            ):
                with proxy.nginx([f"127.0.0.1:{r.port}" for r in ups], PREFIX, cache=cached) as front:
                    asyncio.run(burst(front.url, paths, page, 1, [], limit))  # fills nginx's cache
                    ws_only = asyncio.run(burst(front.url, [], page, n, [], limit))
                    mark, inner_mark = len(proxy.access_log(front.log)), len(proxy.access_log(front.log, "gzip"))
                    nginx_procs = [psutil.Process(p) for p in front.pids()]
                    nginx_before = cpu_seconds(nginx_procs)
                    servers = [procs[r.port] for r in ups]
                    measured = asyncio.run(burst(front.url, paths, page, n, servers, limit))
                    nginx_cpu = cpu_seconds(nginx_procs) - nginx_before
                    time.sleep(0.5)  # the websockets' log lines are written as they close
                    log = proxy.access_log(front.log)[mark:]
                    inner = proxy.access_log(front.log, "gzip")[inner_mark:]
                addresses = {f"127.0.0.1:{r.port}" for r in ups}
                results.append(summary(label, measured, ws_only, nginx_cpu, log, inner, addresses))
            before_chart = next((x.before_chart for x in measured.arrivals if x.before_chart), Counter())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Arrivals: {n} at once on the {page} page, {len(paths)} static files each (recorded from Chromium)")
    print("Before the first chart the page sends: " + ", ".join(f"{v} {k}" for k, v in before_chart.most_common()))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--arrivals", type=int, default=30)
    parser.add_argument("--page", default="overview", help="url path of the page, e.g. dependence")
    parser.add_argument("--limit", type=float, default=120, help="seconds a burst may take")
    args = parser.parse_args(argv)
    if proxy.nginx_path() is None:
        print("no nginx (apt-get install nginx): arrivals benchmark skipped")
        return 0
    results = run(args.arrivals, args.page, args.limit)
    for key in results[0]:
        cells = [r[key] for r in results]
        row = "".join(f"{c:>30.1f}" if isinstance(c, float) else f"{c!s:>30}" for c in cells)
        print(f"{key:<27}{row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
