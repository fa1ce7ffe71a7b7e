"""Read a cache file only when it is a regular file, and never block doing so.

A folder, a named pipe (whose open would wait for a writer forever), a socket, a device (a link to
/dev/zero would never stop giving bytes), a loop of symbolic links or a file the server may not read
each becomes a CorruptCache in plain words, without the operating system's text (which repeats the path).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cache.errors import REBUILD_HINT, CorruptCache

REMOVE = f"Remove it, then rebuild it with: {REBUILD_HINT}."
# O_NONBLOCK: should the file have become a pipe since the stat, the open returns at once instead of waiting
# for a writer, and the fstat after it refuses the pipe. (getattr: flags a platform lacks are not needed there.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
)


def unreadable(path: Path, err: OSError) -> CorruptCache:
    """The OSError of a stat or an open of `path`, as a CorruptCache in plain words."""
    if isinstance(err, FileNotFoundError):
        return CorruptCache(path, "is missing")
    if isinstance(err, PermissionError):
        return CorruptCache(
            path,
            "cannot be read (permission denied)",
            f"Let the user the dashboard runs as read it, or rebuild it with: {REBUILD_HINT}.",
        )
    if err.errno == errno.ELOOP:
        return CorruptCache(path, "is a loop of symbolic links", REMOVE)
    if err.errno == errno.ENOTDIR:
        return CorruptCache(path, "cannot be reached (a part of its path is a file, not a folder)")
    reason = os.strerror(err.errno).lower() if err.errno else "an error of the operating system"
    return CorruptCache(path, f"cannot be read ({reason})")


def require_regular(path: Path, st: os.stat_result) -> None:
    """CorruptCache unless `st` (of `path`) is a regular file's."""
    for is_kind, problem in _KINDS:
        if is_kind(st.st_mode):
            raise CorruptCache(path, problem, REMOVE)
    if not stat.S_ISREG(st.st_mode):
        raise CorruptCache(path, "is not a regular file", REMOVE)


def read(path: Path, limit: int | None = None, what: str = "a cache file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; CorruptCache for anything else."""
    try:
        require_regular(path, os.stat(path))
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        raise unreadable(path, err) from None
    try:
        st = os.fstat(fd)
        require_regular(path, st)
        if limit is not None and st.st_size > limit:
            raise CorruptCache(path, f"is larger than {limit // 2**20} MB, far more than {what} needs")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError as err:
        raise unreadable(path, err) from None
    finally:
        os.close(fd)
