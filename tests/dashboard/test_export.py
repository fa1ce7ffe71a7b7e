"""Downloads: CSV safe for spreadsheets, SVG and PNG rendered from the chart's own spec."""

from __future__ import annotations

import csv
import io
import re

import altair as alt
import pandas as pd
import pytest

from dashboard import export


def csv_cells(data: bytes) -> list[str]:
    """The first column's cells of a CSV, as a spreadsheet receives them (no type guessing)."""
    return [row[0] for row in list(csv.reader(io.StringIO(data.decode(), newline="")))[1:]]


FORMULAS = {
    "equals": "=1+1",
    "plus": "+cmd",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "tab": "\tx",
    "carriage return": "\rx",
    "space then equals": " =1+1",
    "spaces then plus": "   +cmd",
    "newline then minus": "\n-2+3",
    "no-break space then at": "\u00a0@SUM(A1)",
    "ideographic space then equals": "\u3000=1+1",
    "zero-width space then equals": "\u200b=1+1",
    "byte order mark then equals": "\ufeff=1+1",
    "full-width equals": "＝1+1",
    "full-width plus": "＋cmd",
    "full-width minus": "－2+3",
    "full-width at": "＠SUM(A1)",
    "space then full-width equals": " ＝1+1",
    "small equals": "﹦1+1",
}


@pytest.mark.parametrize("cell", [pytest.param(v, id=k) for k, v in FORMULAS.items()])
def test_a_cell_a_spreadsheet_would_run_is_quoted(cell):
    data = export.to_csv_bytes(pd.DataFrame({"title": [cell], "value": [1.0]}))
    assert csv_cells(data) == ["'" + cell]


@pytest.mark.parametrize("cell", ["x\r=1+1", "x\n=1+1", "x\r\n@SUM(A1)"])
def test_a_line_break_in_a_cell_cannot_start_a_row_of_its_own(cell):
    data = export.to_csv_bytes(pd.DataFrame({"title": [cell, "KOR"], "value": [1.0, 2.0]}))
    assert csv_cells(data) == [cell, "KOR"]


@pytest.mark.parametrize("cell", ["KOR", "a=b", "1-2", "e-mail @ home", "Gas (＝ bcf)", ""])
def test_text_that_is_no_formula_is_left_alone(cell):
    data = export.to_csv_bytes(pd.DataFrame({"title": [cell], "value": [1.0]}))
    assert csv_cells(data) == [cell]


def test_numbers_stay_numbers():
    data = export.to_csv_bytes(pd.DataFrame({"country": ["KOR"], "value": [-1.5]}))
    assert pd.read_csv(io.BytesIO(data))["value"].iloc[0] == -1.5


@pytest.fixture
def chart() -> alt.Chart:
    frame = pd.DataFrame({"year": [2000, 2001], "value": [1.0, 2.0]})
    return (
        alt.Chart(frame).mark_line().encode(x="year:Q", y="value:Q").properties(width="container", title="Gas output")
    )


def test_svg_is_rendered_from_the_spec(chart):
    svg = export.chart_svg(chart)
    assert svg.startswith(b"<svg") and b"Gas output" in svg


def test_png_is_rendered_from_the_spec(chart):
    assert export.chart_png(chart).startswith(b"\x89PNG\r\n\x1a\n")


def test_file_names_are_safe():
    assert export.safe_filename("Net imports, % of use / KOR") == "net-imports-of-use-kor"


LONG_SOURCE = (
    "Источник: расчёт по Международной энергетической статистике EIA США (Зависимость от чистого импорта: "
    "ископаемое топливо (уголь, газ и нефть)) · данные до 2023 г. · опубликовано 2026-01-12 · получено 2026-12-04"
)


@pytest.mark.parametrize(
    "line",
    [pytest.param(LONG_SOURCE, id="ru"), pytest.param("출처: 미국 EIA 국제에너지통계로 산출 " * 4, id="ko")],
)
def test_a_download_keeps_every_source_line_whole_inside_its_width(chart, line):
    """A file is the chart as seen: a source line longer than the file is wide wraps, never runs off the edge."""

    def width(svg: str) -> int:
        return int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1))

    short = export.chart_svg({**chart.to_dict(), "title": {"text": "Title", "subtitle": ["unit"]}}).decode()
    svg = export.chart_svg({**chart.to_dict(), "title": {"text": "Title", "subtitle": ["unit", line]}}).decode()
    assert width(svg) == width(short)  # the line did not widen the file past the chart
    texts = [t for t in re.findall(r">([^<>]+)<", svg) if t.strip()]  # each drawn line (a <text> or <tspan>)
    assert " ".join(line.split()) in " ".join(" ".join(texts).split())  # every word of it, in order
    assert all(export._width(t) <= export.SUBTITLE_COLUMNS for t in texts)


def test_a_download_names_the_page_s_sans_serif_font_so_hangul_is_not_set_in_a_serif_fallback(chart):
    svg = export.chart_svg({**chart.to_dict(), "title": "한국의 에너지 순수입 의존도"}).decode()
    fonts = set(re.findall(r'font-family="([^"]+)"', svg))
    assert fonts == {export.EXPORT_FONT}
