"""The region map: the six countries shaded by one indicator in one year, neighbours in grey for context."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from dashboard.i18n import SOURCE, Translator
from dashboard.style import AUTOSIZE, MID_GREY, source_line

BOUNDARIES = Path(__file__).with_name("assets") / "region.geojson"
# Mid greys, drawn see-through, read as context on Streamlit's light and dark backgrounds alike.
NO_DATA = "#9e9e9e"
NEIGHBOUR = MID_GREY


class GeoData:
    """Features behind `__geo_interface__`: Altair then embeds them as a plain dataset (properties flattened)
    instead of validating every coordinate as a schema object, which took most of a second."""

    def __init__(self, features: list[dict]):
        self.__geo_interface__ = {"type": "FeatureCollection", "features": features}


MARGIN = 0.06  # of the selected countries' extent, on every side of the map


@lru_cache(maxsize=1)
def boundaries() -> dict:
    """Natural Earth boundaries (world-atlas 2.0.2), trimmed to the region: see assets/README.md."""
    return json.loads(BOUNDARIES.read_text())


def _bounding_box(features: list[dict]) -> dict:
    """The corners around the features: fitting the projection to them is as good and far cheaper to build."""
    points = [p for f in features for polygon in f["geometry"]["coordinates"] for ring in polygon for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    # A margin around them: at a phone's width the fitted map was drawn a few pixels wider than its box, and
    # Korea, at the eastern edge, was cut off.
    dx, dy = MARGIN * (max(xs) - min(xs)), MARGIN * (max(ys) - min(ys))
    west, east, south, north = min(xs) - dx, max(xs) + dx, min(ys) - dy, max(ys) + dy
    # Corner points, not a polygon: a polygon's winding order decides which side is "inside" on a sphere.
    corners = [[west, south], [east, south], [east, north], [west, north]]
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": corners}}


def _figure(tr: Translator, value: float) -> str:
    """Four significant digits in English (as before), the language's compact form in the others."""
    return format(value, ",.4g") if tr.lang == SOURCE else tr.compact(value)


def region_map(
    rows: pd.DataFrame, entry: dict, *, tr: Translator, year: int, countries: Sequence[str]
) -> alt.LayerChart:
    """A choropleth of one series in one year; a selected country without a figure is grey, not missing."""
    values = rows.set_index("country")["value"].to_dict()
    features = []
    for feature in boundaries()["features"]:
        iso3 = feature["id"]
        props = dict(feature["properties"])
        if props["role"] == "country" and iso3 in countries:
            props.update(
                name=tr.country(iso3),
                value=values.get(iso3),
                unit=entry.get("unit", ""),
                year=year,
                shown="selected",
            )
        else:
            props.update(shown="context")
        features.append({**feature, "properties": props})
    ours = [f for f in features if f["properties"]["shown"] == "selected"] or features
    projection = alt.Projection(type="mercator", fit=_bounding_box(ours))
    data = GeoData(features)
    context = (
        alt.Chart(data)
        .mark_geoshape(fill=NEIGHBOUR, fillOpacity=0.25, stroke=NEIGHBOUR, strokeWidth=0.5, clip=True)
        .transform_filter("datum.shown == 'context'")
    )
    shaded = (
        alt.Chart(data)
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.8, clip=True)
        .encode(
            color=alt.condition(
                "isValid(datum.value)",
                alt.Color("value:Q", title=entry.get("unit"), scale=alt.Scale(scheme="blues")),
                alt.value(NO_DATA),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=tr.t("Country")),
                alt.Tooltip("year:Q", title=tr.t("Year")),
                alt.Tooltip("value:Q", format=",.4~g", title=tr.t("Value")),
                alt.Tooltip("unit:N", title=tr.t("Unit")),
            ],
        )
        .transform_filter("datum.shown == 'selected'")
    )
    known = [f"{tr.country(c)} {_figure(tr, v)}" for c, v in values.items() if c in countries]
    return alt.layer(context, shaded).properties(
        projection=projection,
        width="container",
        height=300,
        autosize=AUTOSIZE,
        title=alt.Title(
            tr.t("{title}, {extra}", title=entry.get("title"), extra=tr.year(year)),
            subtitle=[entry.get("unit", ""), source_line(tr, entry)],
        ),
        description=tr.t(
            "Map of {title} in {year}: {figures}.",
            title=entry.get("title"),
            year=year,
            figures="; ".join(known) or tr.t("no figures"),
        ),
    )
