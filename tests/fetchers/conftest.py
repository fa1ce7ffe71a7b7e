"""A scripted HTTP server on loopback: answers with the bodies a test lists, and records what was asked."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@dataclass
class Answer:
    body: str = ""
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False


class Scripted:
    """Serves `answers` in order (the last one repeats); `paths` and `headers` record each request."""

    def __init__(self) -> None:
        self.answers: list[Answer] = [Answer("[]")]
        self.paths: list[str] = []
        self.headers: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                index = min(len(outer.paths), len(outer.answers) - 1)
                outer.paths.append(self.path)
                outer.headers.append(dict(self.headers))
                answer = outer.answers[index]
                time.sleep(answer.delay)
                if answer.reset:
                    self.close_connection = True
                    self.connection.close()
                    return
                raw = answer.body.encode("utf-8")
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(raw)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, *answers: Answer | str) -> Scripted:
        self.answers = [Answer(a) if isinstance(a, str) else a for a in answers]
        return self


@pytest.fixture
def server() -> Iterator[Scripted]:
    scripted = Scripted()
    thread = threading.Thread(target=scripted.server.serve_forever, daemon=True)
    thread.start()
    yield scripted
    scripted.server.shutdown()
    scripted.server.server_close()


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch):
    """Retries wait a few milliseconds in unit tests, not seconds."""
    monkeypatch.setattr("fetchers.http.BACKOFF", 0.001)
