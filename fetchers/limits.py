"""Every bound the fetchers enforce, in one place, each with the reason it sits where it does.

A broken or hostile server must not make a refresh hang, fill memory, page forever, or have an absurd number
stored as a figure. Each limit that trips becomes a FetchError with a plain-words problem (what, and the bound).
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

REQUEST_DEADLINE = 120.0  # seconds for one request: connection, retries, backoff and the whole body
DEADLINE_ENV = "FETCH_DEADLINE"  # seconds; overrides REQUEST_DEADLINE (tests and the bench use small values)
MAX_BODY_BYTES = 16 * 2**20  # our largest real page (5,000 EIA rows) is 1-2 MB; counted as it streams in
READ_CHUNK = 64 * 1024  # bytes asked of the socket at a time; a read returns whatever has arrived
RETRY_AFTER_MAX = 30  # seconds a 429's Retry-After may make us wait (urllib3 allows 6 hours)
MAX_REDIRECTS = 3  # same-host redirects followed; one to another host is never followed
WB_MAX_PAGES = 10  # pages a World Bank batch may announce: 200,000 records at 20,000 a page, ~8x our catalog
EIA_MAX_ROWS = 100_000  # rows an EIA query may announce (<= 20 pages of 5,000); our catalog's query is far below
# Calls one Comtrade fetch may make, splits of cut answers included: a full fetch makes 5 today (fetchers/comtrade.py),
# so this leaves room for the data to grow eightfold, while a server answering 500 records to everything stops here.
COMTRADE_MAX_CALLS = 40
# Seconds between two calls to UN Comtrade's public preview, which answers a burst with 429 "Rate limit is
# exceeded" (API.md): comtradr's default of 10 calls a minute. A full refresh (5 calls) waits 24 s in all, and at
# most COMTRADE_MAX_CALLS calls 4 minutes, within the refresh's deadline. $COMTRADE_PACE overrides it (0 for a
# local server: the tests, `make snapshot`).
COMTRADE_PACE = 6.0
COMTRADE_PACE_ENV = "COMTRADE_PACE"
MAX_MAGNITUDE = 1e15  # no figure of ours comes near: world GDP is ~1e14 current US$
MAX_MESSAGE = 300  # characters of an API's own error message that we quote


class NotAFigure(ValueError):
    """A value that cannot be stored as a figure; the text says why, in words that follow "a value of X"."""


def figure(value: Any) -> float:
    """value as a finite float below MAX_MAGNITUDE; NotAFigure (saying why) for anything else."""
    # bool is an int in Python: without this, JSON true would be stored as 1.0.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise NotAFigure(f"is not a number: {short(repr(value), 40)}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise NotAFigure(f"is not a number: {short(repr(value), 40)}") from None
    except OverflowError:  # an integer with hundreds of digits
        raise NotAFigure(f"is implausibly large (at least {MAX_MAGNITUDE:g} in size)") from None
    if not math.isfinite(number):
        raise NotAFigure(f"is not a finite number: {number}")
    if abs(number) >= MAX_MAGNITUDE:
        raise NotAFigure(f"is implausibly large: {number:g} (the bound is {MAX_MAGNITUDE:g})")
    return number


def comtrade_pace() -> float:
    """Seconds between Comtrade calls: $COMTRADE_PACE (0 or more, at most a minute), else COMTRADE_PACE."""
    try:
        seconds = float(os.environ.get(COMTRADE_PACE_ENV, ""))
    except ValueError:
        return COMTRADE_PACE
    return min(seconds, 60.0) if seconds >= 0 else COMTRADE_PACE


def deadline_from_env() -> float:
    """Seconds one request may take in all: $FETCH_DEADLINE, else REQUEST_DEADLINE."""
    try:
        seconds = float(os.environ.get(DEADLINE_ENV, ""))
    except ValueError:
        return REQUEST_DEADLINE
    return seconds if seconds > 0 else REQUEST_DEADLINE


# Control characters (ANSI escapes, carriage returns, bidi overrides) that an API or a tampered manifest could
# send to a terminal: whatever reaches our output is printable text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """text without control characters (line breaks and tabs kept), safe to print to a terminal or a log."""
    return _CONTROL.sub("", str(text))


def short(text: str, limit: int = MAX_MESSAGE) -> str:
    """text on one line, printable, cut to at most `limit` characters."""
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
