"""Downloads: CSV safe for spreadsheets, SVG and PNG rendered from the chart's own spec."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import pytest

from dashboard import export


@pytest.mark.parametrize("cell", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_like_text_is_neutralised(cell):
    data = export.to_csv_bytes(pd.DataFrame({"title": [cell], "value": [1.0]}))
    back = pd.read_csv(io.BytesIO(data))
    assert back["title"].iloc[0] == "'" + cell.strip("\t") or back["title"].iloc[0].startswith("'")


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
