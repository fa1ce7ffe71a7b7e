"""Chart builders are pure: tidy table in, Vega-Lite spec out. Tested through `to_dict()` (schema-validated)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from catalog import schema
from catalog.countries import ALL_COUNTRIES
from dashboard import chart_rows, charts, export, i18n, style

TR = i18n.ENGLISH

ENTRY = {
    "title": "Dry natural gas production",
    "unit": "billion cubic feet",
    "source": "eia",
    "code": "26-1-BCF",
    "last_year": 2003,
    "last_updated": None,
}
WB_ENTRY = {
    "title": "Energy imports, net",
    "unit": "% of energy use",
    "source": "worldbank",
    "code": "EG.IMP.CONS.ZS",
    "last_year": 2001,
    "last_updated": "2025-07-01",
}


def tidy(rows: list[tuple[str, str, int, float]], unit: str = "billion cubic feet") -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="eia", unit=unit)
    return schema.conform(frame)


@pytest.fixture
def table() -> pd.DataFrame:
    # KAZ has no 1992 figure: a gap that must stay a gap.
    return tidy(
        [("gas", "KOR", y, 10.0 + y - 1990) for y in range(1990, 2004)]
        + [("gas", "KAZ", y, 100.0 * (y - 1989)) for y in (1991, 1993, 1994)]
        + [("gas", "TKM", 1993, 2000.0)]
    )


def layers(spec: dict) -> list[dict]:
    """Every leaf layer of a (possibly nested) layered spec."""
    out = []
    for layer in spec.get("layer", [spec]):
        out += layers(layer) if "layer" in layer else [layer]
    return out


def data_of(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def line_spec(table, countries=("KOR", "KAZ"), years=(1990, 2003), **options) -> tuple[dict, pd.DataFrame]:
    rows = chart_rows.drawn_rows(table, "gas", list(countries), years)
    return charts.time_series(charts.worded(rows, TR), ENTRY, tr=TR, years=years, **options).to_dict(), rows


def test_a_line_chart_encodes_year_value_and_country_with_tooltips(table):
    spec, _ = line_spec(table)
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["encoding"]["x"]["field"] == "year" and line["encoding"]["y"]["field"] == "value"
    assert line["encoding"]["color"]["field"] == "name"
    assert {t["field"] for t in line["encoding"]["tooltip"]} == {"name", "year", "value", "unit"}


def test_the_title_names_unit_source_code_and_last_year(table):
    spec, _ = line_spec(table)
    title = json.dumps(spec["title"])
    assert "billion cubic feet" in title and "Energy Information Administration" in title
    assert "26-1-BCF" in title and "data to 2003" in title


def test_a_missing_year_is_a_null_row_and_the_line_breaks_there(table):
    spec, rows = line_spec(table)
    kaz_1992 = rows[(rows["country"] == "KAZ") & (rows["year"] == 1992)]
    assert len(kaz_1992) == 1 and kaz_1992["value"].isna().all()
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["mark"]["invalid"].startswith("break-paths")


def test_only_the_selected_countries_and_years_are_embedded(table):
    spec, _ = line_spec(table, countries=("KAZ",), years=(1993, 1994))
    embedded = [r for r in data_of(spec) if "country" in r]
    assert {r["country"] for r in embedded} == {"KAZ"}
    assert {r["year"] for r in embedded} == {1993, 1994}


@pytest.mark.parametrize("countries", [pytest.param(("KOR", "KAZ"), id="two"), pytest.param(("KOR",), id="korea")])
def test_korea_keeps_its_colour_whatever_the_selection(table, countries):
    spec, _ = line_spec(table, countries=countries)
    scale = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))["South Korea"] == charts.COUNTRY_COLORS["KOR"]


def test_every_chart_has_a_description_for_screen_readers(table):
    spec, _ = line_spec(table)
    assert "Dry natural gas production" in spec["description"]
    assert "South Korea" in spec["description"] and "Kazakhstan" in spec["description"]


def shape(spec: dict) -> str:
    """A spec without its data, datasets named by their order: what Streamlit's browser side compares to
    choose between swapping a chart's data in and building the chart anew."""
    text = json.dumps({k: v for k, v in spec.items() if k != "datasets"}, sort_keys=True)
    for i, name in enumerate(spec.get("datasets", {})):
        text = text.replace(name, f"dataset-{i}")
    return text


def two_measures_spec(years: tuple[int, int]) -> dict:
    wb = tidy([("energy_imports_net_pct", "KOR", y, 80.0) for y in range(1990, 2002)], "% of energy use")
    eia = tidy([("dependence_total_energy_pct", "KOR", y, 85.0) for y in range(1990, 2004)], "% of consumption")
    rows = chart_rows.two_measures_rows(
        chart_rows.drawn_rows(wb, "energy_imports_net_pct", ["KOR"], years),
        chart_rows.drawn_rows(eia, "dependence_total_energy_pct", ["KOR"], years),
    )
    return charts.dependence_two_measures(charts.worded(rows, TR), WB_ENTRY, ENTRY, tr=TR, years=years).to_dict()


def supply_table() -> pd.DataFrame:
    rows = [("net_exports_gas", "KOR", y, -100.0) for y in range(1990, 2004)]
    return tidy(rows + [("net_exports_gas", "TKM", y, 60.0 + y - 1990) for y in range(1990, 2004)])


LINE_CHARTS = {
    "time_series": lambda table, years: line_spec(table, years=years)[0],
    "two_measures": lambda table, years: two_measures_spec(years),
    "by_fuel": lambda table, years: charts.dependence_by_fuel(
        charts.worded(chart_rows.by_fuel_rows(table.assign(series="dependence_gas_pct"), "KOR", years), TR),
        ENTRY,
        tr=TR,
        years=years,
    ).to_dict(),
    "supply_demand": lambda table, years: charts.supply_demand(
        charts.worded(chart_rows.supply_rows(supply_table(), "net_exports_gas", ["TKM"], years), TR),
        ENTRY,
        tr=TR,
        years=years,
    ).to_dict(),
    "coverage": lambda table, years: charts.coverage(
        charts.worded(
            chart_rows.coverage_rows(supply_table(), "net_exports_gas", "coverage_gas_pct", ["TKM"], years), TR
        ),
        ENTRY,
        tr=TR,
        years=years,
    ).to_dict(),
}


@pytest.mark.parametrize("build", LINE_CHARTS.values(), ids=LINE_CHARTS.keys())
def test_a_new_year_range_changes_a_line_charts_data_not_its_spec(table, build):
    # 1990-2003 shows the 1992 event and seam; 1993-1994 shows neither.
    wide, narrow = build(table, (1990, 2003)), build(table, (1993, 1994))
    assert data_of(wide) != data_of(narrow)
    assert shape(wide) == shape(narrow)


def test_events_are_drawn_by_default_and_can_be_turned_off(table):
    with_events, _ = line_spec(table)
    without, _ = line_spec(table, events=False)
    labels = [r.get("label", "") for r in data_of(with_events)]
    assert any("diplomatic ties" in label for label in labels)
    assert not any("diplomatic ties" in r.get("label", "") for r in data_of(without))
    assert not any("2007" in label for label in labels)  # outside the data's years: not drawn


def test_the_1992_seam_is_drawn_when_central_asia_is_shown(table):
    spec, _ = line_spec(table, events=False)
    assert any("1992" in r.get("label", "") for r in data_of(spec))
    korea_only, _ = line_spec(table, countries=("KOR",), events=False)
    assert not any("1992" in r.get("label", "") for r in data_of(korea_only))


def test_log_scale_is_optional(table):
    spec, _ = line_spec(table, log=True)
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["encoding"]["y"]["scale"]["type"] == "log"
    assert chart_rows.spans_orders_of_magnitude(pd.Series([1.0, 500.0]))
    assert not chart_rows.spans_orders_of_magnitude(pd.Series([10.0, 20.0]))


def test_ranking_sorts_countries_for_the_asked_year(table):
    rows = table[table["year"] == 1993]
    spec = charts.ranking(rows, ENTRY, tr=TR, year=1993).to_dict()
    assert "1993" in json.dumps(spec["title"])
    assert {r["country"] for r in data_of(spec)} == {"KOR", "KAZ", "TKM"}
    bar = next(layer for layer in layers(spec) if layer["mark"]["type"] == "bar")
    assert bar["encoding"]["y"]["sort"] == "-x"


def test_latest_common_year_is_the_last_year_all_have_a_figure(table):
    assert chart_rows.latest_common_year(table, "gas", ["KOR", "KAZ"]) == 1994
    assert chart_rows.latest_common_year(table, "gas", ["KOR", "KAZ", "TKM"]) == 1993


def test_the_two_measures_are_both_drawn_in_full_each_with_its_definition():
    wb = tidy([("energy_imports_net_pct", "KOR", y, 80.0) for y in range(1995, 2004)], "% of energy use")
    eia = tidy([("dependence_total_energy_pct", "KOR", y, 85.0) for y in range(1995, 2004)], "% of consumption")
    rows = chart_rows.two_measures_rows(
        chart_rows.drawn_rows(wb, "energy_imports_net_pct", ["KOR"], (1995, 2003)),
        chart_rows.drawn_rows(eia, "dependence_total_energy_pct", ["KOR"], (1995, 2003)),
    )
    spec = charts.dependence_two_measures(charts.worded(rows, TR), WB_ENTRY, ENTRY, tr=TR, years=(1995, 2003)).to_dict()
    drawn = pd.DataFrame(data_of(spec)).dropna(subset=["value"])
    # Both measures cover every year they have: overlapping years are drawn twice, nothing is cut at a seam.
    assert drawn.groupby("name")["year"].apply(set).to_dict() == {
        "World Bank WDI": set(range(1995, 2004)),
        "EIA-derived": set(range(1995, 2004)),
    }
    subtitle = json.dumps(spec["title"])
    assert "EG.IMP.CONS.ZS" in subtitle and "IEA balances" in subtitle and "over consumption (EIA)" in subtitle
    assert "series ends" not in export.chart_svg(spec).decode()


@pytest.fixture
def net() -> pd.DataFrame:
    rows = [("net_exports_gas", "KOR", y, -100.0) for y in (2000, 2001)]
    rows += [("net_exports_gas", "TKM", 2000, 60.0), ("net_exports_gas", "TKM", 2001, 80.0)]
    rows += [("net_exports_gas", "KGZ", 2000, -10.0)]  # KGZ has no 2001 figure
    return tidy(rows)


def test_supply_rows_put_korea_imports_beside_combined_exports(net):
    rows = chart_rows.supply_rows(net, "net_exports_gas", ["TKM", "KGZ"], (2000, 2001))
    korea = rows[rows["country"] == "KOR"].set_index("year")["value"]
    combined = rows[rows["country"] == "CA5"].set_index("year")["value"]
    assert korea.to_dict() == {2000: 100.0, 2001: 100.0}
    assert combined.to_dict() == {2000: 50.0}  # 2001 lacks KGZ: no partial sum
    assert charts.supply_demand(charts.worded(rows, TR), ENTRY, tr=TR, years=(2000, 2001)).to_dict()["description"]


def test_coverage_is_combined_net_exports_over_korea_net_imports(net):
    rows = chart_rows.coverage_rows(net, "net_exports_gas", "coverage_gas_pct", ["TKM"], (2000, 2001))
    assert rows.set_index("year")["value"].to_dict() == {2000: 60.0, 2001: 80.0}
    spec = charts.coverage(charts.worded(rows, TR), ENTRY, tr=TR, years=(2000, 2001)).to_dict()
    assert any(r.get("value") == 100.0 and "label" in r for r in data_of(spec))  # the 100% rule


def test_per_capita_divides_by_population_and_says_so():
    table = tidy([("gas", "KOR", 2000, 50.0), ("population", "KOR", 2000, 25.0)]).assign(unit="widgets")
    rows = chart_rows.drawn_rows(table, "gas", ["KOR"], (2000, 2000))
    out = chart_rows.per_capita(rows, table)
    assert out["value"].tolist() == [2.0]
    assert out["unit"].iloc[0] == "widgets per person"  # a unit without a better name of its own


def test_per_person_figures_are_in_a_unit_that_reads_well():
    # 50 bcf for 25 people is 2 bcf, i.e. 2 billion cubic feet, per person: said in cubic feet, not "bcf per person".
    table = tidy([("gas", "KOR", 2000, 50.0), ("population", "KOR", 2000, 25.0)]).assign(unit="billion cubic feet")
    out = chart_rows.per_capita(chart_rows.drawn_rows(table, "gas", ["KOR"], (2000, 2000)), table)
    assert out["value"].tolist() == [2e9] and out["unit"].iloc[0] == "cubic feet per person"
    assert charts.unit_words(i18n.translator("ko"), "cubic feet per person") == "1인당 입방피트"
    assert chart_rows.per_person_unit("trillion cubic feet") == (1e12, "cubic feet per person")
    assert chart_rows.allows_per_capita("billion cubic feet") and not chart_rows.allows_per_capita("% of GDP")


def test_the_source_line_reads_plainly():
    assert charts.source_line(TR, WB_ENTRY) == (
        "Source: World Bank, World Development Indicators (EG.IMP.CONS.ZS) · data to 2001 · released 2025-07-01"
    )


def test_the_source_line_names_the_release_and_retrieval_dates_never_the_build_notes():
    entry = {
        **WB_ENTRY,
        "last_updated": None,
        "released": "2026-01-12",
        "fetched_at": "2026-12-04T13:41:19Z",
        "vintage": "EIA International data-browser export, report generated 2026-01-12; offline pack",
    }
    line = charts.source_line(TR, entry)
    assert line.endswith("· released 2026-01-12 · retrieved 2026-12-04") and "offline pack" not in line
    korean = charts.source_line(i18n.translator("ko"), entry)
    assert "2026-01-12 공개" in korean and "2026-12-04 수집" in korean and "released" not in korean


def test_heights_are_the_plots_own_so_legends_and_labels_never_squeeze_it(table, net):
    # Streamlit fits a spec without `autosize` into its height, legend and titles included.
    year = table[table["year"] == 1993]
    specs = [
        line_spec(table)[0],
        charts.ranking(year, ENTRY, tr=TR, year=1993).to_dict(),
        charts.supply_demand(
            charts.worded(chart_rows.supply_rows(net, "net_exports_gas", ["TKM"], (2000, 2001)), TR),
            ENTRY,
            tr=TR,
            years=(2000, 2001),
        ).to_dict(),
        charts.coverage(
            charts.worded(
                chart_rows.coverage_rows(net, "net_exports_gas", "coverage_gas_pct", ["TKM"], (2000, 2001)), TR
            ),
            ENTRY,
            tr=TR,
            years=(2000, 2001),
        ).to_dict(),
    ]
    for spec in specs:
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}, spec.get("description")


def test_value_labels_use_the_theme_text_colour_not_a_pale_country_colour(table):
    spec = charts.ranking(table[table["year"] == 1993], ENTRY, tr=TR, year=1993).to_dict()
    text = next(layer for layer in layers(spec) if layer["mark"]["type"] == "text")
    assert "color" not in text["encoding"]
    assert spec["config"]["text"]["color"] == "#888888"


def test_korea_by_fuel_puts_each_fuel_on_its_own_line_with_colour_and_dash():
    table = tidy(
        [
            (f"dependence_{fuel}_pct", "KOR", y, v)
            for fuel, v in (("petroleum", 99.0), ("gas", 98.0))
            for y in (2000, 2001)
        ]
        + [("dependence_coal_pct", "KOR", 2000, 90.0), ("dependence_coal_pct", "KAZ", 2000, -50.0)],
        "% of consumption",
    )
    rows = charts.worded(chart_rows.by_fuel_rows(table, "KOR", (2000, 2001)), TR)
    assert set(rows["country"]) == {"KOR"}  # Korea's own lines only
    assert set(rows["name"]) == {"Oil (petroleum and other liquids)", "Dry natural gas", "Coal"}  # no fossil rows
    coal = rows[rows["series"] == "dependence_coal_pct"]
    assert coal["value"].tolist() == [90.0]  # coal's single year stays single
    spec = charts.dependence_by_fuel(rows, ENTRY, WB_ENTRY, tr=TR, years=(2000, 2001)).to_dict()
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["encoding"]["color"]["field"] == "name" and line["encoding"]["strokeDash"]["field"] == "name"
    assert len(set(map(str, line["encoding"]["strokeDash"]["scale"]["range"]))) == 4  # with all fossil fuels
    assert "26-1-BCF" in json.dumps(spec["title"]) and "EG.IMP.CONS.ZS" in json.dumps(spec["title"])
    assert "petroleum, gas, coal and all fossil fuels" in spec["description"]


def test_ranking_labels_say_small_values_plainly_not_with_si_prefixes():
    rows = tidy([("gas", "TJK", 2020, 0.316), ("gas", "KAZ", 2020, 2153.0)])
    svg = export.chart_svg(charts.ranking(rows, ENTRY, tr=TR, year=2020)).decode()
    assert ">0.316<" in svg and ">2,150<" in svg
    assert "316m" not in svg


def test_an_exporter_without_figures_in_the_chosen_years_leaves_no_partial_sum():
    # Kazakhstan + Turkmenistan, 2018-2019, Kazakhstan reporting nothing in those years: no combined line.
    rows = [("net_exports_gas", "KOR", y, -100.0) for y in (2017, 2018, 2019)]
    rows += [("net_exports_gas", "TKM", y, 60.0) for y in (2017, 2018, 2019)] + [("net_exports_gas", "KAZ", 2017, 5.0)]
    table = tidy(rows)
    drawn = chart_rows.supply_rows(table, "net_exports_gas", ["KAZ", "TKM"], (2018, 2019))
    assert drawn[drawn["country"] == "CA5"].empty
    assert chart_rows.missing_exporters(table, "net_exports_gas", ["KAZ", "TKM"], (2018, 2019)) == {"KAZ": [2018, 2019]}
    both = chart_rows.supply_rows(table, "net_exports_gas", ["KAZ", "TKM"], (2017, 2019))
    assert both[both["country"] == "CA5"].set_index("year")["value"].to_dict() == {2017: 65.0}


def test_the_legend_lists_only_the_countries_drawn(table):
    spec, _ = line_spec(table, countries=("KOR", "KAZ", "UZB"))  # Uzbekistan has no figures here
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["South Korea", "Kazakhstan"]


def test_fifteen_countries_keep_distinct_fixed_colours_and_their_group_dash():
    assert len(set(style.COUNTRY_COLORS.values())) == len(style.COUNTRY_COLORS)
    assert set(ALL_COUNTRIES) <= set(style.COUNTRY_COLORS)
    assert style.COUNTRY_COLORS["KOR"] == "#D55E00"
    dashes = style.country_dashes(TR, ["KOR", "JPN", "QAT", "WLD"])
    assert dict(zip(dashes.domain, dashes.range, strict=True)) == {
        "South Korea": style.GROUP_DASHES["korea"],
        "Japan": style.GROUP_DASHES["peers"],
        "Qatar": style.GROUP_DASHES["suppliers"],
        "World": style.GROUP_DASHES["world"],
    }
    assert len({tuple(d) for k, d in style.GROUP_DASHES.items() if k != "central_asia"}) == 4


def test_a_chart_of_the_six_has_no_dashes_and_one_beside_the_peers_has(table):
    six = charts.time_series(table, ENTRY, tr=TR, years=(1990, 2020)).to_dict()
    assert "strokeDash" not in six["layer"][0]["encoding"]
    peers = pd.concat([table, table[table["country"] == "KOR"].assign(country="JPN", name="Japan")])
    spec = charts.time_series(peers, ENTRY, tr=TR, years=(1990, 2020)).to_dict()
    assert spec["layer"][0]["encoding"]["strokeDash"]["field"] == "name"


def test_world_share_divides_by_the_worlds_figure_of_the_same_year():
    rows = pd.DataFrame(
        {"source": "eia", "series": "gas_production", "country": ["KAZ", "KAZ", "WLD", "WLD"],
         "year": [2020, 2021, 2020, 2021], "value": [10.0, 30.0, 1000.0, 1500.0], "unit": "billion cubic feet"}
    )  # fmt: skip
    shares = chart_rows.world_share_rows(rows, "gas_production", ["KAZ", "WLD"], (2020, 2021))
    assert list(shares["country"]) == ["KAZ", "KAZ"] and list(shares["value"]) == [1.0, 2.0]
    assert chart_rows.has_world(rows, "gas_production", "billion cubic feet")
    assert not chart_rows.has_world(rows, "gas_production", "% of GDP")


def test_the_fossil_flow_sums_its_fuels_only_where_each_has_a_figure():
    rows = pd.DataFrame(
        {"source": "eia", "series": ["coal_production_qbtu", "gas_production_qbtu", "petroleum_production_qbtu",
                                     "coal_production_qbtu", "gas_production_qbtu"],
         "country": "KAZ", "year": [2020, 2020, 2020, 2021, 2021], "value": [1.0, 2.0, 3.0, 1.0, 2.0],
         "unit": "quadrillion Btu"}
    )  # fmt: skip
    summed = chart_rows.flow_table(rows, "fossil", "energy", "production")
    assert list(summed["year"]) == [2020] and list(summed["value"]) == [6.0]


def test_an_outlying_share_does_not_set_the_axis_and_is_named_at_the_top_edge():
    years = [1992, 1993, 1994, 2000, 2010, 2015, 2016, 2017, 2018, 2019, 2020]
    values = [1062.3, 876.0, 391.5, 235.5, 110.0, 125.0, 117.0, 114.0, 118.0, 122.0, 80.0]
    rows = pd.DataFrame(
        {"year": years, "value": values, "name": chart_rows.EXPORTERS_OVER_KOREA, "country": "CA5", "unit": "%"}
    )
    cap = charts.axis_cap(rows["value"])
    assert cap == pytest.approx(391.5 * 1.1)  # a little above the third-highest
    spec = charts.coverage(charts.worded(rows, TR), ENTRY, tr=TR, years=(1990, 2023)).to_dict()
    y = spec["layer"][0]["encoding"]["y"]["scale"]
    assert y["domainMax"] == pytest.approx(cap) and y["clamp"] is True
    labels = [r.get("label") for values in spec["datasets"].values() for r in values if isinstance(r, dict)]
    assert "▲ above the axis: 1992: 1,062%, 1993: 876%" in labels
    assert charts.axis_cap(rows.loc[rows["year"] >= 1994, "value"]) is None  # nothing outlies: the data's own scale
    assert charts.axis_cap(rows.loc[rows["year"] <= 2015, "value"]) is None  # too short to call a year an outlier
    # A net importer among the exporters makes shares negative: no cap below the highest figure.
    assert charts.axis_cap(pd.Series([100.0, 20.0, -50.0, *[-60.0] * 8])) is None
    assert charts.axis_cap(pd.Series([140.0, 60.0, 50.0, *[40.0] * 8])) is None  # above 2x, but under the floor


def test_a_legend_beside_dashed_lines_shows_each_line_s_own_stroke():
    peers = tidy([("gas", c, y, 1.0 + y - 1990) for c in ("KOR", "KAZ", "JPN") for y in range(1990, 1995)])
    rows = charts.worded(chart_rows.drawn_rows(peers, "gas", ["KOR", "KAZ", "JPN"], (1990, 1995)), TR)
    spec = charts.time_series(rows, ENTRY, tr=TR, years=(1990, 1995)).to_dict()
    legends = [
        layer["encoding"][c]["legend"]
        for layer in spec["layer"]
        for c in ("color", "strokeDash")
        if "legend" in layer.get("encoding", {}).get(c, {})
    ]
    assert {c for layer in spec["layer"] for c in layer.get("encoding", {})} >= {"color", "strokeDash"}
    assert legends and all(legend["symbolType"] == "stroke" for legend in legends)


def test_event_labels_sit_above_the_plot_and_a_line_at_100_percent_keeps_clear_of_them():
    table = tidy([(f"dependence_{f}_pct", "KOR", y, 100.0) for f in ("petroleum", "gas") for y in range(1990, 2024)])
    rows = charts.worded(chart_rows.by_fuel_rows(table, "KOR", (1990, 2023)), TR)
    spec = charts.dependence_by_fuel(rows, ENTRY, tr=TR, years=(1990, 2023)).to_dict()
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["encoding"]["y"]["scale"]["padding"] >= 6  # px between a line at its top and the plot's edge
    labels = [layer for layer in layers(spec) if layer["mark"]["type"] == "text" and layer.get("transform")]
    offsets = [t["calculate"] for layer in labels for t in layer["transform"] if "calculate" in t]
    assert labels and all(o.startswith("-2 - ") for o in offsets)  # every label's baseline above the plot (y < 0)
