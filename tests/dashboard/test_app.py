"""Every page, as a visitor meets it (Streamlit AppTest): it renders, draws, follows the URL, survives bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from cache import store
from catalog.countries import ALL_COUNTRIES, CENTRAL_ASIA, COUNTRIES, PEERS, SUPPLIERS
from dashboard import controls, i18n, layout
from tests.dashboard.conftest import APP, PAGES, keyed

CHARTED = [p for p in PAGES if p != "sources"]


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def drawn_countries(at) -> set[str]:
    """Countries in the data of every chart on the page (decoded from the Arrow bytes sent to the browser)."""
    found: set[str] = set()
    for chart in at.get("vega_lite_chart"):
        datasets = list(chart.proto.datasets) or []
        for dataset in datasets:
            table = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            if "country" in table:
                found |= set(table["country"].dropna())
    return found


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
def test_page_renders_without_an_exception(open_page, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in CHARTED])
def test_default_view_draws_charts_that_cite_their_source(open_page, page):
    at = open_page(page)
    specs = charts(at)
    assert specs
    captions = [c.value for c in at.caption]
    for spec in specs:
        assert spec.get("description")
        # Each chart's source lines are said once, as text under it (they wrap on a phone), not in its title.
        assert "Source:" not in json.dumps(spec.get("title", ""))
    sources = [c for c in captions if c.startswith("Source:") and " · data to " in c]
    assert len(sources) == len(specs), captions
    for caption in sources:
        # The publisher, the release date where the source states one, and the date the figures were read; the
        # build's own words (the offline pack's release notes) are on Data and sources only.
        assert " · retrieved 20" in caption, caption
        assert not any(word in caption for word in ("offline pack", "commit", "data-browser", "release:")), caption
        assert "source updated" not in caption  # the snapshot's stand-in dates are no source's dates


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in ("dependence", "resources", "cooperation")])
def test_changing_the_countries_changes_the_data_drawn(open_page, page):
    at = open_page(page)
    before = drawn_countries(at)
    at.button_group(key="w_countries").set_value(["KOR", "KAZ"]).run()
    after = drawn_countries(at)
    assert {"UZB", "TJK"} <= before
    assert after and after <= {"KOR", "KAZ"}
    assert at.query_params["countries"] == "KOR,KAZ"


@pytest.mark.parametrize(
    "page, params, key, expected",
    [
        pytest.param("overview", {"countries": "KOR,TKM", "years": "2000-2010"}, "w_years", (2000, 2010), id="years"),
        pytest.param("supply", {"fuel": "coal", "exporters": "KAZ"}, "w_fuel", "coal", id="fuel"),
        pytest.param("resources", {"indicator": "gas_reserves"}, "w_indicator", "gas_reserves", id="indicator"),
        pytest.param("cooperation", {"area": "health"}, "w_area", "health", id="area"),
    ],
)
def test_a_url_with_parameters_restores_the_view(open_page, page, params, key, expected):
    at = open_page(page, params)
    assert not at.exception
    widget = (
        at.slider(key=key)
        if key == "w_years"
        else (at.radio(key=key) if page in ("supply", "cooperation") else at.selectbox(key=key))
    )
    assert widget.value == expected
    assert at.query_params["countries"] == params.get("countries", "KOR,KAZ,UZB,TKM,KGZ,TJK")
    assert not at.warning


def widget_keys(at) -> set[str]:
    return {w.key for w in at.sidebar.get("button_group") + at.sidebar.get("slider") + at.sidebar.get("toggle")}


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
def test_the_sidebar_draws_only_the_shared_controls_its_page_applies(open_page, page):
    at = open_page(page)
    drawn = widget_keys(at) - {"w_lang"}
    assert drawn == {f"w_{c}" for c in layout.SHARED_CONTROLS[page]}
    assert "w_lang" in widget_keys(at)  # the language applies everywhere


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
def test_a_page_applies_exactly_the_shared_controls_its_sidebar_draws(page):
    view = (Path(APP).parent / "views" / f"{page}.py").read_text()
    used = {c for c in controls.SHARED if f"sel.{c}" in view}
    assert used == set(layout.SHARED_CONTROLS[page])


def test_countries_chosen_survive_a_page_that_does_not_draw_them(open_page):
    at = open_page("resources")
    at.button_group(key="w_countries").set_value(["KOR", "TKM"]).run()
    at.switch_page("views/overview.py").run()
    assert "w_countries" not in widget_keys(at)
    assert at.query_params["countries"] == "KOR,TKM"  # a link from here keeps them too
    at.switch_page("views/dependence.py").run()
    assert at.button_group(key="w_countries").value == ["KOR", "TKM"]
    assert drawn_countries(at) <= {"KOR", "TKM"}


def test_a_links_countries_reach_the_pages_that_apply_them(open_page):
    at = open_page("overview", {"countries": "KAZ,KOR"})
    at.switch_page("views/resources.py").run()
    assert at.button_group(key="w_countries").value == ["KAZ", "KOR"]


def test_exporters_in_the_url_choose_the_exporters(open_page):
    at = open_page("supply", {"fuel": "gas", "exporters": "TKM,UZB"})
    assert at.multiselect(key="w_exporters").value == ["TKM", "UZB"]
    assert at.query_params["exporters"] == "TKM,UZB"


HOSTILE = {
    "unknown country": {"countries": "XXX,KOR"},
    "markup": {"countries": "<script>alert(1)</script>", "years": "<b>x</b>"},
    "reversed years": {"years": "2015-1995"},
    "malformed years": {"years": "nineteen-ninety"},
    "long string": {"indicator": "x" * 5000},
    "unknown parameter": {"api_key": "whatever", "fetch": "1"},
    "bad flag": {"events": "maybe"},
}


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
@pytest.mark.parametrize("params", [pytest.param(v, id=k) for k, v in HOSTILE.items()])
def test_bad_parameters_give_a_notice_and_never_an_exception(open_page, page, params):
    at = open_page(page, params)
    assert not at.exception, [e.value for e in at.exception]
    notices = " ".join(w.value for w in at.warning)
    assert "ignored" in notices or "read as" in notices or page in ("resources",)
    page_text = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "<script>" not in page_text and "<b>" not in page_text
    assert "x" * 300 not in page_text


def test_a_reversed_year_range_is_read_the_right_way_round(open_page):
    at = open_page("overview", {"years": "2015-1995"})
    assert at.slider(key="w_years").value == (1995, 2015)


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
@pytest.mark.parametrize("damage", ["missing table", "truncated table", "corrupt manifest", "missing manifest"])
def test_a_broken_cache_gives_one_clear_message(open_page, cache_copy, page, damage):
    table, manifest = cache_copy / store.TABLE_FILE, cache_copy / store.MANIFEST_FILE
    if damage == "missing table":
        table.unlink()
    elif damage == "truncated table":
        table.write_bytes(table.read_bytes()[:1000])
    elif damage == "corrupt manifest":
        manifest.write_text("{not json")
    else:
        manifest.unlink()
    at = open_page(page, cache_dir=cache_copy)
    assert not at.exception
    assert len(at.error) == 1
    assert "make snapshot" in at.error[0].value
    assert not at.get("vega_lite_chart")


def area_series(snapshot, area: str) -> list[str]:
    return [sid for sid, e in snapshot[1]["series"].items() if area in e.get("topics", []) and e.get("rows")]


def test_an_area_lists_every_indicator_at_a_glance_and_draws_the_chosen_one(open_page, snapshot):
    at = open_page("cooperation", {"area": "climate"})
    glance = at.dataframe[0].value
    titles = [snapshot[1]["series"][sid]["title"] for sid in area_series(snapshot, "climate")]
    assert list(glance["Indicator"]) == titles
    assert list(glance.columns[1:7]) == [
        "South Korea",
        "Kazakhstan",
        "Uzbekistan",
        "Turkmenistan",
        "Kyrgyzstan",
        "Tajikistan",
    ]
    assert len(charts(at)) == 1 and titles[0] in json.dumps(charts(at)[0]["title"])


def test_another_area_starts_at_its_first_indicator_without_a_warning(open_page, snapshot):
    at = open_page("cooperation", {"area": "transport", "series": "logistics_performance"})
    assert keyed(at.selectbox, "series").value == "logistics_performance"
    at.radio(key="w_area").set_value("health").run()
    assert not at.exception and not at.warning
    assert keyed(at.selectbox, "series").value == area_series(snapshot, "health")[0]
    assert at.query_params["series"] == area_series(snapshot, "health")[0]


def test_transport_and_logistics_shows_logistics_and_trade_not_fuel_trade(open_page, snapshot):
    at = open_page("cooperation", {"area": "transport"})
    titles = set(at.dataframe[0].value["Indicator"])
    entries = snapshot[1]["series"]
    assert titles == {entries["logistics_performance"]["title"], entries["trade_pct_gdp"]["title"]}


def test_education_says_plainly_that_the_packs_have_nothing_for_it(open_page):
    at = open_page("cooperation", {"area": "education"})
    assert not at.get("vega_lite_chart") and "have none" in at.info[0].value


def test_headline_figures_give_their_year_unit_and_what_they_are(open_page, snapshot):
    at = open_page("overview")
    metrics = {m.label: m for m in at.metric}
    assert len(metrics) == 7
    assert all(label[:4].isdigit() and label[4:7] == " · " for label in metrics), list(metrics)  # year first
    # The net-import figure is for the last year Korea's energy production and consumption both reach.
    table = snapshot[0]
    korea = table[
        (table["country"] == "KOR") & table["series"].isin(["total_energy_production", "total_energy_consumption"])
    ]
    last = int(korea.groupby("year")["series"].nunique().loc[lambda n: n == 2].index.max())
    dependence = metrics[f"{last} · Net energy imports"]
    assert dependence.value.endswith("%") and "consumption" in dependence.proto.help


def test_the_overview_leads_with_key_findings_and_checks_the_98_percent_claim_on_the_latest_year(open_page, snapshot):
    at = open_page("overview")
    assert at.subheader[0].value == "Key findings"
    table = snapshot[0]
    fossil = table[(table["series"] == "dependence_fossil_pct") & (table["country"] == "KOR")]
    last = int(fossil["year"].max())
    first = at.markdown[0].value
    assert f"{fossil.set_index('year').loc[last, 'value']:.1f}%" in first and str(last) in first
    assert any("about 98%" in m.value and "Agrees" in m.value for m in at.markdown)
    assert any("The data: Net imports were" in m.value and f"consumption in {last}" in m.value for m in at.markdown)


def test_a_charts_table_is_built_only_when_its_viewer_opens_it(open_page):
    at = open_page("dependence", {"years": "2005-2015"})
    tables = [e for e in at.get("expander") if e.label == "Table, downloads and citation"]
    assert len(tables) == len(charts(at)) > 1
    assert not at.dataframe and not at.get("download_button")  # nothing built for a table nobody opened

    at.session_state["table_two_measures"] = True  # what a click on the expander does
    at.run()
    assert len(at.dataframe) == 1 and len(at.get("download_button")) == 3
    drawn = at.dataframe[0].value
    assert set(drawn["name"]) == set(layout.TWO_MEASURES_LABELS) and drawn["year"].between(2005, 2015).all()
    # Names and figures rounded for reading, not the codes only the code reads or 16-digit values.
    assert not {"country", "series", "source"} & set(drawn.columns)
    assert all(re.fullmatch(r"-?[\d,]+(\.\d{1,6})?", v) for v in drawn["value"]), list(drawn["value"])[:5]
    assert max(len(v.replace(",", "").replace(".", "").lstrip("-0")) for v in drawn["value"]) <= 4


def test_a_year_without_a_figure_inside_a_line_says_no_data_in_the_table(open_page, snapshot):
    at = open_page("supply", {"fuel": "petroleum", "years": "2015-2024"})
    at.session_state["table_supply"] = True
    at.run()
    shown = at.dataframe[0].value
    assert (shown["value"] == "no data").any()  # 2020-2022: the exporters' oil lines break there
    gap_years = set(shown.loc[shown["value"] == "no data", "year"])
    assert gap_years and gap_years <= set(range(2016, 2024))


def test_supply_and_demand_shows_gas_coverage_to_the_last_year_of_the_gas_figures(open_page, snapshot):
    at = open_page("supply", {"fuel": "gas"})
    table = snapshot[0]
    gas = table[table["series"].isin(["gas_production", "gas_consumption"]) & table["country"].isin(COUNTRIES)]
    per_year = gas.groupby("year")["country"].nunique()
    last = int(per_year[per_year == len(COUNTRIES)].index.max())  # every state and Korea report both
    coverage = [c for c in charts(at) if "share of Korea's net imports" in json.dumps(c.get("title"))]
    assert coverage, "no coverage chart"
    drawn = at.get("vega_lite_chart")[charts(at).index(coverage[0])]
    years = set()
    for dataset in drawn.proto.datasets:
        rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        if "year" in rows and "value" in rows:
            years |= set(rows.dropna(subset=["value"])["year"])
    assert max(years) == last


def test_a_fuel_with_one_measure_falls_back_to_it_quietly_and_says_so_in_the_url(open_page):
    at = open_page("supply", {"fuel": "fossil", "measure": "physical"})
    assert not at.exception and not at.warning
    assert keyed(at.radio, "measure").value == "energy" and at.query_params["measure"] == "energy"


def y_scale(spec: dict) -> str | None:
    line = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "line")
    return line["encoding"]["y"].get("scale", {}).get("type")


def test_a_log_scale_in_the_link_is_applied_and_left_when_the_indicator_cannot_use_it(open_page):
    at = open_page("resources", {"indicator": "gas_production", "log": "1"})
    assert at.toggle(key="w_log").value is True and y_scale(charts(at)[0]) == "log"
    assert at.query_params["log"] == "1"
    at.selectbox(key="w_indicator").set_value("fuel_exports_pct").run()
    toggle = at.toggle(key="w_log")
    assert toggle.value is False and toggle.disabled and y_scale(charts(at)[0]) != "log"
    assert "log" not in at.query_params


def test_per_person_in_the_link_is_applied_only_to_absolute_units(open_page):
    at = open_page("resources", {"indicator": "gas_production", "pc": "1"})
    assert at.toggle(key="w_pc").value is True
    line = next(layer for layer in charts(at)[0]["layer"] if layer.get("mark", {}).get("type") == "line")
    assert line["encoding"]["y"]["title"].endswith("per person") and at.query_params["pc"] == "1"
    at = open_page("resources", {"indicator": "fuel_exports_pct", "pc": "1"})
    assert at.toggle(key="w_pc").value is False and at.toggle(key="w_pc").disabled
    assert "pc" not in at.query_params


def test_every_series_of_the_catalog_is_drawn_on_some_page_or_listed_as_table_only(snapshot):
    from dashboard import layout

    manifest = snapshot[1]
    pages = layout.drawn(manifest)
    drawn = set().union(*pages.values())
    assert not drawn & set(layout.TABLE_ONLY), "a table-only series is drawn after all"
    with_rows = {sid for sid, e in manifest["series"].items() if e.get("rows")}
    assert with_rows - drawn - set(layout.TABLE_ONLY) == set()
    assert drawn <= set(manifest["series"]), "a page draws a series the catalog does not have"


def chart_rows_by_title(at, words: str) -> pd.DataFrame:
    """The rows drawn by the first chart whose title holds `words`."""
    for chart, spec in zip(at.get("vega_lite_chart"), charts(at), strict=True):
        if words in json.dumps(spec.get("title"), ensure_ascii=False):
            frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
            return pd.concat([f for f in frames if "value" in f and "country" in f], ignore_index=True)
    raise AssertionError(f"no chart titled with {words!r}")


def test_dependence_with_the_peers_draws_japan_taiwan_and_china_to_their_last_year(open_page, snapshot):
    at = open_page("dependence", {"compare": "peers"})
    assert not at.exception
    table = snapshot[0]
    drawn = chart_rows_by_title(at, "Net import dependence, fossil fuels").dropna(subset=["value"])
    assert set(drawn["country"]) == {"KOR", *PEERS}
    stored = table[(table["series"] == "dependence_fossil_pct") & table["country"].isin(PEERS)]
    for country in PEERS:
        assert drawn[drawn["country"] == country]["year"].max() == stored[stored["country"] == country]["year"].max()
    # The World Bank's measure beside it, where the World Bank has the country, and a word where it has not.
    at = open_page("dependence", {"compare": "peers", "peer": "energy_imports_net_pct"})
    assert at.selectbox(key="w_peer").value == "energy_imports_net_pct"
    wb = chart_rows_by_title(at, "Energy imports, net").dropna(subset=["value"])
    assert set(wb["country"]) == {"KOR", "JPN", "CHN"}
    assert any("Taiwan" in c.value for c in at.caption)


def test_dependence_without_a_comparison_keeps_the_default_view_and_offers_the_peers(open_page):
    at = open_page("dependence")
    assert drawn_countries(at) <= set(COUNTRIES)
    assert any("compare=peers" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "codes",
    ["WLD", "JPN,TWN", "KOR,RUS,QAT,AUS,USA,SAU", ",".join(ALL_COUNTRIES), "TWN,XXX", "kaz,wld"],
)
@pytest.mark.parametrize("page", CHARTED)
def test_every_page_works_with_any_subset_of_the_fifteen(open_page, page, codes):
    at = open_page(page, {"countries": codes})
    assert not at.exception
    wanted = {c.strip().upper() for c in codes.split(",")}
    assert bool(at.warning) == ("XXX" in wanted)  # an unknown code is dropped with the usual notice
    if page in ("resources", "cooperation"):
        assert drawn_countries(at) - {"CA5"} <= wanted & set(ALL_COUNTRIES)


def test_a_link_to_the_peers_keeps_them_as_a_comparison(open_page):
    at = open_page("resources", {"countries": "KOR,JPN,WLD"})
    assert at.button_group(key="w_countries").value == ["KOR"]
    assert at.multiselect(key="w_compare").value == ["JPN", "WLD"]
    assert at.query_params["compare"] == "JPN,WLD" and at.query_params["countries"] == "KOR"
    assert drawn_countries(at) == {"KOR", "JPN", "WLD"}


def test_the_supply_page_weighs_qatar_alone_and_says_why_oil_in_barrels_has_no_line(open_page):
    at = open_page("supply", {"exporters": "QAT", "fuel": "petroleum", "measure": "physical"})
    assert not at.exception
    assert any("Qatar" in c.value and "energy content" in c.value for c in at.caption)
    energy = open_page("supply", {"exporters": "QAT", "fuel": "gas", "measure": "energy"})
    cover = chart_rows_by_title(energy, "share of Korea's net imports").dropna(subset=["value"])
    assert len(cover) and cover["year"].max() == 2023


def test_the_supply_page_shows_the_five_beside_the_suppliers_as_shares_of_the_world(open_page, snapshot):
    assert "Central Asia and the world's suppliers" not in json.dumps(charts(open_page("supply")))  # off by default
    at = open_page("supply", {"fuel": "gas", "measure": "physical", "flow": "production", "suppliers": "1"})
    drawn = chart_rows_by_title(at, "Central Asia and the world's suppliers").dropna(subset=["value"])
    assert set(drawn["country"]) == {"CA5", *SUPPLIERS}
    table = snapshot[0]
    gas = table[(table["series"] == "gas_production") & (table["year"] == 2023)].set_index("country")["value"]
    five = drawn[(drawn["country"] == "CA5") & (drawn["year"] == 2023)]["value"].item()
    assert five == pytest.approx(gas[list(CENTRAL_ASIA)].sum() / gas["WLD"] * 100)


def test_a_share_of_the_world_says_so_under_its_title(open_page):
    at = open_page("resources", {"indicator": "gas_production", "share": "1", "compare": "suppliers"})
    assert not at.exception and at.toggle(key="w_share").value
    subtitle = charts(at)[0]["title"]["subtitle"]
    assert subtitle[0] == "% of world" and "WLD" not in drawn_countries(at)


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_a_headline_change_s_arrow_follows_the_number_shown_in_every_language(open_page, lang):
    """Streamlit reads a text delta's direction from its first character, which in Korean is the year."""
    from streamlit.proto.Metric_pb2 import Metric

    at = open_page("overview", {"lang": lang})
    checked = 0
    for metric in at.metric:
        delta = metric.proto.delta
        tokens = re.findall(r"[+-]?\d(?:[\d\u00a0,.]*\d)?", delta)
        number = next(t for t in tokens if not re.fullmatch(r"(19|20)\d\d", t))  # not the year compared with
        plain = number.replace("\u00a0", "")
        figure = float(plain.replace(",", ".") if lang == "ru" else plain.replace(",", ""))
        expected = Metric.NONE if figure == 0 else Metric.UP if figure > 0 else Metric.DOWN
        assert metric.proto.direction == expected, (lang, delta)
        assert not (figure == 0 and number.startswith(("+", "-"))), delta  # no sign on a change that rounds to zero
        checked += 1
    assert checked == 7
    directions = {m.proto.direction for m in at.metric}
    assert Metric.DOWN in directions and Metric.NONE in directions  # the snapshot has a fall and a zero change


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_data_and_sources_states_un_comtrade_s_terms_credit_and_retrieval_date(open_page, snapshot, lang):
    entry = snapshot[1]["flows"]
    at = open_page("sources", {"lang": lang})
    paragraph = next(
        m.value for m in at.markdown if "UN Comtrade Database, United Nations Statistics Division" in m.value
    )
    assert entry["retrieved"] in paragraph and "2008–2017" in paragraph
    terms = {"en": "not an open licence", "ko": "개방형 라이선스 아님", "ru": "не открытая лицензия"}[lang]
    assert terms in paragraph


def test_a_cache_without_flows_says_nothing_of_un_comtrade(open_page, cache_copy):
    table, manifest = store.load(cache_copy)
    store.write(cache_copy, table, manifest, None)  # as a deployment with COMTRADE=off stores it
    at = open_page("sources", cache_dir=cache_copy)
    assert not at.exception
    assert not any("Comtrade" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_total_energy_s_one_measure_reads_as_energy_content_not_physical_units(open_page, lang):
    energy = {"en": "Energy content (quad Btu)"}
    at = open_page("supply", {"fuel": "total_energy", "lang": lang})
    measure = keyed(at.radio, "measure")
    gas = keyed(open_page("supply", {"fuel": "gas", "lang": lang}).radio, "measure")
    assert list(measure.proto.options) == [gas.proto.options[-1]]  # the same words as gas's energy content
    assert list(measure.proto.options) == [energy.get(lang, gas.proto.options[-1])]


def test_resources_opens_on_an_indicator_that_reaches_the_year_most_of_them_reach(open_page, snapshot):
    manifest = snapshot[1]
    at = open_page("resources")
    chosen = at.selectbox(key="w_indicator").value
    years = [manifest["series"][s]["last_year"] for s in layout.explorer(manifest)]
    usual = max(set(years), key=years.count)
    assert manifest["series"][chosen]["last_year"] >= usual
    assert chosen != "coal_exports"  # the first in the list, which ends in 2018


def test_an_unknown_indicator_in_a_link_falls_back_to_the_page_s_default_and_says_so(open_page):
    default = open_page("resources").selectbox(key="w_indicator").value
    at = open_page("resources", {"indicator": "population"})  # a series, but not one this page draws
    assert at.selectbox(key="w_indicator").value == default
    assert any("default" in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_a_figure_eia_carried_forward_is_named_where_it_is_drawn(open_page, snapshot, lang):
    table = snapshot[0]
    consumption = table[table["series"] == "petroleum_consumption"].set_index(["country", "year"])["value"]
    repeated = [c for c in ("KGZ", "TJK", "TKM", "UZB") if consumption[(c, 2024)] == consumption[(c, 2023)]]
    assert repeated == ["KGZ", "TJK", "TKM", "UZB"]  # the snapshot's case; KAZ's 2024 differs
    at = open_page("supply", {"fuel": "petroleum", "measure": "physical", "lang": lang})
    note = next(c.value for c in at.caption if "2024" in c.value and "EIA" in c.value)
    names = [i18n.translator(lang).country(c) for c in repeated]
    assert all(n in note for n in names), note
    assert i18n.translator(lang).country("KAZ") not in note
    gas = open_page("supply", {"fuel": "gas", "measure": "physical", "lang": lang})
    assert not any("EIA" in c.value and "2024" in c.value and names[0] in c.value for c in gas.caption)


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_a_log_scale_leaves_out_zeros_with_a_note_instead_of_drawing_nothing(open_page, snapshot, lang):
    at = open_page("resources", {"indicator": "gas_production", "log": "1", "lang": lang})
    chart = at.get("vega_lite_chart")[0]
    assert y_scale(json.loads(chart.proto.spec)) == "log"
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    drawn = pd.concat([f["value"] for f in frames if "value" in f and "country" in f]).dropna()
    assert len(drawn) and (drawn > 0).all()  # Vega draws no chart at all with a zero on a log axis
    table = snapshot[0]
    zeros = int(((table["series"] == "gas_production") & (table["country"] == "KOR") & (table["value"] <= 0)).sum())
    korea = i18n.translator(lang).country("KOR")
    assert zeros and any(korea in c.value and str(zeros) in c.value for c in at.caption)  # years without gas


def test_years_without_figures_break_the_supply_and_coverage_lines(open_page, snapshot):
    table = snapshot[0]
    production = table[(table["series"] == "petroleum_production") & (table["country"] == "KOR")]
    gap = sorted(set(range(2015, 2024)) - set(production["year"]))
    assert gap == [2020, 2021, 2022]  # EIA's kb/d petroleum production has no figures for these years
    at = open_page("supply", {"fuel": "petroleum", "measure": "physical"})
    for words in ("Korea's needs", "Central Asia's net exports as a share"):
        rows = chart_rows_by_title(at, words)
        for _, line in rows.groupby("name"):
            held = line.set_index("year")["value"]
            assert all(y in held.index and pd.isna(held[y]) for y in gap), (words, held.loc[2018:2024])


def test_per_person_applies_to_the_ranking_and_the_map_too(open_page, snapshot):
    table = snapshot[0].set_index(["series", "country", "year"])["value"]
    at = open_page("resources", {"indicator": "gas_production", "pc": "1"})
    found = list(zip(at.get("vega_lite_chart"), charts(at), strict=True))
    bars, spec = next((c, s) for c, s in found if s.get("description", "").startswith("Bar chart"))
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in bars.proto.datasets]
    ranking = pd.concat([f for f in frames if {"country", "value"} <= set(f.columns)]).set_index("country")
    year = int(ranking["year"].iloc[0])
    expected = table[("gas_production", "KAZ", year)] * 1e9 / table[("population", "KAZ", year)]  # bcf -> cu ft
    assert ranking.loc["KAZ", "value"] == pytest.approx(expected)
    assert "cubic feet per person" in json.dumps(spec, ensure_ascii=False)  # the axis title names the unit drawn
    map_spec = next(s for _, s in found if s.get("description", "").startswith("Map of"))
    assert "per person" in json.dumps(map_spec, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_where_two_measures_of_one_thing_differ_the_page_says_what_each_measures(open_page, snapshot, lang):
    table = snapshot[0]

    def value(series: str, country: str, year: int) -> float:
        hit = table[(table["series"] == series) & (table["country"] == country) & (table["year"] == year)]
        return float(hit["value"].iloc[0])

    tr = i18n.translator(lang)
    coal = open_page("resources", {"indicator": "coal_exports", "lang": lang})
    exported, surplus = value("coal_exports", "KAZ", 2018), value("net_exports_coal", "KAZ", 2018)
    said = [c.value for c in coal.caption if tr.num(exported, ",.0f") in c.value]
    assert said and tr.num(surplus, ",.0f") in said[0] and tr.country("KAZ") in said[0]

    oil = open_page("dependence", {"lang": lang})
    produced, used = value("petroleum_production", "KOR", 2023), value("petroleum_consumption", "KOR", 2023)
    physical = tr.pct((used - produced) / used * 100)
    assert any(physical in c.value and tr.pct(100.0) in c.value for c in oil.caption), physical
    supply = open_page("supply", {"fuel": "petroleum", "lang": lang})
    assert any(physical in c.value for c in supply.caption)


def test_removing_every_exporter_then_adding_one_gives_no_notice_about_the_page_s_own_link(open_page):
    at = open_page("supply")
    keyed(at.multiselect, "exporters").set_value([]).run()
    assert at.query_params["exporters"] == "" and any("at least one" in i.value for i in at.info)
    at.run()  # the next run reads the link the page wrote
    keyed(at.multiselect, "exporters").set_value(["KAZ"]).run()
    assert not at.warning and at.query_params["exporters"] == "KAZ"


def test_a_reversed_or_clipped_year_range_is_used_and_the_notice_says_how_it_was_read(open_page):
    at = open_page("overview", {"years": "2020-2010"})
    assert keyed(at.slider, "years").value == (2010, 2020)
    notices = " ".join(w.value for w in at.warning)
    assert "read as 2010–2020" in notices and "ignored" not in notices


def test_a_table_wider_than_a_phone_says_it_scrolls_sideways(open_page):
    at = open_page("trade")
    at.session_state["table_origins"] = True
    at.run()
    assert len(at.dataframe[0].value.columns) > 4
    assert any("scrolls sideways" in c.value for c in at.caption)
    assert any("scrolls sideways" in c.value for c in open_page("sources").caption)
