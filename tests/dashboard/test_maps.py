"""The region map shades the six countries by the chosen indicator, from a small committed boundary file."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import i18n, maps

ENTRY = {"title": "Gas reserves", "unit": "tcf", "source": "eia", "code": "3-6-TCF", "last_year": 2020}
ALL = ["KOR", "KAZ", "UZB", "TKM", "KGZ", "TJK"]


@pytest.fixture
def spec() -> dict:
    rows = pd.DataFrame({"country": ["TKM", "KAZ"], "value": [350.0, 85.0]})
    return maps.region_map(rows, ENTRY, tr=i18n.ENGLISH, year=2020, countries=ALL).to_dict()


def features(spec: dict) -> list[dict]:
    return spec["datasets"][next(iter(spec["datasets"]))] if "datasets" in spec else spec["data"]["values"]


def test_the_six_countries_are_drawn_with_their_values(spec):
    selected = {f["iso3"]: f for f in features(spec) if f["shown"] == "selected"}
    assert set(selected) == set(ALL)
    assert selected["TKM"]["value"] == 350.0 and selected["KOR"]["value"] is None  # no figure: grey, not dropped


def test_colour_encodes_the_value_and_missing_is_grey(spec):
    shaded = spec["layer"][1]
    assert shaded["encoding"]["color"]["condition"]["field"] == "value"
    assert shaded["encoding"]["color"]["value"] == maps.NO_DATA
    assert {t["field"] for t in shaded["encoding"]["tooltip"]} >= {"name", "value"}


def test_the_map_cites_its_source_and_describes_itself(spec):
    assert "3-6-TCF" in json.dumps(spec["title"]) and "Turkmenistan 350" in spec["description"]


def test_the_boundary_file_is_small_and_its_licence_is_stated():
    assert maps.BOUNDARIES.stat().st_size < 150_000
    readme = (maps.BOUNDARIES.parent / "README.md").read_text()
    assert "world-atlas 2.0.2" in readme and "public domain" in readme and "ISC" in readme


def test_the_map_keeps_its_height_and_its_context_reads_on_light_and_dark(spec):
    assert spec["autosize"]["type"] == "fit-x" and spec["height"] == 300
    context = spec["layer"][0]["mark"]
    assert context["fillOpacity"] < 0.5  # see-through grey: light on white, dark on Streamlit's dark theme


def test_the_map_fits_a_margin_around_the_selected_countries_so_korea_s_east_coast_is_never_cut(spec):
    korea = next(f for f in maps.boundaries()["features"] if f["id"] == "KOR")
    east = max(p[0] for polygon in korea["geometry"]["coordinates"] for ring in polygon for p in ring)
    corners = spec["projection"]["fit"]["geometry"]["coordinates"]
    west_edge, east_edge = min(c[0] for c in corners), max(c[0] for c in corners)
    assert east_edge > east + 0.5 * maps.MARGIN * (east - west_edge)  # room beyond Korea's easternmost point
