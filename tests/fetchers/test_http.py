"""One retry policy, timeouts and a total deadline, a named User-Agent, same-host redirects only, no key in any text."""

from __future__ import annotations

import json
import logging
import socket
import sys
import time
import traceback
from urllib.parse import quote, quote_plus

import pytest

from fetchers import http, limits
from fetchers.errors import BadResponse, SourceUnavailable
from testkit.servers import Answer

GOOD = '{"ok": true}'
CANARY = "CANARY0123456789abcdefKEY"


def get(server, **options):
    return http.get_json(http.make_session(), server.url + "/data", {"api_key": CANARY}, source="eia", **options)


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(Answer("<html>oops</html>", status=503), id="503"),
        pytest.param(Answer("{}", status=429, headers={"Retry-After": "0"}), id="429-retry-after"),
        pytest.param(Answer('{"ok": tr'), id="truncated"),
        pytest.param(Answer(""), id="empty"),
        pytest.param(Answer("<html>maintenance</html>"), id="html-200"),
        pytest.param(Answer(reset=True), id="connection-reset"),
    ],
)
def test_a_transient_fault_is_retried_and_then_succeeds(server, first):
    server.answer(first, GOOD)
    assert get(server) == (200, {"ok": True})
    assert len(server.paths) == 2


def test_a_fault_that_persists_fails_after_a_bounded_number_of_tries(server):
    server.answer(Answer(""))
    with pytest.raises(SourceUnavailable, match="empty body"):
        get(server)
    assert len(server.paths) == http.REQUEST_ATTEMPTS


def test_a_status_that_persists_is_asked_again_after_urllib3s_tries_and_then_given_up(server):
    server.answer(Answer("<html/>", status=502))
    with pytest.raises(SourceUnavailable, match=f"HTTP 502, after {http.REQUEST_ATTEMPTS} tries"):
        get(server)
    assert len(server.paths) == http.ATTEMPTS * http.REQUEST_ATTEMPTS


def test_a_connection_dropped_more_often_than_urllib3_tries_is_asked_again(server):
    """A burst of resets, like a flaky API's, outlasts urllib3's four tries; the request still ends with the answer."""
    server.answer(*[Answer(reset=True)] * http.ATTEMPTS, Answer(GOOD))
    assert get(server) == (200, {"ok": True})
    assert len(server.paths) == http.ATTEMPTS + 1


def test_timeouts_outlasting_urllib3s_tries_are_asked_again_but_only_once_more(server):
    server.answer(*[Answer(GOOD, delay=1)] * http.ATTEMPTS, Answer(GOOD))
    assert get(server, timeout=(1, 0.2)) == (200, {"ok": True})
    server.paths.clear()
    server.answer(Answer(GOOD, delay=1))
    with pytest.raises(SourceUnavailable, match="timed out, after retries"):
        get(server, timeout=(1, 0.2))
    assert len(server.paths) == http.ATTEMPTS * http.TIMEOUT_ATTEMPTS  # a hanging server costs a bounded wait


def test_a_status_that_outlasts_urllib3s_tries_is_asked_again(server):
    """Four 500s in a row (urllib3's tries, all spent) once cost a whole refresh; the request now goes on."""
    server.answer(*[Answer("<html/>", status=500)] * http.ATTEMPTS, Answer(GOOD))
    assert get(server) == (200, {"ok": True})
    assert len(server.paths) == http.ATTEMPTS + 1


def test_a_hanging_server_times_out(server):
    server.answer(Answer(GOOD, delay=2))
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="timed out"):
        get(server, timeout=(1, 0.2))
    assert time.monotonic() - started < 5


def test_every_request_names_the_project(server):
    server.answer(GOOD)
    get(server)
    assert server.headers[0]["User-Agent"].startswith("kca-energy-dashboard/")


def test_every_request_has_a_timeout(monkeypatch, server):
    seen = []
    session = http.make_session()
    original = session.get
    monkeypatch.setattr(session, "get", lambda *a, **k: seen.append(k.get("timeout")) or original(*a, **k))
    server.answer(GOOD)
    http.get_json(session, server.url, {}, source="worldbank")
    assert seen and all(isinstance(t, tuple) and len(t) == 2 for t in seen)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(Answer("<html/>", status=500), id="500"),
        pytest.param(Answer('{"trunc'), id="truncated"),
        pytest.param(Answer(GOOD, delay=1), id="timeout"),
        pytest.param(None, id="connection-refused"),
    ],
)
def test_the_key_never_appears_in_errors_or_logs(server, caplog, answer):
    url = server.url if answer else f"http://127.0.0.1:{closed_port()}"
    if answer:
        server.answer(answer)
    with caplog.at_level(logging.DEBUG), pytest.raises(SourceUnavailable) as info:
        http.get_json(http.make_session(), url + "/data", {"api_key": CANARY}, source="eia", timeout=(1, 0.3))
    err = info.value
    text = str(err) + repr(err) + "".join(traceback.format_exception(err))
    assert CANARY not in text
    assert CANARY not in caplog.text


def test_redaction_strips_keys_from_text_and_log_records():
    assert http.redact("GET /x?a=1&api_key=SECRET&b=2") == "GET /x?a=1&api_key=***&b=2"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "url %s", ("http://h/?api_key=SECRET",), None)
    http.RedactingFilter().filter(record)
    assert "SECRET" not in record.getMessage()


ODD_KEY = "Key+With/Odd=Chars&0123456789"


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(ODD_KEY, id="raw"),
        pytest.param(quote(ODD_KEY, safe=""), id="quote"),
        pytest.param(quote(ODD_KEY), id="quote-keeping-slash"),
        pytest.param(quote_plus(ODD_KEY), id="quote-plus"),
        pytest.param(quote_plus(ODD_KEY).lower(), id="lower-case-escapes"),
        pytest.param(json.dumps(ODD_KEY)[1:-1].replace("/", "\\/"), id="json-escaped-slash"),
    ],
)
def test_scrub_removes_the_secret_in_every_form(form):
    text = http.scrub(f"Invalid key {form} in /data?x=1", (ODD_KEY,))
    assert text == "Invalid key *** in /data?x=1"


def test_scrub_also_masks_api_key_values_in_queries_and_json():
    text = http.scrub("GET /x?api_key=abc&b=2 {\"api_key\": \"def\"} {'api_key': 'ghi'}")
    assert "abc" not in text and "def" not in text and "ghi" not in text
    assert http.scrub("nothing secret", (None, "")) == "nothing secret"


def test_the_filter_removes_secrets_from_messages_and_tracebacks():
    try:
        raise ValueError(f"failed for {CANARY}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "key %s", (CANARY,), sys.exc_info())
    http.RedactingFilter((CANARY,)).filter(record)
    assert CANARY not in logging.Formatter().format(record)


def test_a_redirect_to_the_same_host_is_followed(server):
    server.answer(Answer(status=302, headers={"Location": "/moved?x=1"}), GOOD)
    assert get(server) == (200, {"ok": True})
    assert server.paths[1] == "/moved?x=1"


def test_redirects_are_bounded(server):
    server.answer(Answer(status=302, headers={"Location": "/again"}))
    with pytest.raises(BadResponse, match="redirected the request more than 3 times"):
        get(server)
    assert len(server.paths) == 4


@pytest.mark.parametrize(
    "body, content_type",
    [
        pytest.param('\ufeff{"ok": true}', "application/json; charset=utf-8", id="byte-order-mark"),
        pytest.param('{"ok": true}', "application/json", id="no-charset"),
        pytest.param('{"ok": true}', "text/plain", id="text-without-charset"),
        pytest.param('{"ok": true}', "application/json; charset=nonsense", id="unknown-charset"),
    ],
)
def test_bodies_decode_as_json_whatever_the_header_says(server, body, content_type):
    server.answer(Answer(body, content_type=content_type))
    assert get(server) == (200, {"ok": True})


def test_json_nested_too_deeply_is_a_bad_response_not_a_crash(server):
    server.answer("[" * 100_000)
    with pytest.raises(BadResponse, match="nested too deeply"):
        get(server)
    assert len(server.paths) == 1


def test_the_deadline_bounds_the_retries_too(server):
    server.answer(Answer(""))  # retried with doubling waits: with 50 tries they would outlast any deadline
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="no time left to try again within the deadline of 0.5 s"):
        http.get_json(http.make_session(), server.url, {}, source="worldbank", deadline=0.5, attempts=50)
    assert time.monotonic() - started < 5


def test_a_retry_after_of_six_hours_waits_no_longer_than_the_deadline(server):
    server.answer(Answer("{}", status=429, headers={"Retry-After": "21600"}), GOOD)
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="within the deadline of 1 s"):
        get(server, deadline=1)
    assert time.monotonic() - started < 5


def test_retry_after_is_capped_in_any_case():
    retry = http.make_session().adapters["https://"].max_retries
    assert retry.retry_after_max == limits.RETRY_AFTER_MAX <= 60


def test_a_retry_after_that_is_not_a_time_is_a_clear_failure(server):
    server.answer(Answer("{}", status=429, headers={"Retry-After": "banana"}))
    with pytest.raises(SourceUnavailable, match="request failed"):
        get(server)


def test_get_json_removes_its_secrets_from_every_error_it_raises(server):
    def echo(text: str):
        raise BadResponse("eia", f"the API said: {text}")

    server.answer(Answer(lambda path: path))
    with pytest.raises(BadResponse) as info:
        http.get_json(
            http.make_session(),
            server.url + "/data",
            {"api_key": ODD_KEY},
            source="eia",
            decode=echo,
            secrets=(ODD_KEY,),
        )
    assert info.value.problem == "the API said: /data?api_key=***"
    assert info.value.__context__ is None and info.value.__cause__ is None
