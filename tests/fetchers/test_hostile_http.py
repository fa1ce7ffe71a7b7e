"""Hostile answers (issue 14, the HTTP client's part): no answer leaks the key, hangs, pages forever or fills memory.

Every case runs against a local server on 127.0.0.1 that answers the fetchers' own requests in a hostile way.
Timing asserts are loose safety bounds only; how fast each case ends is measured by bench/hostile.py.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import traceback
import zlib
from urllib.parse import parse_qs, quote, quote_plus, unquote_plus, urlsplit

import pytest

import catalog
from fetchers import eia, worldbank
from fetchers.errors import BadResponse, FetchError, SourceUnavailable
from fetchers.http import make_session
from testkit.servers import Answer, fixture
from tests.conftest import ROOT

pytestmark = pytest.mark.timeout(60)

CANARY = "CaNaRy+/=0123456789abcdefKEY"  # characters that URL-encoding changes, so every form must go
FORMS = (CANARY, quote(CANARY, safe=""), quote(CANARY), quote_plus(CANARY), CANARY.replace("/", "\\/"))
EIA_SERIES = [catalog.get("petroleum_consumption")]
WB_SERIES = [catalog.get("population"), catalog.get("energy_imports_net_pct"), catalog.get("gdp_usd")]
HUGE = 200 * 2**20


def assert_no_key(*texts: str) -> None:
    for text in texts:
        assert not any(form.lower() in text.lower() for form in FORMS), text


def error_texts(err: BaseException) -> list[str]:
    chained = [e for e in (err.__cause__, err.__context__) if e is not None]
    return [str(err), repr(err), getattr(err, "problem", ""), "".join(traceback.format_exception(err))] + [
        repr(e) for e in chained
    ]


def fetch_eia(server) -> eia.Fetched:
    return eia.fetch(EIA_SERIES, make_session(), server.url, CANARY)


def eia_page(records: list[dict], total: int | str) -> str:
    body = json.loads(fixture("eia_data.json"))
    body["response"].update(total=str(total), data=records)
    return json.dumps(body).replace("/", "\\/")


RECORDS = json.loads(fixture("eia_data.json"))["response"]["data"]


def wb_page(page: int = 1, pages: int = 1, records: list | None = None) -> str:
    body = json.loads(fixture("wb_data_two_indicators.json"))
    body[0].update(page=page, pages=pages)
    return json.dumps([body[0], body[1] if records is None else records])


# --- the key never leaves the fetcher -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(
            Answer(lambda p: f"400 Bad Request: GET {p}", status=400, content_type="text/plain"), id="text-url-echo"
        ),
        pytest.param(Answer(lambda p: json.dumps({"error": f"Bad request {p}", "code": 400}), status=400), id="json"),
        pytest.param(
            Answer(lambda p: json.dumps({"error": f"Bad {unquote_plus(p)}", "code": 400}), status=400),
            id="json-decoded-url",
        ),
        pytest.param(
            Answer(lambda p: json.dumps({"error": f"bad {p.lower()}", "code": 401}), status=401), id="json-lowercased"
        ),
        pytest.param(
            Answer(
                lambda p: json.dumps({"error": {"code": "DENIED", "message": json.dumps(parse_qs(urlsplit(p).query))}}),
                status=401,
            ),
            id="json-query-as-json",
        ),
        pytest.param(
            Answer(lambda p: json.dumps({"error": f"api_key {CANARY} is not valid", "code": 400}).replace("/", "\\/")),
            id="json-escaped-in-200",
        ),
    ],
)
def test_an_error_that_echoes_the_request_does_not_leak_the_key(server, caplog, answer):
    server.answer(answer)
    with caplog.at_level(logging.DEBUG), pytest.raises(FetchError) as info:
        fetch_eia(server)
    sent = answer.body(server.paths[0])
    assert any(form.lower() in sent.lower() for form in FORMS)  # the server did echo the key
    assert info.value.source == "eia" and "HTTP " in info.value.problem
    assert_no_key(*error_texts(info.value), caplog.text)


def test_a_data_page_that_echoes_the_key_returns_no_trace_of_it(server, caplog):
    body = json.loads(eia_page(RECORDS, len(RECORDS)).replace("\\/", "/"))
    body["request"]["params"]["api_key"] = CANARY
    body["response"]["warnings"] = [{"warning": f"key {quote_plus(CANARY)} expires soon"}]
    server.answer(json.dumps(body))
    with caplog.at_level(logging.DEBUG):
        got = fetch_eia(server)
    assert len(got.table) and "expires soon" in caplog.text
    assert_no_key(got.table.to_csv(), got.request, str(got.last_updated), caplog.text)


def test_a_redirect_to_another_host_is_not_followed(server, other_server, caplog):
    server.answer(Answer(status=302, headers={"Location": lambda p: other_server.url + p}))
    with caplog.at_level(logging.DEBUG), pytest.raises(BadResponse, match="redirected the request to another host"):
        fetch_eia(server)
    assert other_server.paths == []  # the query string, key and all, never reached it
    assert_no_key(caplog.text)


@pytest.mark.parametrize("trick", ["\\@", "%5C@", "@"], ids=["backslash", "encoded-backslash", "userinfo"])
def test_a_redirect_that_names_our_host_after_another_is_judged_as_the_library_connects(
    server, other_server, caplog, trick
):
    """`http://OTHER\\@OURS/...` is OURS to urllib.parse but OTHER to urllib3, which would carry the key there."""
    ours, other = server.url.removeprefix("http://"), other_server.url.removeprefix("http://")
    server.answer(Answer(status=302, headers={"Location": lambda p: f"http://{other}{trick}{ours}{p}"}))
    with caplog.at_level(logging.DEBUG), pytest.raises(BadResponse, match="redirected the request to another host"):
        fetch_eia(server)
    assert other_server.paths == []  # the query string, key and all, never reached it
    assert_no_key(caplog.text)


def test_a_redirect_whose_target_holds_the_key_is_reported_without_it(server, caplog):
    server.answer(Answer(status=307, headers={"Location": f"https://{quote(CANARY, safe='')}.example/"}))
    with pytest.raises(BadResponse) as info:
        fetch_eia(server)
    assert_no_key(*error_texts(info.value))


# --- paging is bounded ---------------------------------------------------------------------------------------


def test_eia_paging_where_every_offset_returns_the_same_page_stops(server):
    server.answer(eia_page(RECORDS[:2], 100_000))
    with pytest.raises(BadResponse, match="the page at offset 2 repeated the rows of the page before"):
        fetch_eia(server)
    assert len(server.paths) == 2


def test_eia_paging_with_new_tiny_pages_that_never_reach_the_total_stops_at_the_cap(server):
    def page_at(path: str) -> str:
        offset = int(parse_qs(urlsplit(path).query)["offset"][0])
        return eia_page([RECORDS[0] | {"period": str(1980 + offset)}], 100_000)

    server.answer(Answer(page_at))
    with pytest.raises(BadResponse, match="sent 20 of the 100,000 rows it announced in 20 pages, the cap"):
        fetch_eia(server)
    assert len(server.paths) == 20


def test_an_eia_total_beyond_the_cap_is_refused_on_the_first_page(server):
    server.answer(eia_page(RECORDS[:2], 10**9))
    with pytest.raises(BadResponse, match="announced 1,000,000,000 rows, more than the cap of 100,000"):
        fetch_eia(server)
    assert len(server.paths) == 1


@pytest.mark.parametrize("pages", [10_000, 10**9])
def test_a_world_bank_page_count_beyond_the_cap_is_refused_on_the_first_page(server, pages):
    server.answer(wb_page(pages=pages))
    with pytest.raises(BadResponse, match=f"announced {pages:,} pages of 20,000 records, more than the cap of 10"):
        worldbank.fetch(WB_SERIES, make_session(), server.url)
    assert len(server.paths) == 1


def test_a_world_bank_server_that_repeats_page_1_is_caught(server):
    server.answer(wb_page(page=1, pages=3))
    with pytest.raises(BadResponse, match="answered page 1 when page 2 was asked"):
        worldbank.fetch(WB_SERIES, make_session(), server.url)
    assert len(server.paths) == 2


def test_a_world_bank_page_that_repeats_the_records_of_the_one_before_is_caught(server):
    server.answer(Answer(lambda p: wb_page(page=int(parse_qs(urlsplit(p).query)["page"][0]), pages=3)))
    with pytest.raises(BadResponse, match="page 2 repeated the records of page 1"):
        worldbank.fetch(WB_SERIES, make_session(), server.url)
    assert len(server.paths) == 2


def test_a_world_bank_page_count_that_changes_while_paging_fails(server):
    server.answer(wb_page(page=1, pages=2), wb_page(page=2, pages=9, records=[]))
    with pytest.raises(BadResponse, match="page 2 announced 9 pages where page 1 announced 2"):
        worldbank.fetch(WB_SERIES, make_session(), server.url)


# --- every request has a total deadline and a size cap -------------------------------------------------------


def test_a_body_trickling_under_the_read_timeout_is_cut_off_at_the_deadline(server, monkeypatch):
    monkeypatch.setenv("FETCH_TIMEOUT", "2,5")  # a byte every 2 s never trips the 5 s read timeout
    monkeypatch.setenv("FETCH_DEADLINE", "3")
    body = eia_page(RECORDS, len(RECORDS))
    server.answer(Answer(body, trickle=2.0))
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="did not finish sending its answer within the deadline of 3 s"):
        fetch_eia(server)
    assert time.monotonic() - started < 15
    assert server.sent < 10 < len(body) and len(server.paths) == 1


def test_a_status_line_and_headers_trickling_in_are_cut_off_at_the_deadline(server, monkeypatch):
    monkeypatch.setenv("FETCH_TIMEOUT", "2,5")
    monkeypatch.setenv("FETCH_DEADLINE", "2")
    server.answer(Answer(eia_page(RECORDS, len(RECORDS)), trickle=0.5, trickle_head=True))
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="did not answer within the deadline of 2 s"):
        fetch_eia(server)
    assert time.monotonic() - started < 10


def test_a_huge_declared_body_is_not_read_at_all(server):
    server.answer(Answer("[", padding=HUGE))
    with pytest.raises(BadResponse, match="announced a body of 209,715,201 bytes, over the cap of 16 MB"):
        fetch_eia(server)
    assert server.sent < 64 * 2**20 and len(server.paths) == 1


def test_a_huge_streamed_body_is_abandoned_at_the_cap(server):
    server.answer(Answer("[", padding=HUGE, chunked=True))
    started = time.monotonic()
    with pytest.raises(BadResponse, match="sent a body over the cap of 16 MB; stopped reading it"):
        fetch_eia(server)
    assert time.monotonic() - started < 20
    assert server.sent < 64 * 2**20 and len(server.paths) == 1


def test_a_compressed_body_is_capped_by_its_decompressed_size(server):
    packer, mb = zlib.compressobj(9, zlib.DEFLATED, 31), b" " * 2**20  # gzip framing, built a megabyte at a time
    bomb = packer.compress(b"[") + b"".join(packer.compress(mb) for _ in range(64)) + packer.flush()  # ~64 KB
    server.answer(Answer(bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(BadResponse, match="over the cap of 16 MB"):
        fetch_eia(server)


MEASURE = """
import resource, sys
import catalog
from fetchers import eia
from fetchers.errors import FetchError
from fetchers.http import make_session
try:
    eia.fetch([catalog.get("petroleum_consumption")], make_session(), sys.argv[1], "key")
except FetchError as err:
    print(err.problem)
# VmHWM is this process's own peak; Linux carries ru_maxrss over from the forking parent across exec.
try:
    print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) // 1024)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_memory_stays_bounded_while_a_200_mb_body_streams_in(server):
    server.answer(Answer("[", padding=HUGE, chunked=True))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, server.url], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    problem, peak_mb = done.stdout.strip().splitlines()
    assert "over the cap of 16 MB" in problem
    assert int(peak_mb) < 200, f"peak RSS {peak_mb} MB"


# --- values that are not figures -----------------------------------------------------------------------------


def test_a_world_bank_boolean_value_fails_its_batch_naming_the_series(server):
    body = json.loads(wb_page())
    body[1][0]["value"] = True
    server.answer(json.dumps(body))
    with pytest.raises(BadResponse, match="a value of population .* is not a number: True"):
        worldbank.fetch(WB_SERIES, make_session(), server.url)


def test_an_absurd_eia_value_fails_naming_the_series(server):
    server.answer(eia_page([RECORDS[0] | {"value": "1e308"}], 1))
    with pytest.raises(BadResponse, match="a value of petroleum_consumption .* is implausibly large"):
        fetch_eia(server)
