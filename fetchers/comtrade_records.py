"""UN Comtrade records into flow rows: what one call asks (`Call`), the checks every record passes, the table.

Pure: no network. A record that cannot be stored as asked (a key missing, a field of the wrong type, a number
that is not finite or is negative, a year, reporter, flow, commodity or partner the call did not ask, or a row
that is not the total over partner2, customs procedure and transport mode) raises `Refused` with the reason, which
fetchers.comtrade counts against its ask (fetchers.result.Refusals): never dropped silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from catalog import trade
from catalog.countries import WORLD
from fetchers import limits
from fetchers.errors import BadResponse

# What a record must carry for us to store it (a real record has 47 keys; API.md §4).
REQUIRED = (
    "refYear",
    "reporterCode",
    "flowCode",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "cmdCode",
    "customsCode",
    "motCode",
    "qtyUnitCode",
    "qty",
    "netWgt",
    "primaryValue",
)
# The totals we ask for (partner2 World, all customs procedures, all transport modes): a record of a breakdown
# would be counted twice beside them.
TOTALS = {"partner2Code": 0, "customsCode": "C00", "motCode": 0}
FROM_M49 = {code: ours for ours, code in trade.M49.items()}
# Comtrade's ISO3-like partner codes: letters, or the API's own (W00 World, S19 Other Asia, _X  areas nes, which it
# sends with a trailing space that we drop).
_ISO = re.compile(r"[A-Z0-9_]{2,3}")
MAX_NAME = 120  # characters; the longest English partner name Comtrade uses is about 50


@dataclass(frozen=True)
class Call:
    """One request: an ask's reporters, flow and partners (None: all), and the commodities and years of this call."""

    ask: str
    reporters: tuple[str, ...]
    flow: str
    commodities: tuple[str, ...]
    years: tuple[int, ...]
    partners: tuple[str, ...] | None = None

    def label(self) -> str:
        """The call in words for messages and logs (never a URL)."""
        span = f"{self.years[0]}" if len(self.years) == 1 else f"{self.years[0]}–{self.years[-1]}"
        partners = "every partner" if self.partners is None else f"partners {','.join(self.partners)}"
        return f"{','.join(self.reporters)} {self.flow} HS {','.join(self.commodities)} {span}, {partners}"


class Refused(Exception):
    """A record that cannot be stored as asked; the text says which and why."""


def _whole(record: dict, key: str, where: str) -> int:
    value = record[key]
    if isinstance(value, bool) or not isinstance(value, int):  # bool is an int in Python
        raise Refused(f"{where}: {key} is not a whole number: {limits.short(repr(value), 30)}")
    return value


def _code(record: dict, key: str, where: str) -> str:
    value = record[key]
    if not isinstance(value, str) or not value.strip():
        raise Refused(f"{where}: {key} is not a code: {limits.short(repr(value), 30)}")
    return value.strip()


def amount(record: dict, key: str, where: str) -> float | None:
    """A weight, quantity or value: None where the API sends null, else a finite number >= 0; Refused otherwise."""
    value = record[key]
    if value is None:
        return None
    if isinstance(value, str):  # the API sends numbers; a string is a record broken on the way
        raise Refused(f"{where}: {key} is a string, not a number: {limits.short(repr(value), 30)}")
    try:
        number = limits.figure(value)
    except limits.NotAFigure as err:
        raise Refused(f"{where}: {key} {err}") from None
    if number < 0:
        raise Refused(f"{where}: {key} is negative ({number:g})")
    return number


def _asked(record: dict, call: Call) -> tuple[str, str, str, str, int, str]:
    """(reporter, flow, commodity, partner code as ours, year, where) of a record this call asked for."""
    year, reporter_code = _whole(record, "refYear", "a record"), _whole(record, "reporterCode", "a record")
    where = f"reporter {reporter_code} {year}"
    flow, commodity = _code(record, "flowCode", where), _code(record, "cmdCode", where)
    partner_code = _whole(record, "partnerCode", where)
    where = f"reporter {reporter_code} {flow} HS {commodity} partner {partner_code} {year}"
    reporter = FROM_M49.get(reporter_code)
    if reporter not in call.reporters:
        raise Refused(f"{where}: a reporter this call did not ask")
    if flow != call.flow or commodity not in call.commodities:
        raise Refused(f"{where}: a flow or commodity this call did not ask")
    if year not in call.years:
        raise Refused(f"{where}: a year this call did not ask")
    if call.partners is not None and FROM_M49.get(partner_code) not in call.partners:
        raise Refused(f"{where}: a partner this call did not ask")
    for key, total in TOTALS.items():
        if type(record[key]) is not type(total) or record[key] != total:  # False == 0 in Python: types first
            raise Refused(f"{where}: {key} is {limits.short(repr(record[key]), 20)}, not the total {total!r}")
    return reporter, flow, commodity, str(partner_code), year, where


def _partner(record: dict, partner_code: str, where: str) -> tuple[str, str]:
    """(our partner code, Comtrade's English name): World as our one code for it, any other as Comtrade's ISO3."""
    iso, name = record["partnerISO"], record["partnerDesc"]
    if not isinstance(name, str) or not limits.printable(name).strip() or len(name) > MAX_NAME:
        raise Refused(f"{where}: partnerDesc is not a name: {limits.short(repr(name), 30)} (includeDesc=true asked)")
    if partner_code == str(trade.WORLD_PARTNER):
        return WORLD, limits.printable(name).strip()
    if not isinstance(iso, str) or not _ISO.fullmatch(iso.strip()):
        raise Refused(f"{where}: partnerISO is not a code: {limits.short(repr(iso), 30)} (includeDesc=true asked)")
    return iso.strip(), limits.printable(name).strip()


def row(record: Any, call: Call) -> tuple:
    """One flow row (in FLOW_COLUMNS order) from one record of this call's answer; Refused says why not."""
    if not isinstance(record, dict):
        raise Refused(f"a record that is not an object: {limits.short(repr(record), 30)}")
    missing = [key for key in REQUIRED if key not in record]
    if missing:
        raise Refused(f"a record lacking {', '.join(missing)}")
    reporter, flow, commodity, partner_code, year, where = _asked(record, call)
    partner, name = _partner(record, partner_code, where)
    net, qty, value = (amount(record, key, where) for key in ("netWgt", "qty", "primaryValue"))
    unit = _whole(record, "qtyUnitCode", where)
    # The net weight, else the quantity where it is counted in kilograms (Korea's 2017 coal World row), else none.
    if net is not None:
        weight, basis = net, trade.NET_WEIGHT
    elif qty is not None and unit == trade.KILOGRAMS:
        weight, basis = qty, trade.QUANTITY_KG
    else:
        weight, basis = math.nan, ""
    value = math.nan if value is None else value  # null is no figure, never zero
    return (call.ask, reporter, partner, name, commodity, flow, year, weight, basis, value)


def table(rows: Sequence[tuple]) -> pd.DataFrame:
    """Flow rows as the flows table: FLOW_COLUMNS with FLOW_DTYPES, sorted by FLOW_KEY."""
    frame = pd.DataFrame(list(rows), columns=list(trade.FLOW_COLUMNS)).astype(trade.FLOW_DTYPES)
    return frame.sort_values(trade.FLOW_KEY, kind="stable").reset_index(drop=True)


def combine(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The calls' rows as one table, exact repeats dropped; BadResponse if one flow came with two different rows."""
    found = [t for t in tables if len(t)]  # pandas warns on concatenating empty tables
    frame = pd.concat(found, ignore_index=True).drop_duplicates() if found else table([])
    frame = frame.sort_values(trade.FLOW_KEY, kind="stable").reset_index(drop=True)
    clash = frame[frame.duplicated(subset=trade.FLOW_KEY, keep=False)]
    if len(clash):
        r = clash.iloc[0]
        what = f"{r['reporter']} {r['flow']} HS {r['commodity']} partner {r['partner']} {r['year']}"
        raise BadResponse(trade.COMTRADE, f"sent two different rows for {what}", str(r["ask"]))
    return frame
