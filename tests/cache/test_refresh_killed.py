"""A refresh killed with SIGKILL at any moment leaves a readable cache equal to the old or the new table."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from cache import store
from tests.conftest import FAKE_KEY, ROOT

pytestmark = pytest.mark.integration
TRIES = 20


def start_refresh(api, cache_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "WORLDBANK_API_URL": f"{api.url}/worldbank/v2",
        "EIA_API_URL": f"{api.url}/eia/v2",
        "COMTRADE_API_URL": f"{api.url}/comtrade/public/v1",
        "EIA_API_KEY": FAKE_KEY,
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "fetchers", "refresh", "--force", "--cache-dir", str(cache_dir)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_at_random_moments_never_leaves_a_mixed_or_broken_cache(fakeapi_module, tmp_path):
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,), latency_ms=20).start()
    try:
        new_dir = tmp_path / "new"
        assert start_refresh(api, new_dir).wait(timeout=120) == 0
        new_table = store.read_table(new_dir)

        # The "old" cache: same manifest, every figure doubled, so old and new tables differ everywhere.
        old_dir = tmp_path / "old"
        old_table, manifest = store.load(new_dir)
        store.write(old_dir, old_table.assign(value=old_table["value"] * 2), manifest)
        old_table = store.read_table(old_dir)

        # Timed as the killed runs will go (over the old cache, modules already compiled): the first run of a
        # fresh clone also writes every module's bytecode, and timing it aimed the kills past the end.
        # The shorter of two runs: an outlier (a busy moment of the machine) would aim the kills past the end.
        durations = []
        for run in range(2):
            timed = tmp_path / f"timed{run}"
            shutil.copytree(old_dir, timed)
            started = time.monotonic()
            assert start_refresh(api, timed).wait(timeout=120) == 0
            durations.append(time.monotonic() - started)
        duration = min(durations)

        rng = random.Random(2026)  # fixed, so a failure can be replayed
        outcomes = {"old": 0, "new": 0}
        killed_while_running = 0
        for attempt in range(TRIES):
            work = tmp_path / f"try{attempt}"
            shutil.copytree(old_dir, work)
            process = start_refresh(api, work)
            # Most of a refresh is waiting on the API; aim many kills at its end, where the files are written.
            time.sleep(rng.uniform(0.2, 1.3) * duration)
            killed_while_running += process.poll() is None
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            table = store.read_table(work)
            if table.equals(old_table):
                outcomes["old"] += 1
            else:
                pd.testing.assert_frame_equal(table, new_table)
                outcomes["new"] += 1
    finally:
        api.stop()
    assert sum(outcomes.values()) == TRIES
    # A sanity check that the test exercised something, with room for a loaded machine's timing: about three
    # in four kills land while the refresh runs when a run takes as long as the timed one.
    assert killed_while_running >= TRIES // 4, "too few kills landed while the refresh ran"
