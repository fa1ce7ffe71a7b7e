"""End to end: a real `streamlit run` on the committed snapshot, in real headless Chromium."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard import i18n
from testkit.harness import (
    CHART,
    DESKTOP,
    EXCEPTION,
    PHONE,
    SLIDER,
    WATCH,
    chromium,
    chromium_path,
    page_urls,
    streamlit_server,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# The app's background and the fill of every text drawn inside a chart (labels, titles, annotations).
CHART_TEXT = """() => [getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor,
    Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks text'),
               t => t.getAttribute('fill') || getComputedStyle(t).fill)]"""
# Marks every chart's drawing; after a change, says which drawings are the same elements (not built anew).
MARK = "() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg.marks').forEach(s => s.__kept = true)"
KEPT = "() => Array.from(document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg.marks'), s => !!s.__kept)"
NAMED = {"black": (0, 0, 0), "white": (255, 255, 255)}


def rgb(color: str) -> tuple[int, int, int]:
    """'#abc', '#aabbcc', 'rgb(1, 2, 3)' or a few names, as an (r, g, b) triple."""
    color = color.strip().lower()
    if color in NAMED:
        return NAMED[color]
    if color.startswith("#"):
        digits = color[1:] if len(color) == 7 else "".join(c * 2 for c in color[1:4])
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    r, g, b = (int(float(v)) for v in color[color.index("(") + 1 : color.index(")")].split(",")[:3])
    return r, g, b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(color: str) -> float:
        channels = [c / 255 for c in rgb(color)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def illegible_chart_text(page) -> list[tuple[str, float]]:
    """Text colours in the page's charts with less than 3:1 contrast (WCAG's floor for graphics) on its background."""
    background, fills = page.evaluate(CHART_TEXT)
    ratios = {fill: contrast(fill, background) for fill in set(fills)}
    return [(fill, round(ratio, 2)) for fill, ratio in ratios.items() if ratio < 3.0]


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium at /usr/bin/chromium: .ci/run must install it")
        pytest.skip("no Chromium found (apt-get install chromium); browser tests skipped")
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


def test_every_page_draws_its_charts_without_an_exception_at_desktop_and_phone_width(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    urls = page_urls(context.new_page(), server)
    assert len(urls) >= 6, urls
    drawn = {}
    for url in urls:
        name = url.rstrip("/").rsplit("/", 1)[-1] if url.rstrip("/") != server else "overview"
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_context(viewport=viewport).new_page()
            page.goto(url)
            drawn[(name, label)] = wait_until_drawn(page)
            assert page.locator(EXCEPTION).count() == 0, f"exception on {name} ({label})"
            assert not illegible_chart_text(page), f"chart text too faint on {name}: {illegible_chart_text(page)}"
            page.screenshot(path=str(SCREENSHOTS / f"{name or 'overview'}-{label}.png"), full_page=True)
            page.context.close()
    charted = [key for key, n in drawn.items() if n > 0]
    assert len(charted) >= 2 * 5, f"pages without charts: {[k for k, n in drawn.items() if n == 0]}"


def test_charts_are_legible_in_the_dark_theme(browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(options={"theme.base": "dark"}) as server:
        context = browser.new_context(viewport=DESKTOP)
        urls = page_urls(context.new_page(), server)
        texts = 0
        for url in urls:
            name = url.rstrip("/").rsplit("/", 1)[-1] if url.rstrip("/") != server else "overview"
            page = context.new_page()
            page.goto(url)
            wait_until_drawn(page)
            background, fills = page.evaluate(CHART_TEXT)
            assert contrast(background, "#ffffff") > 10, f"{name} is not in the dark theme: background {background}"
            assert not illegible_chart_text(page), f"chart text too faint on dark {name}: {illegible_chart_text(page)}"
            texts += len(fills)
            page.screenshot(path=str(SCREENSHOTS / f"{name or 'overview'}-dark.png"), full_page=True)
            page.close()
        assert texts > 100, "the charts drew almost no text: nothing was checked"
        context.close()


def test_a_chart_downloads_exactly_its_drawn_rows_as_csv_and_itself_as_svg(browser, server):
    page = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    page.goto(f"{server}/cooperation?area=climate&countries=KOR,KAZ&years=2000-2010")
    wait_until_drawn(page)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Table, downloads and citation").first
    expander.get_by_text("Table, downloads and citation").click()
    files = {}
    for kind in ("CSV", "SVG"):
        with page.expect_download(timeout=30000) as download:
            expander.get_by_role("button", name=kind, exact=True).click()
        files[kind] = Path(download.value.path()).read_text()
    rows = list(csv.DictReader(io.StringIO(files["CSV"])))
    assert rows and {r["name"] for r in rows} <= {"South Korea", "Kazakhstan"} and "country" not in rows[0]
    assert all(2000 <= int(r["year"]) <= 2010 for r in rows)  # drawn rows only (a gap inside a line is blank)
    # The CSV keeps the full figures (the table rounds them for reading).
    assert any(len(r["value"].replace(".", "").replace("-", "").lstrip("0")) > 4 for r in rows if r["value"])
    assert files["SVG"].lstrip().startswith("<svg") and "Kazakhstan" in files["SVG"]
    page.context.close()


def test_a_new_year_range_swaps_the_charts_data_in_without_building_them_anew(browser, server):
    # Streamlit's browser side keeps a chart and swaps its data in when only the data changed; a new spec
    # would rebuild all five charts (a quarter of a change's rendering) and replace their drawings.
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{server}/dependence?years=2007-2020")
    charts = wait_until_drawn(page)
    event = "2007 1st Forum"
    assert charts == 5 and event in page.locator(CHART).first.text_content()
    page.evaluate(MARK)
    page.evaluate(WATCH)
    page.locator(SLIDER).first.press("ArrowRight")  # 2008-2020: the 2007 Forum leaves every chart
    page.wait_for_function("() => window.__changed === true", timeout=30000)
    assert wait_until_drawn(page) == 5
    assert event not in page.locator(CHART).first.text_content()
    assert page.evaluate(KEPT) == [True] * 5
    page.context.close()


PATHS = {  # every path the app has ever used, and the title of the page it opens
    "": "Korea's energy needs and Central Asia's supply",
    "overview": "Korea's energy needs and Central Asia's supply",
    "dependence": "Korea's import dependence",
    "resources": "Central Asia's resources",
    "supply": "Supply and demand",
    "cooperation": "Cooperation areas",
    "sources": "Data and sources",
}


def test_every_page_address_the_app_has_used_opens_its_page(browser, server):
    page = browser.new_context(viewport=DESKTOP).new_page()
    for path, title in PATHS.items():
        page.goto(f"{server}/{path}")
        wait_until_drawn(page)
        assert page.get_by_text("Page not found").count() == 0, f"/{path} opened 'Page not found'"
        assert page.locator("h1").first.text_content().strip() == title, f"/{path}"
    page.context.close()


RADIOS = """() => Array.from(document.querySelectorAll('[data-testid="stRadio"] input'),
    i => [i.closest('label').innerText.trim(), i.checked])"""
TAGS = "() => Array.from(document.querySelectorAll('[data-testid=\"stMultiSelect\"] span[title]'), t => t.title)"


@pytest.mark.parametrize("lang, name", [("ko", "한국어"), ("ru", "Русский")])
def test_switching_the_language_keeps_every_choice_and_shows_it_in_the_new_language(browser, server, lang, name):
    tr = i18n.translator(lang)
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{server}/supply?fuel=gas&measure=energy&exporters=KAZ,TKM")
    wait_until_drawn(page)
    assert [label for label, checked in page.evaluate(RADIOS) if checked] == [
        "Dry natural gas",
        "Energy content (quad Btu)",
    ]
    page.get_by_text(name, exact=True).first.click()
    wait_until_drawn(page)
    checked = [label for label, on in page.evaluate(RADIOS) if on]
    assert checked == [tr.pt("fuel label", "Dry natural gas"), tr.t("Energy content (quad Btu)")], checked
    assert page.evaluate(TAGS) == [tr.country("KAZ"), tr.country("TKM")]
    assert "fuel=gas" in page.url and "measure=energy" in page.url and f"lang={lang}" in page.url
    page.context.close()


def checked_radios(page) -> list[str]:
    return [label for label, on in page.evaluate(RADIOS) if on]


def test_back_and_forward_walk_the_views_and_every_radio_shows_its_choice(browser, server):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{server}/supply")
    wait_until_drawn(page)
    views = [checked_radios(page)]
    for choice in ("Coal", "Dry natural gas", "Energy content (quad Btu)"):
        page.get_by_text(choice, exact=True).first.click()
        wait_until_drawn(page)
        views.append(checked_radios(page))
    # After a fuel change its measure shows as selected (its labels changed with the fuel).
    assert views[1] == ["Coal", "Physical units: kst"] and views[2] == ["Dry natural gas", "Physical units: bcf"]
    assert views[3] == ["Dry natural gas", "Energy content (quad Btu)"]
    page.go_back()
    wait_until_drawn(page)
    assert checked_radios(page) == views[2] and "measure=physical" in page.url
    page.go_back()
    wait_until_drawn(page)
    assert checked_radios(page) == views[1] and "fuel=coal" in page.url
    page.go_forward()
    wait_until_drawn(page)
    assert checked_radios(page) == views[2] and "fuel=gas" in page.url
    page.context.close()


CUT_LABELS = """() => Array.from(
    document.querySelectorAll('[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *')
).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_no_headline_label_is_cut_at_desktop_width(browser, server, lang):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{server}/?lang={lang}")
    wait_until_drawn(page)
    assert page.locator('[data-testid="stMetricLabel"]').count() >= 7
    assert page.evaluate(CUT_LABELS) == []
    page.context.close()


def test_the_brief_button_gives_a_pdf_of_the_page(browser, server):
    page = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    page.goto(f"{server}/?lang=ko")
    wait_until_drawn(page)
    page.get_by_text("이 페이지 인용하기 또는 PDF로 받기").click()  # the sidebar's expander
    # Clicked while the rerun that draws it still runs, the button can ask for a file that rerun's end replaces.
    wait_until_drawn(page, timeout_ms=60000)
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name="요약 보고서 내려받기(PDF)").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF") and download.value.suggested_filename.endswith(".pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "한국" in text and "http" in text
    page.context.close()
