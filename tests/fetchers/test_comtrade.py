"""The Comtrade client reads the preview's wire format: M49 codes, the weight rules, refusals, the 500-record cap."""

from __future__ import annotations

import json
import math
from urllib.parse import parse_qs, urlsplit

import pytest

from catalog import trade
from catalog.countries import CENTRAL_ASIA, KAZAKHSTAN, KOREA, TAIWAN, WORLD
from fetchers import comtrade
from fetchers.comtrade_records import Call
from fetchers.errors import BadResponse
from fetchers.http import make_session
from fetchers.result import Refusals
from testkit.servers import Answer, fixture

ASKS = {a.id: a for a in trade.ASKS}
KOREA_IMPORTS, MIRROR = ASKS["korea_imports"], ASKS["mirror_imports"]


def body(*rows: dict, count: int | None = None) -> dict:
    """A data answer in the preview's envelope holding these records."""
    count = len(rows) if count is None else count
    return {"elapsedTime": "0.31 secs", "count": count, "data": list(rows), "error": ""}


def records() -> list[dict]:
    return json.loads(fixture("ct_data.json"))["data"]


def flows(table) -> dict[tuple, tuple]:
    return {
        (r.partner, r.commodity, r.year): (r.partner_name, r.weight_kg, r.weight_basis, r.value_usd)
        for r in table.itertuples()
    }


def test_a_small_answer_parses_to_the_flows_table():
    table = comtrade.parse(json.loads(fixture("ct_data.json")), KOREA_IMPORTS)
    assert tuple(table.columns) == trade.FLOW_COLUMNS
    assert {c: str(t) for c, t in table.dtypes.items()} == trade.FLOW_DTYPES
    assert table.equals(table.sort_values(trade.FLOW_KEY).reset_index(drop=True))
    assert set(table["ask"]) == {KOREA_IMPORTS.id} and set(table["reporter"]) == {KOREA}
    assert set(table["flow"]) == {trade.IMPORTS}
    assert flows(table) == {
        (WORLD, trade.COAL, 2017): ("World", 148262000000.0, trade.QUANTITY_KG, 15064678261.0),
        (WORLD, trade.LNG, 2017): ("World", 37537095400.0, trade.NET_WEIGHT, 15615666254.0),
        (WORLD, trade.PIPELINE_GAS, 2017): ("World", 39617.0, trade.QUANTITY_KG, 192793.0),
        ("S19", trade.COAL, 2017): ("Other Asia, nes", 35.0, trade.NET_WEIGHT, 106.0),
        ("QAT", trade.LNG, 2017): ("Qatar", 11554432000.0, trade.NET_WEIGHT, 5095126628.0),  # the pack's check figure
    }


@pytest.mark.parametrize(
    "net, qty, unit, weight, basis",
    [
        pytest.param(5.0, 7.0, 8, 5.0, trade.NET_WEIGHT, id="net-weight-first"),
        pytest.param(0.0, 7.0, 8, 0.0, trade.NET_WEIGHT, id="a-zero-net-weight-is-a-measured-zero"),
        pytest.param(None, 7.0, 8, 7.0, trade.QUANTITY_KG, id="quantity-in-kg-where-net-weight-is-null"),
        pytest.param(None, 7.0, 1, math.nan, "", id="quantity-in-another-unit-is-no-weight"),
        pytest.param(None, None, 8, math.nan, "", id="neither-is-no-weight"),
    ],
)
def test_the_weight_is_the_net_weight_else_a_quantity_in_kilograms_else_none(net, qty, unit, weight, basis):
    record = records()[4] | {"netWgt": net, "qty": qty, "qtyUnitCode": unit}
    (got,) = comtrade.parse(body(record), KOREA_IMPORTS).itertuples()
    assert got.weight_basis == basis and (got.weight_kg == weight or math.isnan(got.weight_kg) and math.isnan(weight))
    assert got.value_usd == 5095126628.0


@pytest.mark.parametrize(
    "change, says",
    [
        pytest.param({"refYear": None}, "refYear is not a whole number", id="year-null"),
        pytest.param({"refYear": "2017"}, "refYear is not a whole number", id="year-string"),
        pytest.param({"refYear": 2018}, "a year this call did not ask", id="year-not-asked"),
        pytest.param({"reporterCode": 392}, "a reporter this call did not ask", id="reporter-not-asked"),
        pytest.param({"flowCode": "X"}, "a flow or commodity this call did not ask", id="flow-not-asked"),
        pytest.param({"cmdCode": "2710"}, "a flow or commodity this call did not ask", id="commodity-not-asked"),
        pytest.param({"cmdCode": 271111}, "cmdCode is not a code", id="commodity-number"),
        pytest.param({"motCode": 1}, "motCode is 1, not the total 0", id="a-transport-mode"),
        pytest.param({"partner2Code": False}, "partner2Code is False, not the total 0", id="partner2-false"),
        pytest.param({"netWgt": -1.0}, "netWgt is negative", id="negative-weight"),
        pytest.param({"primaryValue": -5.0}, "primaryValue is negative", id="negative-value"),
        pytest.param({"primaryValue": math.nan}, "primaryValue is not a finite number", id="nan-value"),
        pytest.param({"qty": math.inf}, "qty is not a finite number", id="infinite-quantity"),
        pytest.param({"primaryValue": 1e300}, "primaryValue is implausibly large", id="absurd-value"),
        pytest.param({"netWgt": True}, "netWgt is not a number: True", id="boolean-weight"),
        pytest.param({"primaryValue": "5095126628"}, "primaryValue is a string", id="string-value"),
        pytest.param({"qtyUnitCode": "8"}, "qtyUnitCode is not a whole number", id="unit-string"),
        pytest.param({"partnerISO": None}, "partnerISO is not a code", id="no-partner-code-without-includeDesc"),
        pytest.param({"partnerDesc": None}, "partnerDesc is not a name", id="no-partner-name"),
        pytest.param({"partnerISO": "<script>"}, "partnerISO is not a code", id="partner-code-junk"),
    ],
)
def test_a_malformed_record_is_refused_with_its_reason_and_the_rest_kept(change, says):
    refused = Refusals()
    table = comtrade.parse(body(*records()[:4], records()[4] | change), KOREA_IMPORTS, refused=refused)
    assert len(table) == 4 and ("QAT", trade.LNG, 2017) not in flows(table)
    summary = refused.summary()[KOREA_IMPORTS.id]
    assert summary.startswith("refused 1 row(s)") and says in summary, summary


@pytest.mark.parametrize(
    "record, says",
    [
        pytest.param("a string", "a record that is not an object", id="not-an-object"),
        pytest.param({"refYear": 2017}, "a record lacking reporterCode, flowCode", id="keys-missing"),
    ],
)
def test_a_record_that_is_no_record_is_refused_too(record, says):
    refused = Refusals()
    assert len(comtrade.parse(body(*records(), record), KOREA_IMPORTS, refused=refused)) == 5
    assert says in refused.summary()[KOREA_IMPORTS.id]


def test_taiwan_reports_as_490_and_is_stored_as_twn_and_mirror_partners_must_be_the_five():
    taiwan = records()[3] | {"reporterCode": 490, "partnerCode": 398, "partnerISO": "KAZ", "partnerDesc": "Kazakhstan"}
    qatar = records()[4] | {"reporterCode": 490}
    refused = Refusals()
    table = comtrade.parse(body(taiwan, qatar), MIRROR, refused=refused)
    assert [(r.reporter, r.partner, r.partner_name) for r in table.itertuples()] == [(TAIWAN, KAZAKHSTAN, "Kazakhstan")]
    assert "partner 634" in refused.summary()[MIRROR.id] and "a partner this call did not ask" in str(refused.summary())


@pytest.mark.parametrize(
    "payload, status, says",
    [
        pytest.param([], 200, "not the {elapsedTime, count, data, error} envelope", id="a-list"),
        pytest.param({"data": [], "error": ""}, 200, "not the {elapsedTime", id="no-count"),
        pytest.param(
            body() | {"error": "Invalid reporterCode"}, 200, "with the error: Invalid reporterCode", id="error"
        ),
        pytest.param(json.loads(fixture("ct_error_401.json")), 401, "HTTP 401: 401 Access denied", id="gateway-401"),
        pytest.param(
            json.loads(fixture("ct_error_404.json")), 404, "HTTP 404: 404 Resource not found", id="gateway-404"
        ),
        pytest.param(body(count=3), 200, "announced 3 records and sent 0", id="count-without-records"),
        pytest.param(body(*records()[:2], count=1), 200, "announced 1 records and sent 2", id="more-than-count"),
        pytest.param(body() | {"data": {}}, 200, "data is not a list", id="data-not-a-list"),
        pytest.param(body() | {"count": "0"}, 200, "count is not a number of records: '0'", id="count-string"),
        pytest.param(body() | {"count": -1}, 200, "count is not a number of records: -1", id="count-negative"),
        pytest.param(body(), 500, "HTTP 500 to a data call", id="envelope-with-an-error-status"),
    ],
)
def test_an_answer_that_is_no_data_is_a_bad_response_naming_the_ask(payload, status, says):
    with pytest.raises(BadResponse) as info:
        comtrade.parse(payload, KOREA_IMPORTS, status)
    assert says in info.value.problem and info.value.series_id == KOREA_IMPORTS.id
    assert info.value.source == trade.COMTRADE


def test_an_answer_of_exactly_500_records_is_never_taken_as_whole():
    with pytest.raises(BadResponse, match="came back with 500 records, the cap: it may be cut"):
        comtrade.parse(body(*[records()[4]] * 500), KOREA_IMPORTS)


def test_a_no_match_answer_is_an_empty_table_not_an_error():
    table = comtrade.parse(json.loads(fixture("ct_empty.json")), KOREA_IMPORTS)
    assert table.empty and tuple(table.columns) == trade.FLOW_COLUMNS


def test_the_plan_asks_every_commodity_once_per_ask_in_five_calls():
    calls = comtrade.plan(trade.ASKS)
    assert len(calls) == 5
    assert sorted(c for group in comtrade.FIRST_GROUPS for c in group) == sorted(trade.COMMODITIES)
    for ask in trade.ASKS:
        mine = [c for c in calls if c.ask == ask.id]
        assert sorted(c for call in mine for c in call.commodities) == sorted(trade.COMMODITIES)
        assert all(c.years == tuple(range(trade.YEARS[0], trade.YEARS[1] + 1)) for c in mine)


def test_the_query_names_m49_codes_totals_and_descriptions():
    (call,) = comtrade.plan([MIRROR])
    query = dict(comtrade.query(call))
    assert query["reporterCode"] == "156,392,490" and query["flowCode"] == trade.IMPORTS
    assert query["partnerCode"] == ",".join(str(trade.M49[c]) for c in CENTRAL_ASIA)
    assert query["period"] == ",".join(str(y) for y in range(2008, 2018))
    assert query["cmdCode"] == ",".join(trade.COMMODITIES)
    assert (query["partner2Code"], query["customsCode"], query["motCode"], query["includeDesc"]) == (
        "0",
        "C00",
        "0",
        "true",
    )
    assert "partnerCode" not in dict(comtrade.query(comtrade.plan([KOREA_IMPORTS])[0]))  # every partner, World too
    assert comtrade.request(call).startswith("GET $COMTRADE_API_URL/preview/C/A/HS?reporterCode=156,392,490&")


def test_a_cut_call_is_halved_by_period_then_commodity_then_reporter_then_partner():
    call = Call("x", (KOREA, TAIWAN), trade.IMPORTS, (trade.COAL, trade.LNG), (2008, 2009, 2010), (KAZAKHSTAN, WORLD))
    first, second = comtrade.split(call)
    assert (first.years, second.years) == ((2008,), (2009, 2010))
    first, second = comtrade.split(first)
    assert (first.commodities, second.commodities) == ((trade.COAL,), (trade.LNG,))
    first, second = comtrade.split(first)
    assert (first.reporters, second.reporters) == ((KOREA,), (TAIWAN,))
    first, second = comtrade.split(first)
    assert (first.partners, second.partners) == ((KAZAKHSTAN,), (WORLD,))
    assert comtrade.split(first) is None
    assert comtrade.split(Call("x", (KOREA,), trade.IMPORTS, (trade.COAL,), (2008,))) is None  # every partner


# --- the cap, against a local server that answers as the preview does ------------------------------------------


def dataset(partners: int) -> list[dict]:
    """Korea's imports of every commodity in every year from `partners` partners, as records."""
    found, qatar = [], records()[4]
    for year in comtrade.years():
        for commodity in trade.COMMODITIES:
            found += [
                qatar
                | {"refYear": year, "period": str(year), "cmdCode": commodity, "partnerCode": 1000 + i}
                | {"partnerISO": f"P{i:02d}", "partnerDesc": f"Partner {i}", "primaryValue": float(year * 100 + i)}
                for i in range(partners)
            ]
    return found


def preview(found: list[dict]) -> Answer:
    """A server that filters `found` by the query and sends at most 500 of them, count = records sent."""

    def answer(path: str) -> str:
        query = {k: v[0].split(",") for k, v in parse_qs(urlsplit(path).query).items()}
        chosen = [
            r
            for r in found
            if str(r["refYear"]) in query["period"]
            and r["cmdCode"] in query["cmdCode"]
            and str(r["reporterCode"]) in query["reporterCode"]
            and r["flowCode"] in query["flowCode"]
        ][: comtrade.CAP]
        return json.dumps(body(*chosen))

    return Answer(answer)


@pytest.mark.parametrize(
    "partners, periods, kept",
    [
        # 600 records in the first group: halved by period (300 + 300); 400 in the second.
        pytest.param(20, ["2008-2017", "2008-2012", "2013-2017", "2008-2017"], 3, id="more-than-500"),
        # 750 in the first group, and exactly 500 in the second: that one is halved too (250 + 250).
        pytest.param(25, ["2008-2017", "2008-2012", "2013-2017"] * 2, 4, id="exactly-500"),
    ],
)
def test_answers_at_the_cap_are_split_until_whole_and_merged_without_loss_or_repeat(server, partners, periods, kept):
    found = dataset(partners)
    server.answer(preview(found))
    got = comtrade.fetch(make_session(), server.url, [KOREA_IMPORTS])
    asked = [parse_qs(urlsplit(p).query)["period"][0].split(",") for p in server.paths]
    assert [f"{p[0]}-{p[-1]}" for p in asked] == periods
    assert len(got.table) == len(found) == len(got.table.drop_duplicates(trade.FLOW_KEY))
    assert set(zip(got.table["partner"], got.table["commodity"], got.table["year"], strict=True)) == {
        (r["partnerISO"], r["cmdCode"], r["refYear"]) for r in found
    }
    assert got.refused == {} and len(got.request.splitlines()) == kept  # only the calls whose answers were kept
