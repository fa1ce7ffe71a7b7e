"""World Bank Indicators API v2 (no key): fetch WDI series for our countries in as few calls as allowed.

Quirks handled here (details and sources in ../shared/data/worldbank/API.md):
- The default format is XML; we ask `format=json`, and still read an XML `<wb:message>` error when it comes.
- Errors come as HTTP 200 with `[{"message": [{"id", "key", "value"}]}]`.
- Several indicators in one call need `source=` (2 = WDI, 57 = WDI Database Archives, where archived
  codes such as EN.ATM.CO2E.KT now live; asked without it they answer error 175). At most 60 indicators
  and ~1,500 characters a path segment, so batches are cut below both.
- Header fields are numbers on data calls but may be strings elsewhere: every one goes through int().
- `value` is a number or null (null = no figure, dropped here); `date` is a string; `country.id` is the
  2-letter code, so rows are keyed on `countryiso3code`.
- The header's `lastupdated` is the database's own last-update date: a small call reads it, and an
  unchanged date means there is nothing new to download. WDI revises past values in place under a new
  date, so a changed date refetches whole series, not just new years.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import requests

from cache import schema
from fetchers.catalog import WORLDBANK, Series
from fetchers.errors import BadResponse
from fetchers.http import Unreadable, decode_json, get_json
from fetchers.result import Fetched

DEFAULT_URL = "https://api.worldbank.org/v2"
URL_ENV = "WORLDBANK_API_URL"
MAX_INDICATORS = 60  # the API's documented limit per call
MAX_SEGMENT = 1400  # characters between two slashes; the API documents 1,500 (wbgapi keeps 1,400)
PER_PAGE = 20000  # large enough for a whole catalog in one page; pages are still followed
_WB_NS = "{http://www.worldbank.org}"


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
    """JSON, or a BadResponse carrying the World Bank's XML error message when XML came instead."""
    stripped = text.lstrip("\ufeff\ufffe \r\n\t").lstrip("ï»¿")
    if stripped.startswith("<?xml") or stripped.startswith("<wb:"):
        try:
            root = ET.fromstring(stripped.encode())
        except ET.ParseError:
            raise Unreadable("XML that is not complete") from None
        message = root.find(f"{_WB_NS}message")
        if message is not None:
            raise BadResponse(WORLDBANK, _message_text(message.get("id"), message.get("key"), message.text))
        raise Unreadable("XML instead of JSON")
    return decode_json(text)


def _message_text(id_: Any, key: Any, value: Any) -> str:
    return f"the API answered error {id_} ({key}): {value}"


def envelope(payload: Any) -> tuple[dict, list[dict]]:
    """Split a data-call body into (header, records); BadResponse on an API error or an unknown shape."""
    if isinstance(payload, list) and payload and isinstance(payload[0], dict) and "message" in payload[0]:
        messages = payload[0]["message"] or [{}]
        first = messages[0] if isinstance(messages[0], dict) else {}
        raise BadResponse(WORLDBANK, _message_text(first.get("id"), first.get("key"), first.get("value")))
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
        raise BadResponse(WORLDBANK, "the answer is not the documented [header, records] array")
    header, records = payload
    try:
        header = {**header, "page": int(header["page"]), "pages": int(header["pages"])}
    except (KeyError, TypeError, ValueError):
        raise BadResponse(WORLDBANK, "the answer's header has no usable page count") from None
    if records is None:  # an empty page comes as null
        records = []
    if not isinstance(records, list):
        raise BadResponse(WORLDBANK, "the answer's records are not a list")
    return header, records


def parse(payload: Any, series: Sequence[Series]) -> pd.DataFrame:
    """The tidy rows of one data-call body for these series (nulls dropped, other countries ignored)."""
    _, records = envelope(payload)
    by_code = {s.code.upper(): s for s in series}
    rows = []
    for record in records:
        try:
            code = str(record["indicator"]["id"]).upper()
            country = str(record["countryiso3code"]).upper()
            date = str(record["date"])
            value = record["value"]
        except (KeyError, TypeError):
            raise BadResponse(WORLDBANK, "a record lacks indicator, countryiso3code, date or value") from None
        s = by_code.get(code)
        if s is None or country not in s.countries or value is None or not date.isdigit():
            continue  # not ours, not a country we follow, no figure, or not an annual date
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise BadResponse(WORLDBANK, f"a value of {code} is not a number", s.id) from None
        rows.append((WORLDBANK, s.id, country, int(date), number, s.unit))
    return schema.conform(pd.DataFrame(rows, columns=list(schema.COLUMNS)))


def _countries(series: Sequence[Series]) -> str:
    return ";".join(sorted({c for s in series for c in s.countries}))


def fetch(series: Sequence[Series], session: requests.Session, base_url: str) -> Fetched:
    """Fetch one batch (one database, within the API's limits) in one call, following further pages if any."""
    database = series[0].database
    if any(s.database != database for s in series):
        raise ValueError("a World Bank batch must come from one database")
    path = f"/country/{_countries(series)}/indicator/{';'.join(s.code for s in series)}"
    params = {"format": "json", "per_page": PER_PAGE, "source": database}
    what = series[0].id if len(series) == 1 else f"batch of {len(series)} (database {database})"
    tables, last_updated, page, pages = [], None, 1, 1
    while page <= pages:
        _, payload = get_json(
            session, base_url + path, {**params, "page": page}, source=WORLDBANK, what=what, decode=decode
        )
        header, _ = envelope(payload)
        pages, last_updated = header["pages"], header.get("lastupdated") or last_updated
        tables.append(parse(payload, series))
        page += 1
    table = schema.conform(pd.concat(tables, ignore_index=True))
    return Fetched(table, last_updated, f"GET ${URL_ENV}{path}?{urlencode(params)}")


def last_updated(database: str, probe: Series, session: requests.Session, base_url: str) -> str | None:
    """The database's own last-update date, read from a one-record call for one of its series."""
    path = f"/country/{probe.countries[0]}/indicator/{probe.code}"
    params = {"format": "json", "per_page": 1, "mrv": 1, "source": database}
    _, payload = get_json(
        session, base_url + path, params, source=WORLDBANK, what=f"database {database}", decode=decode
    )
    header, _ = envelope(payload)
    return header.get("lastupdated")
