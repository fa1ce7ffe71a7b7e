"""Errors of the store.

CacheError
 └── CorruptCache   a cache file is missing, unreadable or fails its checksum
"""

from __future__ import annotations

from pathlib import Path

REBUILD_HINT = "make snapshot (offline data pack) or make refresh (live APIs)"


class CacheError(Exception):
    """Base class of the store's errors."""


class CorruptCache(CacheError):
    """A cache file is missing, unreadable or inconsistent; the message names it and how to rebuild it."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"The data cache file {self.path} {problem}. Rebuild it with: {REBUILD_HINT}.")
