"""Read and write the cache: `observations.parquet` (the tidy table) and `manifest.json` (provenance).

Writes go to a temporary file beside the target, are fsynced, then renamed over it, table first and
manifest last, under a file lock. The manifest records the table's sha256, so a reader that catches the
moment between the two renames sees a mismatch and simply reads again: it never gets a mixed pair.
A write that would not change a file's bytes leaves the file alone (no empty commits of the snapshot).
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

from cache import schema
from cache.errors import CacheError, CorruptCache

TABLE_FILE = "observations.parquet"
MANIFEST_FILE = "manifest.json"
LOCK_FILE = ".refresh.lock"
FORMAT_VERSION = 1
DEFAULT_DIR = Path(__file__).resolve().parent / "data"

_ARROW_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("series", pa.string()),
        ("country", pa.string()),
        ("year", pa.int32()),
        ("value", pa.float64()),
        ("unit", pa.string()),
    ]
)
_READ_ATTEMPTS = 5
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


def write(directory: Path, table: pd.DataFrame, manifest: dict) -> bool:
    """Store table and manifest atomically; return False when both files already held these bytes."""
    schema.validate(schema.conform(table))
    data = table_bytes(table)
    manifest = {
        **manifest,
        "format": FORMAT_VERSION,
        "table": {"file": TABLE_FILE, "rows": len(table), "sha256": sha256(data)},
    }
    text = manifest_bytes(manifest)
    with lock(directory):
        changed = _replace_if_different(directory / TABLE_FILE, data)
        changed = _replace_if_different(directory / MANIFEST_FILE, text) or changed
    return changed


def _replace_if_different(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
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
    return True


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def read_manifest(directory: Path) -> dict:
    """The manifest as a dict; CorruptCache if it is missing or not valid JSON of our format."""
    path = directory / MANIFEST_FILE
    try:
        manifest = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise CorruptCache(path, "is missing") from None
    except (OSError, ValueError):
        raise CorruptCache(path, "is not readable JSON") from None
    if (
        not isinstance(manifest, dict)
        or not isinstance(manifest.get("table"), dict)
        or not isinstance(manifest.get("series"), dict)
    ):
        raise CorruptCache(path, "is not a manifest of this project's format")
    return manifest


def version(directory: Path) -> str:
    """A cheap token that changes whenever a write replaces either file (inode, mtime, size): a cache key."""
    parts = []
    for name in (MANIFEST_FILE, TABLE_FILE):
        try:
            st = (directory / name).stat()
        except FileNotFoundError:
            raise CorruptCache(directory / name, "is missing") from None
        parts.append(f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}")
    return "/".join(parts)


def load(directory: Path) -> tuple[pd.DataFrame, dict]:
    """The table and its manifest, checked against each other; CorruptCache names the bad file."""
    last: CorruptCache | None = None
    for attempt in range(_READ_ATTEMPTS):
        manifest = read_manifest(directory)
        path = directory / TABLE_FILE
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CorruptCache(path, "is missing") from None
        if sha256(data) != manifest["table"].get("sha256"):
            # Possibly a refresh renamed the table but not yet the manifest: read the pair again.
            last = CorruptCache(path, "does not match the checksum in manifest.json")
            time.sleep(0.05 * (attempt + 1))
            continue
        return _parse_table(path, data), manifest
    assert last is not None
    raise last


def read_table(directory: Path) -> pd.DataFrame:
    """The tidy table alone (see load)."""
    return load(directory)[0]


def _parse_table(path: Path, data: bytes) -> pd.DataFrame:
    try:
        table = pq.read_table(io.BytesIO(data)).to_pandas()
        table = schema.conform(table)
        schema.validate(table)
    except Exception:  # noqa: BLE001 - any parse failure means the same thing to a reader: corrupt file
        raise CorruptCache(path, "is not a readable table of this project's schema") from None
    return table
