"""EIA API v2 `international` route (needs EIA_API_KEY): all catalog series in one paged call.

Quirks handled here (details and sources in ../shared/data/eia/API.md):
- The key must go in the URL (`api_key=`), and EIA echoes it in `request.params`: no URL and no raw body
  is ever logged, stored or put in a message. The request we record is built without it.
- Without `data[0]=value` rows come with no values: we always ask for it, and reject such rows.
- Several values per facet in one call; at most 5,000 rows a page, paged with `offset` until
  `response.total` (a string) is reached. A facet value that does not exist answers 200 with no rows.
- Every `value` is a string (`".316"`, `"-.2"`); `"--"` (flag 3, the country did not exist), `"ie"`
  (flag 4, included elsewhere), `"NA"` and anything else that is not a number mean no figure, never zero.
- Two error shapes: `{"error": {"code", "message"}}` (key gate) and `{"error": "...", "code": 400}`.
- A query with several products and activities returns every existing combination of them; rows of
  combinations that are not in the catalog are dropped here.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import requests

from cache import schema
from fetchers.catalog import EIA, Series
from fetchers.errors import BadResponse, MissingKey
from fetchers.http import get_json
from fetchers.result import Fetched

DEFAULT_URL = "https://api.eia.gov/v2"
URL_ENV = "EIA_API_URL"
KEY_ENV = "EIA_API_KEY"
PAGE_LENGTH = 5000  # the API's maximum rows per JSON page
START_YEAR = "1980"  # EIA's international series begin in 1980
log = logging.getLogger(__name__)


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
        ("productId", sorted({s.eia_facets[0] for s in series}, key=int)),
        ("activityId", sorted({s.eia_facets[1] for s in series}, key=int)),
        ("unit", sorted({s.eia_facets[2] for s in series})),
        ("countryRegionId", sorted({c for s in series for c in s.countries})),
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


def check_error(status: int, payload: Any) -> None:
    """Raise MissingKey or BadResponse for either of EIA's error shapes (or a non-200 status)."""
    error = payload.get("error") if isinstance(payload, dict) else None
    if error is None and status == 200:
        return
    if isinstance(error, dict):
        code, message = str(error.get("code", "")), str(error.get("message", ""))
        if code in ("API_KEY_MISSING", "API_KEY_INVALID"):
            raise MissingKey(EIA, f"the API refused the key ({code}); set a valid {KEY_ENV}")
        raise BadResponse(EIA, f"the API answered HTTP {status} {code}: {message}".rstrip(": "))
    if error is not None:
        raise BadResponse(EIA, f"the API answered HTTP {status}: {error}")
    raise BadResponse(EIA, f"the API answered HTTP {status} without an error message")


def envelope(status: int, payload: Any) -> tuple[int, list[dict]]:
    """(total rows, records) of a data-call body; raises for errors and unknown shapes."""
    check_error(status, payload)
    response = payload.get("response") if isinstance(payload, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("data"), list):
        raise BadResponse(EIA, "the answer has no response.data list")
    try:
        total = int(response.get("total", len(response["data"])))
    except (TypeError, ValueError):
        raise BadResponse(EIA, "response.total is not a number") from None
    for warning in response.get("warnings") or []:
        if isinstance(warning, dict):
            log.warning("EIA warns: %s", warning.get("warning", ""))
    return total, response["data"]


def to_number(text: Any) -> float | None:
    """A value string as a float; None for "--", "ie", "NA", "" and anything else that is not a figure."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def parse(payload: Any, series: Sequence[Series], status: int = 200) -> pd.DataFrame:
    """The tidy rows of one data-call body for the given series; flagged and missing values dropped."""
    _, records = envelope(status, payload)
    by_facets = {s.eia_facets: s for s in series}
    rows = []
    for record in records:
        if not isinstance(record, dict):
            raise BadResponse(EIA, "a record is not an object")
        if "value" not in record:
            raise BadResponse(EIA, "rows came without values (the request lacked data[0]=value)")
        key = (str(record.get("productId")), str(record.get("activityId")), str(record.get("unit")))
        s = by_facets.get(key)
        country = str(record.get("countryRegionId", "")).upper()
        period = str(record.get("period", ""))
        if s is None or country not in s.countries or not period.isdigit():
            continue
        value = to_number(record["value"])
        if value is not None:
            rows.append((EIA, s.id, country, int(period), value, s.unit))
    return schema.conform(pd.DataFrame(rows, columns=list(schema.COLUMNS)))


def fetch(series: Sequence[Series], session: requests.Session, base_url: str, key: str | None) -> Fetched:
    """Fetch all given EIA series in one query, paging by offset until response.total rows are read."""
    if not key:
        raise MissingKey(EIA, f"{KEY_ENV} is not set")
    url = f"{base_url}/international/data/"
    params = query(series)
    what = series[0].id if len(series) == 1 else f"batch of {len(series)}"
    tables, offset, total = [], 0, None
    while total is None or offset < total:
        page = [*params, ("offset", str(offset)), ("length", str(PAGE_LENGTH)), ("api_key", key)]
        status, payload = get_json(session, url, page, source=EIA, what=what, ok_statuses=(200,))
        total, records = envelope(status, payload)
        tables.append(parse(payload, series, status))
        if not records:
            break  # fewer rows than announced: stop rather than loop
        offset += len(records)
    table = schema.conform(pd.concat(tables, ignore_index=True))
    return Fetched(table, None, f"GET ${URL_ENV}/international/data/?{urlencode(params)}")
