"""One retry policy, explicit timeouts, a named User-Agent, and no key in any message or log line."""

from __future__ import annotations

import logging
import socket
import time
import traceback

import pytest

from fetchers import http
from fetchers.errors import SourceUnavailable
from tests.fetchers.conftest import Answer

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
    assert len(server.paths) == http.ATTEMPTS


def test_a_status_that_persists_is_retried_by_urllib3_only(server):
    server.answer(Answer("<html/>", status=502))
    with pytest.raises(SourceUnavailable, match="HTTP 502"):
        get(server)
    assert len(server.paths) == http.ATTEMPTS


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
