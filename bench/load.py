"""Many viewers at once: N concurrent headless-Chromium sessions against one server on loopback.

Each session opens a page (arrivals 0.3 s apart); once all are in, each changes the year range K times,
pausing about --think seconds between changes as a reader does. We report p50/p95 time to open, and from a
change to the updated chart, by the page's own clock from the key going down to the rerun's last redraw
(also apart for each page's first change: its browser compiles code it has not run yet), errors, and the
server's memory growth per session. Bounded: N, K and a wall-clock limit.

The browsers run on the same machine as the server, so the end-to-end figures include their own rendering.
To tell the two apart we also report the server's own time per rerun under that load (the app logs it when
KCA_TIMING is set) and how the machine's CPU time was shared between the server and everything else.
--baseline runs the same load against bench/baseline_app.py, the plain one-slider, one-chart Streamlit app:
what this machine gives any Streamlit page with 30 browsers on it.
The browser is chromium-headless-shell when installed (the build Playwright itself runs headless: the same
Blink and V8 without the desktop browser around them, so the load generator takes less of the CPU it shares
with the server), else Debian's full Chromium in headless mode; --browser chooses.
Run: python -m bench.load [--sessions 30] [--changes 5] [--limit 300] [--think 1.0] [--page overview]
                          [--browser shell|chromium] [--baseline]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.async_api import async_playwright

from cache import store
from testkit.harness import (
    APP_IDLE,
    CHANGE_MS,
    CHART,
    CHART_DRAWN,
    CHROMIUM_ARGS,
    EXCEPTION,
    QUIET,
    QUIET_MS,
    SLIDER,
    WATCH,
    chromium_path,
    headless_shell_path,
    percentile,
    server_process,
    streamlit_server,
)

# Shown: (after a change, the page has changed and) the app is idle and every chart has drawn.
SHOWN = """([idle, chart, drawn, change]) => (!change || window.__changed === true) &&
    document.querySelector(idle) !== null && document.querySelectorAll(chart).length > 0 &&
    document.querySelectorAll(chart).length === document.querySelectorAll(drawn).length"""
# Checked every 50 ms. Playwright's default checks on every animation frame, which in 30 pages at once
# would spend the CPU the benchmark is measuring.
POLL_MS = 50


async def shown(page, change: bool = False, timeout: float = 120000) -> None:
    await page.wait_for_function(SHOWN, arg=[APP_IDLE, CHART, CHART_DRAWN, change], polling=POLL_MS, timeout=timeout)


async def change_ms(page, timeout: float = 120000) -> float:
    """Once a change is shown and the page has settled: ms from its key going down to its last redraw."""
    await shown(page, change=True, timeout=timeout)
    await page.wait_for_function(QUIET, arg=QUIET_MS, polling=POLL_MS, timeout=timeout)
    return await page.evaluate(CHANGE_MS)


@dataclass
class Crowd:
    """What the sessions share: arrivals are counted, and nobody changes anything until everyone has arrived."""

    sessions: int
    think: float
    opened: list[float] = field(default_factory=list)  # ms from arrival to the first chart drawn
    # ms from a change to the updated chart: each page's first change, and the others
    firsts: list[float] = field(default_factory=list)
    laters: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    arrived: int = 0
    everyone_in: asyncio.Event = field(default_factory=asyncio.Event)
    cpu_when_in: float = 0.0  # the machine's busy CPU seconds when the last session arrived

    def arrive(self) -> None:
        self.arrived += 1
        if self.arrived >= self.sessions and not self.everyone_in.is_set():
            self.cpu_when_in = busy_seconds()
            self.everyone_in.set()


async def viewer(browser, url: str, changes: int, crowd: Crowd, delay: float = 0) -> None:
    await asyncio.sleep(delay)  # sessions arrive over a few seconds, as viewers of a shared link do
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    arrived = False
    try:
        page = await context.new_page()
        t0 = time.monotonic()
        await page.goto(url, timeout=120000)
        await page.wait_for_selector('[data-testid="stMain"] h1', timeout=120000)
        await shown(page)
        crowd.opened.append((time.monotonic() - t0) * 1000)
        crowd.arrive()
        arrived = True
        await asyncio.wait_for(crowd.everyone_in.wait(), timeout=180)
        slider = page.locator(SLIDER).first
        for i in range(changes):
            # A viewer looks at the chart before the next change; the pauses are spread so changes do not
            # arrive in lockstep.
            await asyncio.sleep(crowd.think * random.uniform(0.5, 1.5))
            await page.evaluate(WATCH)
            await slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")  # the start thumb begins at the minimum
            (crowd.laters if i else crowd.firsts).append(await change_ms(page))
        if await page.locator(EXCEPTION).count():
            crowd.errors.append("exception element on the page")
    except Exception as err:  # noqa: BLE001 - a benchmark reports errors, it does not stop on them
        crowd.errors.append(f"{type(err).__name__}: {str(err).splitlines()[0][:80]}")
    finally:
        if not arrived:
            crowd.arrive()  # a session that failed to open must not hold the others back
        await context.close()


RERUN = re.compile(r"^kca-rerun \S+ ([0-9.]+) ms$", re.MULTILINE)


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    t = psutil.cpu_times()
    return t.user + t.system + getattr(t, "nice", 0) + getattr(t, "irq", 0) + getattr(t, "softirq", 0)


async def run(
    base: str,
    browser_path: str,
    sessions: int,
    changes: int,
    limit: float,
    log_path: Path,
    think: float = 1.0,
    page: str = "",
) -> dict:
    server = server_process(base)
    url = f"{base}/{page.strip('/')}"
    random.seed(0)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        await viewer(browser, url, 1, Crowd(1, 0))  # first load of the cache, outside the measurement
        before = server.memory_info().rss if server else 0
        log_start = log_path.stat().st_size
        server_cpu = sum(server.cpu_times()[:2]) if server else 0.0
        machine_cpu = before_cpu = busy_seconds()
        crowd = Crowd(sessions, think)
        started = time.monotonic()
        tasks = [viewer(browser, url, changes, crowd, delay=i * 0.3) for i in range(sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=limit)
        except TimeoutError:
            crowd.errors.append(f"time limit {limit:.0f} s reached")
        wall = time.monotonic() - started
        after = server.memory_info().rss if server else 0
        server_cpu = (sum(server.cpu_times()[:2]) if server else 0.0) - server_cpu
        machine_cpu = busy_seconds() - machine_cpu
        await browser.close()
    with open(log_path) as log:
        log.seek(log_start)
        reruns = [float(ms) for ms in RERUN.findall(log.read())]
    times = crowd.firsts + crowd.laters
    return {
        "browser": Path(browser_path).name,
        "page": page or "overview",
        "sessions": sessions,
        "changes each": changes,
        "think time s": think,
        "open p50 ms": statistics.median(crowd.opened) if crowd.opened else float("nan"),
        "open p95 ms": percentile(crowd.opened, 0.95),
        "measured changes": len(times),
        "p50 ms": statistics.median(times) if times else float("nan"),
        "p95 ms": percentile(times, 0.95),
        # A page's first change runs code its browser has not compiled yet, and the barrier above makes all 30
        # first changes land within a few seconds: the slowest changes are nearly all first ones.
        "first change p50 ms": statistics.median(crowd.firsts) if crowd.firsts else float("nan"),
        "first change p95 ms": percentile(crowd.firsts, 0.95),
        "later changes p95 ms": percentile(crowd.laters, 0.95),
        "errors": len(crowd.errors),
        "error kinds": sorted(set(crowd.errors)),
        "wall s": wall,
        "server MB growth / session": (after - before) / 2**20 / max(sessions, 1),
        "server reruns": len(reruns),
        "server rerun p50 ms": statistics.median(reruns) if reruns else float("nan"),
        "server rerun p95 ms": percentile(reruns, 0.95),
        "CPU s: server": server_cpu,
        "CPU s: browsers etc.": machine_cpu - server_cpu,
        # Opening 30 pages (Streamlit's JavaScript, compiled anew in each context) costs more than the changes.
        "CPU s: machine, changes": machine_cpu - (crowd.cpu_when_in - before_cpu),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--limit", type=float, default=300, help="wall-clock limit in seconds")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a viewer looks before a change")
    parser.add_argument(
        "--baseline", action="store_true", help="load bench/baseline_app.py (one slider, one chart) instead"
    )
    parser.add_argument("--page", default="", help="url path of the page every session opens (default: Overview)")
    parser.add_argument(
        "--browser", choices=("shell", "chromium"), default="shell", help="chromium-headless-shell, if installed"
    )
    args = parser.parse_args(argv)
    browser_path = (headless_shell_path() if args.browser == "shell" else None) or chromium_path()
    if browser_path is None:
        print("no Chromium found (apt-get install chromium-headless-shell): load benchmark skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "server.log"
        app, env = "dashboard/app.py", {"KCA_TIMING": "1"}
        if args.baseline:
            app, env = "bench/baseline_app.py", {"BASELINE_CSV": str(Path(tmp) / "table.csv")}
            store.load(store.cache_dir())[0].to_csv(env["BASELINE_CSV"], index=False)
        with streamlit_server(app=app, env=env, log_path=log_path) as url:
            result = asyncio.run(
                run(url, browser_path, args.sessions, args.changes, args.limit, log_path, args.think, args.page)
            )
    for key, value in result.items():
        print(f"{key:<28}{value:.1f}" if isinstance(value, float) else f"{key:<28}{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
