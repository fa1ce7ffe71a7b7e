"""World Bank Indicators API v2 (no key): fetch WDI series for our countries in as few calls as allowed.

Quirks handled here (details and sources in ../shared/data/worldbank/API.md):
- The default format is XML; we ask `format=json`, and still read an XML `<wb:message>` error (with or without
  a byte-order mark) when it comes, inside HTTP 200.
- Errors come as HTTP 200 with `[{"message": [{"id", "key", "value"}]}]`. Error 105 "Service currently
  unavailable" (and 199 "Unexpected error", documented as an HTTP 500) is transient: `decode` raises
  Unreadable, so the one retry policy tries again and ends in SourceUnavailable if it persists. Every other
  id (120 invalid value, 150 language, 175 archived indicator asked without `source=`, ...) is final: a
  BadResponse naming the id and the API's message, at once, without retrying.
- Several indicators in one call need `source=` (2 = WDI, 57 = WDI Database Archives, where archived
  codes such as EN.ATM.CO2E.KT now live; asked without it they answer error 175). At most 60 indicators
  and ~1,500 characters a path segment, so batches are cut below both.
- Header fields are numbers on data calls but may be strings elsewhere: every one goes through int().
- `value` is a number or null (null = no figure, dropped here); a boolean, a non-finite or an absurd number
  (fetchers.limits) is a BadResponse naming the series; `date` is a string (only four-digit years are ours);
  `country.id` is the 2-letter code, so rows are keyed on `countryiso3code`.
- Paging is bounded: the first page's `pages` may not exceed limits.WB_MAX_PAGES, every later page must say it
  is the page asked and announce the same count, and a page repeating the previous one's records fails.
- The header's `lastupdated` is the database's own last-update date: a small call reads it, and an
  unchanged date means there is nothing new to download. WDI revises past values in place under a new
  date, so a changed date refetches whole series, not just new years.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import requests

from catalog import WORLDBANK, Series, schema
from fetchers import limits
from fetchers.errors import BadResponse
from fetchers.http import Unreadable, decode_json, get_json
from fetchers.result import Fetched, Refusals, combine

DEFAULT_URL = "https://api.worldbank.org/v2"
URL_ENV = "WORLDBANK_API_URL"
MAX_INDICATORS = 60  # the API's documented limit per call
MAX_SEGMENT = 1400  # characters between two slashes; the API documents 1,500 (wbgapi keeps 1,400)
PER_PAGE = 20000  # large enough for a whole catalog in one page; pages are still followed
TRANSIENT_ERRORS = ("105", "199")  # "Service currently unavailable", "Unexpected error" (API.md §7.3)
_WB_NS = "{http://www.worldbank.org}"
_YEAR = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def base_url() -> str:
    """$WORLDBANK_API_URL, else the public API."""
    return os.environ.get(URL_ENV, DEFAULT_URL).rstrip("/")


def batches(series: Sequence[Series]) -> list[list[Series]]:
    """Group series by source database and cut each group below the API's indicator and length limits."""
    out: list[list[Series]] = []
    for database in sorted({s.database for s in series}):
        batch: list[Series] = []
        for s in (s for s in series if s.database == database):
            codes = ";".join(x.code for x in [*batch, s])
            if batch and (len(batch) >= MAX_INDICATORS or len(codes) > MAX_SEGMENT):
                out.append(batch)
                batch = []
            batch.append(s)
        out.append(batch)
    return out


def decode(text: str) -> Any:
    """JSON, or the World Bank's own error (JSON or XML): Unreadable if transient, else BadResponse."""
    stripped = text.lstrip("\ufeff\ufffe \r\n\t").removeprefix("ï»¿")
    if stripped.startswith("<") and "<html" in stripped[:1000].lower():
        raise Unreadable("an HTML page")
    if stripped.startswith("<?xml") or stripped.startswith("<wb:"):
        _raise_message(_xml_messages(stripped))
        raise Unreadable("XML instead of JSON")
    payload = decode_json(text)
    if _is_message(payload):
        _raise_message(payload[0]["message"])
    return payload


def _xml_messages(text: str) -> list[dict]:
    try:
        root = ET.fromstring(text.encode())
    except ET.ParseError:
        raise Unreadable("XML that is not complete") from None
    return [{"id": m.get("id"), "key": m.get("key"), "value": m.text} for m in root.iter(f"{_WB_NS}message")]


def _is_message(payload: Any) -> bool:
    return isinstance(payload, list) and bool(payload) and isinstance(payload[0], dict) and "message" in payload[0]


def _raise_message(messages: Any) -> None:
    """Raise the API's error for these messages (if any): Unreadable when all are transient, else BadResponse."""
    if not messages:
        return
    items = [m if isinstance(m, dict) else {} for m in (messages if isinstance(messages, list) else [messages])]
    text = limits.short("; ".join(dict.fromkeys(_message_text(m) for m in items)))
    if all(str(m.get("id")) in TRANSIENT_ERRORS for m in items):
        raise Unreadable(text)
    raise BadResponse(WORLDBANK, f"the API answered {text}")


def _message_text(message: dict) -> str:
    return f"error {message.get('id')} ({message.get('key')}): {message.get('value')}"


def envelope(payload: Any) -> tuple[dict, list[dict]]:
    """Split a data-call body into (header, records); BadResponse on an API error or an unknown shape."""
    if _is_message(payload):
        try:
            _raise_message(payload[0]["message"] or [{}])
        except Unreadable as err:  # parsing without the network: a transient error is still no data
            raise BadResponse(WORLDBANK, f"the API answered {err}") from None
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
        raise BadResponse(WORLDBANK, "the answer is not the documented [header, records] array")
    header, records = payload
    try:
        header = {**header, "page": int(header["page"]), "pages": int(header["pages"])}
    except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: a page count of Infinity
        raise BadResponse(WORLDBANK, "the answer's header has no usable page count") from None
    if records is None:  # an empty page comes as null
        records = []
    if not isinstance(records, list):
        raise BadResponse(WORLDBANK, "the answer's records are not a list")
    return header, records


def _fields(record: Any) -> tuple[str, str, str, Any]:
    try:
        return (
            str(record["indicator"]["id"]).upper(),
            str(record["countryiso3code"]).upper(),
            str(record["date"]),
            record["value"],
        )
    except (KeyError, TypeError):
        raise BadResponse(
            WORLDBANK, "a record lacks indicator, countryiso3code, date or value: not a data call's answer"
        ) from None


def parse(payload: Any, series: Sequence[Series], refused: Refusals | None = None) -> pd.DataFrame:
    """The tidy rows of one data-call body for these series (nulls dropped, other countries ignored); a record
    of an asked series and country whose date is not a year is counted in `refused`."""
    _, records = envelope(payload)
    by_code = {s.code.upper(): s for s in series}
    refused = refused if refused is not None else Refusals()
    rows = []
    for record in records:
        code, country, date, value = _fields(record)
        s = by_code.get(code)
        if s is None or country not in s.countries:
            refused.skipped += 1  # not ours, or not a country we follow (aggregates the API adds)
            continue
        if value is None:
            continue  # the World Bank's documented "no figure"
        if not _YEAR.fullmatch(date):
            refused.add(s.id, f"{country} date {limits.short(repr(date), 20)} (not a year)")
            continue
        try:
            number = limits.figure(value)
        except limits.NotAFigure as err:
            raise BadResponse(WORLDBANK, f"a value of {s.id} ({code}, {country} {date}) {err}", s.id) from None
        rows.append((WORLDBANK, s.id, country, int(date), number, s.unit))
    return schema.conform(pd.DataFrame(rows, columns=list(schema.COLUMNS)))


def _countries(series: Sequence[Series]) -> str:
    return ";".join(sorted({c for s in series for c in s.countries}))


def _check_page(header: dict, records: list, page: int, pages: int | None, previous: list, cap: int) -> int:
    """The page count this answer holds us to; BadResponse when it breaks the paging rules."""
    if header["page"] != page:
        raise BadResponse(WORLDBANK, f"answered page {header['page']} when page {page} was asked")
    if pages is None and header["pages"] > cap:
        raise BadResponse(
            WORLDBANK, f"announced {header['pages']:,} pages of {PER_PAGE:,} records, more than the cap of {cap}"
        )
    if pages is not None and header["pages"] != pages:
        raise BadResponse(WORLDBANK, f"page {page} announced {header['pages']:,} pages where page 1 announced {pages}")
    if records and records == previous:
        raise BadResponse(WORLDBANK, f"page {page} repeated the records of page {page - 1}")
    return header["pages"]


def fetch(
    series: Sequence[Series],
    session: requests.Session,
    base_url: str,
    *,
    max_pages: int = limits.WB_MAX_PAGES,
    stop_at: float | None = None,
) -> Fetched:
    """Fetch one batch (one database, within the API's limits) in one call, following further pages if any."""
    database = series[0].database
    if any(s.database != database for s in series):
        raise ValueError("a World Bank batch must come from one database")
    path = f"/country/{_countries(series)}/indicator/{';'.join(s.code for s in series)}"
    params = {"format": "json", "per_page": PER_PAGE, "source": database}
    what = series[0].id if len(series) == 1 else f"batch of {len(series)} (database {database})"
    tables, last_updated, page, pages, previous = [], None, 1, None, []
    refused, received, announced = Refusals(), 0, 0
    while pages is None or page <= pages:
        status, payload = get_json(
            session,
            base_url + path,
            {**params, "page": page},
            source=WORLDBANK,
            what=what,
            decode=decode,
            stop_at=stop_at,
        )
        if status != 200:  # a 206 or another success with a body is no whole answer
            raise BadResponse(WORLDBANK, f"answered HTTP {status} to a data call")
        header, records = envelope(payload)
        pages = _check_page(header, records, page, pages, previous, max_pages)
        last_updated = _date(header.get("lastupdated")) or last_updated
        tables.append(parse(payload, series, refused))
        received, announced = received + len(records), _total(header)
        page, previous = page + 1, records
    if announced is not None and received < announced:
        raise BadResponse(WORLDBANK, f"sent {received:,} of the {announced:,} records it announced")
    table = combine(tables, WORLDBANK)
    return Fetched(table, last_updated, f"GET ${URL_ENV}{path}?{urlencode(params)}", refused.summary())


def _total(header: dict) -> int | None:
    """The records a data call announces (a number, or a string of one); None when it does not say."""
    try:
        return int(header.get("total"))
    except (TypeError, ValueError, OverflowError):
        return None


def _date(value: Any) -> str | None:
    """A YYYY-MM-DD date as the API sent it, or None for anything else, a month 13 included (never junk into the
    manifest)."""
    if not (isinstance(value, str) and _DATE.fullmatch(value)):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value


def last_updated(
    database: str, probe: Series, session: requests.Session, base_url: str, *, stop_at: float | None = None
) -> str | None:
    """The database's own last-update date, read from a one-record call for one of its series."""
    path = f"/country/{probe.countries[0]}/indicator/{probe.code}"
    params = {"format": "json", "per_page": 1, "mrv": 1, "source": database}
    _, payload = get_json(
        session, base_url + path, params, source=WORLDBANK, what=f"database {database}", decode=decode, stop_at=stop_at
    )
    header, _ = envelope(payload)
    return _date(header.get("lastupdated"))
