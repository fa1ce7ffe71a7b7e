"""EIA API v2 `international` route (needs EIA_API_KEY): all catalog series in one paged call.

Quirks handled here (details and sources in ../shared/data/eia/API.md):
- The key must go in the URL (`api_key=`), and EIA echoes it: in `request.params`, and in error messages
  that quote the request. No URL and no raw body is ever logged, stored or put in a message; every error and
  log line leaving this module has the key removed by value (fetchers.redaction), whatever the server wrote.
  The request we record is built without it.
- Without `data[0]=value` rows come with no values: we always ask for it, and reject such rows.
- Several values per facet in one call; at most 5,000 rows a page, paged with `offset` until
  `response.total` (a string) is reached. A facet value that does not exist answers 200 with no rows.
- Paging is bounded: the first page's total may not exceed limits.EIA_MAX_ROWS, later pages must announce the
  same total, a page repeating the previous one fails, an empty page before the total is a BadResponse (not
  a silent end), and no query takes more than EIA_MAX_ROWS / 5,000 pages however short the pages are.
- Every `value` is a string (`".316"`, `"-.2"`); `"--"` (flag 3, the country did not exist), `"ie"`
  (flag 4, included elsewhere), `"NA"` and any other string that is not a finite number mean no figure, never
  zero. A JSON boolean or an absurd magnitude (fetchers.limits) is a BadResponse naming the series.
- Two error shapes: `{"error": {"code", "message"}}` (key gate) and `{"error": "...", "code": 400}`.
- The world is the region `WORL` in EIA's terms; it is asked as such and stored as `WLD`, our one code for it.
- A query with several products and activities returns every existing combination of them; rows of
  combinations that are not in the catalog are dropped here.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import requests

from catalog import EIA, Series, schema
from catalog.countries import WORLD
from fetchers import limits
from fetchers.errors import BadResponse, FetchError, MissingKey
from fetchers.http import get_json, scrub, scrubbed
from fetchers.result import Fetched, Refusals, combine

DEFAULT_URL = "https://api.eia.gov/v2"
URL_ENV = "EIA_API_URL"
KEY_ENV = "EIA_API_KEY"
PAGE_LENGTH = 5000  # the API's maximum rows per JSON page
START_YEAR = "1980"  # EIA's international series begin in 1980
_YEAR = re.compile(r"[0-9]{4}")
_FIELDS = ("period", "productId", "activityId", "countryRegionId", "unit")  # what a row must name
# EIA's documented "no figure" markers (API.md: "--" flag 3, "ie" flag 4, "NA" in exports; "(s)" and "w" in its US
# datasets): such a row is no figure, never zero. Any other value that is not a finite number is refused.
NO_FIGURE = frozenset({"--", "ie", "NA", "(s)", "w", "W", ""})
# EIA's codes where they differ from ours: the world is a region, WORL, stored as the World Bank's WLD.
TO_EIA = {WORLD: "WORL"}
FROM_EIA = {v: k for k, v in TO_EIA.items()}
log = logging.getLogger(__name__)


def facets(series: Series) -> tuple[str, str, str]:
    """(productId, activityId, unit) of an EIA series: its catalog code is "product-activity-unit"."""
    product, activity, unit = series.code.split("-")
    return product, activity, unit


def base_url() -> str:
    """$EIA_API_URL, else the public API."""
    return os.environ.get(URL_ENV, DEFAULT_URL).rstrip("/")


def api_key() -> str | None:
    """$EIA_API_KEY, or None when unset or blank."""
    return os.environ.get(KEY_ENV, "").strip() or None


def query(series: Sequence[Series]) -> list[tuple[str, str]]:
    """The data call's parameters (without key, offset or length) for all these series at once."""
    params = [("frequency", "annual"), ("data[0]", "value"), ("start", START_YEAR)]
    for facet, values in (
        ("productId", sorted({facets(s)[0] for s in series}, key=int)),
        ("activityId", sorted({facets(s)[1] for s in series}, key=int)),
        ("unit", sorted({facets(s)[2] for s in series})),
        ("countryRegionId", sorted({TO_EIA.get(c, c) for s in series for c in s.countries})),
    ):
        params += [(f"facets[{facet}][]", v) for v in values]
    # A total order, so that offset paging neither skips nor repeats rows.
    params += [
        ("sort[0][column]", "period"),
        ("sort[0][direction]", "asc"),
        ("sort[1][column]", "countryRegionId"),
        ("sort[1][direction]", "asc"),
    ]
    return params


def check_error(status: int, payload: Any, secrets: Iterable[str | None] = ()) -> None:
    """Raise MissingKey or BadResponse for either of EIA's error shapes (or a non-200 status)."""
    error = payload.get("error") if isinstance(payload, dict) else None
    if error is None and status == 200:
        return
    if isinstance(error, dict):
        code, message = _quote(error.get("code", ""), secrets, 40), _quote(error.get("message", ""), secrets)
        if code in ("API_KEY_MISSING", "API_KEY_INVALID"):
            raise MissingKey(EIA, f"the API refused the key ({code}); set a valid {KEY_ENV}")
        raise BadResponse(EIA, f"the API answered HTTP {status} {code}: {message}".rstrip(": "))
    if error is not None:
        raise BadResponse(EIA, f"the API answered HTTP {status}: {_quote(error, secrets)}")
    raise BadResponse(EIA, f"the API answered HTTP {status} without an error message")


def _quote(text: Any, secrets: Iterable[str | None], limit: int = limits.MAX_MESSAGE) -> str:
    """An API's own text, secrets removed, short and on one line (scrubbed before cutting, so no key half stays)."""
    return limits.short(scrub(str(text), secrets), limit)


def envelope(status: int, payload: Any, secrets: Iterable[str | None] = ()) -> tuple[int, list[dict]]:
    """(total rows, records) of a data-call body; raises for errors and unknown shapes."""
    check_error(status, payload, secrets)
    response = payload.get("response") if isinstance(payload, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("data"), list):
        raise BadResponse(EIA, "the answer has no response.data list")
    try:
        total = int(response.get("total", len(response["data"])))
    except (TypeError, ValueError, OverflowError):  # OverflowError: a total of Infinity
        raise BadResponse(EIA, "response.total is not a number") from None
    if total < 0:
        raise BadResponse(EIA, f"response.total is negative ({total})")
    warnings = response.get("warnings")
    for warning in warnings if isinstance(warnings, list) else []:
        if isinstance(warning, dict):
            log.warning("EIA warns: %s", _quote(warning.get("warning", ""), secrets))
    return total, response["data"]


def to_number(text: Any) -> float | None:
    """A value string as a float; None for "--", "ie", "NA", "" and anything else that is not a finite figure."""
    if isinstance(text, bool):
        return None
    try:
        number = float(text)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


class _Refused(Exception):
    """A value that is neither a figure nor a documented marker: counted against its series, not stored."""


def _value(raw: Any, s: Series, country: str, period: str) -> float | None:
    """The figure of one record, None for a documented "no figure" marker; _Refused for a string that is neither
    ("1,234.5", "1e999"), BadResponse for what no API would send as a figure (a boolean, an absurd magnitude)."""
    if raw is None or (isinstance(raw, str) and raw.strip() in NO_FIGURE):
        return None
    number = to_number(raw) if isinstance(raw, str) else raw
    if number is None:
        raise _Refused(f"{country} {period}: {limits.short(repr(raw), 40)}")
    try:
        return limits.figure(number)
    except limits.NotAFigure as err:
        raise BadResponse(EIA, f"a value of {s.id} ({country} {period}) {err}", s.id) from None


def _rows(records: list, series: Sequence[Series], refused: Refusals | None = None) -> pd.DataFrame:
    by_facets = {facets(s): s for s in series}
    refused = refused if refused is not None else Refusals()
    rows = []
    for record in records:
        if not isinstance(record, dict):
            raise BadResponse(EIA, "a record is not an object")
        if "value" not in record:
            raise BadResponse(EIA, "rows came without values (the request lacked data[0]=value)")
        missing = [f for f in _FIELDS if f not in record]
        if missing:  # such a row cannot be matched to a series: dropping it would lose figures silently
            raise BadResponse(EIA, f"a record lacks {', '.join(missing)}")
        s = by_facets.get((str(record["productId"]), str(record["activityId"]), str(record["unit"])))
        country = str(record["countryRegionId"]).upper()
        country = FROM_EIA.get(country, country)
        period = str(record["period"])
        if s is None or country not in s.countries:
            refused.skipped += 1  # a combination or a country the catalog did not ask for
            continue
        if not _YEAR.fullmatch(period):
            refused.add(s.id, f"{country} period {limits.short(repr(period), 20)} (not a year)")
            continue
        try:
            value = _value(record["value"], s, country, period)
        except _Refused as why:
            refused.add(s.id, str(why))
            continue
        if value is not None:
            rows.append((EIA, s.id, country, int(period), value, s.unit))
    return schema.conform(pd.DataFrame(rows, columns=list(schema.COLUMNS)))


def parse(
    payload: Any,
    series: Sequence[Series],
    status: int = 200,
    *,
    secrets: Iterable[str | None] = (),
    refused: Refusals | None = None,
) -> pd.DataFrame:
    """The tidy rows of one data-call body for the given series; flagged and missing values dropped, and rows
    that are neither counted in `refused`."""
    _, records = envelope(status, payload, secrets)
    return _rows(records, series, refused)


def _check_page(page_total: int, records: list, offset: int, total: int | None, previous: list, cap: int) -> int:
    """The total this answer holds us to; BadResponse when it breaks the paging rules."""
    if total is None:
        if page_total > cap:
            raise BadResponse(EIA, f"announced {page_total:,} rows, more than the cap of {cap:,}")
        return page_total
    if page_total != total:
        raise BadResponse(EIA, f"announced {page_total:,} rows at offset {offset:,}; the first page said {total:,}")
    if records and records == previous:
        raise BadResponse(EIA, f"the page at offset {offset:,} repeated the rows of the page before")
    return total


def _fetch_pages(series, session, url, key, what, max_rows, stop_at, refused) -> list[pd.DataFrame]:
    params, secrets = query(series), (key,)
    tables, offset, total, previous, pages = [], 0, None, [], 0
    while True:
        page = [*params, ("offset", str(offset)), ("length", str(PAGE_LENGTH)), ("api_key", key)]
        status, payload = get_json(session, url, page, source=EIA, what=what, secrets=secrets, stop_at=stop_at)
        page_total, records = envelope(status, payload, secrets)
        total = _check_page(page_total, records, offset, total, previous, max_rows)
        tables.append(_rows(records, series, refused))
        offset, previous, pages = offset + len(records), records, pages + 1
        if offset >= total:
            return tables
        if not records:
            raise BadResponse(EIA, f"sent {offset:,} of the {total:,} rows it announced, then an empty page")
        if pages >= math.ceil(max_rows / PAGE_LENGTH):  # pages may be short, so the total alone bounds nothing
            raise BadResponse(EIA, f"sent {offset:,} of the {total:,} rows it announced in {pages} pages, the cap")


def fetch(
    series: Sequence[Series],
    session: requests.Session,
    base_url: str,
    key: str | None,
    *,
    max_rows: int = limits.EIA_MAX_ROWS,
    stop_at: float | None = None,
) -> Fetched:
    """Fetch all given EIA series in one query, paging by offset until response.total rows are read."""
    if not key:
        raise MissingKey(EIA, f"{KEY_ENV} is not set")
    what = series[0].id if len(series) == 1 else f"batch of {len(series)}"
    refused = Refusals()
    try:
        pages = _fetch_pages(series, session, f"{base_url}/international/data/", key, what, max_rows, stop_at, refused)
        table = combine(pages, EIA)
    except FetchError as err:
        clean = scrubbed(err, (key,))
    else:
        request = f"GET ${URL_ENV}/international/data/?{urlencode(query(series))}"
        if refused.skipped:
            log.info("EIA: skipped %s rows of combinations or countries the catalog did not ask for", refused.skipped)
        return Fetched(table, None, request, refused.summary())
    raise clean  # outside the except block, so nothing that might hold the key is chained to it
