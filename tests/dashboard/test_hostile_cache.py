"""Hostile cache files under the app: every page shows one plain message, no exception, no server path.

The unusual files and the wrong manifest shapes are the ones of tests/cache/test_hostile_files.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from cache import store
from tests.cache.test_hostile_files import UNUSUAL, WRONG_SHAPES, broken, make_unusual, release_pipes
from tests.dashboard.conftest import APP, PAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broken_cache(cache_copy) -> Iterator[Path]:
    """The snapshot copy, with any reader a regression left stuck on a named pipe released afterwards."""
    yield cache_copy
    release_pipes(cache_copy)


def write_shape(directory: Path, shape: str) -> None:
    manifest = json.loads((directory / store.MANIFEST_FILE).read_text())
    (directory / store.MANIFEST_FILE).write_text(json.dumps(broken(manifest, shape)))


def assert_one_plain_message(at, directory: Path, words: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] and len(at.error) == 1
    message = at.error[0].value
    assert words in message and "make snapshot" in message
    assert str(directory) not in message and "/" not in message  # no path of the server, not even part of one
    assert not at.get("vega_lite_chart")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", [store.MANIFEST_FILE, store.TABLE_FILE])
@pytest.mark.parametrize("kind", UNUSUAL)
def test_an_unusual_cache_file_gives_every_page_one_plain_message(open_page, broken_cache, kind, name, page):
    make_unusual(broken_cache / name, kind)
    at = open_page(page, cache_dir=broken_cache)
    assert_one_plain_message(at, broken_cache, f"{name} {UNUSUAL[kind]}")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("shape", WRONG_SHAPES)
def test_a_manifest_of_the_wrong_shape_gives_every_page_one_plain_message(open_page, cache_copy, shape, page):
    write_shape(cache_copy, shape)
    at = open_page(page, cache_dir=cache_copy)
    assert_one_plain_message(at, cache_copy, "manifest.json is not a manifest of this project's format")


def counting(monkeypatch) -> list[int]:
    """Count the calls of store.load from now on."""
    calls: list[int] = []
    real = store.load

    def load(directory):
        calls.append(1)
        return real(directory)

    monkeypatch.setattr(store, "load", load)
    return calls


def test_a_failing_manifest_is_read_once_per_version_and_a_fix_is_seen_at_once(open_page, cache_copy, monkeypatch):
    good = (cache_copy / store.MANIFEST_FILE).read_bytes()
    write_shape(cache_copy, "series entries as strings")
    calls = counting(monkeypatch)
    at = open_page("overview", cache_dir=cache_copy)
    at.run()
    at.run()
    assert len(at.error) == 1 and len(calls) == 1
    (cache_copy / store.MANIFEST_FILE).write_bytes(good)  # the operator's fix: a new version of the file
    at.run()
    assert not at.error and at.get("vega_lite_chart") and len(calls) == 2


def test_a_checksum_mismatch_waits_out_the_retries_once_not_on_every_rerun(open_page, cache_copy, monkeypatch):
    table, _ = store.load(cache_copy)
    (cache_copy / store.TABLE_FILE).write_bytes(store.table_bytes(table.assign(value=table["value"] + 1)))
    sleeps: list[float] = []
    monkeypatch.setattr(store, "time", types.SimpleNamespace(sleep=sleeps.append))  # store's only use of time
    at = open_page("overview", cache_dir=cache_copy)
    assert "does not match the checksum" in at.error[0].value and sleeps
    waited = len(sleeps)
    at.run()
    at.run()
    assert len(sleeps) == waited and len(at.error) == 1


def test_an_empty_table_says_so_without_the_folder(open_page, cache_copy):
    table, manifest = store.load(cache_copy)
    store.write(cache_copy, table.iloc[:0], manifest)
    at = open_page("overview", cache_dir=cache_copy)
    assert_one_plain_message(at, cache_copy, "holds no figures")


# Runs in a process that file permissions apply to: every page under AppTest, then `fetchers status`.
UNPRIVILEGED = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from streamlit.testing.v1 import AppTest
    app, directory, locked, pages = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    try:
        open(os.path.join(directory, locked), "rb").close()
        readable = True
    except PermissionError:
        readable = False
    shown = {}
    for page in pages:
        at = AppTest.from_file(app, default_timeout=30)
        if page != "overview":
            at.switch_page(f"views/{page}.py")
        at.run()
        shown[page] = {"errors": [e.value for e in at.error], "exceptions": [str(e.value) for e in at.exception]}
    cli = subprocess.run([sys.executable, "-m", "fetchers", "status", "--cache-dir", directory],
                         capture_output=True, text=True, timeout=60)
    print(json.dumps({"readable": readable, "pages": shown, "status": [cli.returncode, cli.stdout, cli.stderr]}))
    """
)


def unprivileged() -> list[str]:
    """A command prefix under which file permissions apply (root ignores them), or skip saying why there is none."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, which reads any file whatever its mode, and no setpriv to drop that right")
    # Switching to `nobody` would not do here: the interpreter may live under /root (mode 0700). Dropping
    # the capabilities that let root override file modes leaves a process that permissions apply to.
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.mark.parametrize("name", [store.MANIFEST_FILE, store.TABLE_FILE])
def test_a_file_the_server_may_not_read_gives_every_page_one_plain_message(cache_copy, name):
    (cache_copy / name).chmod(0o000)
    env = {**os.environ, "CACHE_DIR": str(cache_copy), "PYTHONPATH": str(ROOT)}
    command = [*unprivileged(), sys.executable, "-c", UNPRIVILEGED, APP, str(cache_copy), name, *PAGES]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["readable"] is False, "the test process could read the file: permissions were not applied"
    for page, shown in report["pages"].items():
        assert shown["exceptions"] == [] and len(shown["errors"]) == 1, (page, shown)
        message = shown["errors"][0]
        assert f"{name} cannot be read (permission denied)" in message and "make snapshot" in message, message
        assert "/" not in message, message
    if name == store.MANIFEST_FILE:  # `status` reads the manifest alone
        code, out, err = report["status"]
        assert code == 2 and out == "" and err.strip().count("\n") == 0, err
        assert err.startswith("error: The data cache file ") and "permission denied" in err, err


TAMPERED = ":red[Figures withdrawn] ![pixel](https://evil.example/p.png) [click](https://evil.example) $x$"


@pytest.mark.parametrize("page", ["overview", "sources"])
def test_stored_text_shows_as_text_never_as_markdown(open_page, cache_copy, page):
    manifest_path = cache_copy / store.MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    for entry in manifest["series"].values():
        entry["vintage"] = entry["released"] = TAMPERED  # the first shown on Data and sources, the second under charts
    manifest["built_from"] = TAMPERED
    manifest["sources"]["worldbank"]["attribution"] = TAMPERED
    manifest_path.write_text(json.dumps(manifest))
    at = open_page(page, cache_dir=cache_copy)
    assert not at.exception
    shown = [c.value for c in at.caption] + [m.value for m in at.markdown] + [i.value for i in at.info]
    assert any("Figures withdrawn" in text for text in shown), "the tampered text should still be shown, as text"
    for text in shown:
        # Escaped (":red\\[", "\\](https://"), the markdown characters are shown as themselves.
        assert ":red[" not in text and not re.search(r"(?<!\\)\]\(https://evil", text) and "$x$" not in text, text
