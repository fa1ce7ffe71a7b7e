"""Errors of the store.

CacheError               the store cannot do what was asked (e.g. another refresh holds the lock)
 └── CorruptCache        a cache file is missing, unreadable, not a regular file, of the wrong shape,
                         or fails its checksum

Every error has two texts: `str(err)` for the operator (CLI, server log), which names the file's full path,
and `err.public` for a page anyone can open, which says what is wrong and what the operator runs, but
never a path on the server.
"""

from __future__ import annotations

from pathlib import Path

REBUILD_HINT = "make snapshot (offline data pack) or python -m fetchers refresh (live APIs)"
REBUILD = f"Rebuild it with: {REBUILD_HINT}."


class CacheError(Exception):
    """Base class of the store's errors."""

    public = f"The data cache cannot be read right now. For the site's operator: {REBUILD}"


class CorruptCache(CacheError):
    """A cache file is missing, unreadable or inconsistent; the message names it and how to fix it."""

    def __init__(self, path: Path | str, problem: str, fix: str = REBUILD):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        name = Path(path).name  # the file's own name (manifest.json, ...) says which file without saying where
        self.public = f"The data cache file {name} {problem}. For the site's operator: {fix}"
        super().__init__(f"The data cache file {self.path} {problem}. {fix}")
