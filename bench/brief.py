"""The PDF brief: the time to make the Overview's (goal: under 3 s), and what a rerun that does not ask for it costs.

Run: python -m bench.brief [--runs 5] [--reruns 20] [--shots DIR]
The brief is made from what the Overview's rerun took (its findings and charts), as the button's callable makes it;
the reruns count the times the brief was made while nobody clicked (it must be 0) and time them beside reruns of
the same page with the button's callable replaced by one that is never built upon (the button alone).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from cache import store
from dashboard import brief, cite, render
from dashboard.i18n import translator

TODAY = date(2026, 12, 4)
APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def overview(lang: str) -> tuple[AppTest, brief.Brief]:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    tr = translator(lang)
    url = "https://energy.example.org/energy/?lang=" + lang
    cited = cite.citation(
        tr, at.title[0].value, cite.sources(tr, cite.held(store.load(store.cache_dir())[1])), url, TODAY
    )
    made = brief.Brief(  # as render.brief_button takes it
        lang=lang,
        title=at.title[0].value,
        site=tr.t(cite.SITE),
        accessed=tr.t("Accessed {date}", date=TODAY.isoformat()),
        findings_heading=tr.t("Key findings"),
        findings=tuple(at.session_state[render.BRIEF_FINDINGS]),
        cite_heading=tr.t("How to cite"),
        citation=cited.text,
        url=url,
        charts=tuple(at.session_state[render.BRIEF_CHARTS]),
    )
    return at, made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="briefs made per language")
    parser.add_argument("--reruns", type=int, default=20, help="reruns of the Overview that do not ask for a brief")
    parser.add_argument("--shots", type=Path, help="write the English and Korean briefs' pages as PNG here")
    args = parser.parse_args(argv)
    print(f"{'language':<10}{'p50 ms':>10}{'max ms':>10}{'pages':>7}{'KB':>7}")
    for lang in ("en", "ko", "ru"):
        _, made = overview(lang)
        times, pdf = [], b""
        for _ in range(args.runs):
            t0 = time.perf_counter()
            pdf = brief.pdf(made)
            times.append((time.perf_counter() - t0) * 1000)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{lang:<10}{statistics.median(times):>10.0f}{max(times):>10.0f}{pages:>7}{len(pdf) / 1024:>7.0f}")
        if args.shots:
            for i, png in enumerate(brief.pngs(made, ppi=110), 1):
                (args.shots / f"brief-overview-{lang}-p{i}.png").write_bytes(png)
    made_count = 0
    real = brief.pdf

    def counted(b: brief.Brief) -> bytes:
        nonlocal made_count
        made_count += 1
        return real(b)

    brief.pdf = counted
    try:
        at, _ = overview("en")
        times = []
        for i in range(args.reruns):
            at.query_params["years"] = f"{1990 + i % 5}-2023"
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        brief.pdf = real
    print(
        f"\nOverview reruns without a click: {args.reruns}, p50 {statistics.median(times):.0f} ms (AppTest), "
        f"briefs made: {made_count}"
    )
    return 0 if made_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
