"""URL parameters are checked against known values; anything else is dropped and named in one notice."""

from __future__ import annotations

import pytest

from dashboard import i18n, state

EN = i18n.ENGLISH

YEARS = (1980, 2025)


def parse(**query):
    return state.parse(
        {k: v if isinstance(v, list) else [v] for k, v in query.items()}, YEARS, indicators=["gdp_usd", "gas_reserves"]
    )


def test_valid_parameters_are_kept():
    p = parse(countries="KOR,kaz", years="1990-2015", events="0", fuel="coal", area="health", indicator="gdp_usd")
    assert p.values == {
        "countries": ["KOR", "KAZ"],
        "years": (1990, 2015),
        "events": False,
        "fuel": "coal",
        "area": "health",
        "indicator": "gdp_usd",
    }
    assert p.notice(EN) is None


@pytest.mark.parametrize(
    "query, ignored",
    [
        pytest.param({"countries": "XXX"}, "countries", id="unknown-country"),
        pytest.param({"years": "1990"}, "years", id="one-year"),
        pytest.param({"years": "3000-3010"}, "years", id="outside-the-data"),
        pytest.param({"fuel": "uranium"}, "fuel", id="unknown-fuel"),
        pytest.param({"indicator": "x" * 1000}, "indicator", id="long-string"),
        pytest.param({"events": "maybe"}, "events", id="bad-flag"),
        pytest.param({"exporters": "KOR"}, "exporters", id="korea-is-not-an-exporter"),
    ],
)
def test_malformed_values_are_dropped_and_named(query, ignored):
    p = parse(**query)
    assert ignored in p.ignored
    assert ignored not in p.values or ignored in ("countries",)


def test_unknown_parameters_are_counted_never_echoed():
    p = parse(**{"<script>": "x", "api_key": "secret"})
    notice = p.notice(EN)
    assert notice and "2 unknown parameters" in notice
    assert "<script>" not in notice and "secret" not in notice


def test_a_reversed_range_is_swapped_and_noted():
    p = parse(years="2015-1995")
    assert p.values["years"] == (1995, 2015)
    assert "years" not in p.ignored and p.read_as == {"years": "1995–2015"}
    assert p.notice(EN) == "The link's years were read as 1995–2015."


def test_a_range_is_clipped_to_the_data():
    assert parse(years="1950-2000").values["years"] == (1980, 2000)


def test_repeated_parameters_are_joined():
    assert parse(countries=["KOR", "KAZ"]).values["countries"] == ["KOR", "KAZ"]


def test_partly_valid_country_lists_keep_the_valid_part():
    p = parse(countries="KOR,XXX")
    assert p.values["countries"] == ["KOR"] and "countries" in p.ignored


def test_encode_round_trips():
    values = {"countries": ["KOR", "TKM"], "years": (1992, 2010), "events": True, "fuel": "gas"}
    encoded = state.encode(values)
    assert encoded == {"countries": "KOR,TKM", "years": "1992-2010", "events": "1", "fuel": "gas"}
    assert state.parse({k: [v] for k, v in encoded.items()}, YEARS).values == values


def test_compare_takes_groups_and_single_countries_in_any_case():
    p = parse(compare="Peers,qat,WLD")
    assert p.values["compare"] == ["peers", "QAT", "WLD"] and not p.ignored
    assert state.expand(["KOR"], p.values["compare"]) == ["KOR", "JPN", "TWN", "CHN", "QAT", "WLD"]


def test_countries_outside_the_six_join_the_comparison_and_unknown_codes_are_named():
    p = parse(countries="KOR,JPN,XXX,WLD")
    assert p.values["countries"] == ["KOR"] and p.values["compare"] == ["JPN", "WLD"]
    assert p.ignored == ["countries"]
    only = parse(countries="USA")
    assert only.values["countries"] == [] and only.values["compare"] == ["USA"]


def test_exporters_take_the_five_and_the_other_suppliers_only():
    assert parse(exporters="QAT,KAZ").values["exporters"] == ["QAT", "KAZ"]
    assert "exporters" in parse(exporters="JPN").ignored  # an importer is no exporter to weigh


def test_an_emptied_choice_is_a_choice_of_none_not_a_malformed_parameter():
    p = parse(exporters="")
    assert p.values["exporters"] == [] and not p.ignored and p.notice(EN) is None
    assert parse(exporters="XXX").ignored == ["exporters"]  # an unknown code is still malformed


def test_a_range_past_the_data_is_used_and_said_so():
    p = parse(years="1950-2000")
    assert p.read_as == {"years": "1980–2000"} and "read as 1980–2000" in p.notice(EN)
