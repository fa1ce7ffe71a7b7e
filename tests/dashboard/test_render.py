"""A chart's spec is built once per distinct input, keyed cheaply, and sent to the browser as Arrow."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest

from catalog import schema
from dashboard import i18n, render

ENTRY = {"title": "Dry natural gas production", "unit": "billion cubic feet", "source": "eia", "code": "26-1-BCF"}
ALL = ["KOR", "KAZ", "UZB", "TKM", "KGZ", "TJK"]


@pytest.fixture
def rows() -> pd.DataFrame:
    frame = pd.DataFrame(
        [("gas", c, y, float(y - 1990) if c == "KOR" else None) for c in ("KOR", "KAZ") for y in range(1990, 2000)],
        columns=["series", "country", "year", "value"],
    ).assign(source="eia", unit="billion cubic feet")
    return schema.conform(frame)


def test_the_key_is_the_same_for_equal_inputs_and_differs_when_anything_drawn_differs(rows):
    key = render.fingerprint(rows, [ENTRY], {"years": (1990, 1999)})
    assert render.fingerprint(rows.copy(), [dict(ENTRY)], {"years": (1990, 1999)}) == key
    changed = rows.copy()
    changed.loc[3, "value"] = 99.0
    assert render.fingerprint(changed, [ENTRY], {"years": (1990, 1999)}) != key
    assert render.fingerprint(rows.rename(columns={"value": "v"}), [ENTRY], {"years": (1990, 1999)}) != key
    assert render.fingerprint(rows, [{**ENTRY, "unit": "bcf"}], {"years": (1990, 1999)}) != key
    assert render.fingerprint(rows, [ENTRY], {"years": (1991, 1999)}) != key
    assert render.fingerprint(rows, [ENTRY, ENTRY], {"years": (1990, 1999)}) != key


def test_the_browser_is_sent_the_same_spec_with_its_rows_as_arrow(rows):
    options = {"years": (1990, 1999)}
    built = render.spec("time_series", render.fingerprint(rows, [ENTRY], options), rows, (ENTRY,), options)
    assert set(built.wire) == set(built.vega)
    assert {k: v for k, v in built.wire.items() if k not in ("datasets", "title")} == {
        k: v for k, v in built.vega.items() if k not in ("datasets", "title")
    }
    # The export keeps its source line in the subtitle; the page shows it as text under the chart instead.
    assert built.sources and built.sources[0].startswith("Source:")
    assert (
        built.sources[0] in built.vega["title"]["subtitle"] and built.sources[0] not in built.wire["title"]["subtitle"]
    )
    assert built.vega["datasets"] and set(built.wire["datasets"]) == set(built.vega["datasets"])
    for name, records in built.vega["datasets"].items():
        sent = built.wire["datasets"][name]
        assert isinstance(sent, bytes)
        decoded = pa.ipc.open_stream(sent).read_all().to_pandas()
        assert decoded.to_dict("records") == pd.DataFrame.from_records(records).to_dict("records")


def test_the_same_key_is_built_once_and_shared(rows):
    options = {"years": (1990, 1999)}
    key = render.fingerprint(rows, [ENTRY], options)
    first = render.spec("time_series", key, rows, (ENTRY,), options)
    assert render.spec("time_series", key, rows.copy(), (ENTRY,), options) is first


def test_map_geometry_stays_in_the_spec_as_streamlit_expects():
    values = pd.DataFrame({"country": ["TKM", "KAZ"], "value": [350.0, 85.0]})
    options = {"year": 2020, "countries": ALL}
    built = render.spec("region_map", render.fingerprint(values, [ENTRY], options), values, (ENTRY,), options)
    geometry = [d for d in built.wire.get("datasets", {}).values() if not isinstance(d, bytes)]
    assert geometry and all("geometry" in feature for feature in geometry[0])


def test_the_staleness_note_names_the_date_it_measured():
    today = date(2026, 12, 1)
    stated = render.staleness(
        i18n.ENGLISH, {"title": "GDP", "last_updated": "2024-01-15", "fetched_at": "2026-11-30T00:00:00Z"}, today
    )
    assert stated.startswith("GDP: the source last updated these figures") and "(2024-01-15)" in stated
    fetched = render.staleness(
        i18n.ENGLISH, {"title": "Gas", "last_updated": None, "fetched_at": "2024-06-01T04:00:00Z"}, today
    )
    assert "were fetched" in fetched and "(2024-06-01)" in fetched and "last updated" not in fetched
    assert render.staleness(i18n.ENGLISH, {"title": "Gas", "fetched_at": "2026-11-01T04:00:00Z"}, today) is None
