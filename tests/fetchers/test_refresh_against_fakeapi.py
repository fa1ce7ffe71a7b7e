"""The refresh command end to end against ../shared/fakeapi: real HTTP, real files, a real subprocess."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import catalog
from cache import store
from fetchers import eia
from tests.conftest import FAKE_KEY, ROOT, SHARED

pytestmark = pytest.mark.integration

FAULTS = ("500", "502", "503", "429", "html200", "truncate", "empty", "reset", "hang")
CANARY = "CANARYkey0123456789abcdefSECRET"


def run_cli(
    api, cache_dir: Path, *args: str, key: str | None = FAKE_KEY, timeout: float = 180, extra_env: dict | None = None
) -> subprocess.CompletedProcess:
    """`python -m fetchers refresh` in a subprocess pointed at the fake API."""
    env = {k: v for k, v in os.environ.items() if k != "EIA_API_KEY"}
    env.update(
        {
            "WORLDBANK_API_URL": f"{api.url}/worldbank/v2",
            "EIA_API_URL": f"{api.url}/eia/v2",
            "COMTRADE_API_URL": f"{api.url}/comtrade/public/v1",
            "FETCH_TIMEOUT": "1,2",
            "PYTHONPATH": str(ROOT),
        }
    )
    if key is not None:
        env["EIA_API_KEY"] = key
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "fetchers", "refresh", "--cache-dir", str(cache_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


def requests_by_route(api) -> dict:
    return api.stats()["by_route"]


def pack_rows(name: str) -> list[dict]:
    with open(SHARED / "data" / name / "observations.csv", newline="") as f:
        return list(csv.DictReader(f))


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if not p.name.startswith(".")}


@pytest.fixture
def clean_cache(fake_api, tmp_path) -> Path:
    """A cache filled by one clean refresh against the fake API."""
    directory = tmp_path / "clean"
    result = run_cli(fake_api, directory)
    assert result.returncode == 0, result.stderr
    return directory


def test_full_refresh_stores_every_figure_of_both_packs_in_few_requests(fake_api, tmp_path):
    result = run_cli(fake_api, tmp_path / "c")
    assert result.returncode == 0, result.stdout + result.stderr
    routes = requests_by_route(fake_api)
    assert routes.get("worldbank", 0) <= 3
    # EIA's answer is 25,546 rows with its "--" markers: six pages of 5,000.
    assert routes.get("eia", 0) <= 7
    table = store.read_table(tmp_path / "c").set_index(["series", "country", "year"])["value"]

    by_code = {s.code: s.id for s in catalog.WORLDBANK_SERIES}
    wb = pack_rows("worldbank")
    assert wb, "the World Bank pack is empty"
    for row in wb:
        key = (by_code[row["indicator_id"]], row["country_iso3"], int(row["year"]))
        assert table[key] == float(row["value"]), key

    by_facets = {eia.facets(s): s.id for s in catalog.EIA_SERIES}
    eia_rows = pack_rows("eia")
    for row in eia_rows:
        sid = by_facets[(row["product_id"], row["activity_id"], row["unit"])]
        key = (sid, eia.FROM_EIA.get(row["country_region_id"], row["country_region_id"]), int(row["period"]))
        assert table[key] == float(row["value"]), key

    fetched = table.reset_index()
    assert len(fetched[fetched["series"].isin(by_code.values())]) == len(wb)
    assert len(fetched[fetched["series"].isin(by_facets.values())]) == len(eia_rows)


def test_the_summary_table_lists_every_series(fake_api, tmp_path):
    result = run_cli(fake_api, tmp_path / "c")
    for s in catalog.WORLDBANK_SERIES + catalog.EIA_SERIES:
        assert s.id in result.stdout


@pytest.mark.parametrize("fault", [pytest.param(f, id=f"{f}-at-0.3") for f in FAULTS])
def test_a_refresh_under_intermittent_faults_ends_with_the_clean_table(fakeapi_module, clean_cache, tmp_path, fault):
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,), faults=[f"{fault}:0.3"], seed=7).start()
    try:
        result = run_cli(api, tmp_path / "faulty", timeout=240)
    finally:
        api.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    expected = store.read_table(clean_cache)
    pd.testing.assert_frame_equal(store.read_table(tmp_path / "faulty"), expected)


@pytest.mark.parametrize("fault", [pytest.param(f, id=f"{f}-always") for f in FAULTS])
def test_a_refresh_under_a_permanent_fault_fails_fast_and_keeps_the_table(fakeapi_module, clean_cache, fault):
    before = (clean_cache / store.TABLE_FILE).read_bytes()
    api = fakeapi_module.FakeApi(port=0, eia_keys=(CANARY,), faults=[fault]).start()
    started = time.monotonic()
    try:
        result = run_cli(api, clean_cache, "--force", key=CANARY, timeout=120)
    finally:
        api.stop()
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stdout + result.stderr
    assert elapsed < 90
    assert (clean_cache / store.TABLE_FILE).read_bytes() == before
    assert "failed" in result.stdout and "energy_imports_net_pct" in result.stdout
    assert "petroleum_production" in result.stderr  # the failure is named in the log too
    manifest = store.read_manifest(clean_cache)
    assert manifest["series"]["gdp_usd"]["status"] == "failed"
    assert manifest["series"]["gdp_usd"]["rows"] > 0  # the last good rows are kept
    for text in (result.stdout, result.stderr, *[b.decode(errors="replace") for b in files(clean_cache).values()]):
        assert CANARY not in text


def test_the_eia_key_never_appears_in_output_or_cache_on_success(fakeapi_module, tmp_path):
    api = fakeapi_module.FakeApi(port=0, eia_keys=(CANARY,)).start()
    try:
        result = run_cli(api, tmp_path / "c", key=CANARY, extra_env={"PYTHONVERBOSE": ""})
    finally:
        api.stop()
    assert result.returncode == 0, result.stderr
    blobs = [result.stdout, result.stderr, *[b.decode(errors="replace") for b in files(tmp_path / "c").values()]]
    assert all(CANARY not in text for text in blobs)
    assert "api_key" not in (tmp_path / "c" / store.MANIFEST_FILE).read_text()


def test_a_refused_key_is_reported_without_echoing_it(fake_api, tmp_path):
    result = run_cli(fake_api, tmp_path / "c", key=CANARY)  # fake_api accepts only FAKE_KEY
    assert result.returncode == 1
    assert "API_KEY_INVALID" in result.stdout
    assert CANARY not in result.stdout + result.stderr
    assert CANARY not in (tmp_path / "c" / store.MANIFEST_FILE).read_text()


def test_without_a_key_eia_series_are_skipped_kept_and_said_once(fake_api, clean_cache):
    before = store.read_table(clean_cache)
    result = run_cli(fake_api, clean_cache, "--force", key=None)
    assert result.returncode == 1
    assert result.stderr.count("EIA_API_KEY is not set") == 1
    manifest = store.read_manifest(clean_cache)
    assert manifest["series"]["gas_production"]["status"] == "skipped"
    assert manifest["series"]["gdp_usd"]["status"] == "ok"
    pd.testing.assert_frame_equal(store.read_table(clean_cache), before)


def test_a_refresh_with_nothing_new_is_byte_identical_and_asks_only_for_dates(fake_api, clean_cache):
    before = files(clean_cache)
    fake_api_reset = fake_api.stats()["by_route"].get("worldbank", 0)
    result = run_cli(fake_api, clean_cache)
    assert result.returncode == 0, result.stderr
    assert files(clean_cache) == before
    databases = {s.database for s in catalog.WORLDBANK_SERIES}
    assert fake_api.stats()["by_route"]["worldbank"] - fake_api_reset == len(databases)


def test_a_new_world_bank_date_refetches_and_records_it(fakeapi_module, clean_cache):
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,), wb_lastupdated="2026-10-31").start()
    try:
        result = run_cli(api, clean_cache, "--source", "worldbank")
        routes = requests_by_route(api)
    finally:
        api.stop()
    assert result.returncode == 0, result.stderr
    # A date check per database, then WDI's data call only, the archive (57) keeping its date. WDI's answer for
    # fifteen countries is 22 indicators x 14 economies x 1960-2024 = 20,020 records: two pages of 20,000.
    assert routes["worldbank"] == 2 + 2
    manifest = store.read_manifest(clean_cache)
    assert manifest["series"]["co2_emissions_kt"]["last_updated"] == "2017-07-13"
    assert manifest["sources"]["worldbank"]["last_updated"]["2"] == "2026-10-31"
    assert manifest["series"]["gdp_usd"]["last_updated"] == "2026-10-31"


def test_usage_errors_exit_2(fake_api, tmp_path):
    assert run_cli(fake_api, tmp_path / "c", "--series", "no_such_series").returncode == 2
    assert run_cli(fake_api, tmp_path / "c", extra_env={"EIA_API_URL": "ftp://x"}).returncode == 2


@pytest.mark.parametrize("damage", ["truncated", "missing", "not ours"])
def test_a_damaged_manifest_never_costs_the_figures_of_a_source_that_is_skipped(fake_api, clean_cache, damage):
    """The table is the truth: EIA skipped (no key) over a damaged manifest keeps every EIA and derived row."""
    before = store.read_table(clean_cache)
    manifest = clean_cache / store.MANIFEST_FILE
    if damage == "missing":
        manifest.unlink()
    else:
        text = manifest.read_text()
        manifest.write_text(text[: len(text) // 2] if damage == "truncated" else '{"series": 1}')
    result = run_cli(fake_api, clean_cache, key=None)
    assert result.returncode == 1  # EIA was skipped, and says so
    assert "Keeping the" in result.stderr
    after = store.read_table(clean_cache)
    for source in ("eia", "derived"):
        kept = after[after["source"] == source].reset_index(drop=True)
        pd.testing.assert_frame_equal(kept, before[before["source"] == source].reset_index(drop=True))
    assert len(after) == len(before)
