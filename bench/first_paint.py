"""What opening a page costs the viewer's browser: ours against Streamlit's one-chart app, measured in pairs.

Both apps run at once and one headless Chromium opens them in turn, in ABBA order, so that a change in the
machine's speed (this 2-core machine's figures drift by a third between minutes) touches both alike; the
ratio within each pair is the figure to compare. Per open, in a fresh browser context:
- to first chart, ms: navigation start to the first chart's marks in the page (the page's own clock);
- main thread to first chart, ms: the renderer's main thread busy up to then (CDP Performance TaskDuration,
  read as soon as the chart is seen, so it includes up to one polling interval of whatever runs next);
- main thread per open, ms, and CPU per open, s: the same thread, and every Chromium process, until the page
  is idle with every chart drawn and one more second (the chart's transitions, the last layout) has passed.
Exact, from the same opens: the elements on the page and the DOM nodes when the first chart is drawn, and the
bytes of scripts, fonts and styles the page had fetched by then.
The ratio column gives the median of the pairs' ratios and, in brackets, their quartiles.
Run: python -m bench.first_paint [--opens 16] [--page supply]
Before and after a change, against our own app at an earlier commit instead of the one-chart app:
  git worktree add /tmp/before <commit> && python -m bench.first_paint --against /tmp/before/dashboard/app.py
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

from testkit.harness import APP_IDLE, CHART, CHART_DRAWN, chromium, percentile, streamlit_server

# Set on the first chart's marks by a MutationObserver installed before any of the page's own scripts run.
FIRST_CHART = """([drawn]) => {
    const seen = () => {
        if (window.__firstChart || !document.querySelector(drawn)) return;
        const at = performance.now();
        const bytes = {};
        for (const r of performance.getEntriesByType('resource')) {
            if (r.responseEnd > at) continue;
            const kind = /\\.woff2?$/.test(r.name) ? 'font' : /\\.js$/.test(r.name) ? 'script'
                : /\\.css$/.test(r.name) ? 'style' : 'other';
            bytes[kind] = (bytes[kind] || 0) + r.encodedBodySize;
        }
        window.__firstChart = {
            at,
            bytes,
            nodes: document.getElementsByTagName('*').length,
            main: document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]').length,
            sidebar: document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stElementContainer"]').length,
        };
    };
    new MutationObserver(seen).observe(document, {subtree: true, childList: true});
}"""
DRAWN = """([idle, chart, drawn]) => document.querySelector(idle) !== null &&
    document.querySelectorAll(chart).length > 0 &&
    document.querySelectorAll(chart).length === document.querySelectorAll(drawn).length"""
SETTLE_S = 1.0
LIMIT_MS = 60000


def chromium_cpu() -> dict[int, float]:
    """CPU seconds of each Chromium process under this one (Playwright's driver starts them), by pid."""
    out = {}
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):  # a process may end while it is read
            if "chrom" in p.name():
                out[p.pid] = sum(p.cpu_times()[:2])
    return out


def main_thread_ms(cdp) -> float:
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return metrics["TaskDuration"] * 1000


def open_once(browser, url: str) -> dict:
    """One page open in a fresh context: its times, its CPU, and what the page held at its first chart."""
    before = chromium_cpu()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(f"({FIRST_CHART})([{CHART_DRAWN!r}])")
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(url)
        page.wait_for_function("() => window.__firstChart", polling=20, timeout=LIMIT_MS)
        to_chart = main_thread_ms(cdp)
        first = page.evaluate("() => window.__firstChart")
        page.wait_for_function(DRAWN, arg=[APP_IDLE, CHART, CHART_DRAWN], polling=100, timeout=LIMIT_MS)
        time.sleep(SETTLE_S)
        whole = main_thread_ms(cdp)
    finally:
        context.close()
    cpu = sum(spent - before.get(pid, 0.0) for pid, spent in chromium_cpu().items())
    return {
        "to first chart, ms": first["at"],
        "main thread to first chart, ms": to_chart,
        "main thread per open, ms": whole,
        "CPU per open, s": cpu,
        "elements at first chart (main)": first["main"],
        "elements at first chart (sidebar)": first["sidebar"],
        "DOM nodes at first chart": first["nodes"],
        **{f"{kind} KB by first chart": size / 1024 for kind, size in sorted(first["bytes"].items())},
    }


def measure(opens: int, page: str, against: str | None = None) -> tuple[dict[str, list[dict]], list[dict]]:
    """`opens` pairs of opens (ours, the other) after one of each to start the browser; ABBA order.

    The other is the one-chart app, or `against`: our app from another tree, opened on the same page.
    """
    from cache import store

    other = "against" if against else "one-chart app"
    runs: dict[str, list[dict]] = {"ours": [], other: []}
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "table.csv"
        store.load(store.cache_dir())[0].to_csv(csv, index=False)
        with (
            streamlit_server(app="dashboard/app.py") as ours,
            streamlit_server(app=against or "bench/baseline_app.py", env={"BASELINE_CSV": str(csv)}) as baseline,
            chromium() as browser,
        ):
            urls = {"ours": f"{ours}/{page}", other: f"{baseline}/{page}" if against else baseline}
            for url in urls.values():  # the first open of each also starts the browser's own processes
                open_once(browser, url)
            for i in range(opens):
                order = list(urls) if i % 2 == 0 else list(urls)[::-1]
                for label in order:
                    runs[label].append(open_once(browser, urls[label]))
    ratios = [{k: a[k] / b[k] for k in a if k in b and b[k]} for a, b in zip(runs["ours"], runs[other], strict=True)]
    return runs, ratios


def quartiles(values: list[float]) -> str:
    """'median (first quartile-third quartile)' of the pairs' ratios."""
    low, mid, high = (percentile(values, share) for share in (0.25, 0.5, 0.75))
    return f"{mid:.2f} ({low:.2f}-{high:.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--opens", type=int, default=16, help="pairs of page opens")
    parser.add_argument("--page", default="", help="url path of our page (the Overview is the root)")
    parser.add_argument("--against", help="another tree's dashboard/app.py to compare with, not the one-chart app")
    args = parser.parse_args(argv)
    runs, ratios = measure(args.opens, args.page, str(Path(args.against).resolve()) if args.against else None)
    other = list(runs)[1]  # the label measure gave the other app
    keys = list(dict.fromkeys(k for rows in runs.values() for row in rows for k in row))
    than = f"ours at {args.against}" if args.against else "the one-chart app"
    print(f"Page opens in headless Chromium: {args.opens} pairs, ours (/{args.page}) and {than}, medians")
    print(f"{'':<36}{'ours':>12}{other:>12}{'ours / ' + other:>24}")
    for key in keys:
        cells = [statistics.median(row.get(key, 0.0) for row in rows) for rows in runs.values()]
        paired = [r[key] for r in ratios if key in r]
        ratio = f"{quartiles(paired):>24}" if paired else ""
        print(f"{key:<36}{cells[0]:>12.1f}{cells[1]:>12.1f}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
