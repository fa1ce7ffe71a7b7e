"""A rerun in each language costs what an English one does: the server's own time for a rerun of a page (AppTest,
in process, caches warm), English beside Korean and Russian. `python -m bench.languages [--reruns N]`."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = ("overview", "supply", "sources")


def rerun_ms(page: str, lang: str, reruns: int) -> float:
    """Median milliseconds of a rerun after the first (which fills the shared caches)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    at.run()
    times = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    assert not at.exception, [e.value for e in at.exception]
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reruns", type=int, default=15)
    args = parser.parse_args(argv)
    print(f"| page | en | ko | ru |  (median ms of {args.reruns} reruns, AppTest in process)")
    print("| --- | --- | --- | --- |")
    for page in PAGES:
        figures = [rerun_ms(page, lang, args.reruns) for lang in ("en", "ko", "ru")]
        print(f"| {page} | " + " | ".join(f"{f:.0f}" for f in figures) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
