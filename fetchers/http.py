"""The one HTTP session and the one retry policy of the project.

Transport faults and retryable statuses (connection errors, timeouts, 429 with Retry-After, 5xx) are
retried by urllib3's `Retry`; bodies that are empty, truncated, HTML or otherwise not JSON are retried
by `get_json` with the same bound and backoff. Every request has explicit connect and read timeouts.
No message or log line built here contains a URL: the EIA key travels in the query string.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from fetchers.errors import SourceUnavailable

USER_AGENT = "kca-energy-dashboard/0.1 (Korea-Central Asia Energy Dashboard data refresh)"
ATTEMPTS = 4  # tries per request, for transport faults and for unreadable bodies alike
BACKOFF = 0.5  # seconds; doubles each retry
BACKOFF_MAX = 8.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
DEFAULT_TIMEOUT = (10.0, 60.0)  # (connect, read) seconds; WDI answers large pages slowly

_SECRET = re.compile(r"(api_key=)[^&\s'\"]+", re.IGNORECASE)

# urllib3 logs the full request URL (with the EIA key) when it retries: keep that logger quiet.
logging.getLogger("urllib3").setLevel(logging.ERROR)


def redact(text: str) -> str:
    """Replace any api_key=... in text with api_key=***."""
    return _SECRET.sub(r"\1***", text)


class RedactingFilter(logging.Filter):
    """A logging filter that strips api_key values from every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


def timeout_from_env() -> tuple[float, float]:
    """(connect, read) timeouts: FETCH_TIMEOUT="connect,read" in seconds, else DEFAULT_TIMEOUT."""
    raw = os.environ.get("FETCH_TIMEOUT", "")
    try:
        connect, read = (float(x) for x in raw.split(","))
        return connect, read
    except ValueError:
        return DEFAULT_TIMEOUT


def make_session(attempts: int = ATTEMPTS, backoff: float = BACKOFF) -> requests.Session:
    """A requests.Session that retries transient faults with backoff, and names the project."""
    retry = Retry(
        total=attempts - 1,
        connect=attempts - 1,
        read=attempts - 1,
        status=attempts - 1,
        other=attempts - 1,
        backoff_factor=backoff,
        backoff_max=BACKOFF_MAX,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    session.trust_env = False  # no proxies or .netrc from the environment: requests go where we say
    return session


class Unreadable(Exception):
    """A body that may read fine on a second try (empty, truncated, an HTML error page)."""


def decode_json(text: str) -> Any:
    """json.loads, raising Unreadable for anything that is not a JSON document."""
    if not text.strip():
        raise Unreadable("an empty body")
    try:
        return json.loads(text)
    except ValueError:
        head = text.lstrip("\ufeff \r\n\t")[:1]
        raise Unreadable("an HTML page" if head == "<" else "a body that is not complete JSON") from None


def get_json(
    session: requests.Session,
    url: str,
    params: Mapping[str, Any] | list[tuple[str, Any]],
    *,
    source: str,
    what: str | None = None,
    decode: Callable[[str], Any] = decode_json,
    timeout: tuple[float, float] | None = None,
    attempts: int = ATTEMPTS,
    ok_statuses: tuple[int, ...] = (200,),
) -> tuple[int, Any]:
    """GET url and decode the body; return (status, decoded).

    Raises SourceUnavailable when no attempt gave a readable answer and BadResponse when `decode`
    rejects a body as a definite error. Statuses outside ok_statuses still return if the body decodes,
    so the caller can read an API's own error message.
    """
    timeout = timeout or timeout_from_env()
    problem = "no answer"
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(BACKOFF * 2 ** (attempt - 1), BACKOFF_MAX))
        try:
            response = session.get(url, params=params, timeout=timeout)
        except requests.exceptions.Timeout:
            raise SourceUnavailable(source, f"timed out after {attempts} tries", what) from None
        except requests.exceptions.RetryError:
            raise SourceUnavailable(
                source, f"kept answering with an error status after {attempts} tries", what
            ) from None
        except requests.exceptions.ConnectionError as err:
            # After its retries urllib3 reports a read timeout as a connection error: tell them apart.
            reason = getattr(err.args[0], "reason", None) if err.args else None
            problem = "timed out" if isinstance(reason, TimeoutError | ReadTimeoutError) else "could not be reached"
            raise SourceUnavailable(source, f"{problem} after {attempts} tries", what) from None
        except requests.exceptions.RequestException as err:
            raise SourceUnavailable(source, f"request failed ({type(err).__name__})", what) from None
        if response.status_code in RETRY_STATUSES:  # urllib3 has already retried these
            raise SourceUnavailable(source, f"answered HTTP {response.status_code} after {attempts} tries", what)
        try:
            body = decode(response.text)
        except Unreadable as err:
            problem = f"answered HTTP {response.status_code} with {err}"
            if response.status_code in ok_statuses:
                continue
            raise SourceUnavailable(source, problem, what) from None
        return response.status_code, body
    raise SourceUnavailable(source, f"{problem}, after {attempts} tries", what)
