"""The committed snapshot is the current offline pack, whole: a stale snapshot fails here, not on a reader's screen."""

from __future__ import annotations

import csv
import json

import pytest

import catalog
from cache import store
from fetchers import eia
from tests.conftest import NO_SHARED, SHARED

DATA = SHARED / "data"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason=NO_SHARED)


def pack(name: str) -> list[dict]:
    with open(DATA / name / "observations.csv", newline="") as f:
        return list(csv.DictReader(f))


def releases(name: str) -> dict:
    return json.loads((DATA / name / "vintages.json").read_text())["series"]


@pytest.fixture(scope="module")
def snapshot(snapshot_dir):
    table, manifest = store.load(snapshot_dir)
    return table.set_index(["series", "country", "year"])["value"], manifest


def test_every_figure_of_both_packs_is_in_the_committed_snapshot(snapshot):
    values, _ = snapshot
    ids = {s.code: s.id for s in catalog.WORLDBANK_SERIES}
    ids.update({"-".join(eia.facets(s)): s.id for s in catalog.EIA_SERIES})
    missing, wrong = [], []
    for row in pack("worldbank"):
        key = (ids[row["indicator_id"]], row["country_iso3"], int(row["year"]))
        (missing if key not in values.index else wrong if values[key] != float(row["value"]) else []).append(key)
    for row in pack("eia"):
        code = f"{row['product_id']}-{row['activity_id']}-{row['unit']}"
        key = (ids[code], eia.FROM_EIA.get(row["country_region_id"], row["country_region_id"]), int(row["period"]))
        (missing if key not in values.index else wrong if values[key] != float(row["value"]) else []).append(key)
    assert not missing, f"{len(missing)} pack figures are not in the snapshot (run make snapshot), e.g. {missing[:3]}"
    assert not wrong, f"{len(wrong)} snapshot figures differ from the pack (run make snapshot), e.g. {wrong[:3]}"
    fetched = values.reset_index()
    assert (fetched["series"].isin(set(ids.values()))).sum() == len(pack("worldbank")) + len(pack("eia"))


def test_each_series_names_its_release_from_the_pack_and_no_placeholder_date(snapshot):
    _, manifest = snapshot
    wanted = releases("worldbank") | {k: "; ".join(v) for k, v in releases("eia").items()}
    for s in catalog.WORLDBANK_SERIES + catalog.EIA_SERIES:
        entry = manifest["series"][s.id]
        if s.code not in wanted:  # declared in the pack's metadata, with no figures in it (EN.GHG.CO2.MT.CE.AR5)
            assert entry["rows"] == 0 and "not recorded" in entry["vintage"], s.id
            continue
        assert entry["vintage"].startswith(wanted[s.code]), s.id
        assert entry["last_updated"] is None, f"{s.id} shows the stand-in's placeholder date as a source date"
    assert "placeholder" in manifest["built_from"]


def test_derived_series_name_the_releases_of_their_inputs(snapshot):
    _, manifest = snapshot
    entry = manifest["series"]["dependence_fossil_pct"]
    assert "report generated 2026-01-12" in entry["vintage"] and entry["last_year"] == 2023
