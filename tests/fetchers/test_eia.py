"""The EIA client reads the international route's wire format: string values, flags, two error shapes, paging."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest

from fetchers import catalog, eia
from fetchers.errors import BadResponse, MissingKey
from fetchers.http import make_session
from tests.fetchers.conftest import Answer, fixture

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
    assert set(products) == {s.eia_facets[0] for s in catalog.EIA_SERIES}
    assert [v for k, v in params if k == "facets[countryRegionId][]"] == sorted(catalog.COUNTRIES)
