"""The transport under requests, made to honour a request's total deadline (fetchers.http sets it).

Socket timeouts bound each read, not their sum: a server sending its headers a byte at a time, each byte
inside the read timeout, could hold a request for hours; and urllib3 sleeps as long as a 429's Retry-After
asks (up to 6 hours by default) between its retries. While `deadline_of(t)` is in force, a timer shuts the
socket down at `t` if the status line and headers are not in, and no retry sleeps past `t`; the request then
fails as a connection error that fetchers.http reports as "did not answer within the deadline". The body that
follows is bounded by fetchers.http itself, between its reads.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

# The deadline of the request being made in this thread (or task), read by the connections below.
_STOP_AT: ContextVar[float | None] = ContextVar("stop_at", default=None)


def _left() -> float:
    stop_at = _STOP_AT.get()
    return float("inf") if stop_at is None else max(0.0, stop_at - time.monotonic())


class DeadlineRetry(Retry):
    """urllib3's Retry, whose waits (backoff or Retry-After) never run past the deadline of the request."""

    def sleep(self, response=None) -> None:
        wait = self.get_retry_after(response) if response is not None and self.respect_retry_after_header else None
        time.sleep(min(self.get_backoff_time() if wait is None else wait, _left()))


class _Watched:
    """A connection that shuts its socket down at the deadline if the status line and headers are not in."""

    sock: socket.socket | None

    def getresponse(self, *args, **kwargs):
        stop_at = _STOP_AT.get()
        if stop_at is None:
            return super().getresponse(*args, **kwargs)
        timer = threading.Timer(max(0.0, stop_at - time.monotonic()), self._cut)
        timer.daemon = True
        timer.start()
        try:
            return super().getresponse(*args, **kwargs)
        finally:
            timer.cancel()

    def _cut(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            self.sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter, with connections that honour the deadline of the request in progress."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


@contextlib.contextmanager
def deadline_of(stop_at: float) -> Iterator[None]:
    """Within this block, requests made through a DeadlineAdapter stop waiting for headers at stop_at."""
    token = _STOP_AT.set(stop_at)
    try:
        yield
    finally:
        _STOP_AT.reset(token)
