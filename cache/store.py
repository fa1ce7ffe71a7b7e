"""Read and write the cache: `observations.parquet` (the tidy table), `flows.parquet` (bilateral trade, when that
source is in: cache/flows.py) and `manifest.json` (provenance).

Writes go to a temporary file beside the target, are fsynced, then renamed over it, table first and
manifest last, under a file lock. The manifest records the table's sha256, so a reader that catches the
moment between the two renames sees a mismatch. Until the manifest's rename, the table it names stays
linked as `.observations.parquet.prev`; a reader that finds the table not matching the manifest reads
that one instead, so neither a reader in that moment nor a write killed in it ever leaves a mixed pair
(and when that file is gone too, the reader reads the pair again).
A write that would not change a file's bytes leaves the file alone (no empty commits of the snapshot).

Readers open only regular files and never block (cache/files.py), and check the manifest's shape
(cache/manifest_schema.py): anything else is a CorruptCache with a plain message.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from cache import files, flows, manifest_schema
from cache.errors import CacheError, CorruptCache
from cache.manifest_schema import FORMAT_VERSION
from catalog import schema

TABLE_FILE = "observations.parquet"
MANIFEST_FILE = "manifest.json"
KEPT_FILE = f".{TABLE_FILE}.prev"  # hidden, so copies of the snapshot (and git add) pass it by
LOCK_FILE = ".refresh.lock"
DEFAULT_DIR = Path(__file__).resolve().parent / "data"

# The Parquet columns, derived from the one schema's dtypes.
_ARROW_TYPES = {"string": pa.string(), "int32": pa.int32(), "float64": pa.float64()}
_ARROW_SCHEMA = pa.schema([(column, _ARROW_TYPES[schema.DTYPES[column]]) for column in schema.COLUMNS])
_READ_ATTEMPTS = 5
# Files far larger than any catalog could need are refused before they are read into memory: the committed
# manifest is ~130 KB and the table ~70 KB for 9,000 rows (256 MB would hold some 30 million).
MANIFEST_LIMIT = 64 * 2**20
TABLE_LIMIT = 256 * 2**20
# Rows a reader loads: ours has ~34,000 (fifteen countries), 217 economies would make ~320,000 (bench/scale.py);
# ten million would take ~2.7 GB, where a dashboard replica has 768 MB (deploy/compose.yaml).
MAX_ROWS = 2_000_000

_locks: dict[str, FileLock] = {}


def cache_dir(path: str | os.PathLike | None = None) -> Path:
    """The cache folder: the argument, else $CACHE_DIR, else cache/data/ in this checkout."""
    return Path(path or os.environ.get("CACHE_DIR") or DEFAULT_DIR)


@contextmanager
def lock(directory: Path, timeout: float = 600) -> Iterator[None]:
    """Hold the cache's write lock (re-entrant within one process), so two refreshes never interleave."""
    directory.mkdir(parents=True, exist_ok=True)
    key = str((directory / LOCK_FILE).resolve())
    file_lock = _locks.setdefault(key, FileLock(key))
    try:
        with file_lock.acquire(timeout=timeout):
            yield
    except Timeout as err:
        raise CacheError(f"another refresh holds {key}; waited {timeout:.0f} s") from err


def table_bytes(table: pd.DataFrame) -> bytes:
    """The table as Parquet bytes, deterministic for equal tables (no pandas metadata, no timestamps)."""
    arrow = pa.Table.from_pandas(schema.conform(table), schema=_ARROW_SCHEMA, preserve_index=False)
    arrow = arrow.replace_schema_metadata(None)
    sink = io.BytesIO()
    pq.write_table(arrow, sink, compression="zstd")
    return sink.getvalue()


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


KEEP = "keep"  # write()'s flows: leave the flows file and the manifest's entry for it as they are


def write(directory: Path, table: pd.DataFrame, manifest: dict, flows_table: pd.DataFrame | str | None = KEEP) -> bool:
    """Store table, flows and manifest atomically; False when nothing changed. `flows_table`: a table to store,
    None for no flows (any on disk go), or KEEP (the default) to leave them as the manifest names them."""
    schema.validate(schema.conform(table))
    data = table_bytes(table)
    manifest = {
        **manifest,
        "format": FORMAT_VERSION,
        "table": {"file": TABLE_FILE, "rows": len(table), "sha256": sha256(data)},
    }
    keep = isinstance(flows_table, str) and flows_table == KEEP
    provenance = {} if keep else manifest.pop("flows", None) or {}  # the refresh's words; the file is ours to name
    flows_data = None if keep or flows_table is None else flows.to_bytes(flows_table)
    if flows_data is not None:
        file = {"file": flows.FLOWS_FILE, "rows": len(flows_table), "sha256": sha256(flows_data)}
        manifest["flows"] = {**provenance, **file}
    manifest_schema.check(manifest)  # never write a manifest that readers would refuse
    text = manifest_bytes(manifest)
    table_path, manifest_path = directory / TABLE_FILE, directory / MANIFEST_FILE
    flows_path = directory / flows.FLOWS_FILE
    with lock(directory):
        for path in (table_path, manifest_path, flows_path):
            if path.is_dir() and not path.is_symlink():  # a rename cannot replace a folder: say so before writing
                raise CorruptCache(path, "is a folder, not a file", files.REMOVE)
        changed = False
        if flows_data is not None and _differs(flows_path, flows_data):
            _keep_named(directory, flows.FLOWS_FILE, flows.KEPT_FLOWS, "flows")
            _replace(flows_path, flows_data)
            changed = True
        if _differs(table_path, data):
            _keep_named(directory, TABLE_FILE, KEPT_FILE, "table")
            _replace(table_path, data)
            changed = True
        if _differs(manifest_path, text):
            _replace(manifest_path, text)
            changed = True
        # The files on disk match the manifest again: the kept copies go, and flows it no longer names.
        (directory / KEPT_FILE).unlink(missing_ok=True)
        (directory / flows.KEPT_FLOWS).unlink(missing_ok=True)
        if not keep and flows_data is None and flows_path.exists():
            flows_path.unlink()
            changed = True
    return changed


def _differs(path: Path, data: bytes) -> bool:
    try:
        return files.read(path) != data
    except CorruptCache:
        return True  # missing, or not a regular file (a pipe, ...): the rename replaces it


def _keep_named(directory: Path, name: str, kept_name: str, key: str) -> None:
    """Link the file the manifest on disk names (under `key`) as `kept_name`, for readers until the manifest is
    replaced."""
    try:
        named = read_manifest(directory).get(key, {}).get("sha256")
        matches = named is not None and sha256(files.read(directory / name)) == named
    except CorruptCache:
        return  # no readable pair on disk: nothing to keep
    if not matches:
        return  # a write was killed between its renames: the file kept then is still the one named
    kept = directory / kept_name
    kept.unlink(missing_ok=True)
    try:
        os.link(directory / name, kept)
    except OSError:  # a filesystem without hard links
        _replace(kept, files.read(directory / name))


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the cache is meant to be read by others
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def read_manifest(directory: Path) -> dict:
    """The manifest as a dict of this project's shape; CorruptCache if it is missing, unreadable or not."""
    path = directory / MANIFEST_FILE
    data = files.read(path, MANIFEST_LIMIT, "a manifest")
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        raise CorruptCache(path, "is not readable JSON") from None
    try:
        manifest_schema.check(manifest)
    except ValueError as err:
        raise CorruptCache(path, f"is not a manifest of this project's format ({err})") from None
    return manifest


def version(directory: Path) -> str:
    """A cheap token that changes whenever one of the files is replaced, changed, appears or goes: a cache key.

    It never raises: what is wrong with a file is load()'s to say, and the token still changes when the
    file is fixed (its ctime catches a chmod too).
    """
    parts = []
    for name in (MANIFEST_FILE, TABLE_FILE, flows.FLOWS_FILE):
        try:
            st = os.stat(directory / name)
        except OSError as err:
            parts.append(f"error-{err.errno}")
            continue
        parts.append(f"{st.st_mode:o}-{st.st_ino}-{st.st_mtime_ns}-{st.st_ctime_ns}-{st.st_size}")
    return "/".join(parts)


def load(directory: Path) -> tuple[pd.DataFrame, dict]:
    """The table and its manifest, checked against each other; CorruptCache names the bad file."""
    last: CorruptCache | None = None
    for attempt in range(_READ_ATTEMPTS):
        manifest = read_manifest(directory)
        path = directory / TABLE_FILE
        data = files.read(path, TABLE_LIMIT, "a table")
        named = manifest["table"]["sha256"]
        if sha256(data) != named:
            kept = _kept(directory, named)
            if kept is not None:  # a write is between its renames, or was killed there: the pair it replaces
                return _parse_table(path, kept), manifest
            # The write finished meanwhile (or the files are damaged): read the pair again. A mismatch that
            # outlasts these retries is remembered per file version by the dashboard (dashboard/data.py).
            last = CorruptCache(path, "does not match the checksum in manifest.json")
            time.sleep(0.05 * (attempt + 1))
            continue
        return _parse_table(path, data), manifest
    assert last is not None
    raise last


def _kept(directory: Path, named: str) -> bytes | None:
    try:
        data = files.read(directory / KEPT_FILE, TABLE_LIMIT, "a table")
    except CorruptCache:
        return None
    return data if sha256(data) == named else None


def load_flows(directory: Path) -> tuple[pd.DataFrame, dict]:
    """The flows table and the manifest naming it (no flows when it names none); CorruptCache names the bad file."""
    last: CorruptCache | None = None
    for attempt in range(_READ_ATTEMPTS):
        manifest = read_manifest(directory)
        try:
            return flows.read(directory, manifest, sha256), manifest
        except CorruptCache as err:  # a write between its renames, or damage: read the pair again
            last = err
            time.sleep(0.05 * (attempt + 1))
    assert last is not None
    raise last


def read_table(directory: Path) -> pd.DataFrame:
    """The tidy table alone (see load)."""
    return load(directory)[0]


def salvage_table(directory: Path) -> pd.DataFrame:
    """The table file read on its own, for a writer whose manifest is damaged or gone: the table is the truth.

    Without a manifest there is no checksum to hold it to, so it must parse and pass the schema's checks;
    CorruptCache when it does not (or is missing), and then there is nothing to keep.
    """
    path = directory / TABLE_FILE
    return _parse_table(path, files.read(path, TABLE_LIMIT, "a table"))


def _parse_table(path: Path, data: bytes) -> pd.DataFrame:
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        rows = parquet.metadata.num_rows
    except Exception:  # noqa: BLE001 - any parse failure means the same thing to a reader: corrupt file
        raise CorruptCache(path, "is not a readable table of this project's schema") from None
    if rows > MAX_ROWS:  # counted from the footer, before a row is loaded
        raise CorruptCache(path, f"holds {rows:,} rows, more than the {MAX_ROWS:,} a reader loads")
    try:
        table = parquet.read().to_pandas()
        schema.check_span(table)
    except ValueError as err:
        raise CorruptCache(path, f"is not a plausible table: it has {err}") from None
    except Exception:  # noqa: BLE001
        raise CorruptCache(path, "is not a readable table of this project's schema") from None
    try:
        table = schema.conform(table)
        schema.validate(table)
    except Exception:  # noqa: BLE001
        raise CorruptCache(path, "is not a readable table of this project's schema") from None
    return table
