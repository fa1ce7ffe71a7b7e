"""Contract tests on 39 bodies the real World Bank, EIA and UN Comtrade APIs returned (../shared/data/recorded,
manifest.json).

Every data body parses to exactly the rows it holds (counted from the body itself, here); metadata bodies are
read as [header, records] and refused as data with a clear BadResponse; every error body ends in a clear error
naming the source and the API's own id and message, both parsed directly and served (with the HTTP status it
was recorded with) from a local server, where final errors are asked once and never retried. Comtrade's data bodies
parse to one row per record, its empty answers to no rows, and a record of another route (a bulk file list) is
refused with its reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace

import pytest

import catalog
from catalog import trade
from fetchers import comtrade, eia, http, worldbank
from fetchers.comtrade_records import FROM_M49, Call
from fetchers.errors import BadResponse, FetchError, MissingKey, SourceUnavailable
from fetchers.result import Refusals
from testkit.servers import Answer
from tests.conftest import NO_SHARED, SHARED

RECORDED = SHARED / "data" / "recorded"
WB_TEMPLATE = catalog.get("gdp_usd")
EIA_TEMPLATE = catalog.get("petroleum_consumption")


# The APIs the project has a client for; the recordings of any other wait for its client.
CLIENTS = ("worldbank", "eia", "comtrade")


def entries(apis: tuple[str, ...] | None = None) -> list:
    manifest = RECORDED / "manifest.json"
    if not manifest.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_SHARED), id="no-shared")]
    found = json.loads(manifest.read_text(encoding="utf-8"))
    return [pytest.param(e, id=e["file"]) for e in found if apis is None or e["api"] in apis]


def raw(entry: dict) -> bytes:
    return (RECORDED / entry["file"]).read_bytes()


def kind(entry: dict) -> str:
    """What the body is, judged from the body: data, meta, error or html (prefixed with the API)."""
    text = raw(entry).decode("utf-8")
    if text.lstrip("\ufeff").startswith("<"):
        return f"{entry['api']}-html"
    body = json.loads(text)
    if entry["api"] == "eia":
        return "eia-error" if "error" in body else "eia-data"
    if entry["api"] == "comtrade" and not body["data"]:
        return "comtrade-empty"
    if entry["api"] == "comtrade":  # a data record names its commodity; the bulk route's lists files
        return "comtrade-data" if "cmdCode" in body["data"][0] else "comtrade-files"
    if isinstance(body[0], dict) and "message" in body[0]:
        return "worldbank-error"
    return "worldbank-data" if body[1] and "indicator" in body[1][0] else "worldbank-meta"


def wb_series(body: list) -> list[catalog.Series]:
    """One Series per indicator in the body, following every country (3-letter code) the body holds."""
    codes = sorted({r["indicator"]["id"] for r in body[1]})
    countries = tuple(sorted({r["countryiso3code"] for r in body[1] if r["countryiso3code"]}))
    return [replace(WB_TEMPLATE, id=code.lower(), code=code, countries=countries) for code in codes]


def figures_in(body: list) -> set[tuple]:
    """(series, country, year, value) of every non-null annual value, read straight from the body."""
    return {
        (r["indicator"]["id"].lower(), r["countryiso3code"], int(r["date"]), float(r["value"]))
        for r in body[1]
        if r["value"] is not None and re.fullmatch(r"\d{4}", r["date"]) and r["countryiso3code"]
    }


def rows(table) -> set[tuple]:
    return {(r.series, r.country, r.year, r.value) for r in table.itertuples()}


def serve(server, entry: dict) -> None:
    content_type = entry.get("content_type") or "application/json;charset=utf-8"
    server.answer(Answer(raw(entry), status=entry["status"], content_type=content_type))


@pytest.mark.parametrize("entry", entries())
def test_the_body_is_the_one_recorded(entry):
    assert hashlib.sha256(raw(entry)).hexdigest() == entry["sha256"] and len(raw(entry)) == entry["bytes"]


@pytest.mark.parametrize("entry", entries(CLIENTS))
def test_every_recorded_body_meets_its_contract(entry, server):
    CONTRACTS[kind(entry)](entry, server)


def world_bank_data(entry: dict, server) -> None:
    body = json.loads(raw(entry))
    series = wb_series(body)
    table = worldbank.parse(body, series)
    assert len(table) == len(figures_in(body)) > 0
    assert rows(table) == figures_in(body)
    serve(server, entry)
    status, served = http.get_json(http.make_session(), server.url, {}, source="worldbank", decode=worldbank.decode)
    assert status == entry["status"] and rows(worldbank.parse(served, series)) == figures_in(body)
    header, records = worldbank.envelope(body)
    if header["pages"] == 1 and len(records) >= int(header["total"]):  # a whole answer: read as it would be live
        assert rows(worldbank.fetch(series, http.make_session(), server.url).table) == figures_in(body)
    elif header["pages"] == 1:  # trimmed by whoever recorded it: live, an answer short of its total is refused
        with pytest.raises(BadResponse, match="records it announced"):
            worldbank.fetch(series, http.make_session(), server.url)


def world_bank_meta(entry: dict, server) -> None:
    body = json.loads(raw(entry))
    header, records = worldbank.envelope(body)  # the header's fields may be strings here: still read
    assert header["pages"] == 1 and len(records) == 1
    with pytest.raises(BadResponse, match="not a data call's answer"):
        worldbank.parse(body, [WB_TEMPLATE])
    serve(server, entry)
    with pytest.raises(BadResponse, match="not a data call's answer"):
        worldbank.fetch([WB_TEMPLATE], http.make_session(), server.url)
    assert len(server.paths) == 1


def world_bank_error(entry: dict, server) -> None:
    body = json.loads(raw(entry))
    message = body[0]["message"][0]
    says = f"error {message['id']} ({message['key']}): {message['value']}"
    with pytest.raises(BadResponse) as parsed:
        worldbank.envelope(body)
    assert says in parsed.value.problem and parsed.value.source == "worldbank"
    serve(server, entry)
    with pytest.raises(BadResponse) as fetched:
        worldbank.fetch([WB_TEMPLATE], http.make_session(), server.url)
    assert says in fetched.value.problem
    assert len(server.paths) == 1  # a final error: asked once, never retried


def world_bank_html(entry: dict, server) -> None:
    with pytest.raises(http.Unreadable, match="an HTML page"):
        worldbank.decode(raw(entry).decode("utf-8"))
    serve(server, entry)
    with pytest.raises(SourceUnavailable, match=f"answered HTTP {entry['status']} with an HTML page"):
        worldbank.fetch([WB_TEMPLATE], http.make_session(), server.url)


def eia_data(entry: dict, server) -> None:
    body = json.loads(raw(entry))
    (record,) = body["response"]["data"]
    code = f"{record['productId']}-{record['activityId']}-{record['unit']}"
    series = [replace(EIA_TEMPLATE, id="recorded", code=code, countries=(record["countryRegionId"],))]
    assert eia.envelope(entry["status"], body) == (1, [record])
    # The recording is a monthly page ("1973-01"); our calls are annual, so a month is no row of ours...
    assert eia.parse(body, series, entry["status"]).empty
    # ...while the same record for a year is read as one figure.
    record["period"] = "1973"
    assert rows(eia.parse(body, series)) == {("recorded", record["countryRegionId"], 1973, float(record["value"]))}
    serve(server, entry)
    got = eia.fetch(series, http.make_session(), server.url, "MOCK_API_KEY")  # the key the body echoes
    assert got.table.empty and "MOCK_API_KEY" not in got.request and len(server.paths) == 1


EIA_ERRORS = {403: (MissingKey, "refused the key (API_KEY_MISSING)"), 404: (BadResponse, "HTTP 404: Not found.")}


def eia_error(entry: dict, server) -> None:
    body = json.loads(raw(entry))
    error, says = EIA_ERRORS.get(entry["status"], (BadResponse, f"HTTP {entry['status']}: {body.get('error')}"))
    with pytest.raises(error, match=re.escape(says)):
        eia.parse(body, [EIA_TEMPLATE], entry["status"])
    serve(server, entry)
    with pytest.raises(error, match=re.escape(says)) as fetched:
        eia.fetch([EIA_TEMPLATE], http.make_session(), server.url, "a-key")
    assert isinstance(fetched.value, FetchError) and fetched.value.source == "eia"
    assert len(server.paths) == 1


MIRROR = next(a for a in trade.ASKS if a.partners is not None)  # asked in one call: one served answer is its fetch


def comtrade_data(entry: dict, server) -> None:
    body = json.loads(raw(entry))
    data = body["data"]
    reporters = tuple(sorted({FROM_M49[r["reporterCode"]] for r in data}))
    commodities, years = tuple(sorted({r["cmdCode"] for r in data})), tuple(sorted({r["refYear"] for r in data}))
    serve(server, entry)
    status, served = http.get_json(http.make_session(), server.url, {}, source="comtrade")
    # The recording answers another question (China's 2010 trade in all commodities with three partners): asked as
    # a call of one flow, each record of that flow is one row, and each of the other flow is refused as not asked.
    for flow in (trade.IMPORTS, trade.EXPORTS):
        call, refused = Call("recorded", reporters, flow, commodities, years), Refusals()
        for payload in (body, served):
            table = comtrade.parse(payload, call, status, refused=refused)
            assert {(r.partner, r.partner_name, r.value_usd) for r in table.itertuples()} == {
                (r["partnerISO"], r["partnerDesc"], r["primaryValue"]) for r in data if r["flowCode"] == flow
            }
            assert table["weight_kg"].isna().all() and set(table["weight_basis"]) == {""}  # qty and netWgt null
        assert "a flow or commodity this call did not ask" in refused.summary()["recorded"]
    got = comtrade.fetch(http.make_session(), server.url, [MIRROR])  # TOTAL and exports are not what we ask
    assert got.table.empty and f"refused {len(data)} row(s)" in got.refused[MIRROR.id] and len(server.paths) == 2


def comtrade_empty(entry: dict, server) -> None:
    assert comtrade.parse(json.loads(raw(entry)), MIRROR, entry["status"]).empty
    serve(server, entry)
    got = comtrade.fetch(http.make_session(), server.url)  # every ask, every call answered "no match"
    assert got.table.empty and got.refused == {} and len(server.paths) == len(comtrade.plan(trade.ASKS))


def comtrade_files(entry: dict, server) -> None:
    refused = Refusals()
    assert comtrade.parse(json.loads(raw(entry)), MIRROR, entry["status"], refused=refused).empty
    assert "a record lacking refYear, flowCode, partnerCode" in refused.summary()[MIRROR.id]
    serve(server, entry)
    assert "refused 1 row(s)" in comtrade.fetch(http.make_session(), server.url, [MIRROR]).refused[MIRROR.id]


CONTRACTS = {
    "worldbank-data": world_bank_data,
    "worldbank-meta": world_bank_meta,
    "worldbank-error": world_bank_error,
    "worldbank-html": world_bank_html,
    "eia-data": eia_data,
    "eia-error": eia_error,
    "comtrade-data": comtrade_data,
    "comtrade-empty": comtrade_empty,
    "comtrade-files": comtrade_files,
}


def test_the_recordings_cover_every_kind_of_answer():
    found = [kind(p.values[0]) for p in entries(CLIENTS) if p.values[0] is not None]
    if not found:
        pytest.skip(NO_SHARED)
    assert {k: found.count(k) for k in CONTRACTS} == {
        "worldbank-data": 22,
        "worldbank-meta": 4,
        "worldbank-error": 3,
        "worldbank-html": 1,
        "eia-data": 1,
        "eia-error": 3,
        "comtrade-data": 2,
        "comtrade-empty": 2,
        "comtrade-files": 1,
    }
