"""Many viewers at once: N concurrent headless-Chromium sessions against one server on loopback.

Each session opens a page and changes the year range K times; we report p50/p95 time from a change to the
updated chart, errors, and the server's memory growth per session. Bounded: N, K and a wall-clock limit.
Run: python bench/load.py [--sessions 30] [--changes 5] [--limit 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from bench.harness import (  # noqa: E402
    APP_IDLE,
    CHART,
    CHART_DRAWN,
    CHROMIUM_ARGS,
    EXCEPTION,
    chromium_path,
    streamlit_server,  # noqa: E402
)

SLIDER = '[data-testid="stSlider"] input[type="range"]'
DRAWN_ALL = """([chart, drawn]) => document.querySelectorAll(chart).length > 0 &&
    document.querySelectorAll(chart).length === document.querySelectorAll(drawn).length"""


def server_process(url: str) -> psutil.Process | None:
    port = url.rsplit(":", 1)[1]
    for proc in psutil.process_iter(["cmdline"]):
        cmd = " ".join(proc.info["cmdline"] or [])
        if "streamlit" in cmd and f"--server.port {port}" in cmd:
            return proc
    return None


WATCH = """() => { window.__changed = false;
    new MutationObserver(() => { window.__changed = true; })
        .observe(document.querySelector('[data-testid="stMain"]'), {subtree: true, childList: true,
                                                                  attributes: true}); }"""


async def idle(page, timeout: float = 120000) -> None:
    await page.wait_for_selector(APP_IDLE, timeout=timeout)
    await page.wait_for_function(DRAWN_ALL, arg=[CHART, CHART_DRAWN], timeout=timeout)


async def viewer(browser, url: str, changes: int, times: list[float], errors: list[str], delay: float = 0) -> None:
    await asyncio.sleep(delay)  # sessions arrive over a few seconds, as viewers of a shared link do
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(url, timeout=120000)
        await page.wait_for_selector('[data-testid="stMain"] h1', timeout=120000)
        await idle(page)
        slider = page.locator(SLIDER).first
        for i in range(changes):
            await page.evaluate(WATCH)  # the change counts as shown once the page has changed and settled
            t0 = time.monotonic()
            await slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")  # the start thumb begins at the minimum
            await page.wait_for_function("() => window.__changed === true", timeout=120000)
            await idle(page)
            times.append((time.monotonic() - t0) * 1000)
        if await page.locator(EXCEPTION).count():
            errors.append("exception element on the page")
    except Exception as err:  # noqa: BLE001 - a benchmark reports errors, it does not stop on them
        errors.append(f"{type(err).__name__}: {str(err).splitlines()[0][:80]}")
    finally:
        await context.close()


async def run(url: str, sessions: int, changes: int, limit: float) -> dict:
    server = server_process(url)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        warm: list[float] = []
        await viewer(browser, url, 1, warm, [])  # first load of the cache, outside the measurement
        before = server.memory_info().rss if server else 0
        times: list[float] = []
        errors: list[str] = []
        started = time.monotonic()
        tasks = [viewer(browser, url, changes, times, errors, delay=i * 0.3) for i in range(sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=limit)
        except TimeoutError:
            errors.append(f"time limit {limit:.0f} s reached")
        wall = time.monotonic() - started
        after = server.memory_info().rss if server else 0
        await browser.close()
    ordered = sorted(times) or [float("nan")]
    return {
        "sessions": sessions,
        "changes each": changes,
        "measured changes": len(times),
        "p50 ms": statistics.median(ordered),
        "p95 ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "errors": len(errors),
        "error kinds": sorted(set(errors)),
        "wall s": wall,
        "server MB growth / session": (after - before) / 2**20 / max(sessions, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--limit", type=float, default=300, help="wall-clock limit in seconds")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("no Chromium found (apt-get install chromium): load benchmark skipped")
        return 0
    with streamlit_server() as url:
        result = asyncio.run(run(url, args.sessions, args.changes, args.limit))
    for key, value in result.items():
        print(f"{key:<28}{value:.1f}" if isinstance(value, float) else f"{key:<28}{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
