"""The committed snapshot is the current offline pack, whole: a stale snapshot fails here, not on a reader's screen."""

from __future__ import annotations

import csv
import json
import re

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


def test_a_release_date_is_the_one_the_pack_records_and_none_where_it_states_none(snapshot):
    _, manifest = snapshot
    wanted = releases("worldbank") | {k: "; ".join(v) for k, v in releases("eia").items()}
    for s in catalog.WORLDBANK_SERIES + catalog.EIA_SERIES:
        entry, note = manifest["series"][s.id], wanted.get(s.code, "")
        found = re.search(r"\d{4}-\d{2}-\d{2}", note)
        assert entry["released"] == (found.group(0) if found else None), s.id
    assert manifest["series"]["gas_production"]["released"] == "2026-01-12"  # "report generated 2026-01-12"
    assert manifest["series"]["energy_imports_net_pct"]["released"] is None  # "release date not stated"


def _pack_flows() -> dict[str, list[dict]]:
    """The trade pack's rows each ask returns: Korea's imports, the five's exports, the mirror imports."""
    five = {str(m) for m in (398, 860, 795, 417, 762)}
    rows = pack("comtrade")
    return {
        "korea_imports": [r for r in rows if r["reporterCode"] == "410" and r["flowCode"] == "M"],
        "central_asia_exports": [r for r in rows if r["reporterCode"] in five and r["flowCode"] == "X"],
        "mirror_imports": [
            r
            for r in rows
            if r["reporterCode"] in ("156", "392", "490") and r["flowCode"] == "M" and r["partnerCode"] in five
        ],
    }


def test_the_committed_flows_are_the_rows_the_asks_return_each_equal_to_the_pack(snapshot_dir):
    flows, manifest = store.load_flows(snapshot_dir)
    expected = _pack_flows()
    counts = {a: len(r) for a, r in expected.items()}
    assert counts == {"korea_imports": 907, "central_asia_exports": 732, "mirror_imports": 57}
    assert len(flows) == manifest["flows"]["rows"] == sum(counts.values())
    stored = flows.set_index(["ask", "reporter", "partner", "commodity", "flow", "year"])
    ours = {"S19": "TWN"}  # reporter 490 is Taiwan; the partner World is stored under our code for it
    for ask, rows in expected.items():
        for r in rows:
            reporter = ours.get(r["reporterISO"], r["reporterISO"])
            partner = "WLD" if r["partnerISO"] == "W00" else r["partnerISO"].strip()  # "_X " (areas nes) as "_X"
            key = (ask, reporter, partner, r["cmdCode"], r["flowCode"], int(r["refYear"]))
            got = stored.loc[key]
            assert got["value_usd"] == float(r["primaryValue"]), key
            weight = r["netWgt"] or (r["qty"] if r["qtyUnitCode"] == "8" else "")
            assert got["weight_kg"] == float(weight) if weight else got["weight_kg"] != got["weight_kg"], key


def test_korea_s_2017_fuel_suppliers_read_as_the_trade_records_say(snapshot_dir):
    flows = store.load_flows(snapshot_dir)[0]
    korea = flows[(flows["ask"] == "korea_imports") & (flows["year"] == 2017)]

    def share(commodity: str, partner: str) -> float:
        rows = korea[korea["commodity"] == commodity].set_index("partner")["weight_kg"]
        return round(rows.get(partner, 0.0) / rows["WLD"] * 100, 1)

    assert (share("271111", "QAT"), share("271111", "AUS"), share("2709", "SAU"), share("2709", "KAZ")) == (
        30.8,
        18.6,
        29.0,
        0.8,
    )
