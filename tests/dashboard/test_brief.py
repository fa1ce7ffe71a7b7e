"""The PDF brief: it opens, holds the page's findings in the page's language, embeds its fonts, draws its charts
as vector graphics, and ends with the citation and the link."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from dashboard import brief, render


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def overview_brief(open_page, lang: str) -> tuple[brief.Brief, bytes]:
    at = open_page("overview", {"lang": lang})
    at.session_state["cite_page"] = True  # what a click on the sidebar's "Cite this page, or take it as a PDF" does
    at.run()
    findings = tuple(at.session_state[render.BRIEF_FINDINGS])
    charts = tuple(at.session_state[render.BRIEF_CHARTS])
    [button] = at.get("download_button")
    assert button.proto.label == {"en": "Download brief (PDF)", "ko": "요약 보고서 내려받기(PDF)"}.get(
        lang, button.proto.label
    )
    made = brief.Brief(
        lang=lang,
        title=at.title[0].value,
        site="Korea–Central Asia Energy Dashboard",
        accessed="2026-12-04",
        findings_heading="Key findings",
        findings=findings,
        cite_heading="How to cite",
        citation="A citation",
        url="https://energy.example.org/energy/?lang=" + lang,
        charts=charts,
    )
    return made, brief.pdf(made)


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_the_overview_s_brief_holds_its_findings_in_the_language_with_fonts_embedded_and_vector_charts(open_page, lang):
    made, pdf = overview_brief(open_page, lang)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2  # one or two pages of A4
    assert all(
        abs(float(p.mediabox.width) - 595.3) < 1 and abs(float(p.mediabox.height) - 841.9) < 1 for p in reader.pages
    )
    text = squeeze("".join(p.extract_text() for p in reader.pages))
    assert made.findings and all(squeeze(f)[:60] in text for f in made.findings), made.findings[0]
    assert squeeze(made.url) in text
    fonts, images = set(), 0
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
        for xobject in resources.get("/XObject", {}).values():
            assert xobject.get_object()["/Subtype"] == "/Form"  # the charts are drawn, not pasted as pictures
            images += 1
    assert any("NotoSansCJK" in f for f in fonts), fonts
    assert images >= len(made.charts) >= 1


def test_a_title_or_finding_cannot_change_the_document(open_page):
    made, _ = overview_brief(open_page, "en")
    hostile = brief.Brief(
        **{**made.__dict__, "title": '#import "x": y ] #pagebreak() \\" $x$', "findings": ("*a* #b",)}
    )
    reader = PdfReader(io.BytesIO(brief.pdf(hostile)))
    assert "#pagebreak()" in reader.pages[0].extract_text() and "*a* #b" in reader.pages[0].extract_text()


@pytest.mark.parametrize("page", ["dependence", "resources", "supply", "cooperation", "trade", "sources"])
def test_every_page_s_brief_fits_one_or_two_pages_and_holds_its_first_charts_source_lines(open_page, page):
    at = open_page(page, {"lang": "ru"})
    charts = tuple(at.session_state[render.BRIEF_CHARTS])
    made = brief.Brief(
        lang="ru",
        title=at.title[0].value,
        site="s",
        accessed="2026-12-04",
        findings_heading="h",
        findings=tuple(at.session_state[render.BRIEF_FINDINGS]),
        cite_heading="c",
        citation="c",
        url="https://x.org/",
        charts=charts,
    )
    reader = PdfReader(io.BytesIO(brief.pdf(made)))
    assert 1 <= len(reader.pages) <= 2, (page, len(charts))
    text = squeeze("".join(p.extract_text() for p in reader.pages))
    for _, sources in charts[: brief.MAX_CHARTS]:
        assert all(squeeze(line)[:50] in text for line in sources)
