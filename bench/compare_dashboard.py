"""Dashboard speed, ours against our app in another tree, in one run.

Run: python -m bench.dashboard --against TREE/dashboard/app.py [--page NAME ...] [--query STR ...] [--changes N]

Both apps are served at once and one headless Chromium drives them in turn, in ABBA order, so that a change in
the machine's speed touches both alike; the figure to compare is the ratio within each pair. Per view (a page at
its default URL, and the same page with each `--query`):
- first chart, ms: a cold open (a fresh browser context, so a new session) from navigation start to the first
  chart's marks in the page, by the page's own clock (bench/first_paint.py's observer); `--opens` pairs. Each
  view is opened once on each app before any is measured, so each server has already built that view once;
- rerun, ms: the year slider moved one step on one open page of each app, `--changes` pairs, each timed as
  bench/dashboard.py times it (key down to the main area's last redraw, by the page's clock).
The ratio column is the median of the pairs' ratios, ours / against, with their quartiles in brackets; on the
p95 row it is the ratio of the two p95s. Each app reads its own tree's cache/data unless $CACHE_DIR is set.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.dashboard import change, server_peak_rss
from bench.first_paint import FIRST_CHART, LIMIT_MS, quartiles
from testkit.harness import CHART_DRAWN, DESKTOP, chromium, percentile, streamlit_server, wait_until_drawn

PAGES = ("", "dependence", "resources", "supply")  # "" is the Overview
NOTICE = "were not understood"  # the link notice (state.Params.notice), in English, Chromium's default


def view_url(base: str, page: str, query: str) -> str:
    return f"{base}/{page}" + (f"?{query.lstrip('?')}" if query.lstrip("?") else "")


def first_chart_ms(browser, url: str) -> float:
    """One cold open: ms from navigation start to the first chart's marks. Closed once the page has settled,
    so that no rerun of this session is still running on the server when the next open starts."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.add_init_script(f"({FIRST_CHART})([{CHART_DRAWN!r}])")
        page.goto(url)
        page.wait_for_function("() => window.__firstChart", polling=20, timeout=LIMIT_MS)
        at = page.evaluate("() => window.__firstChart.at")
        wait_until_drawn(page, timeout_ms=LIMIT_MS, settle_s=0.3)
        return at
    finally:
        context.close()


def measure_view(browser, urls: dict[str, str], changes: int, opens: int) -> dict[str, dict]:
    """For each app (label -> the view's URL): its cold opens, its reruns, its charts and whether it gave notice."""
    out = {label: {"first chart ms": [], "rerun ms": []} for label in urls}
    labels = list(urls)
    for url in urls.values():  # unmeasured: the server builds the view once, the browser starts its processes
        first_chart_ms(browser, url)
    for i in range(opens):
        for label in labels if i % 2 == 0 else labels[::-1]:
            out[label]["first chart ms"].append(first_chart_ms(browser, urls[label]))
    contexts = {label: browser.new_context(viewport=DESKTOP) for label in labels}
    try:
        pages = {label: context.new_page() for label, context in contexts.items()}
        for label, page in pages.items():
            page.goto(urls[label])
            out[label]["charts"] = wait_until_drawn(page, timeout_ms=LIMIT_MS)
            out[label]["notice"] = page.get_by_text(NOTICE).count() > 0
        for i in range(changes):
            for label in labels if i % 2 == 0 else labels[::-1]:
                out[label]["rerun ms"].append(change(pages[label], i))
    finally:
        for context in contexts.values():
            context.close()
    return out


def paired(ours: list[float], other: list[float]) -> str:
    return quartiles([a / b for a, b in zip(ours, other, strict=True) if b])


def report(label: str, runs: dict[str, dict]) -> list[str]:
    ours, other = runs["ours"], runs["against"]
    flags = ", ".join(
        f"{name}: {r['charts']} charts{', link notice' if r['notice'] else ''}" for name, r in runs.items()
    )
    lines = [f"/{label}  ({flags})"]
    key = "first chart ms"
    cells = [(key, *(statistics.median(r[key]) for r in (ours, other)), paired(ours[key], other[key]))]
    p50 = [statistics.median(r["rerun ms"]) for r in (ours, other)]
    cells.append(("rerun p50 ms", *p50, paired(ours["rerun ms"], other["rerun ms"])))
    p95 = [percentile(r["rerun ms"], 0.95) for r in (ours, other)]
    cells.append(("rerun p95 ms", *p95, f"{p95[0] / p95[1]:.2f}" if p95[1] else ""))
    lines += [f"  {name:<20}{a:>10.0f}{b:>10.0f}{ratio:>22}" for name, a, b, ratio in cells]
    return lines


def run(against: str, pages: list[str], queries: list[str], changes: int, opens: int) -> int:
    """Measure every page's default view and its `queries` on both apps, and print the table."""
    against = str(Path(against).resolve())
    views = [(page, query) for page in pages for query in ["", *queries]]
    results = {}
    with (
        streamlit_server(app="dashboard/app.py") as ours,
        streamlit_server(app=against) as other,
        chromium() as browser,
    ):
        for page, query in views:
            urls = {"ours": view_url(ours, page, query), "against": view_url(other, page, query)}
            results[view_url("", page, query).lstrip("/")] = measure_view(browser, urls, changes, opens)
        rss = [server_peak_rss(url) for url in (ours, other)]
    print(
        f"Dashboard, ours against ours at {against}, both served at once: per view {opens} pairs of cold opens "
        f"and {changes} pairs of year-range reruns, alternating (ABBA)"
    )
    print(f"  {'':<20}{'ours':>10}{'against':>10}{'ours / against':>22}")
    for label, runs in results.items():
        print("\n".join(report(label, runs)))
    print(f"server peak RSS MB, whole run: ours {rss[0]:.0f}, against {rss[1]:.0f}")
    return 0
