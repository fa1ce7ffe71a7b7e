"""The one HTTP session and the one retry policy of the project, with every request bounded and no secret let out.

Retries: transport faults and retryable statuses (connection errors, timeouts, 429 with Retry-After, 5xx) are
retried by urllib3's `Retry`; bodies that are empty, truncated, HTML, not JSON, or an API's own "try later"
(a decoder raises `Unreadable`), and a retryable status or a dropped connection that outlasted urllib3's tries,
are asked again by `get_json` (REQUEST_ATTEMPTS, with backoff), all within the request's deadline. Timeouts are
asked again only TIMEOUT_ATTEMPTS times: each attempt costs four whole read timeouts.

Bounds (values and reasons in fetchers/limits.py): explicit connect and read timeouts on every call, and a total
deadline for the whole request: connection, headers, retries and their waits (a Retry-After is capped, and no
wait runs past the deadline; fetchers/transport.py), and the body, which is streamed and so cut off even when it
trickles in under the read timeout. The body is counted as it arrives (decompressed): one over MAX_BODY_BYTES
is abandoned, and a declared Content-Length over it is never read at all. JSON nested too deeply to decode is
a BadResponse, not a RecursionError.

Secrets: the caller hands the EIA key to `get_json(..., secrets=(key,))`, and every error leaving here has that
literal value, its URL-encoded and JSON-escaped forms and any `api_key=...` removed (fetchers/redaction.py),
and no chained exception (requests puts the full URL, key included, in its own). Redirects are not followed by
requests: one to the same scheme, host and port is followed here, one elsewhere is a BadResponse, so the query
string with the key never travels to another host. No message or log line built here contains a URL.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urljoin

import requests
import urllib3.exceptions
from urllib3.util import parse_url

from fetchers import limits
from fetchers.errors import BadResponse, FetchError, SourceUnavailable
from fetchers.redaction import RedactingFilter, redact, scrub, scrubbed  # noqa: F401 - the public names live here too
from fetchers.transport import DeadlineAdapter, DeadlineRetry, deadline_of

USER_AGENT = "kca-energy-dashboard/0.1 (Korea-Central Asia Energy Dashboard data refresh)"
ATTEMPTS = 4  # urllib3's tries per attempt, for transport faults and retryable statuses
# get_json's attempts per request, each of them with urllib3's tries: an unreadable body, or a retryable status
# that outlasted urllib3's tries, is asked again after a backoff. Eight, because a flaky API (the World Bank's
# bursts of 502s; fakeapi --fault 500:0.3 --fault truncate:0.2 --fault 429:0.2) fails one attempt in about 0.44:
# four attempts lost 4% of requests and one refresh in four, eight lose 0.1% (bench/faults.py). The deadline still
# bounds them all.
REQUEST_ATTEMPTS = 8
# Of those, the attempts that may end in timeouts: each costs urllib3's four read timeouts, so two (eight
# timeouts in a row) rather than eight, which would outlast a request's deadline against a server that hangs.
TIMEOUT_ATTEMPTS = 2
BACKOFF = 0.5  # seconds; doubles each retry
BACKOFF_MAX = 8.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
DEFAULT_TIMEOUT = (10.0, 60.0)  # (connect, read) seconds; WDI answers large pages slowly

# urllib3 logs the full request URL (with the EIA key) when it retries: keep that logger quiet.
logging.getLogger("urllib3").setLevel(logging.ERROR)


def timeout_from_env() -> tuple[float, float]:
    """(connect, read) timeouts: FETCH_TIMEOUT="connect,read" in seconds, else DEFAULT_TIMEOUT."""
    raw = os.environ.get("FETCH_TIMEOUT", "")
    try:
        connect, read = (float(x) for x in raw.split(","))
        return connect, read
    except ValueError:
        return DEFAULT_TIMEOUT


def make_session(attempts: int = ATTEMPTS, backoff: float | None = None) -> requests.Session:
    """A requests.Session that retries transient faults with backoff (BACKOFF unless given), and names the project."""
    retry = DeadlineRetry(
        total=attempts - 1,
        connect=attempts - 1,
        read=attempts - 1,
        status=attempts - 1,
        other=attempts - 1,
        backoff_factor=BACKOFF if backoff is None else backoff,
        backoff_max=BACKOFF_MAX,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        retry_after_max=limits.RETRY_AFTER_MAX,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = DeadlineAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    session.trust_env = False  # no proxies or .netrc from the environment: requests go where we say
    return session


class Unreadable(Exception):
    """A body that may read fine on a second try (empty, truncated, an HTML error page, an API's "try later")."""


def decode_json(text: str) -> Any:
    """json.loads (a leading byte-order mark allowed), raising Unreadable for anything that is not JSON."""
    text = text.removeprefix("\ufeff")
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
    attempts: int = REQUEST_ATTEMPTS,
    ok_statuses: tuple[int, ...] = (200,),
    secrets: Iterable[str | None] = (),
    deadline: float | None = None,
    stop_at: float | None = None,
    max_bytes: int = limits.MAX_BODY_BYTES,
) -> tuple[int, Any]:
    """GET url and decode the body; return (status, decoded).

    Raises SourceUnavailable when no attempt gave a readable answer in time and BadResponse when `decode`
    rejects a body as a definite error or a bound is broken. Statuses outside ok_statuses still return if the
    body decodes, so the caller can read an API's own error message. `deadline` (seconds, default from
    limits) bounds this request; `stop_at` (a time.monotonic() instant) is the caller's own, e.g. a refresh's.
    """
    ends = time.monotonic() + (deadline or limits.deadline_from_env())
    call = _Call(session, url, params, source, what, timeout or timeout_from_env(), min(ends, stop_at or ends))
    try:
        return call.run(decode, attempts, ok_statuses, max_bytes)
    except FetchError as err:
        clean = scrubbed(err, secrets)
    raise clean  # outside the except block, so no exception that might hold the URL is chained to it


class _Dropped(SourceUnavailable):
    """A connection reset or refused after urllib3's own tries: get_json asks again, within the deadline."""


class _TimedOut(_Dropped):
    """Timeouts after urllib3's own tries: asked again, but only TIMEOUT_ATTEMPTS times, as each costs a whole wait."""


class _Call:
    """One get_json: its attempts, its redirects and its body reads, all before one deadline."""

    def __init__(self, session, url, params, source, what, timeout, stop_at) -> None:
        self.session, self.url, self.params = session, url, params
        self.source, self.what, self.timeout, self.stop_at = source, what, timeout, stop_at
        self.limit = stop_at - time.monotonic()

    def run(self, decode: Callable[[str], Any], attempts: int, ok_statuses: tuple[int, ...], max_bytes: int):
        problem, timeouts = "no answer", 0
        for attempt in range(attempts):
            if attempt:
                self._pause(min(BACKOFF * 2 ** (attempt - 1), BACKOFF_MAX), problem)
            try:
                response = self._follow()
            except _Dropped as err:  # a reset, refusal or timeout outlasted urllib3's tries: a burst, often
                timeouts += isinstance(err, _TimedOut)
                if timeouts >= TIMEOUT_ATTEMPTS:
                    raise SourceUnavailable(self.source, f"{err.problem}, after retries", self.what) from None
                problem = err.problem
                continue
            try:
                if response.status_code in RETRY_STATUSES:  # urllib3 has already tried this attempt again
                    problem = f"answered HTTP {response.status_code}"
                    continue
                return self._decoded(response, decode, max_bytes)
            except Unreadable as err:
                problem = f"answered HTTP {response.status_code} with {err}"
                if response.status_code not in ok_statuses:
                    raise SourceUnavailable(self.source, problem, self.what) from None
            finally:
                response.close()
        raise SourceUnavailable(self.source, f"{problem}, after {attempts} tries", self.what)

    def _pause(self, seconds: float, problem: str) -> None:
        if time.monotonic() + seconds > self.stop_at:
            raise SourceUnavailable(
                self.source, f"{problem}; no time left to try again within {self._limit()}", self.what
            )
        time.sleep(seconds)

    def _limit(self) -> str:
        return f"the deadline of {self.limit:.3g} s"

    def _decoded(self, response: requests.Response, decode: Callable[[str], Any], max_bytes: int) -> tuple[int, Any]:
        text = _text(self._read(response, max_bytes), response)
        try:
            return response.status_code, decode(text)
        except RecursionError:
            raise BadResponse(self.source, "answered with JSON nested too deeply to read", self.what) from None

    def _follow(self) -> requests.Response:
        """The first answer that is not a redirect, following only redirects to the same scheme, host and port."""
        target, params = self.url, self.params
        for _ in range(limits.MAX_REDIRECTS + 1):
            response = self._get(target, params)
            if not response.is_redirect:
                return response
            response.close()
            target, params = urljoin(response.url, response.headers["Location"]), None
            origin = _origin(target)
            if origin != _origin(self.url):
                host = f"{origin[1]}:{origin[2]}" if origin[1] else "an unnamed host"
                raise BadResponse(
                    self.source, f"redirected the request to another host ({host}); not followed", self.what
                )
        raise BadResponse(self.source, f"redirected the request more than {limits.MAX_REDIRECTS} times", self.what)

    def _get(self, target: str, params: Any) -> requests.Response:
        left = self.stop_at - time.monotonic()
        if left <= 0:
            raise SourceUnavailable(self.source, f"did not answer within {self._limit()}", self.what)
        timeout = (min(self.timeout[0], left), min(self.timeout[1], left))
        try:
            with deadline_of(self.stop_at):
                return self.session.get(target, params=params, timeout=timeout, stream=True, allow_redirects=False)
        except requests.exceptions.RequestException as err:
            raise self._failure(err) from None

    def _failure(self, err: requests.exceptions.RequestException) -> SourceUnavailable:
        """What a failed request means, in words that hold no URL (requests' own texts hold the key)."""
        if time.monotonic() >= self.stop_at:
            problem = f"did not answer within {self._limit()}"
        elif isinstance(err, requests.exceptions.Timeout):
            problem = "timed out, after retries"
        elif isinstance(err, requests.exceptions.RetryError):
            problem = "kept answering with an error status, after retries"
        elif isinstance(err, requests.exceptions.ConnectionError):
            # After its retries urllib3 reports a read timeout as a connection error: tell them apart.
            reason = getattr(err.args[0], "reason", None) if err.args else None
            timed_out = isinstance(reason, TimeoutError | urllib3.exceptions.ReadTimeoutError)
            if not timed_out:  # asked again by get_json
                return _Dropped(self.source, "could not be reached", self.what)
            return _TimedOut(self.source, "timed out", self.what)
        else:
            problem = f"request failed ({type(err).__name__})"
        return SourceUnavailable(self.source, problem, self.what)

    def _read(self, response: requests.Response, max_bytes: int) -> bytes:
        """The body, read as it arrives, abandoned at the deadline or past max_bytes."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise BadResponse(
                self.source, f"announced a body of {int(declared):,} bytes, {_over(max_bytes)}", self.what
            )
        body = bytearray()
        while True:
            if time.monotonic() > self.stop_at:
                raise SourceUnavailable(
                    self.source, f"did not finish sending its answer within {self._limit()}", self.what
                )
            try:
                # read1 makes one socket read and returns what has arrived, so a trickle cannot hold us past the
                # deadline (read() would wait for the whole chunk); decoded bytes are counted, so gzip cannot cheat.
                chunk = response.raw.read1(limits.READ_CHUNK, decode_content=True)
            except urllib3.exceptions.ReadTimeoutError:
                raise Unreadable("a body that stopped arriving") from None
            except (urllib3.exceptions.HTTPError, OSError):
                raise Unreadable("a body cut off before its end") from None
            if not chunk:
                return bytes(body)
            body += chunk
            if len(body) > max_bytes:
                raise BadResponse(self.source, f"sent a body {_over(max_bytes)}; stopped reading it", self.what)


def _over(max_bytes: int) -> str:
    return f"over the cap of {max_bytes / 2**20:g} MB"


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of a URL exactly as requests and urllib3 will connect to it.

    Judged on the URL requests prepares and urllib3 parses, not on urllib.parse: the two read some URLs apart
    (`http://evil.example\\@api.eia.gov/` is api.eia.gov to urlsplit, evil.example to urllib3), and only the
    library's reading says where the key would go. A URL either of them cannot read has no origin of ours.
    """
    try:
        parts = parse_url(requests.Request("GET", url).prepare().url)
        scheme = (parts.scheme or "").lower()
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, ValueError):
        return "", "", None
    if parts.auth:  # credentials in a redirect are never ours to send, nor the key with them
        return "", "", None
    return scheme, (parts.host or "").lower(), port


def _text(body: bytes, response: requests.Response) -> str:
    """The body as text: the declared charset where it is a text encoding, else UTF-8 (JSON's own); undecodable
    bytes replaced. A charset that names a byte codec (base64, zlib) or one that fails on any input (idna) is
    the server's mistake, not a reason to give up on the answer."""
    declared = "charset" in response.headers.get("Content-Type", "").lower()
    charset = requests.utils.get_encoding_from_headers(response.headers) if declared else None
    try:
        found = codecs.lookup(charset) if charset else None
    except LookupError:
        found = None
    codec = found.name if found is not None and found._is_text_encoding else "utf-8"
    try:
        return body.decode(codec, errors="replace")
    except (UnicodeError, LookupError):
        return body.decode("utf-8", errors="replace")
