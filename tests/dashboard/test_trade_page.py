"""The Trade page as a visitor meets it (AppTest on the committed snapshot): the figures the flows hold, in three
languages; hidden, with every other page intact, where UN Comtrade is left out or the flows cannot be read."""

from __future__ import annotations

import pyarrow as pa
import pytest

from cache import flows as stored_flows
from cache import store
from catalog import trade
from catalog.countries import WORLD
from dashboard import trade_rows

KOREAN_AND_RUSSIAN = {"ko": ("카타르", "호주"), "ru": ("Катар", "Австралия")}


@pytest.fixture(scope="module")
def stored():
    """The committed snapshot's flows."""
    return store.load_flows(store.DEFAULT_DIR)[0]


def share(flows, commodity: str, partner: str, year: int) -> float:
    """A partner's share of Korea's stated World row by weight, in percent, straight from the stored kilograms."""
    rows = flows[(flows["ask"] == "korea_imports") & (flows["commodity"] == commodity) & (flows["year"] == year)]
    weight = rows.set_index("partner")["weight_kg"]
    return float(weight[partner] / weight[WORLD] * 100)


def hhi(flows, commodity: str, year: int) -> float:
    rows = flows[(flows["ask"] == "korea_imports") & (flows["commodity"] == commodity) & (flows["year"] == year)]
    weight = rows.set_index("partner")["weight_kg"]
    return float(((weight.drop(WORLD) / weight[WORLD] * 100) ** 2).sum())


def findings_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def chart_data(at, index: int):
    chart = at.get("vega_lite_chart")[index]
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()


def test_the_trade_page_gives_2017_s_leading_suppliers_the_five_s_share_and_the_lng_hhi(open_page, stored):
    at = open_page("trade")
    assert not at.exception
    text = findings_text(at)
    qatar, australia = share(stored, trade.LNG, "QAT", 2017), share(stored, trade.LNG, "AUS", 2017)
    saudi, kazakhstan = share(stored, trade.CRUDE, "SAU", 2017), share(stored, trade.CRUDE, "KAZ", 2017)
    assert f"Qatar ({qatar:.1f}% by weight), then from Australia ({australia:.1f}%)" in text
    assert f"Saudi Arabia ({saudi:.1f}% by weight)" in text
    assert f"Crude oil: {kazakhstan:.1f}% (Kazakhstan)" in text
    assert "LNG: no recorded imports from them" in text
    then, now = hhi(stored, trade.LNG, 2008), hhi(stored, trade.LNG, 2017)
    assert f"LNG: {then:,.0f} (2008) → {now:,.0f} (2017)" in text
    # The published figures the issue quotes, as the page renders them.
    assert "Qatar (30.8% by weight), then from Australia (18.6%)" in text and "2,015 (2008) → 1,686 (2017)" in text


def test_every_chart_cites_un_comtrade_with_its_hs_codes_and_retrieval_date(open_page, stored):
    at = open_page("trade")
    entry = store.load_flows(store.DEFAULT_DIR)[1]["flows"]
    sources = [c.value for c in at.caption if c.value.startswith("Source: UN Comtrade")]
    assert len(sources) == len(at.get("vega_lite_chart")) == 4
    assert all(f"retrieved {entry['retrieved']}" in s and "data to 2017" in s for s in sources)
    assert "(HS 271111)" in sources[0]


def test_the_origin_chart_draws_shares_that_fill_each_year_and_the_five_in_their_own_rows(open_page, stored):
    at = open_page("trade", {"imports": trade.CRUDE})
    drawn = chart_data(at, 0)
    # Each bar reaches the stated World row, to within rounding (a larger gap is drawn as not allocated).
    assert drawn.groupby("year")["value"].sum().to_numpy() == pytest.approx(100, abs=trade_rows.GAP_SHOWN)
    kazakhstan = drawn[(drawn["partner"] == "KAZ") & (drawn["year"] == 2017)]["value"].iloc[0]
    assert kazakhstan == pytest.approx(share(stored, trade.CRUDE, "KAZ", 2017))
    assert any("Kazakhstan 0.82%" in c.value for c in at.caption)  # named although too thin to see


def test_a_link_chooses_the_fuels_and_a_bad_one_falls_back_with_a_notice(open_page):
    at = open_page("trade", {"imports": trade.COAL, "exports": trade.CRUDE})
    assert [r.value for r in at.radio if r.key in ("w_imports", "w_exports")] == [trade.COAL, trade.CRUDE]
    bad = open_page("trade", {"imports": "<b>9999</b>"})
    assert not bad.exception
    assert next(r for r in bad.radio if r.key == "w_imports").value == trade.LNG
    assert any("imports" in w.value for w in bad.warning)


def test_the_table_under_a_chart_holds_only_what_the_chart_draws_never_the_raw_flows(open_page):
    at = open_page("trade", {"imports": trade.CRUDE, "years": "2010-2017"})
    at.session_state["table_origins"] = True  # what a click on the expander does
    at.run()
    shown = at.dataframe[0].value
    drawn = chart_data(at, 0).dropna(subset=["value"])
    assert len(shown) == len(drawn) and shown["year"].between(2010, 2017).all()
    assert set(shown["name"]) == set(drawn["name"])
    # Tonnes, dollars and names, not the store's kilograms, its codes or the chart's stacking order.
    assert not {"weight_kg", "ask", "order", "partner_name", "partner"} & set(shown.columns)
    assert len(at.get("download_button")) == 3


@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_partner_names_and_findings_are_in_the_page_s_language(open_page, lang):
    at = open_page("trade", {"lang": lang})
    assert not at.exception
    text = findings_text(at)
    assert all(name in text for name in KOREAN_AND_RUSSIAN[lang])
    legend = set(chart_data(at, 0)["name"])
    assert KOREAN_AND_RUSSIAN[lang][0] in legend


def test_the_supply_page_links_its_coverage_to_the_trade_page(open_page):
    at = open_page("supply")
    assert any("(trade)" in c.value for c in at.caption)


def test_the_overview_sets_the_texts_no_pipelines_beside_hs_271121(open_page, stored):
    at = open_page("overview")
    claim = next(m.value for m in at.markdown if "No pipeline brings gas to Korea" in m.value)
    korea = stored[(stored["ask"] == "korea_imports") & (stored["partner"] == WORLD) & (stored["year"] == 2017)]
    gaseous = korea.set_index("commodity")["weight_kg"][trade.PIPELINE_GAS] / 1000
    assert f"{gaseous:,.0f} tonnes in 2017" in claim and "Agrees" in claim


def hidden_everywhere(open_page, cache_dir=None) -> None:
    """No Trade page, no trade finding or claim, no link to the page; every other page intact."""
    for page in ("overview", "dependence", "resources", "supply", "cooperation", "sources"):
        at = open_page(page, cache_dir=cache_dir)
        assert not at.exception, page
        assert not any("trade" in c.value and "(trade)" in c.value for c in at.caption), page
        assert not any("Comtrade" in m.value or "No pipeline" in m.value for m in at.markdown), page
        assert len(at.get("vega_lite_chart")) > 0 or page == "sources", page
    # A bookmarked link to the page finds no such page and lands on the default one, with nothing of the flows.
    at = open_page("trade", cache_dir=cache_dir)
    assert not at.exception
    assert not any("Trade" in t.value for t in at.title)
    assert not any("Comtrade" in m.value or "No pipeline" in m.value for m in at.markdown)


def test_comtrade_off_hides_the_trade_page_and_its_findings(open_page, monkeypatch):
    monkeypatch.setenv(trade.ENABLED_ENV, "off")
    hidden_everywhere(open_page)


def test_a_cache_without_flows_hides_the_trade_page(open_page, cache_copy):
    table, manifest = store.load(cache_copy)
    store.write(cache_copy, table, manifest, None)
    hidden_everywhere(open_page, cache_copy)


def test_unreadable_flows_are_said_on_the_trade_page_and_every_other_page_works(open_page, cache_copy):
    (cache_copy / stored_flows.FLOWS_FILE).write_bytes(b"PAR1 not a parquet file")
    at = open_page("trade", cache_dir=cache_copy)
    assert not at.exception
    assert any("cannot be read" in e.value for e in at.error)
    for page in ("overview", "supply", "sources"):
        other = open_page(page, cache_dir=cache_copy)
        assert not other.exception and not other.error, page


def test_the_sidebar_names_un_comtrade_s_terms_only_where_its_flows_are_shown(open_page, monkeypatch):
    on = open_page("overview")
    assert any("UN Comtrade (UN terms of use)" in c.value for c in on.sidebar.caption)
    monkeypatch.setenv(trade.ENABLED_ENV, "off")
    off = open_page("overview")
    assert not any("Comtrade" in c.value for c in off.sidebar.caption)
