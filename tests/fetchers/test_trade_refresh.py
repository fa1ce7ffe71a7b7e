"""UN Comtrade's flows in a refresh: stored beside the series, kept when the source fails, left out on request."""

from __future__ import annotations

import pytest

from cache import flows, store
from fetchers import refresh, trade_refresh
from fetchers.result import FAILED, SKIPPED, UNCHANGED, UPDATED
from tests.conftest import FAKE_KEY


def settings(api, directory, **overrides) -> refresh.Settings:
    return refresh.Settings(
        cache_dir=directory,
        worldbank_url=f"{api.url}/worldbank/v2",
        eia_url=f"{api.url}/eia/v2",
        eia_key=FAKE_KEY,
        comtrade_url=overrides.pop("comtrade_url", f"{api.url}/comtrade/public/v1"),
        **overrides,
    )


def flows_outcome(outcomes):
    return next(o for o in outcomes if o.series == trade_refresh.SERIES)


@pytest.fixture
def with_flows(fake_api, tmp_path):
    """A cache refreshed once with its flows (series of the World Bank only, to keep it quick)."""
    directory = tmp_path / "c"
    chosen = refresh.select("worldbank")
    outcomes = refresh.run(chosen, settings(fake_api, directory), trade=True)
    assert flows_outcome(outcomes).status == UPDATED
    return directory


def test_a_refresh_stores_every_flow_the_asks_return_with_the_terms_in_the_manifest(with_flows):
    table, manifest = store.load_flows(with_flows)
    entry = manifest["flows"]
    assert len(table) == entry["rows"] == sum(a["rows"] for a in entry["asks"].values()) > 0
    assert entry["status"] == "ok" and entry["retrieved"] == entry["fetched_at"][:10]
    assert "not an open licence" in entry["license"] and "United Nations Statistics Division" in entry["attribution"]
    assert entry["request"].count("GET $COMTRADE_API_URL/") == 5  # the fewest calls under the 500-record cap


def test_a_failing_source_keeps_the_last_good_flows_and_says_why(fake_api, with_flows):
    before = (with_flows / flows.FLOWS_FILE).read_bytes()
    broken = settings(fake_api, with_flows, comtrade_url=f"{fake_api.url}/comtrade/nowhere")
    outcomes = refresh.run([], broken, trade=True)
    outcome = flows_outcome(outcomes)
    assert outcome.status == FAILED and outcome.reason and outcome.rows > 0
    assert (with_flows / flows.FLOWS_FILE).read_bytes() == before
    manifest = store.read_manifest(with_flows)
    assert manifest["flows"]["status"] == FAILED and manifest["flows"]["reason"] == outcome.reason


def test_the_same_answer_again_is_unchanged_and_leaves_the_files_alone(fake_api, with_flows):
    before = {p.name: p.read_bytes() for p in with_flows.iterdir() if not p.name.startswith(".")}
    outcomes = refresh.run([], settings(fake_api, with_flows), trade=True)
    assert flows_outcome(outcomes).status == UNCHANGED
    after = {p.name: p.read_bytes() for p in with_flows.iterdir() if not p.name.startswith(".")}
    assert after == before


def test_a_refresh_of_the_series_alone_keeps_the_flows(fake_api, with_flows):
    before = (with_flows / flows.FLOWS_FILE).read_bytes()
    outcomes = refresh.run(refresh.select("worldbank"), settings(fake_api, with_flows))
    assert all(o.series != trade_refresh.SERIES for o in outcomes)
    assert (with_flows / flows.FLOWS_FILE).read_bytes() == before
    assert store.read_manifest(with_flows)["flows"]["rows"] > 0


def test_a_deployment_that_leaves_the_source_out_stores_no_flows(fake_api, with_flows, monkeypatch):
    monkeypatch.setenv(trade_refresh.ENABLED_ENV, "off")
    outcomes = refresh.run([], settings(fake_api, with_flows), trade=True)
    assert flows_outcome(outcomes).status == SKIPPED
    assert not (with_flows / flows.FLOWS_FILE).exists() and "flows" not in store.read_manifest(with_flows)
    assert len(store.read_table(with_flows)) > 0  # the series stay as they were


def test_after_a_failure_the_same_flows_again_say_ok(fake_api, with_flows):
    broken = settings(fake_api, with_flows, comtrade_url=f"{fake_api.url}/comtrade/nowhere")
    refresh.run([], broken, trade=True)
    assert store.read_manifest(with_flows)["flows"]["status"] == FAILED
    refresh.run([], settings(fake_api, with_flows), trade=True)
    entry = store.read_manifest(with_flows)["flows"]
    assert entry["status"] == "ok" and entry["reason"] is None
