"""The World Bank client reads exactly the documented wire format, quirks included."""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

import catalog
from fetchers import http, worldbank
from fetchers.errors import BadResponse, SourceUnavailable
from fetchers.http import Unreadable, make_session
from fetchers.result import Refusals
from testkit.servers import Answer, fixture

SERIES = [catalog.get("population"), catalog.get("energy_imports_net_pct"), catalog.get("gdp_usd")]


def test_parse_keeps_our_countries_and_annual_dates_and_drops_nulls():
    table = worldbank.parse(json.loads(fixture("wb_data_two_indicators.json")), SERIES)
    got = {(r.series, r.country, r.year): r.value for r in table.itertuples()}
    assert got == {
        ("population", "KOR", 2021): 51769539.0,
        ("energy_imports_net_pct", "KAZ", 2014): -118.6107434,
        ("gdp_usd", "KOR", 2021): 1818432106880.51,
    }
    assert set(table["unit"]) == {s.unit for s in SERIES}


def test_records_of_indicators_not_asked_for_are_ignored():
    table = worldbank.parse(json.loads(fixture("wb_data_two_indicators.json")), SERIES[:1])
    assert set(table["series"]) == {"population"}


def test_header_fields_may_be_strings():
    header, records = worldbank.envelope(json.loads(fixture("wb_header_strings.json")))
    assert header["pages"] == 1 and len(records) == 1


def test_a_page_of_null_records_is_empty_not_an_error():
    assert worldbank.parse(json.loads(fixture("wb_empty_page.json")), SERIES).empty


def test_an_error_inside_http_200_is_a_bad_response_with_its_message():
    with pytest.raises(BadResponse, match="175.*not found"):
        worldbank.envelope(json.loads(fixture("wb_error_175.json")))


def test_xml_where_json_was_asked_gives_the_xml_message():
    with pytest.raises(BadResponse, match="error 175 \\(Invalid format\\)"):
        worldbank.decode(fixture("wb_error_175.xml"))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("<html><body>Service unavailable</body></html>", id="html"),
        pytest.param('[{"page":1', id="truncated"),
        pytest.param("", id="empty"),
    ],
)
def test_bodies_that_may_read_fine_later_are_unreadable_not_errors(body):
    with pytest.raises(Unreadable):
        worldbank.decode(body)


def test_batches_split_by_database_and_by_the_api_limits():
    wdi = [s for s in catalog.WORLDBANK_SERIES if s.database == "2"]
    archived = [s for s in catalog.WORLDBANK_SERIES if s.database == "57"]
    assert [len(b) for b in worldbank.batches(wdi + archived)] == [len(wdi), len(archived)]
    many = [replace(wdi[0], id=f"s{i}", code=f"CODE.{i:03d}") for i in range(130)]
    batches = worldbank.batches(many)
    assert [len(b) for b in batches] == [60, 60, 10]
    long_codes = [replace(wdi[0], id=f"l{i}", code="X" * 100 + str(i)) for i in range(30)]
    assert all(len(";".join(s.code for s in b)) <= worldbank.MAX_SEGMENT for b in worldbank.batches(long_codes))


def test_fetch_asks_once_for_several_indicators_and_follows_pages(server):
    page1 = json.loads(fixture("wb_data_two_indicators.json"))
    page1[0].update(pages=2)
    page2 = [{**page1[0], "page": 2}, [page1[1][0] | {"date": "2019", "value": 51.0}]]
    server.answer(json.dumps(page1), json.dumps(page2))
    got = worldbank.fetch(SERIES, make_session(), server.url)
    assert len(server.paths) == 2
    path, query = urlsplit(server.paths[0]).path, parse_qs(urlsplit(server.paths[0]).query)
    assert path.endswith("/indicator/SP.POP.TOTL;EG.IMP.CONS.ZS;NY.GDP.MKTP.CD")
    assert "KOR" in path and query["format"] == ["json"] and query["source"] == ["2"]
    assert [parse_qs(urlsplit(p).query)["page"] for p in server.paths] == [["1"], ["2"]]
    assert ("population", "KOR", 2019) in {(r.series, r.country, r.year) for r in got.table.itertuples()}
    assert got.last_updated == "2025-07-01" and got.request.startswith("GET $WORLDBANK_API_URL/country/")


def test_last_updated_is_one_small_call(server):
    server.answer(fixture("wb_header_strings.json"))
    assert worldbank.last_updated("2", SERIES[0], make_session(), server.url) == "2024-03-28"
    query = parse_qs(urlsplit(server.paths[0]).query)
    assert query["per_page"] == ["1"] and query["mrv"] == ["1"]


def data_page(value: object = 51.0, **header: object) -> str:
    """One page of the two-indicator fixture whose first record holds `value`."""
    body = json.loads(fixture("wb_data_two_indicators.json"))
    body[0].update(header)
    body[1][0]["value"] = value
    return json.dumps(body)


@pytest.mark.parametrize("name", ["wb_error_105.json", "wb_error_105.xml"])
def test_service_unavailable_is_transient_and_retried(server, name):
    server.answer(fixture(name), fixture("wb_data_two_indicators.json"))
    got = worldbank.fetch(SERIES, make_session(), server.url)
    assert len(server.paths) == 2
    assert ("population", "KOR", 2021) in {(r.series, r.country, r.year) for r in got.table.itertuples()}


@pytest.mark.parametrize("name", ["wb_error_105.json", "wb_error_105.xml"])
def test_service_unavailable_that_persists_ends_in_source_unavailable(server, name):
    server.answer(fixture(name))
    with pytest.raises(SourceUnavailable, match="error 105 \\(Service currently unavailable\\)") as info:
        worldbank.fetch(SERIES, make_session(), server.url)
    assert len(server.paths) == http.REQUEST_ATTEMPTS
    assert f"after {http.REQUEST_ATTEMPTS} tries" in info.value.problem


@pytest.mark.parametrize(
    "name, says",
    [
        pytest.param("wb_error_120.json", "error 120 (Invalid value): The provided parameter", id="120"),
        pytest.param("wb_error_150.json", "error 150 (Language is not yet supported", id="150"),
        pytest.param("wb_error_175.json", "error 175 (Invalid format): The indicator was not found", id="175"),
        pytest.param("wb_error_175.xml", "error 175 (Invalid format): The indicator was not found", id="175-xml"),
    ],
)
def test_final_errors_are_not_retried(server, name, says):
    server.answer(fixture(name))
    with pytest.raises(BadResponse) as info:
        worldbank.fetch(SERIES, make_session(), server.url)
    assert says in info.value.problem
    assert len(server.paths) == 1


def test_several_messages_are_named_once_each():
    body = [{"message": [{"id": "120", "key": "Invalid value", "value": "bad"}] * 3 + [{"id": "175", "value": "x"}]}]
    with pytest.raises(BadResponse) as info:
        worldbank.envelope(body)
    assert info.value.problem.count("error 120") == 1 and "error 175" in info.value.problem


@pytest.mark.parametrize(
    "value, says",
    [
        pytest.param(True, "is not a number: True", id="true"),
        pytest.param(False, "is not a number: False", id="false"),
        pytest.param("many", "is not a number", id="word"),
        pytest.param([1], "is not a number", id="list"),
        pytest.param(1e30, "implausibly large", id="1e30"),
        pytest.param(1e308, "implausibly large", id="1e308"),
        pytest.param(-1e15, "implausibly large", id="minus-1e15"),
        pytest.param(10**400, "implausibly large", id="400-digit-integer"),
        pytest.param(float("nan"), "not a finite number", id="NaN"),
        pytest.param(float("inf"), "not a finite number", id="Infinity"),
    ],
)
def test_a_value_that_is_not_a_figure_fails_naming_the_series(value, says):
    body = json.loads(data_page())
    body[1][0]["value"] = value
    with pytest.raises(BadResponse) as info:
        worldbank.parse(body, SERIES)
    assert info.value.series_id == "population"
    assert "a value of population (SP.POP.TOTL, KOR 2021)" in info.value.problem and says in info.value.problem


def test_a_numeric_string_and_a_large_plausible_figure_are_kept():
    body = json.loads(data_page("51769539"))
    body[1][-1]["value"] = 9.9e14
    table = worldbank.parse(body, SERIES)
    assert 51769539.0 in set(table["value"]) and 9.9e14 in set(table["value"])


@pytest.mark.parametrize("date", ["２０２１", "²⁰²¹", "20211", "2021M01", ""])
def test_only_four_ascii_digit_dates_are_years(date):
    body = json.loads(data_page())
    body[1][0]["date"] = date
    assert ("population", "KOR") not in {(r.series, r.country) for r in worldbank.parse(body, SERIES).itertuples()}


def test_two_different_values_for_one_country_year_fail(server):
    page1 = json.loads(data_page(pages=2))
    page2 = [{**page1[0], "page": 2}, [page1[1][0] | {"value": 1.0}]]
    server.answer(json.dumps(page1), json.dumps(page2))
    with pytest.raises(BadResponse, match="two different values of population for KOR 2021"):
        worldbank.fetch(SERIES, make_session(), server.url)


def test_a_last_updated_that_is_not_a_date_is_unknown(server):
    server.answer(data_page(lastupdated="x" * 500))
    assert worldbank.fetch(SERIES, make_session(), server.url).last_updated is None


def test_an_answer_short_of_its_total_or_partial_content_is_refused(server):
    body = json.loads(fixture("wb_data_two_indicators.json"))
    body[0]["total"] = len(body[1]) + 3
    server.answer(json.dumps(body))
    with pytest.raises(BadResponse, match="sent 6 of the 9 records it announced"):
        worldbank.fetch(SERIES, make_session(), server.url)
    server.answer(Answer(fixture("wb_data_two_indicators.json"), status=206))
    with pytest.raises(BadResponse, match="HTTP 206"):
        worldbank.fetch(SERIES, make_session(), server.url)


def test_a_date_that_is_not_a_year_is_refused_for_an_asked_series():
    refused = Refusals()
    worldbank.parse(json.loads(fixture("wb_data_two_indicators.json")), SERIES, refused)
    assert "KAZ date '2014M01' (not a year)" in refused.summary()["energy_imports_net_pct"]
