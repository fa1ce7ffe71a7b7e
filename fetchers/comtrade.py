"""UN Comtrade API v1 public preview (no key): the bilateral fuel flows that catalog.trade.ASKS declares.

Quirks handled here (details and sources in ../shared/data/comtrade/API.md):
- Countries are M49 numbers (Korea 410), not ISO codes: reporters and partners are asked by catalog.trade.M49 and
  reporters stored under our codes (490, "Other Asia, nes", ISO3 S19, is Taiwan: TWN). We ask `includeDesc=true`
  so records carry `partnerISO` and `partnerDesc`: a partner is stored as the ISO3 Comtrade sends (S19 stays S19:
  Comtrade does not say it is Taiwan), World (partner 0, `W00`) as WLD, our one code for it, with Comtrade's
  English name beside it. Only totals are asked (`partner2Code=0`, `customsCode=C00`, `motCode=0`).
- At most 500 records a call: past that the preview sends the first 500 with HTTP 200 and no warning, and whether
  `count` then says 500 or the full count is not known. So an answer of exactly 500 records is never kept: the call
  is split in two, by period first, then by commodity, then by reporter (then partner), and each half asked; the
  splitting is bounded by the finite lists it halves and by limits.COMTRADE_MAX_CALLS calls a fetch. Any other
  answer must hold the `count` it announces (a `count` of 3 with no records is a BadResponse, not "no trade").
- Invalid parameter values are no error: they answer 200 with `count` 0. Errors come from the API gateway as
  `{"statusCode", "message"}` (429 with Retry-After, retried by fetchers.http; 401; 404); an `error` text in the
  envelope, or any other shape, is a BadResponse naming the ask.
- Weights: `netWgt` (kg), or `qty` where `netWgt` is null and `qtyUnitCode` is 8 (kg), e.g. Korea's 2017 coal World
  row; `weight_basis` says which, and a row with neither has no weight (NaN, basis ""). Values: `primaryValue`
  (US$); null is no figure, never zero. A record that cannot be stored as asked is refused and counted against its
  ask (fetchers.comtrade_records), never dropped silently.

Calls: a full fetch makes 5 against fakeapi, the fewest the cap allows. Its asks hold 1,696 records today: Korea's
imports 907, the five's exports 732, mirror imports 57. The first two each need two calls, and the three asks
(different reporters, flows and partners) cannot share one, so 2 + 2 + 1. Halving by period does not fit Korea:
2008–2012 holds 404 records and 2013–2017 503 (2008–2013 also 503), so that plan costs 7 calls, and asking each ask
whole first then splitting its cut answers costs 9. Halving by commodity does fit: an ask of every partner is asked
in two groups (FIRST_GROUPS: crude, pipeline gas and oil shale; coal and LNG), Korea's imports 453 + 454 records,
the five's exports 444 + 288; an ask that names its partners (mirror, 57) is asked in one call. Should a group grow
to 500 records, its answer is split as above and the fetch costs a call or two more, never a record less. Calls
are paced limits.COMTRADE_PACE seconds apart (the preview answers a burst with 429), 24 s for a full fetch.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import requests

from catalog import trade
from catalog.trade import COMTRADE, Ask
from fetchers import limits
from fetchers.comtrade_records import Call, Refused, combine, row, table
from fetchers.errors import BadResponse
from fetchers.http import get_json, scrub
from fetchers.result import Fetched, Refusals

DEFAULT_URL = "https://comtradeapi.un.org/public/v1"
URL_ENV = "COMTRADE_API_URL"
ROUTE = "/preview/C/A/HS"  # typeCode C (goods), freqCode A (annual), clCode HS
CAP = 500  # records the preview sends at most in one answer (API.md §3)
ENVELOPE = ("elapsedTime", "count", "data", "error")
# The first split of an ask of every partner, chosen on today's data (module docstring): each group under the cap.
FIRST_GROUPS = ((trade.CRUDE, trade.PIPELINE_GAS, trade.OIL_SHALE), (trade.COAL, trade.LNG))
SPLIT_ORDER = ("years", "commodities", "reporters", "partners")  # what a cut answer's call is halved by, in turn
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
log = logging.getLogger(__name__)


def base_url() -> str:
    """$COMTRADE_API_URL, else the public API."""
    return os.environ.get(URL_ENV, DEFAULT_URL).rstrip("/")


def years() -> tuple[int, ...]:
    """Every year of catalog.trade.YEARS, first to last."""
    return tuple(range(trade.YEARS[0], trade.YEARS[1] + 1))


def whole(ask: Ask) -> Call:
    """The one call that would ask all of an ask: every commodity, every year."""
    return Call(ask.id, ask.reporters, ask.flow, tuple(trade.COMMODITIES), years(), ask.partners)


def plan(asks: Sequence[Ask]) -> list[Call]:
    """The first calls of a fetch: an ask of every partner in FIRST_GROUPS of commodities, any other ask whole."""
    calls = []
    for ask in asks:
        unknown = [c for c in (*ask.reporters, *(ask.partners or ())) if c not in trade.M49]
        if unknown:
            raise ValueError(f"ask {ask.id} names countries without an M49 code in catalog.trade: {unknown}")
        asked = whole(ask)
        groups = FIRST_GROUPS if ask.partners is None else (asked.commodities,)
        calls += [replace(asked, commodities=group) for group in groups]
    return calls


def query(call: Call) -> list[tuple[str, str]]:
    """The call's parameters, in the order UN Comtrade's own client sends them."""
    params = [("reporterCode", ",".join(str(trade.M49[c]) for c in call.reporters))]
    params.append(("period", ",".join(str(y) for y in call.years)))
    if call.partners is not None:
        params.append(("partnerCode", ",".join(str(trade.M49[c]) for c in call.partners)))
    params += [("partner2Code", "0"), ("cmdCode", ",".join(call.commodities)), ("flowCode", call.flow)]
    return params + [("customsCode", "C00"), ("motCode", "0"), ("includeDesc", "true")]


def request(call: Call) -> str:
    """The call as a request line for the manifest: the base URL named by its variable, no host, no secret."""
    return f"GET ${URL_ENV}{ROUTE}?{urlencode(query(call), safe=',')}"


def split(call: Call) -> tuple[Call, Call] | None:
    """The call in two halves, by years, else commodities, else reporters, else partners; None when all are single."""
    for field in SPLIT_ORDER:
        values = getattr(call, field)
        if values is not None and len(values) > 1:
            half = len(values) // 2
            return replace(call, **{field: values[:half]}), replace(call, **{field: values[half:]})
    return None


def _quote(text: Any) -> str:
    """An API's own text, short, on one line, with no URL in it (an echoed request is no part of our messages)."""
    return limits.short(_URL.sub("<a URL>", scrub(str(text))))


def envelope(status: int, payload: Any, ask: str | None = None) -> tuple[list, bool]:
    """(records, cut) of one answer, cut when it holds CAP records; BadResponse for errors and unknown shapes."""
    if isinstance(payload, dict) and "statusCode" in payload and "data" not in payload:  # the API gateway's error
        said = f"{_quote(payload['statusCode'])} {_quote(payload.get('message', ''))}".strip()
        raise BadResponse(COMTRADE, f"the API answered HTTP {status}: {said}", ask)
    if not isinstance(payload, dict) or any(key not in payload for key in ENVELOPE):
        shape = "{" + ", ".join(ENVELOPE) + "}"
        raise BadResponse(COMTRADE, f"answered HTTP {status} with a body that is not the {shape} envelope", ask)
    if payload["error"] not in ("", None):
        raise BadResponse(COMTRADE, f"the API answered HTTP {status} with the error: {_quote(payload['error'])}", ask)
    if status != 200:
        raise BadResponse(COMTRADE, f"the API answered HTTP {status} to a data call", ask)
    records, count = payload["data"], payload["count"]
    if not isinstance(records, list):
        raise BadResponse(COMTRADE, "the answer's data is not a list of records", ask)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise BadResponse(COMTRADE, f"the answer's count is not a number of records: {_quote(repr(count))}", ask)
    if len(records) == CAP:  # perhaps cut, whatever count says: never kept as complete
        return records, True
    if count != len(records):
        raise BadResponse(COMTRADE, f"announced {count:,} records and sent {len(records):,}", ask)
    return records, False


def rows(records: list, call: Call, refused: Refusals | None = None) -> pd.DataFrame:
    """The flows table of one answer's records; each record that cannot be stored is counted in `refused`."""
    refused = refused if refused is not None else Refusals()
    kept = []
    for record in records:
        try:
            kept.append(row(record, call))
        except Refused as why:
            refused.add(call.ask, str(why))
    return table(kept)


def parse(payload: Any, call: Call | Ask, status: int = 200, *, refused: Refusals | None = None) -> pd.DataFrame:
    """The flows of one whole answer to a call (an Ask: all of it in one call); BadResponse for a cut answer."""
    call = call if isinstance(call, Call) else whole(call)
    records, cut = envelope(status, payload, call.ask)
    if cut:
        raise BadResponse(COMTRADE, f"{call.label()} came back with {CAP} records, the cap: it may be cut", call.ask)
    return rows(records, call, refused)


def fetch(
    session: requests.Session,
    base_url: str,
    asks: Sequence[Ask] = trade.ASKS,
    *,
    stop_at: float | None = None,
    max_calls: int = limits.COMTRADE_MAX_CALLS,
    pace: float | None = None,
) -> Fetched:
    """The asks' flows in the fewest calls the cap allows (request: each kept call, one per line, without host),
    `pace` seconds apart (default limits.comtrade_pace()); a wait never runs past `stop_at`."""
    pace = limits.comtrade_pace() if pace is None else pace
    refused, tables, kept = Refusals(), [], []
    pending = list(reversed(plan(asks)))  # a stack: the plan's order, each split asked before the next call
    last: float | None = None
    for _ in range(max_calls):
        if not pending:
            break
        if last is not None and pace > 0:
            wait = last + pace - time.monotonic()
            if stop_at is not None:
                wait = min(wait, stop_at - time.monotonic())
            if wait > 0:
                time.sleep(wait)
        last = time.monotonic()
        call = pending.pop()
        params = query(call)
        status, payload = get_json(session, base_url + ROUTE, params, source=COMTRADE, what=call.ask, stop_at=stop_at)
        records, cut = envelope(status, payload, call.ask)
        if not cut:
            tables.append(rows(records, call, refused))
            kept.append(call)
            continue
        halves = split(call)
        if halves is None:
            problem = f"{call.label()} came back with {CAP} records, the cap, and cannot be split further"
            raise BadResponse(COMTRADE, problem, call.ask)
        log.info("Comtrade: %s came back with %s records, the cap: asked in two halves", call.label(), CAP)
        pending += reversed(halves)
    if pending:
        problem = f"needed more than {max_calls} calls to stay under the cap of {CAP} records; stopped"
        raise BadResponse(COMTRADE, problem, pending[-1].ask)
    if refused.count:
        log.info("Comtrade: refused %s records", sum(refused.count.values()))
    return Fetched(combine(tables), None, "\n".join(request(c) for c in kept), refused.summary())
