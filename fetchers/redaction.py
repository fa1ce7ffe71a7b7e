"""Secrets out of every text: by value (the literal key and its URL-encoded and JSON-escaped forms) and by pattern.

The EIA key travels in the query string, and servers echo it back: in error messages quoting the URL, in JSON
(`"api_key": "..."`), in redirect targets. Pattern matching alone misses most of these, so whoever knows the key
passes it here and its value is removed wherever it appears; `api_key=...` values are masked as a second net.
`fetchers.http` re-exports these names; refresh and the CLI can call `scrub` as a last net before printing.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

from fetchers.errors import FetchError
from fetchers.limits import printable

MASK = "***"

# api_key=VALUE in a query, "api_key": "VALUE" in JSON, 'api_key': 'VALUE' in a Python repr.
_SECRET = re.compile(r"""(api[_-]?key["']?\s*[:=]\s*["']?)[^&\s'"]+""", re.IGNORECASE)


def redact(text: str) -> str:
    """Replace any api_key=... (or "api_key": "...") value in text with ***."""
    return _SECRET.sub(rf"\g<1>{MASK}", text)


def _forms(secret: str) -> set[str]:
    escaped = json.dumps(secret)[1:-1]
    return {secret, quote(secret), quote(secret, safe=""), quote_plus(secret), escaped, escaped.replace("/", "\\/")}


def scrub(text: str, secrets: Iterable[str | None] = ()) -> str:
    """text with every secret removed: as given, URL-encoded, JSON-escaped, and any api_key=... value."""
    forms = sorted({f for s in secrets if s for f in _forms(s)}, key=len, reverse=True)
    if forms:
        # Case-insensitive, since servers may lower-case %2F escapes; removing a little too much is harmless.
        text = re.sub("|".join(map(re.escape, forms)), MASK, text, flags=re.IGNORECASE)
    return redact(text)


def scrubbed(err: FetchError, secrets: Iterable[str | None] = ()) -> FetchError:
    """A copy of err (same class, source and series) whose problem has every secret removed."""
    return type(err)(err.source, scrub(err.problem, secrets), err.series_id)


class RedactingFilter(logging.Filter):
    """A logging filter that removes api_key values, and the given secrets by value, from every record."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = printable(scrub(record.getMessage(), self.secrets))
        record.args = None
        if record.exc_info:  # the formatter uses a text it finds here instead of formatting the traceback itself
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info), self.secrets)
        return True
