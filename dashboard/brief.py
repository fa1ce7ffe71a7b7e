"""A one- or two-page A4 brief of a view as PDF: its findings, its charts as vector graphics with their source lines,
the citation and the link, in the reader's language with its fonts embedded. Pure: no Streamlit.

Composed with Typst (the `typst` wheel: a self-contained compiler, no system libraries), which embeds the Noto CJK
fonts the image and CI install (OpenType CFF in a collection, which ReportLab cannot embed) and places each chart as
the SVG vl-convert writes, so the charts stay vector. Every text reaches Typst as data (`sys.inputs`), never as
markup: nothing a manifest or a title holds can change the document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import typst

from dashboard import export

MAX_CHARTS = 4  # with the findings, two pages of A4 at most (each chart 6.8 cm high)
# The page's sans-serif (Noto Sans CJK's Latin and Cyrillic are Source Sans, Streamlit's own), then fallbacks.
FONTS = ("Noto Sans CJK KR", "Noto Sans", "DejaVu Sans")
TEMPLATE = """#let d = json(bytes(sys.inputs.brief))
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 1.6cm, y: 1.5cm),
  footer: context text(size: 7pt, fill: gray)[#d.site · #counter(page).display("1/1", both: true)])
#set text(font: d.fonts, size: 9.5pt, lang: d.lang)
#set par(justify: false, leading: 0.55em)
#text(size: 16pt, weight: "bold")[#d.title]
#v(2pt)
#text(size: 8pt, fill: gray)[#d.accessed]
#if d.findings.len() > 0 [
  #v(4pt)
  #text(size: 11pt, weight: "bold")[#d.findings_heading]
  #for f in d.findings [- #f]
]
#for c in d.charts [
  #block(breakable: false, above: 10pt)[
    #align(center, image(bytes(c.svg), format: "svg", height: 6.8cm, fit: "contain"))
    #for s in c.sources [#text(size: 7pt, fill: gray)[#s] \\ ]
  ]
]
#v(6pt)
#text(size: 10pt, weight: "bold")[#d.cite_heading]
#v(2pt)
#text(size: 8pt)[#d.citation]
#v(2pt)
#text(size: 8pt)[#link(d.url)[#d.url]]
"""


@dataclass(frozen=True)
class Brief:
    """What a brief holds, all in the reader's language: taken before the click, made on it."""

    lang: str
    title: str
    site: str
    accessed: str  # "Accessed 2026-12-04"
    findings_heading: str
    findings: tuple[str, ...]
    cite_heading: str
    citation: str
    url: str
    charts: tuple[tuple[dict, tuple[str, ...]], ...] = field(default_factory=tuple)  # (Vega-Lite spec, sources)


def pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes (A4, one or two pages)."""
    return _compile(brief, "pdf")


def pngs(brief: Brief, ppi: float = 96) -> list[bytes]:
    """The brief's pages as PNG images, as the PDF lays them out (for docs/)."""
    pages = _compile(brief, "png", ppi)
    return pages if isinstance(pages, list) else [pages]


def _compile(brief: Brief, fmt: str, ppi: float | None = None):
    # In memory, the charts too: the container runs read-only, with no temporary folder to write to.
    charts = [
        # Source lines go under the chart as text; the chart's own subtitle keeps its unit and definitions.
        {"svg": export.chart_svg(_without_sources(vega, sources)).decode(), "sources": list(sources)}
        for vega, sources in brief.charts[:MAX_CHARTS]
    ]
    data = {
        "title": brief.title,
        "site": brief.site,
        "accessed": brief.accessed,
        "lang": brief.lang,
        "fonts": list(FONTS),
        "findings_heading": brief.findings_heading,
        "findings": list(brief.findings),
        "cite_heading": brief.cite_heading,
        "citation": brief.citation,
        "url": brief.url or " ",
        "charts": charts,
    }
    return typst.compile(
        TEMPLATE.encode(), format=fmt, ppi=ppi, sys_inputs={"brief": json.dumps(data, ensure_ascii=False)}
    )


def _without_sources(vega: dict, sources: tuple[str, ...]) -> dict:
    title = vega.get("title")
    if not isinstance(title, dict) or not sources:
        return vega
    subtitle = title.get("subtitle") or []
    subtitle = [subtitle] if isinstance(subtitle, str) else subtitle
    return {**vega, "title": {**title, "subtitle": [s for s in subtitle if s not in sources]}}
