"""The flows table beside the series: written with them atomically, read only as the manifest names it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cache import flows, store
from cache.errors import CorruptCache
from catalog import schema


def series_table() -> pd.DataFrame:
    return schema.conform(
        pd.DataFrame(
            {"source": ["eia"], "series": ["x"], "country": ["KOR"], "year": [2020], "value": [1.0], "unit": ["u"]}
        )
    )


def flows_table(weight: float = 11_600_000_000.0) -> pd.DataFrame:
    rows = [
        ("korea_imports", "KOR", "QAT", "Qatar", "271111", "M", 2017, weight, "netWgt", 4.2e9),
        ("korea_imports", "KOR", "WLD", "World", "271111", "M", 2017, 37.6e9, "netWgt", 15.6e9),
        ("korea_imports", "KOR", "OMN", "Oman", "271111", "M", 2017, math.nan, "", math.nan),
    ]
    return pd.DataFrame(rows, columns=[*flows.trade.FLOW_COLUMNS])


MANIFEST = {"series": {"x": {"title": "X", "unit": "u"}}, "flows": {"source": "comtrade", "status": "ok"}}


def test_flows_round_trip_with_their_provenance_and_checksum(tmp_path):
    store.write(tmp_path, series_table(), MANIFEST, flows_table())
    got, manifest = store.load_flows(tmp_path)
    pd.testing.assert_frame_equal(got, flows.conform(flows_table()))
    entry = manifest["flows"]
    assert entry["status"] == "ok" and entry["rows"] == 3 and entry["file"] == flows.FLOWS_FILE
    assert entry["sha256"] == store.sha256((tmp_path / flows.FLOWS_FILE).read_bytes())
    assert math.isnan(got.loc[got["partner"] == "OMN", "weight_kg"].iloc[0])  # no figure stays no figure


def test_writing_the_same_flows_again_changes_nothing(tmp_path):
    assert store.write(tmp_path, series_table(), MANIFEST, flows_table())
    assert not store.write(tmp_path, series_table(), MANIFEST, flows_table())


def test_without_flows_the_cache_holds_none_and_a_left_out_source_takes_its_file_away(tmp_path):
    store.write(tmp_path, series_table(), MANIFEST, flows_table())
    store.write(tmp_path, series_table(), MANIFEST, None)
    got, manifest = store.load_flows(tmp_path)
    assert got.empty and "flows" not in manifest and not (tmp_path / flows.FLOWS_FILE).exists()
    assert store.load(tmp_path)[0].equals(series_table())  # the series are untouched


def test_a_damaged_flows_file_is_a_clear_error_and_the_series_still_load(tmp_path):
    store.write(tmp_path, series_table(), MANIFEST, flows_table())
    (tmp_path / flows.FLOWS_FILE).write_bytes(b"not parquet")
    with pytest.raises(CorruptCache, match="checksum"):
        store.load_flows(tmp_path)
    assert len(store.load(tmp_path)[0]) == 1


def test_a_new_write_keeps_the_named_flows_for_readers_until_the_manifest_is_renamed(tmp_path, monkeypatch):
    store.write(tmp_path, series_table(), MANIFEST, flows_table())
    real_replace = store._replace

    def killed_before_the_manifest(path, data):
        if path.name == store.MANIFEST_FILE:
            raise KeyboardInterrupt  # the process dies between the flows' rename and the manifest's
        real_replace(path, data)

    monkeypatch.setattr(store, "_replace", killed_before_the_manifest)
    with pytest.raises(KeyboardInterrupt):
        store.write(tmp_path, series_table(), MANIFEST, flows_table(weight=1.0))
    got, _ = store.load_flows(tmp_path)  # the old manifest's flows, from the kept copy
    assert got.loc[got["partner"] == "QAT", "weight_kg"].iloc[0] == 11_600_000_000.0


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda f: f.assign(weight_kg=-1.0), "negative"),
        (lambda f: f.assign(value_usd=math.inf), "not finite"),
        (lambda f: pd.concat([f, f.iloc[:1]]), "more than one row"),
        (lambda f: f.assign(year=3000), "years outside"),
        (lambda f: f.drop(columns="partner"), "lacks columns"),
    ],
)
def test_implausible_flows_are_never_written(tmp_path, change, problem):
    with pytest.raises(ValueError, match=problem):
        store.write(tmp_path, series_table(), MANIFEST, change(flows_table()))
    assert not (tmp_path / flows.FLOWS_FILE).exists()
