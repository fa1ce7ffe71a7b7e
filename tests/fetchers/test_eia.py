"""The EIA client reads the international route's wire format: string values, flags, two error shapes, paging."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest

import catalog
from catalog import countries
from fetchers import eia
from fetchers.errors import BadResponse, MissingKey
from fetchers.http import make_session
from fetchers.result import Refusals
from testkit.servers import Answer, fixture

SERIES = [catalog.get("petroleum_consumption")]
KEY = "k3y-for-unit-tests-0123456789"


def test_string_values_parse_and_flagged_rows_are_missing_never_zero(caplog):
    with caplog.at_level(logging.WARNING):
        table = eia.parse(json.loads(fixture("eia_data.json")), SERIES)
    got = {(r.country, r.year): r.value for r in table.itertuples()}
    assert got == {("KOR", 2024): 2541.781421, ("KGZ", 2024): 0.316, ("TJK", 2023): -0.2}
    assert "parameter out of range" in caplog.text  # the warning is logged


def test_rows_of_combinations_not_asked_for_are_dropped():
    table = eia.parse(json.loads(fixture("eia_data.json")), SERIES)
    assert set(table["series"]) == {"petroleum_consumption"}  # the 5-1 production row is not ours


def test_rows_without_values_are_a_bad_response():
    with pytest.raises(BadResponse, match="without values"):
        eia.parse(json.loads(fixture("eia_without_values.json")), SERIES)


@pytest.mark.parametrize(
    "name, status, error",
    [
        pytest.param("eia_error_key_invalid.json", 403, MissingKey, id="gate-error"),
        pytest.param("eia_error_parameter.json", 400, BadResponse, id="parameter-error"),
    ],
)
def test_both_error_shapes_are_recognised(name, status, error):
    with pytest.raises(error):
        eia.parse(json.loads(fixture(name)), SERIES, status)


@pytest.mark.parametrize(
    "text, number",
    [
        ("2541.78", 2541.78),
        (".316", 0.316),
        ("-.2", -0.2),
        ("0", 0.0),
        ("--", None),
        ("ie", None),
        ("NA", None),
        ("", None),
        (None, None),
    ],
)
def test_value_strings(text, number):
    assert eia.to_number(text) == number


def page(records: list[dict], total: int) -> str:
    body = json.loads(fixture("eia_data.json"))
    body["response"].update(total=str(total), data=records)
    return json.dumps(body).replace("/", "\\/")


def test_fetch_pages_by_offset_until_the_total(server):
    records = json.loads(fixture("eia_data.json"))["response"]["data"][:3]
    server.answer(page(records[:2], 3), page(records[2:], 3))
    got = eia.fetch(SERIES, make_session(), server.url, KEY)
    offsets = [parse_qs(urlsplit(p).query)["offset"] for p in server.paths]
    assert offsets == [["0"], ["2"]]
    assert len(got.table) == 3
    query = parse_qs(urlsplit(server.paths[0]).query)
    assert query["data[0]"] == ["value"] and query["facets[productId][]"] == ["5"] and query["api_key"] == [KEY]
    assert KEY not in got.request and "api_key" not in got.request


def test_fetch_without_a_key_asks_nothing(server):
    with pytest.raises(MissingKey):
        eia.fetch(SERIES, make_session(), server.url, None)
    assert server.paths == []


def test_a_refused_key_is_missing_key_without_the_key_in_the_message(server):
    server.answer(Answer(fixture("eia_error_key_invalid.json"), status=403))
    with pytest.raises(MissingKey) as info:
        eia.fetch(SERIES, make_session(), server.url, KEY)
    assert KEY not in str(info.value)


def test_one_query_carries_every_facet_value():
    params = eia.query(catalog.EIA_SERIES)
    products = [v for k, v in params if k == "facets[productId][]"]
    assert set(products) == {eia.facets(s)[0] for s in catalog.EIA_SERIES}
    # Every country of the groups, the world asked as EIA's region WORL.
    expected = sorted({*countries.ALL_COUNTRIES} - {"WLD"} | {"WORL"})
    assert [v for k, v in params if k == "facets[countryRegionId][]"] == expected


def test_the_world_region_is_stored_under_our_one_code_for_it():
    body = json.loads(fixture("eia_data.json"))
    body["response"]["data"][0]["countryRegionId"] = "WORL"
    series = [
        s
        for s in catalog.EIA_SERIES
        if eia.facets(s) == tuple(str(body["response"]["data"][0][k]) for k in ("productId", "activityId", "unit"))
    ]
    table = eia.parse(body, series)
    assert "WLD" in set(table["country"]) and "WORL" not in set(table["country"])


def body_with_value(value: object) -> dict:
    body = json.loads(fixture("eia_data.json"))
    body["response"]["data"][0]["value"] = value
    return body


@pytest.mark.parametrize(
    "value, says",
    [
        pytest.param(True, "is not a number: True", id="true"),
        pytest.param(False, "is not a number: False", id="false"),
        pytest.param({"v": 1}, "is not a number", id="object"),
        pytest.param("1e30", "implausibly large", id="string-1e30"),
        pytest.param("1e308", "implausibly large", id="string-1e308"),
        pytest.param(1e308, "implausibly large", id="number-1e308"),
        pytest.param("-1e15", "implausibly large", id="string-minus-1e15"),
    ],
)
def test_a_value_that_is_not_a_figure_fails_naming_the_series(value, says):
    with pytest.raises(BadResponse) as info:
        eia.parse(body_with_value(value), SERIES)
    assert info.value.series_id == "petroleum_consumption"
    assert "a value of petroleum_consumption (KOR 2024)" in info.value.problem and says in info.value.problem


@pytest.mark.parametrize("value", ["--", "NA", "ie", None])
def test_documented_markers_are_no_figure_never_zero_and_refuse_nothing(value):
    refused = Refusals()
    table = eia.parse(body_with_value(value), SERIES, refused=refused)
    assert ("KOR", 2024) not in {(r.country, r.year) for r in table.itertuples()}
    assert refused.summary() == {}


@pytest.mark.parametrize("value", ["inf", "-Infinity", "nan", "1e999", "1,234.5", "12,5", "n/a"])
def test_a_value_that_is_neither_a_figure_nor_a_marker_is_refused_and_counted(value):
    refused = Refusals()
    table = eia.parse(body_with_value(value), SERIES, refused=refused)
    assert ("KOR", 2024) not in {(r.country, r.year) for r in table.itertuples()}
    assert "refused 1 row(s)" in refused.summary()["petroleum_consumption"]
    assert "KOR 2024" in refused.summary()["petroleum_consumption"]


def test_a_period_that_is_not_a_year_is_refused_and_one_never_asked_for_is_skipped():
    body = body_with_value("2541.5")
    body["response"]["data"][0]["period"] = "2024-12"
    body["response"]["data"].append({**body["response"]["data"][0], "period": "2024", "unit": "BCM"})
    refused = Refusals()
    eia.parse(body, SERIES, refused=refused)
    assert "not a year" in refused.summary()["petroleum_consumption"] and refused.skipped >= 1


def test_numbers_are_figures_too():
    table = eia.parse(body_with_value(2541.5), SERIES)
    assert {(r.country, r.year): r.value for r in table.itertuples()}[("KOR", 2024)] == 2541.5


def test_pages_shorter_than_asked_are_followed_but_an_empty_page_before_the_total_fails(server):
    records = json.loads(fixture("eia_data.json"))["response"]["data"][:3]
    server.answer(page(records[:1], 5), page(records[1:2], 5), page([], 5))
    with pytest.raises(BadResponse, match="sent 2 of the 5 rows it announced, then an empty page"):
        eia.fetch(SERIES, make_session(), server.url, KEY)
    assert len(server.paths) == 3


def test_a_total_that_changes_while_paging_fails(server):
    records = json.loads(fixture("eia_data.json"))["response"]["data"][:3]
    server.answer(page(records[:2], 3), page(records[2:], 4))
    with pytest.raises(BadResponse, match="announced 4 rows at offset 2; the first page said 3"):
        eia.fetch(SERIES, make_session(), server.url, KEY)


def test_a_warning_that_echoes_the_key_is_logged_without_it(server, caplog):
    body = json.loads(page(json.loads(fixture("eia_data.json"))["response"]["data"][:1], 1).replace("\\/", "/"))
    body["response"]["warnings"] = [{"warning": f"your key {KEY} is about to expire", "description": ""}]
    server.answer(json.dumps(body))
    with caplog.at_level(logging.DEBUG):
        eia.fetch(SERIES, make_session(), server.url, KEY)
    assert "about to expire" in caplog.text and KEY not in caplog.text


@pytest.mark.parametrize("field", ["unit", "productId", "activityId", "countryRegionId", "period"])
def test_a_row_missing_a_field_that_names_its_series_fails(field):
    body = json.loads(fixture("eia_data.json"))
    del body["response"]["data"][0][field]
    with pytest.raises(BadResponse, match=f"a record lacks {field}"):
        eia.parse(body, SERIES)
