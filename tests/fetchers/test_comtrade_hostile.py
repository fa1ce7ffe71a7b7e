"""Hostile answers to the Comtrade client, from a local server: each ends in a clear FetchError naming the ask, or in
refused records, never in a traceback, a hang, a loop of calls or a body read without end."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from catalog import trade
from fetchers import comtrade, http, limits
from fetchers.errors import BadResponse, FetchError, SourceUnavailable
from fetchers.http import make_session
from testkit.servers import Answer, fixture

pytestmark = pytest.mark.timeout(60)

KOREA_IMPORTS = next(a for a in trade.ASKS if a.id == "korea_imports")
MIRROR = next(a for a in trade.ASKS if a.partners is not None)  # asked in one call
RECORDS = json.loads(fixture("ct_data.json"))["data"]
HUGE = 200 * 2**20


def envelope(records: list, count: int | None = None) -> str:
    count = len(records) if count is None else count
    return json.dumps({"elapsedTime": "0.2 secs", "count": count, "data": records, "error": ""}, separators=(",", ":"))


def by_commodity(text: str) -> Answer:
    """An answer with the records of `text` (an envelope) that the call asks by cmdCode, as the API would send."""

    def answer(path: str) -> str:
        asked = parse_qs(urlsplit(path).query)["cmdCode"][0].split(",")
        return envelope([r for r in json.loads(text)["data"] if r["cmdCode"] in asked])

    return Answer(answer)


def fails(server, error: type[FetchError], says: str, ask=MIRROR) -> FetchError:
    """The fetch of one ask against `server` fails with `error` saying `says`, naming the ask, in plain words."""
    with pytest.raises(error) as info:
        comtrade.fetch(make_session(), server.url, [ask])
    err = info.value
    assert says in err.problem, err.problem
    assert (
        err.source == trade.COMTRADE and err.series_id == ask.id and str(err).startswith(f"comtrade series {ask.id}:")
    )
    assert err.__cause__ is None and err.__context__ is None  # nothing chained: no traceback of requests' to print
    assert server.url not in str(err) and "http://" not in str(err)
    return err


def test_a_count_with_no_records_is_no_silent_no_trade(server):
    server.answer(envelope([], count=3))
    fails(server, BadResponse, "announced 3 records and sent 0")
    assert len(server.paths) == 1


def test_an_endless_body_is_abandoned_at_the_cap(server):
    server.answer(Answer('{"elapsedTime":"0.1 secs","count":1,"data":[', padding=HUGE, chunked=True))
    fails(server, BadResponse, "sent a body over the cap of 16 MB; stopped reading it")
    assert server.sent < 64 * 2**20 and len(server.paths) == 1


def test_a_huge_declared_body_is_not_read(server):
    server.answer(Answer("{", padding=HUGE))
    fails(server, BadResponse, "announced a body of 209,715,201 bytes, over the cap of 16 MB")


@pytest.mark.parametrize(
    "answer, says",
    [
        pytest.param(Answer("<html><body>Service unavailable</body></html>"), "HTML page", id="html-200"),
        pytest.param(Answer('{"elapsedTime":"0.1 secs","count":'), "not complete JSON", id="truncated"),
        pytest.param(Answer("Request URL Too Long", content_type="text/plain"), "not complete JSON", id="plain-text"),
    ],
)
def test_a_body_that_is_not_json_is_asked_again_then_a_clear_failure(server, answer, says):
    server.answer(answer)
    fails(server, SourceUnavailable, f"answered HTTP 200 with an {says}" if says == "HTML page" else says)
    assert len(server.paths) == http.REQUEST_ATTEMPTS


def test_a_429_with_retry_after_is_waited_for_and_then_answered(server):
    server.answer(Answer(fixture("ct_error_429.json"), status=429, headers={"Retry-After": "1"}), envelope(RECORDS))
    started = time.monotonic()
    got = comtrade.fetch(make_session(), server.url, [KOREA_IMPORTS])
    assert time.monotonic() - started >= 0.9  # Retry-After was respected
    assert len(got.table) == 5 and len(server.paths) == 3  # 429, the first group's answer, the second group's


def test_a_429_that_persists_ends_at_the_deadline(server, monkeypatch):
    monkeypatch.setenv("FETCH_DEADLINE", "2")
    server.answer(Answer(fixture("ct_error_429.json"), status=429, headers={"Retry-After": "1"}))
    started = time.monotonic()
    fails(server, SourceUnavailable, "within the deadline of 2 s")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "name, status, says",
    [
        pytest.param("ct_error_401.json", 401, "HTTP 401: 401 Access denied due to invalid subscription key", id="401"),
        pytest.param("ct_error_404.json", 404, "HTTP 404: 404 Resource not found", id="404"),
    ],
)
def test_a_gateway_error_is_a_bad_response_asked_once(server, name, status, says):
    server.answer(Answer(fixture(name), status=status))
    fails(server, BadResponse, says)
    assert len(server.paths) == 1


def test_a_gateway_message_that_echoes_the_request_is_quoted_without_the_url(server):
    echo = Answer(lambda p: json.dumps({"statusCode": 400, "message": f"Bad request: {server.url}{p}"}), status=400)
    server.answer(echo)
    err = fails(server, BadResponse, "HTTP 400: 400 Bad request: <a URL>")
    assert "reporterCode" not in str(err)


@pytest.mark.parametrize(
    "text, says",
    [
        pytest.param(envelope(RECORDS)[:-1] + ',"error2":1}', None, id="extra-key-is-fine"),
        pytest.param(
            envelope(RECORDS).replace('"error":""', '"error":"Internal error"'), "the error: Internal", id="error"
        ),
        pytest.param("[]", "not the {elapsedTime, count, data, error} envelope", id="a-list"),
        pytest.param('{"count":5,"data":[]}', "not the {elapsedTime, count, data, error} envelope", id="half"),
        pytest.param(envelope(RECORDS).replace('"count":5', '"count":"5"'), "count is not a number", id="count-text"),
    ],
)
def test_an_answer_of_another_shape_fails_naming_the_ask(server, text, says):
    server.answer(text)
    if says is None:
        refused = comtrade.fetch(make_session(), server.url, [MIRROR]).refused[MIRROR.id]
        assert "refused 5 row(s)" in refused and "a reporter this call did not ask" in refused  # Korea's, not asked
    else:
        fails(server, BadResponse, says)


@pytest.mark.parametrize(
    "raw, says",
    [
        pytest.param("NaN", "primaryValue is not a finite number: nan", id="nan"),
        pytest.param("Infinity", "primaryValue is not a finite number: inf", id="infinity"),
        pytest.param("-5095126628.0", "primaryValue is negative", id="negative"),
        pytest.param('"5095126628"', "primaryValue is a string", id="string"),
        pytest.param("true", "primaryValue is not a number: True", id="boolean"),
        pytest.param("1e400", "primaryValue is not a finite number: inf", id="overflowing"),
    ],
)
def test_values_that_are_not_figures_are_refused_as_sent_and_the_rest_kept(server, raw, says):
    text = envelope(RECORDS).replace('"primaryValue":5095126628.0', f'"primaryValue":{raw}')
    server.answer(by_commodity(text))
    got = comtrade.fetch(make_session(), server.url, [KOREA_IMPORTS])
    assert len(got.table) == 4 and "QAT" not in set(got.table["partner"])
    assert says in got.refused[KOREA_IMPORTS.id] and "refused 1 row(s)" in got.refused[KOREA_IMPORTS.id]


def test_a_server_that_answers_500_records_to_everything_is_split_a_bounded_number_of_times(server):
    server.answer(envelope(RECORDS[4:] * comtrade.CAP))
    # Ten years halved to one (4 calls), then three commodities to one (1 more): one year of one commodity of one
    # reporter, every partner, cannot be split, and the fetch stops there.
    fails(server, BadResponse, "KOR M HS 2709 2008, every partner came back with 500 records", KOREA_IMPORTS)
    assert len(server.paths) == 5


def test_the_calls_of_one_fetch_are_bounded(server):
    server.answer(envelope(RECORDS[4:] * comtrade.CAP))
    with pytest.raises(BadResponse, match="needed more than 3 calls to stay under the cap of 500 records"):
        comtrade.fetch(make_session(), server.url, trade.ASKS, max_calls=3)
    assert len(server.paths) == 3


def test_one_flow_sent_twice_is_kept_once_if_equal_and_fails_if_not(server):
    qatar = RECORDS[4]
    server.answer(by_commodity(envelope([*RECORDS, qatar])))
    assert len(comtrade.fetch(make_session(), server.url, [KOREA_IMPORTS]).table) == 5
    server.answer(by_commodity(envelope([*RECORDS, qatar | {"primaryValue": 1.0}])))
    fails(server, BadResponse, "sent two different rows for KOR M HS 271111 partner QAT 2017", KOREA_IMPORTS)


def test_calls_are_paced_and_a_pause_never_runs_past_the_deadline(server):
    """The public preview answers a burst with 429: calls keep `pace` seconds apart, and the refresh's own deadline
    ends a pause rather than the pause outliving it."""
    server.answer(by_commodity(json.dumps({"data": RECORDS})))
    started = time.monotonic()
    comtrade.fetch(make_session(), server.url, [KOREA_IMPORTS], pace=0.4)  # two calls: one pause
    assert len(server.paths) == 2 and time.monotonic() - started >= 0.4

    before = len(server.paths)
    started = time.monotonic()
    with pytest.raises(FetchError):  # the second call finds the deadline passed
        comtrade.fetch(make_session(), server.url, [KOREA_IMPORTS], pace=30, stop_at=time.monotonic() + 0.5)
    assert time.monotonic() - started < 5 and len(server.paths) - before == 1


def test_the_pace_comes_from_the_environment_within_bounds(monkeypatch):
    for raw, seconds in (("0", 0.0), ("2.5", 2.5), ("600", 60.0), ("-1", limits.COMTRADE_PACE), ("x", 6.0)):
        monkeypatch.setenv(limits.COMTRADE_PACE_ENV, raw)
        assert limits.comtrade_pace() == seconds
    monkeypatch.delenv(limits.COMTRADE_PACE_ENV)
    assert limits.comtrade_pace() == limits.COMTRADE_PACE == 6.0
