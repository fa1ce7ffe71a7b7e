"""Dashboard speed: cold start to first chart, rerun after a widget change, cache load, server memory.

Measured in headless Chromium against a real `streamlit run`, beside a plain one-file app that reads the
same table from CSV on every rerun (bench/baseline_app.py).
Run: python -m bench.dashboard [--changes 50]
Before and after a change, against our own app in another tree, both served at once and measured in turn, per
page and view (bench/compare_dashboard.py does it; see its docstring):
  git worktree add /tmp/before <commit>
  python -m bench.dashboard --against /tmp/before/dashboard/app.py [--page dependence] [--query countries=KOR,JPN]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cache import store
from testkit.harness import (
    CHANGE_MS,
    CHART_DRAWN,
    DESKTOP,
    QUIET,
    QUIET_MS,
    SLIDER,
    WATCH,
    chromium,
    percentile,
    server_process,
    streamlit_server,
    wait_until_drawn,
)

CHANGES = 50


def server_peak_rss(url: str) -> float:
    """Peak resident memory (MB) of the server serving url (Linux VmHWM; elsewhere its memory now)."""
    proc = server_process(url)
    if proc is None:
        return float("nan")
    status = Path(f"/proc/{proc.pid}/status")
    peak = (
        next((line for line in status.read_text().splitlines() if line.startswith("VmHWM:")), None)
        if status.exists()
        else None
    )
    return int(peak.split()[1]) / 1024 if peak else proc.memory_info().rss / 2**20


def change(page, i: int) -> float:
    """The `i`-th year-range change on a drawn page: its time in ms, from the key going down to the last redraw.

    The change is in once the main area has changed (the slider is in the sidebar), the app is idle with every
    chart drawn, and nothing has moved for a moment; its time is by the page's clock. (Waiting for a "running"
    state instead cost a 2 s timeout whenever a rerun was over before that state could be seen.)
    """
    page.evaluate(WATCH)
    # The start thumb begins at the minimum: one step right, then back, and so on.
    page.locator(SLIDER).first.press("ArrowLeft" if i % 2 else "ArrowRight")
    page.wait_for_function("() => window.__changed === true", timeout=30000)
    wait_until_drawn(page, settle_s=0)
    page.wait_for_function(QUIET, arg=QUIET_MS, timeout=30000)
    return page.evaluate(CHANGE_MS)


def measure(app: str, env: dict[str, str], browser, changes: int = CHANGES) -> dict[str, float]:
    os.environ.update(env)
    started = time.monotonic()
    with streamlit_server(app=app) as url:
        up = time.monotonic()
        page = browser.new_context(viewport=DESKTOP).new_page()
        page.goto(url)
        page.wait_for_selector(CHART_DRAWN, timeout=30000)
        first_chart = time.monotonic() - up
        wait_until_drawn(page)
        times = [change(page, i) for i in range(changes)]
        rss = server_peak_rss(url)
    return {
        "server start s": up - started,
        "first chart s": first_chart,
        "rerun p50 ms": statistics.median(times),
        "rerun p95 ms": percentile(times, 0.95),
        "server peak RSS MB": rss,
    }


PAGES = ("overview", "dependence", "resources", "supply", "cooperation", "sources")


def server_side(changes: int = 12) -> list[tuple[str, float, float]]:
    """Script time of a rerun after a year-range change, per page, in-process (Streamlit's AppTest, whose
    own overhead is included): a new range every time (chart specs built), and a range seen before (cached)."""
    from streamlit.testing.v1 import AppTest

    out = []
    for page in PAGES:
        at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py"), default_timeout=60)
        if page != "overview":
            at.switch_page(f"views/{page}.py")
        at.run()
        fresh, seen = [], []
        for i in range(changes):
            for value, bucket in (((1981 + i, 2025), fresh), ((1980, 2025), seen)):
                at.slider(key="w_years").set_value(value)
                t0 = time.perf_counter()
                at.run()
                bucket.append((time.perf_counter() - t0) * 1000)
        out.append((page, statistics.median(fresh), statistics.median(seen)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=CHANGES, help="year-range changes per app (and view)")
    parser.add_argument("--against", help="another tree's dashboard/app.py: compare ours with it, page by page")
    parser.add_argument(
        "--page",
        action="append",
        help="with --against: a page's url path, repeatable "
        "('' is the Overview; default: the Overview, dependence, resources and supply)",
    )
    parser.add_argument(
        "--query",
        action="append",
        default=[],
        help="with --against: an extra view of each page, given by its URL query (e.g. countries=KOR,JPN), repeatable",
    )
    parser.add_argument("--opens", type=int, default=10, help="with --against: pairs of cold opens per view")
    args = parser.parse_args(argv)
    if args.against:
        from bench import compare_dashboard

        pages = args.page if args.page is not None else list(compare_dashboard.PAGES)
        return compare_dashboard.run(args.against, pages, args.query, args.changes, args.opens)
    if args.page is not None or args.query:
        parser.error("--page and --query compare views with another tree: they need --against")
    t0 = time.perf_counter()
    table, _ = store.load(store.cache_dir())
    load_ms = (time.perf_counter() - t0) * 1000
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "table.csv"
        table.to_csv(csv, index=False)
        with chromium() as browser:
            ours = measure("dashboard/app.py", {}, browser, args.changes)
            base = measure("bench/baseline_app.py", {"BASELINE_CSV": str(csv)}, browser, args.changes)
    print(f"cache load (store.load, cold process): {load_ms:.1f} ms")
    print(f"{'figure':<16}{'ours':>10}{'baseline':>10}")
    for key in ours:
        print(f"{key:<16}{ours[key]:>10.2f}{base[key]:>10.2f}")
    print("\nServer-side rerun after a year-range change (AppTest, p50 ms; includes AppTest's own overhead)")
    print(f"{'page':<14}{'new range':>11}{'seen range':>12}")
    for page, fresh, seen in server_side():
        print(f"{page:<14}{fresh:>11.0f}{seen:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
