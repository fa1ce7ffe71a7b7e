"""A real `streamlit run` server and a real headless Chromium, for end-to-end tests, benchmarks and screenshots."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# What Streamlit's own end-to-end tests wait on: the script has finished and the websocket is up.
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
CHART = '[data-testid="stVegaLiteChart"]'
CHART_DRAWN = '[data-testid="stVegaLiteChart"] svg.marks'
SLIDER = '[data-testid="stSlider"] input[type="range"]'  # the years slider's thumbs, the start first
EXCEPTION = '[data-testid="stException"]'
NAV_LINK = '[data-testid="stSidebarNavLink"]'
PAGE_TITLE = '[data-testid="stMain"] h1'
# Watches the next change by the page's own clock: when its key went down, and when the frame after the
# rerun's last change to the main area was painted (a frame, then a task: the usual next-paint
# approximation). The chart's redraw is such a change, whether the chart is built anew or has its data
# swapped in, so the time from one to the other is the change's full time as the viewer sees it, free of
# the benchmark's polling and of Playwright's round trips.
WATCH = """() => { window.__watch?.disconnect(); window.__changed = false; window.__last = null;
    window.__pressed = null; window.__painting = false;
    window.addEventListener('keydown', e => { window.__pressed ??= e.timeStamp; }, {capture: true, once: true});
    window.__watch = new MutationObserver(() => {
        window.__changed = true;
        if (window.__painting) return;
        window.__painting = true;
        requestAnimationFrame(() => setTimeout(() => {
            window.__painting = false;
            window.__last = performance.now();
        }));
    });
    window.__watch.observe(document.querySelector('[data-testid="stMain"]'), {subtree: true, childList: true,
                                                                            attributes: true}); }"""
# The main area has not changed for `ms`: the rerun's last change is in.
QUIET = "(ms) => !window.__painting && window.__last !== null && performance.now() - window.__last >= ms"
QUIET_MS = 300
CHANGE_MS = "() => window.__last - window.__pressed"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank); NaN when there are none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def server_process(url: str):
    """The `streamlit run` process serving url (a psutil.Process), or None."""
    import psutil

    port = url.rsplit(":", 1)[1]
    for proc in psutil.process_iter(["cmdline"]):
        cmd = " ".join(proc.info["cmdline"] or [])
        if "streamlit" in cmd and f"--server.port {port}" in cmd:
            return proc
    return None


def _first_existing(*candidates: str | None) -> str | None:
    return next((c for c in candidates if c and Path(c).exists()), None)


def chromium_path() -> str | None:
    """Debian's Chromium, or $CHROMIUM, or None."""
    return _first_existing(os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"))


def headless_shell_path() -> str | None:
    """Debian's chromium-headless-shell (what Playwright itself runs for headless Chromium), or None."""
    return _first_existing(os.environ.get("CHROMIUM_HEADLESS_SHELL"), "/usr/bin/chromium-headless-shell")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(
    cache_dir: Path | None = None,
    app: str = "dashboard/app.py",
    timeout: float = 60,
    options: dict | None = None,
    env: dict | None = None,
    log_path: Path | None = None,
) -> Iterator[str]:
    """Run `streamlit run` on a free loopback port until the block ends; yields the base URL.

    `options` are extra Streamlit config options, e.g. {"theme.base": "dark"}; `env` extra environment
    variables; `log_path` keeps the server's output there (otherwise in a temporary file).
    """
    port = free_port()
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if cache_dir is not None:
        env["CACHE_DIR"] = str(cache_dir)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    for name, value in (options or {}).items():
        command += [f"--{name}", str(value)]
    # The server's output goes to a file: an unread pipe would block a chatty server.
    log = open(log_path, "w+") if log_path else tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextmanager
def chromium() -> Iterator:
    """A headless Debian Chromium driven by Playwright (its pip package ships only the driver)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("no Chromium found (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_drawn(page, timeout_ms: float = 30000, settle_s: float = 0.9) -> int:
    """Wait until the page's script has run, the app is idle, and every chart has drawn; return the chart count.

    Charts mount a moment after the script finishes (Vega is loaded lazily), so "drawn" means: the app is idle
    and the number of charts, all with their marks, has not changed for `settle_s` seconds.
    """
    # Before the first run the app already reads "notRunning": wait for the page's own title first.
    page.wait_for_selector(PAGE_TITLE, timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    stable_since, last = None, None
    while time.monotonic() < deadline:
        state = page.evaluate(
            """([idle, chart, drawn]) => [document.querySelector(idle) !== null,
                   document.querySelectorAll(chart).length, document.querySelectorAll(drawn).length]""",
            [APP_IDLE, CHART, CHART_DRAWN],
        )
        ready = state[0] and state[1] == state[2]
        if ready and state == last:
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since >= settle_s:
                return int(state[1])
        else:
            stable_since = None
        last = state
        time.sleep(0.1)
    raise TimeoutError(f"the page did not settle within {timeout_ms / 1000:.0f} s (idle, charts, drawn: {last})")


def page_urls(page, base: str) -> list[str]:
    """Every page of the app, as the navigation lists them."""
    page.goto(base)
    page.wait_for_selector(APP_IDLE, timeout=30000)
    hrefs = page.eval_on_selector_all(NAV_LINK, "els => els.map(e => e.href)")
    return list(dict.fromkeys(hrefs)) or [base]
