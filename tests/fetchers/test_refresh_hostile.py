"""The whole refresh against hostile answers: no case loses figures, leaks the key, hangs, or exits 0.

A local server on 127.0.0.1 passes the project's requests on to ../shared/fakeapi and spoils the answers of
one source the way a broken or malicious server would. Each case runs `python -m fetchers refresh` as the
scheduled job does and checks what an operator and a viewer would see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psutil
import pytest

from cache import store
from fetchers import eia
from testkit.servers import QuietHandler
from tests.conftest import ROOT

pytestmark = pytest.mark.integration
CANARY = "CANARYkey0123456789abcdefSECRET"
MB = 2**20


def spoil_eia(case: str, body: dict) -> dict:
    response = body["response"]
    if case == "eia_empty":
        response.update(data=[], total="0")
    elif case == "eia_no_unit":
        for record in response["data"]:
            record.pop("unit", None)
    elif case == "eia_boolean":
        response["data"][0]["value"] = True
    elif case == "eia_absurd":
        response["data"][0]["value"] = "1e30"
    elif case == "eia_duplicate":
        response["data"].append({**response["data"][0], "value": "12345.6"})
    elif case == "eia_endless":
        response["total"] = "50000"  # every offset answers this same first page
    elif case in ("eia_thousands", "eia_comma", "eia_overflow", "eia_month"):
        record = next(r for r in response["data"] if r["value"] not in eia.NO_FIGURE)
        if case == "eia_month":
            record["period"] = f"{record['period']}-12"
        else:
            record["value"] = {"eia_thousands": "1,234.5", "eia_comma": "12,5", "eia_overflow": "1e999"}[case]
    elif case == "eia_inf_total":
        response["total"] = float("inf")  # json.dumps writes Infinity, which Python's json reads back
    elif case == "eia_unit":  # EIA publishes gas in cubic metres instead of cubic feet
        for record in response["data"]:
            record["unit"] = "BCM" if record["unit"] == "BCF" else record["unit"]
    return body


def spoil_worldbank(case: str, body: list) -> list:
    header, records = body
    if case == "wb_empty":
        return [{**header, "pages": 1, "total": 0}, None]
    if case == "wb_absurd":
        next(r for r in records if r["value"] is not None)["value"] = 1e308
    elif case == "wb_duplicate":
        # Fifteen countries make WDI's answer two pages; one whose records are all null has nothing to repeat.
        first = next((r for r in records or [] if r["value"] is not None), None)
        if first is not None:
            records.append({**first, "value": first["value"] + 1})
    elif case == "wb_pages":
        header["pages"] = 10**9
    elif case == "wb_year":
        first = next((r for r in records or [] if r["value"] is not None), None)
        if first is not None:
            first["date"] = "9999"
    elif case == "wb_swap":  # GDP's rows labelled as population and the other way round
        codes = {"SP.POP.TOTL": "NY.GDP.MKTP.CD", "NY.GDP.MKTP.CD": "SP.POP.TOTL"}
        for record in records or []:
            record["indicator"] = {
                **record["indicator"],
                "id": codes.get(record["indicator"]["id"], record["indicator"]["id"]),
            }
    elif case == "wb_zero_population":
        for record in records or []:
            if record["indicator"]["id"] == "SP.POP.TOTL" and record["value"] is not None:
                record["value"] = 0
    elif case == "wb_bad_date":
        header = {**header, "lastupdated": "2025-13-45"}
    elif case == "wb_inf_pages":
        header = {**header, "pages": float("inf")}
    elif case == "wb_month":
        first = next((r for r in records or [] if r["value"] is not None), None)
        if first is not None:
            first["date"] = f"{first['date']}-01"
    elif case == "wb_short":  # fewer records than the header's total, with nothing else amiss
        header = {**header, "total": int(header["total"]) + 5}
    elif case == "wb_half":  # a release that withdraws half the figures, and says so in its total
        records = [r for i, r in enumerate(records) if i % 2]
        header = {**header, "total": int(header["total"]) // 2}  # pages of even length: half of each is half
    return [header, records]


class Hostile:
    """Passes requests on to the fake API, spoiling one source's answers according to `case`."""

    def __init__(self, upstream: str) -> None:
        self.case = ""
        self.upstream = upstream  # UN Comtrade is asked there directly: these cases spoil the other two sources
        outer = self

        class Handler(QuietHandler):
            def send(self, status: int, raw: bytes, headers: dict | None = None, trickle: float = 0.0) -> None:
                self.send_response(status)
                headers = dict(headers or {})
                self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
                self.send_header("Content-Length", str(headers.pop("length", len(raw))))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                if trickle:
                    for i in range(len(raw)):
                        self.wfile.write(raw[i : i + 1])
                        self.wfile.flush()
                        time.sleep(trickle)
                else:
                    self.wfile.write(raw)

            def do_GET(self):
                case, path = outer.case, self.path
                query = parse_qs(urlsplit(path).query)
                target = "eia" if path.startswith("/eia/") else "worldbank"
                if not case.startswith("eia" if target == "eia" else "wb"):
                    case = ""
                if case == "eia_echo_text":
                    return self.send(400, f"Invalid request: GET {path} (api_key {query['api_key'][0]})".encode())
                if case == "eia_echo_json":
                    echo = {"error": "invalid facet", "code": 400, "request": {"params": {"api_key": query["api_key"]}}}
                    return self.send(400, json.dumps(echo).encode())
                if case == "eia_ansi":  # an error message that would clear a terminal and paint it red
                    return self.send(
                        400, json.dumps({"error": "\x1b[2J\x1b[31mbad facet\u202e\r", "code": 400}).encode()
                    )
                if case == "eia_redirect":
                    return self.send(302, b"", {"Location": f"http://localhost:9/eia/v2/x?{urlsplit(path).query}"})
                if case == "eia_trickle":
                    return self.send(200, b'{"response": {"total": "1", "data": []}}', trickle=2.0)
                if case == "eia_huge":
                    self.send(200, b"", {"length": 200 * MB})
                    for _ in range(200):
                        self.wfile.write(b" " * MB)
                    return None
                if case == "eia_endless":
                    path = path.replace("offset=", "offset=0&was=")
                with urllib.request.urlopen(upstream + path, timeout=30) as answer:
                    body = json.loads(answer.read())
                if case.endswith(("_base64", "_idna")):  # a charset that is no text encoding, or one that fails
                    charset = case.rsplit("_", 1)[1]
                    return self.send(
                        200, json.dumps(body).encode(), {"Content-Type": f"application/json; charset={charset}"}
                    )
                if case:
                    body = spoil_eia(case, body) if target == "eia" else spoil_worldbank(case, body)
                return self.send(200, json.dumps(body).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def upstream(fakeapi_module):
    api = fakeapi_module.FakeApi(port=0, eia_keys=(CANARY,)).start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def hostile(upstream):
    server = Hostile(upstream.url)
    yield server
    server.stop()


def refresh(server: Hostile, cache_dir: Path, *args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """The refresh in its own process: (result, seconds, peak resident MB)."""
    env = {
        **os.environ,
        "WORLDBANK_API_URL": f"{server.url}/worldbank/v2",
        "EIA_API_URL": f"{server.url}/eia/v2",
        "COMTRADE_API_URL": f"{server.upstream}/comtrade/public/v1",
        "EIA_API_KEY": CANARY,
        "FETCH_TIMEOUT": "2,3",
        "FETCH_DEADLINE": "6",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "fetchers", "refresh", "--force", "--cache-dir", str(cache_dir), *args]
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    watched = psutil.Process(process.pid)
    while process.poll() is None and time.monotonic() - started < 120:
        try:
            peak = max(peak, watched.memory_info().rss / MB)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    stdout, stderr = process.communicate(timeout=30)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), time.monotonic() - started, peak


@pytest.fixture(scope="module")
def clean(hostile, tmp_path_factory) -> Path:
    """A cache filled by one refresh through the (not yet hostile) server."""
    directory = tmp_path_factory.mktemp("clean")
    hostile.case = ""
    result, _, _ = refresh(hostile, directory)
    assert result.returncode == 0, result.stdout + result.stderr
    return directory


def status(cache_dir: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EIA_API_KEY": ""}
    command = [sys.executable, "-m", "fetchers", "status", "--cache-dir", str(cache_dir)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


CASES = {
    # case: (a series of the spoiled source, words the reason must hold)
    "eia_echo_text": ("gas_production", "HTTP 400"),
    "eia_echo_json": ("gas_production", "HTTP 400"),
    "eia_redirect": ("gas_production", "another host"),
    "eia_ansi": ("gas_production", "bad facet"),
    "eia_empty": ("gas_production", "no figures"),
    "eia_no_unit": ("gas_production", "unit"),
    "eia_boolean": ("", "not a number"),
    "eia_absurd": ("", "implausibly large"),
    "eia_duplicate": ("", "two different values"),
    "eia_endless": ("gas_production", "page"),
    "eia_trickle": ("gas_production", ""),
    "eia_huge": ("gas_production", ""),
    "wb_empty": ("gdp_usd", "no figures"),
    "wb_absurd": ("", "implausibly large"),
    "wb_duplicate": ("", "two different values"),
    "wb_pages": ("gdp_usd", "pages"),
    # A row is a figure, a documented "no figure" marker, or refused: a refused row fails its series, never silently.
    "eia_thousands": ("", "row(s) the source sent"),
    "eia_comma": ("", "row(s) the source sent"),
    "eia_overflow": ("", "row(s) the source sent"),
    "eia_month": ("", "not a year"),
    "eia_unit": ("gas_production", "no figures"),
    "wb_month": ("", "not a year"),
    "wb_inf_pages": ("gdp_usd", "page count"),
    # Plausible nonsense: a year 9999, indicators swapped within one answer, no people at all.
    "wb_year": ("", "years outside"),
    "wb_swap": ("gdp_usd", ""),  # population fails too, on its bounds first (tests/fetchers/test_checks.py)
    "wb_zero_population": ("population", "only positive"),
    "eia_inf_total": ("gas_production", "not a number"),
    "wb_short": ("gdp_usd", "records it announced"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_answer_fails_its_series_keeps_the_files_and_never_shows_the_key(hostile, clean, tmp_path, case):
    work = tmp_path / "cache"
    work.mkdir()
    for name in (store.TABLE_FILE, store.MANIFEST_FILE):
        (work / name).write_bytes((clean / name).read_bytes())
    before = (work / store.TABLE_FILE).read_bytes()
    hostile.case = case
    try:
        result, seconds, peak = refresh(hostile, work)
    finally:
        hostile.case = ""
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert (work / store.TABLE_FILE).read_bytes() == before, "a hostile answer changed the figures"
    assert seconds < 60, f"{case} took {seconds:.0f} s"
    assert peak < 400, f"{case} peaked at {peak:.0f} MB"
    series, words = CASES[case]
    manifest = store.read_manifest(work)
    failed = {sid: e["reason"] for sid, e in manifest["series"].items() if e["status"] == "failed"}
    assert failed, said
    if series:
        assert series in failed, failed
    assert all(words in reason for reason in failed.values()) if words else True, failed
    for text in (said, status(work), *(p.read_text(errors="replace") for p in work.iterdir() if p.is_file())):
        assert CANARY not in text
    assert "Traceback" not in said
    assert not any(c in said + status(work) for c in ("\x1b", "\r", "\u202e")), (
        "a control character reached the terminal"
    )


def test_the_sources_page_never_shows_the_key_after_an_echoing_error(hostile, clean, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    work = tmp_path / "cache"
    work.mkdir()
    for name in (store.TABLE_FILE, store.MANIFEST_FILE):
        (work / name).write_bytes((clean / name).read_bytes())
    hostile.case = "eia_echo_text"
    try:
        result, _, _ = refresh(hostile, work)
    finally:
        hostile.case = ""
    assert result.returncode == 1
    monkeypatch.setenv("CACHE_DIR", str(work))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=30)
    at.switch_page("views/sources.py")
    at.run()
    shown = [*(e.value for e in at.markdown), *(e.value for e in at.warning), *(e.value for e in at.info)]
    shown += [d.value.to_csv() for d in at.dataframe]
    assert any("HTTP 400" in text for text in shown)  # the failure is shown...
    assert not any(CANARY in text for text in shown)  # ...without the key


def test_a_shrink_is_refused_unless_accepted_on_purpose(hostile, clean, tmp_path):
    work = tmp_path / "cache"
    work.mkdir()
    for name in (store.TABLE_FILE, store.MANIFEST_FILE):
        (work / name).write_bytes((clean / name).read_bytes())
    rows_before = store.read_manifest(work)["series"]["gdp_usd"]["rows"]
    hostile.case = "wb_half"
    try:
        refused, _, _ = refresh(hostile, work, "--source", "worldbank")
        kept = store.read_manifest(work)["series"]["gdp_usd"]
        accepted, _, _ = refresh(hostile, work, "--source", "worldbank", "--accept-shrink")
    finally:
        hostile.case = ""
    assert refused.returncode == 1 and "--accept-shrink" in kept["reason"] and kept["rows"] == rows_before
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert 0 < store.read_manifest(work)["series"]["gdp_usd"]["rows"] < rows_before


@pytest.mark.parametrize("case", ["wb_inf_pages", "eia_inf_total"])
def test_one_sources_bad_header_never_costs_the_other_its_answers(hostile, clean, tmp_path, case):
    work = tmp_path / "cache"
    work.mkdir()
    for name in (store.TABLE_FILE, store.MANIFEST_FILE):
        (work / name).write_bytes((clean / name).read_bytes())
    hostile.case = case
    try:
        result, _, _ = refresh(hostile, work)
    finally:
        hostile.case = ""
    assert result.returncode == 1, result.stdout + result.stderr  # a failed series, not a crash (exit 3)
    entries = store.read_manifest(work)["series"]
    other = "eia" if case.startswith("wb") else "worldbank"
    assert all(e["status"] == "ok" for e in entries.values() if e["source"] == other)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", ["wb_base64", "eia_base64", "wb_idna", "eia_idna"])
def test_a_charset_that_is_no_text_encoding_is_read_as_utf8(hostile, clean, tmp_path, case):
    work = tmp_path / "cache"
    hostile.case = case
    try:
        result, _, _ = refresh(hostile, work)
    finally:
        hostile.case = ""
    assert result.returncode == 0, result.stdout + result.stderr
    assert store.read_table(work).equals(store.read_table(clean))


def test_a_date_that_is_no_date_never_reaches_the_manifest(hostile, clean, tmp_path):
    work = tmp_path / "cache"
    hostile.case = "wb_bad_date"
    try:
        result, _, _ = refresh(hostile, work)
    finally:
        hostile.case = ""
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = store.read_manifest(work)
    assert "2025-13-45" not in json.dumps(manifest)
