"""Korean and Russian chart exports draw real glyphs, not empty "tofu" boxes (vl-convert uses the system's fonts)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from dashboard import charts, export, i18n
from dashboard.chart_rows import drawn_rows


def title_band(png: bytes) -> Image.Image:
    """The top of the image, where the chart's title is drawn."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.crop((0, 0, image.width, 60))


def drawn(band: Image.Image) -> int:
    """How many pixels are darker than the background."""
    return sum(band.point(lambda p: 255 if p < 200 else 0).histogram()[255:])


def png_titled(spec: dict, title: str) -> bytes:
    return export.chart_png({**spec, "title": {"text": title, "fontSize": 20}}, scale=1)


@pytest.fixture(scope="module")
def korean_spec(snapshot):
    tr = i18n.translator("ko")
    rows = charts.worded(drawn_rows(snapshot[0], "gas_production", ["KOR", "KAZ"], (2000, 2020)), tr)
    entry = tr.entry("gas_production", snapshot[1]["series"]["gas_production"])
    return charts.time_series(rows, entry, tr=tr, years=(2000, 2020)).to_dict()


@pytest.mark.parametrize(
    "first, second",
    [pytest.param("가나다라마바", "한국석탄가스", id="hangul"), pytest.param("Газуголь", "Нефтьзап", id="cyrillic")],
)
def test_an_export_draws_each_letter_not_the_same_box(korean_spec, first, second):
    blank = title_band(png_titled(korean_spec, ""))
    one, other = title_band(png_titled(korean_spec, first)), title_band(png_titled(korean_spec, second))
    assert drawn(one) > drawn(blank) + 50, "the title drew nothing"
    # Missing glyphs are all the same box: two titles of different letters, same length, would draw the same.
    assert ImageChops.difference(one, other).getbbox() is not None, "every letter drew the same shape: no font"


def test_a_korean_chart_exports_with_its_korean_title(korean_spec):
    assert "건성 천연가스" in korean_spec["title"]["text"]
    svg = export.chart_svg(korean_spec).decode()
    assert "건성 천연가스" in svg
    assert drawn(title_band(export.chart_png(korean_spec, scale=1))) > 100
