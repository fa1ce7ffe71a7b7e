"""A scripted HTTP server on loopback: answers with the bodies a test lists, and records what was asked.

It can also misbehave the way a hostile server would: echo the request (a body may be a function of the
request's path and query), redirect (a Location header), trickle a body byte by byte, stream a body far
larger than any real page (without holding it in memory), or send the same page for every request.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The hand-written wire-format answers of the fetcher tests, which the hostile-answer benchmark serves too.
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fetchers" / "fixtures"
STREAM_CHUNK = 64 * 1024


def fixture(name: str) -> str:
    """A wire-format answer from tests/fetchers/fixtures/, as text."""
    return (FIXTURES / name).read_text(encoding="utf-8")


@dataclass
class Answer:
    body: str | bytes | Callable[[str], str | bytes] = ""  # a function gets the request's path and query
    status: int = 200
    headers: dict = field(default_factory=dict)  # a value may be a function of the path, like body
    delay: float = 0.0
    reset: bool = False
    trickle: float = 0.0  # seconds between the body's bytes
    trickle_head: bool = False  # trickle the status line and headers too
    padding: int = 0  # filler bytes streamed after the body, in chunks, never held in memory
    chunked: bool = False  # no Content-Length: the body comes with Transfer-Encoding: chunked
    content_type: str = "application/json; charset=utf-8"


class QuietHandler(BaseHTTPRequestHandler):
    """A test server's handler: HTTP/1.1, no access log, and no noise when a client hangs up mid-answer."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except ConnectionError:
            pass  # the client hung up on a hostile answer, as it should


class Scripted:
    """Serves `answers` in order (the last one repeats); `paths`, `headers` and `sent` record each exchange."""

    def __init__(self) -> None:
        self.answers: list[Answer] = [Answer("[]")]
        self.paths: list[str] = []
        self.headers: list[dict] = []
        self.sent = 0  # body bytes written, over all requests
        self.closed = threading.Event()
        outer = self

        class Handler(QuietHandler):
            def do_GET(self):
                index = min(len(outer.paths), len(outer.answers) - 1)
                outer.paths.append(self.path)
                outer.headers.append(dict(self.headers))
                answer = outer.answers[index]
                if outer.closed.wait(answer.delay):
                    return
                if answer.reset:
                    self.close_connection = True
                    self.connection.close()
                    return
                body = answer.body(self.path) if callable(answer.body) else answer.body
                raw = body.encode("utf-8") if isinstance(body, str) else body
                if answer.trickle_head:
                    head = f"HTTP/1.1 {answer.status} OK\r\nContent-Length: {len(raw)}\r\n\r\n".encode()
                    self.close_connection = True
                    with contextlib.suppress(ConnectionError):
                        for piece in outer.pieces(head + raw, answer):
                            self.wfile.write(piece)
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                if answer.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(raw) + answer.padding))
                for key, value in answer.headers.items():
                    self.send_header(key, value(self.path) if callable(value) else value)
                self.end_headers()
                try:
                    for piece in outer.pieces(raw, answer):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if answer.chunked else piece)
                        outer.sent += len(piece)
                    if answer.chunked:
                        self.wfile.write(b"0\r\n\r\n")
                except ConnectionError:
                    self.close_connection = True  # the client gave up, as it should have

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def pieces(self, raw: bytes, answer: Answer) -> Iterator[bytes]:
        if answer.trickle:
            for i in range(len(raw)):
                yield raw[i : i + 1]
                if self.closed.wait(answer.trickle):
                    return
            return
        if raw:
            yield raw
        left = answer.padding
        while left > 0 and not self.closed.is_set():
            yield b" " * min(STREAM_CHUNK, left)
            left -= STREAM_CHUNK

    def answer(self, *answers: Answer | str) -> Scripted:
        self.answers = [Answer(a) if isinstance(a, str) else a for a in answers]
        return self


@contextmanager
def running() -> Iterator[Scripted]:
    """A Scripted server on a free loopback port, stopped (and its slow answers cut short) on exit."""
    scripted = Scripted()
    thread = threading.Thread(target=scripted.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield scripted
    finally:
        scripted.closed.set()
        scripted.server.shutdown()
        scripted.server.server_close()
