"""A full refresh under seeded faults: how many of N store every figure, and what the faults cost in time.

Each run is `python -m fetchers refresh --force` in a fresh subprocess, into an empty cache, against its own
../shared/fakeapi started with one seed and the faults of issue 25 (500 at 0.3, truncated bodies at 0.2, 429 at
0.2, each request drawn at random). A run succeeds when it exits 0 and its table equals a clean run's table.
Run from the project root: `.venv/bin/python -m bench.faults [--runs 20] [--fault 500:0.3 --fault truncate:0.2 ...]`
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cache import store
from testkit.fakeapi import load_fakeapi

ROOT = Path(__file__).resolve().parent.parent
FAULTS = ("500:0.3", "truncate:0.2", "429:0.2")
KEY = "bench-faults-key"


def refresh(module, cache: Path, faults: tuple[str, ...], seed: int) -> tuple[int, float, str, int]:
    """(exit code, seconds, last lines of the output, requests) of one refresh against a fresh fake API."""
    api = module.FakeApi(port=0, eia_keys=(KEY,), faults=list(faults), seed=seed).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EIA_", "WORLDBANK_"))}
    env.update(
        WORLDBANK_API_URL=f"{api.url}/worldbank/v2",
        EIA_API_URL=f"{api.url}/eia/v2",
        COMTRADE_API_URL=f"{api.url}/comtrade/public/v1",
        COMTRADE_PACE="0",
        EIA_API_KEY=KEY,
        PYTHONPATH=str(ROOT),
    )
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "fetchers", "refresh", "--force", "--cache-dir", str(cache)],
            capture_output=True, text=True, env=env, timeout=600, cwd=ROOT,
        )  # fmt: skip
        requests = sum(api.stats()["by_route"].values())
    finally:
        api.stop()
    tail = " | ".join(line for line in done.stdout.splitlines() if "failed" in line)[:300]
    return done.returncode, time.monotonic() - started, tail, requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--fault", action="append", help="fakeapi fault KIND:RATE, repeatable (default: issue 25's)")
    args = parser.parse_args(argv)
    faults = tuple(args.fault or FAULTS)
    module = load_fakeapi()
    with tempfile.TemporaryDirectory() as tmp:
        clean_dir = Path(tmp) / "clean"
        code, clean_s, _, clean_requests = refresh(module, clean_dir, (), 0)
        if code != 0:
            print(f"the clean refresh failed (exit {code})")
            return 1
        clean = store.read_table(clean_dir)
        times, ok, lines = [], 0, []
        for seed in range(1, args.runs + 1):
            directory = Path(tmp) / f"seed{seed}"
            code, seconds, failed, requests = refresh(module, directory, faults, seed)
            same = code == 0 and store.read_table(directory).equals(clean)
            ok += same
            times.append(seconds)
            lines.append(
                f"  seed {seed:>2}: exit {code}, {seconds:5.1f} s, {requests} requests"
                + ("" if same else f"  {failed}")
            )
    print(f"Full refresh against fakeapi with faults {', '.join(faults)}: {args.runs} seeds")
    print("\n".join(lines))
    print(f"clean refresh: {clean_s:.1f} s, {clean_requests} requests")
    print(f"under faults: {ok} of {args.runs} stored every figure; time p50 {statistics.median(times):.1f} s, "
          f"max {max(times):.1f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
