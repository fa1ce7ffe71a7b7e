"""Hostile input: random query parameters on every page (never an exception, never markup echoed), a
foreign Host header on the websocket (refused, against DNS rebinding), and uploads (off)."""

from __future__ import annotations

import asyncio
import random
import string
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest
import websockets

from dashboard import state
from testkit.harness import streamlit_server
from tests.dashboard.conftest import PAGES

ALPHABET = string.printable + "éü中<>\"'&;%"
ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard"
HOSTS_ENV = "STREAMLIT_SERVER_ALLOWED_HOSTS"  # the variable deploy/README.md tells a site to set


def random_query(rng: random.Random) -> dict[str, str]:
    names = [*state.KNOWN, "".join(rng.choices(string.ascii_letters, k=5))]
    query = {}
    for name in rng.sample(names, k=rng.randint(1, 4)):
        kind = rng.choice(["noise", "markup", "long", "near-valid"])
        if kind == "noise":
            query[name] = "".join(rng.choices(ALPHABET, k=rng.randint(1, 40)))
        elif kind == "markup":
            query[name] = "<img src=x onerror=alert(1)>**bold** [link](javascript:alert(1))"
        elif kind == "long":
            query[name] = rng.choice("KOR,") * rng.randint(300, 3000)
        else:
            query[name] = rng.choice(["KOR,KAZ,KOR", "2020-1990", "9999-0000", "gas,coal", "1", "TKM"])
    return query


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
@pytest.mark.parametrize("seed", range(4))
def test_random_parameters_never_raise_or_echo_markup(open_page, page, seed):
    query = random_query(random.Random(f"{page}-{seed}"))
    at = open_page(page, query)
    assert not at.exception, (query, [e.value for e in at.exception])
    shown = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "onerror" not in shown and "javascript:" not in shown


def test_no_page_renders_html_from_data():
    offenders = [p.name for p in DASHBOARD.rglob("*.py") if "unsafe_allow_html" in p.read_text()]
    assert offenders == []


def websocket_opens(url: str, host: str) -> bool:
    """Whether the server at `url` accepts the app's websocket from a browser that sends this Host header."""

    async def attempt() -> bool:
        try:
            # The TCP connection goes to the test server; the URI's host is only what the Host header says.
            async with websockets.connect(
                f"ws://{host}/_stcore/stream", host="127.0.0.1", port=urlparse(url).port, open_timeout=15
            ):
                return True
        except websockets.InvalidStatus as refused:
            assert refused.response.status_code == 403
            return False

    return asyncio.run(attempt())


def test_the_project_settings_admit_local_names_and_refuse_a_foreign_host(monkeypatch):
    monkeypatch.delenv(HOSTS_ENV, raising=False)
    with streamlit_server() as url:
        assert websocket_opens(url, f"127.0.0.1:{urlparse(url).port}") and websocket_opens(url, "localhost")
        assert not websocket_opens(url, "rebound.attacker.example")
        assert not websocket_opens(url, f"attacker.example:{urlparse(url).port}")


def test_the_sites_own_names_come_from_the_environment_variable_the_deployment_docs_name(monkeypatch):
    assert HOSTS_ENV in (ROOT / "deploy" / "README.md").read_text()
    with streamlit_server(env={HOSTS_ENV: "energy.example.org *.kca.example"}) as url:
        assert websocket_opens(url, "energy.example.org") and websocket_opens(url, "ENERGY.example.org:443")
        assert websocket_opens(url, "www.kca.example")
        assert not websocket_opens(url, "attacker.example")
        assert not websocket_opens(url, "localhost")  # the variable replaces the project's list


def test_uploads_are_off():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["server"]["maxUploadSize"] == 0  # megabytes; Streamlit's upload route refuses more
    widgets = ("file_uploader", "camera_input", "audio_input", "accept_file")
    offenders = [p.name for p in DASHBOARD.rglob("*.py") if any(w in p.read_text() for w in widgets)]
    assert offenders == []
