"""Hostile cache files: anything but a regular file of the right shape is one clear CorruptCache, never a hang.

The cases are defined here once (UNUSUAL, WRONG_SHAPES) and reused by tests/dashboard/test_hostile_cache.py.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cache import files, store
from cache.errors import CorruptCache

ROOT = Path(__file__).resolve().parents[2]
FILES = (store.MANIFEST_FILE, store.TABLE_FILE)
# What each unusual file is, and the words the error must use for it.
UNUSUAL = {
    "folder": "is a folder, not a file",
    "named pipe": "is a named pipe",
    "symlink loop": "is a loop of symbolic links",
    "device": "is a device",  # a link to /dev/zero, which would never stop giving bytes
    "dangling symlink": "is missing",
}


def make_unusual(path: Path, kind: str) -> None:
    """Replace the file at `path` with an unusual one of this kind."""
    path.unlink(missing_ok=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "named pipe":
        os.mkfifo(path)
    elif kind == "symlink loop":
        path.symlink_to(path.name)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(path.parent / "nowhere")


def release_pipes(directory: Path) -> None:
    """Open every named pipe for writing and close it: a reader stuck on one (a regression) gets EOF and ends."""
    for path in directory.iterdir():
        if path.is_fifo():
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass  # no reader waiting: nothing to release


def _first(manifest: dict) -> dict:
    return next(iter(manifest["series"].values()))


def _set(key: str, value: object) -> Callable[[dict], None]:
    return lambda m: _first(m).__setitem__(key, value)


def _drop_source_name(m: dict) -> None:
    del m["sources"]["worldbank"]["name"]


def _drop_title(m: dict) -> None:
    del _first(m)["title"]


def _drop_sha(m: dict) -> None:
    del m["table"]["sha256"]


# Valid JSON in the wrong shape: each once made a page raise (AttributeError, TypeError, KeyError).
WRONG_SHAPES: dict[str, Callable[[dict], None]] = {
    "series entries as strings": lambda m: m.__setitem__("series", dict.fromkeys(m["series"], "oops")),
    "series a list": lambda m: m.__setitem__("series", list(m["series"].values())),
    "sources a list": lambda m: m.__setitem__("sources", list(m["sources"].values())),
    "a source without name": _drop_source_name,
    "source last_updated a list": lambda m: m["sources"]["worldbank"].__setitem__("last_updated", ["2025"]),
    "last_year a string": _set("last_year", "2014"),
    "last_year true": _set("last_year", True),
    "last_updated a number": _set("last_updated", 20170713),
    "fetched_at a list": _set("fetched_at", ["2026-01-01"]),
    "status an object": _set("status", {"ok": True}),
    "reason a number": _set("reason", 404),
    "title a number": _set("title", 7),
    "title null": _set("title", None),
    "an entry without title": _drop_title,
    "unit a list": _set("unit", ["kt"]),
    "built_from a number": lambda m: m.__setitem__("built_from", 1),
    "topics a string": _set("topics", "climate"),
    "countries not strings": _set("countries", [1, 2]),
    "years not triples": _set("years", {"KOR": 2014}),
    "table a list": lambda m: m.__setitem__("table", ["observations.parquet"]),
    "table without sha256": _drop_sha,
    "format 2": lambda m: m.__setitem__("format", 2),
    "manifest a list": lambda m: (m.clear(), m.__setitem__("series", [])),
}


def broken(manifest: dict, shape: str) -> dict | list:
    """A copy of `manifest` in one of the wrong shapes; the table's checksum still matches."""
    out = copy.deepcopy(manifest)
    WRONG_SHAPES[shape](out)
    return [out] if shape == "manifest a list" else out


def within(seconds: float, fn: Callable, *args):
    """fn(*args), failing the test instead of hanging the run when it has not returned in time."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as err:  # noqa: BLE001 - handed to the test below
            box["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{fn.__name__} still running after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"]


@pytest.fixture
def cache(tmp_path) -> Iterator[Path]:
    """A writable copy of the committed snapshot; stuck readers are released afterwards."""
    target = tmp_path / "cache"
    shutil.copytree(store.DEFAULT_DIR, target, ignore=shutil.ignore_patterns(".*"))
    yield target
    release_pipes(target)


def assert_plain(err: CorruptCache, directory: Path, words: str) -> None:
    """Operator text names the file's path; viewer text says what is wrong and the fix, with no path."""
    assert words in err.public and words in str(err)
    assert str(directory) in str(err)
    assert "make snapshot" in err.public and "python -m fetchers refresh" in err.public
    assert "/" not in err.public


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("kind", UNUSUAL)
def test_an_unusual_file_is_a_clear_error_at_once(cache, kind, name):
    make_unusual(cache / name, kind)
    with pytest.raises(CorruptCache) as info:
        within(5, store.load, cache)
    assert_plain(info.value, cache, UNUSUAL[kind])
    assert info.value.path.endswith(name)


def test_a_file_that_becomes_a_pipe_after_the_check_is_still_refused_at_once(cache, monkeypatch):
    path = cache / store.MANIFEST_FILE
    regular = os.stat(path)
    make_unusual(path, "named pipe")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if Path(p) == path else real_stat(p, *a, **k))
    with pytest.raises(CorruptCache, match="is a named pipe"):
        within(5, files.read, path)


@pytest.mark.parametrize("kind", UNUSUAL)
def test_the_version_token_never_raises_and_tells_the_unusual_file_apart(cache, kind):
    healthy = store.version(cache)
    make_unusual(cache / store.MANIFEST_FILE, kind)
    assert within(5, store.version, cache) != healthy


def test_a_chmod_changes_the_version_so_a_fixed_permission_is_seen(cache):
    before = store.version(cache)
    (cache / store.TABLE_FILE).chmod(0o600)
    assert store.version(cache) != before


def test_a_file_the_server_may_not_read_is_a_clear_error(cache, monkeypatch):
    # Root reads any file whatever its mode; the real case runs unprivileged in test_hostile_cache.py.
    real_open = os.open

    def denied(path, *args, **kwargs):
        if Path(path).name == store.TABLE_FILE:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(CorruptCache) as info:
        store.load(cache)
    assert_plain(info.value, cache, "cannot be read (permission denied)")


@pytest.mark.parametrize("shape", WRONG_SHAPES)
def test_a_manifest_of_the_wrong_shape_is_refused_saying_where(cache, shape):
    manifest = json.loads((cache / store.MANIFEST_FILE).read_text())
    (cache / store.MANIFEST_FILE).write_text(json.dumps(broken(manifest, shape)))
    with pytest.raises(CorruptCache) as info:
        store.load(cache)
    assert_plain(info.value, cache, "is not a manifest of this project's format (")


def test_unknown_keys_are_accepted_and_known_ones_kept(cache):
    manifest = json.loads((cache / store.MANIFEST_FILE).read_text())
    _first(manifest).update({"vintage": None, "release": "WDI 2025-07", "kind": "dependence", "new": {"a": [1]}})
    manifest["future"] = [1, 2]
    (cache / store.MANIFEST_FILE).write_text(json.dumps(manifest))
    assert store.load(cache)[1] == manifest


@pytest.mark.parametrize(
    "text",
    [pytest.param("[" * 100_000, id="nested-100000-deep"), pytest.param('{"format": 1e999}', id="infinite-number")],
)
def test_hostile_json_is_a_corrupt_cache_not_a_crash(cache, text):
    (cache / store.MANIFEST_FILE).write_text(text)
    with pytest.raises(CorruptCache):
        store.read_manifest(cache)


@pytest.mark.parametrize(
    ("name", "limit"), [(store.MANIFEST_FILE, store.MANIFEST_LIMIT), (store.TABLE_FILE, store.TABLE_LIMIT)]
)
def test_a_giant_file_is_refused_before_it_is_read_into_memory(cache, name, limit):
    with open(cache / name, "r+b") as f:
        f.truncate(limit + 1)  # sparse: costs no disk
    with pytest.raises(CorruptCache) as info:
        store.load(cache)
    assert_plain(info.value, cache, f"{name} is larger than {limit // 2**20} MB")


def test_the_writer_refuses_a_manifest_that_readers_would_refuse(cache):
    table, manifest = store.load(cache)
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    with pytest.raises(ValueError, match="last_year"):
        store.write(cache, table, broken(manifest, "last_year a string"))
    assert {p.name: p.read_bytes() for p in cache.iterdir()} == before


def test_a_write_replaces_a_named_pipe_without_waiting_on_it(cache):
    table, manifest = store.load(cache)
    make_unusual(cache / store.MANIFEST_FILE, "named pipe")
    assert within(10, store.write, cache, table, manifest)
    assert store.load(cache)[1] == manifest


def test_a_write_over_a_folder_says_so_and_writes_nothing(cache):
    table, manifest = store.load(cache)
    old = (cache / store.TABLE_FILE).read_bytes()
    make_unusual(cache / store.MANIFEST_FILE, "folder")
    with pytest.raises(CorruptCache, match="is a folder"):
        store.write(cache, table.iloc[:10], manifest)
    assert (cache / store.TABLE_FILE).read_bytes() == old


def status(directory: Path) -> subprocess.CompletedProcess:
    """`python -m fetchers status --cache-dir directory`, as the operator runs it."""
    command = [sys.executable, "-m", "fetchers", "status", "--cache-dir", str(directory)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


# Every shape goes through the same read_manifest as above; a few stand for them all (each run is a process).
CLI_SHAPES = ("series entries as strings", "sources a list", "last_year a string", "table without sha256")


@pytest.mark.parametrize(
    "damage",
    [*(pytest.param(f"unusual:{k}", id=k) for k in UNUSUAL), *(pytest.param(f"shape:{s}", id=s) for s in CLI_SHAPES)],
)
def test_status_on_a_broken_cache_ends_in_one_clear_line_and_exit_2(cache, damage):
    kind, _, what = damage.partition(":")
    if kind == "unusual":
        make_unusual(cache / store.MANIFEST_FILE, what)
    else:
        manifest = json.loads((cache / store.MANIFEST_FILE).read_text())
        (cache / store.MANIFEST_FILE).write_text(json.dumps(broken(manifest, what)))
    result = status(cache)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: The data cache file "), result.stderr
    assert "make snapshot" in lines[0]


def _replace_table(directory: Path, change: Callable) -> None:
    """Write a changed table whose checksum the manifest names, as a tampering writer would."""
    import pyarrow.parquet as pq

    table = pq.read_table(directory / store.TABLE_FILE)
    table = change(table)
    pq.write_table(table, directory / store.TABLE_FILE)
    manifest = json.loads((directory / store.MANIFEST_FILE).read_text())
    manifest["table"]["sha256"] = store.sha256((directory / store.TABLE_FILE).read_bytes())
    (directory / store.MANIFEST_FILE).write_text(json.dumps(manifest))


def _with_column(name: str, values: Callable) -> Callable:
    import pyarrow as pa

    def change(table):
        column = table.column(name).to_pylist()
        new = values(column)
        kind = pa.int64() if name == "year" else pa.float64()
        return table.set_column(table.schema.get_field_index(name), name, pa.array(new, type=kind))

    return change


@pytest.mark.parametrize(
    ("name", "values", "words"),
    [
        pytest.param("value", lambda v: [float("inf"), *v[1:]], "not finite", id="inf"),
        pytest.param("value", lambda v: [-float("inf"), *v[1:]], "not finite", id="minus-inf"),
        pytest.param("value", lambda v: [1e300, *v[1:]], "not finite or not below", id="1e300"),
        pytest.param("year", lambda y: [2**32 + 3000, *y[1:]], "years outside", id="year-that-wraps"),
        pytest.param("year", lambda y: [9999, *y[1:]], "years outside", id="year-9999"),
    ],
)
def test_a_table_of_implausible_figures_is_refused_not_wrapped_or_drawn(cache, name, values, words):
    _replace_table(cache, _with_column(name, values))
    with pytest.raises(CorruptCache, match=words) as info:
        store.load(cache)
    assert "observations.parquet" in str(info.value)


def test_a_table_of_more_rows_than_a_reader_loads_is_refused_from_its_footer(cache, monkeypatch):
    monkeypatch.setattr(store, "MAX_ROWS", 1000)  # the committed table has tens of thousands
    with pytest.raises(CorruptCache, match="more than the 1,000 a reader loads"):
        store.load(cache)
