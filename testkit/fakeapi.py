"""The offline data pack and fake World Bank + EIA API in ../shared (or $KCA_SHARED_DIR), imported by path."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KCA_SHARED_DIR", ROOT.parent / "shared"))


def load_fakeapi(shared: Path = SHARED):
    """The fakeapi module of `shared`, imported by path (it is not a package)."""
    path = shared / "fakeapi" / "fakeapi.py"
    spec = importlib.util.spec_from_file_location("fakeapi", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start_fakeapi(shared: Path = SHARED, **options):
    """The fake API of `shared` started on a free loopback port; `options` go to its FakeApi (eia_keys, latency_ms…)."""
    return load_fakeapi(shared).FakeApi(port=0, **options).start()
