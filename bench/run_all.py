"""`make bench`: run every benchmark, print its table, and rewrite BENCHMARKS.md with the figures."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = ["--sessions", "30", "--changes", "5", "--limit", "240"]
CHART_PAGES = ("dependence", "resources", "supply", "cooperation")  # pages with charts besides the Overview
SCRIPTS = (  # (script, arguments, time limit in seconds); the whole run takes about 15 minutes
    ("bench/refresh_peers.py", [], 240),
    ("bench/dashboard.py", [], 240),
    ("bench/load.py", LOAD, 300),
    ("bench/load.py", [*LOAD, "--think", "5"], 300),
    ("bench/load.py", [*LOAD, "--baseline"], 300),
    # The same load with Debian's full Chromium as the load generator: what the browsers' own cost does.
    ("bench/load.py", [*LOAD, "--think", "5", "--browser", "chromium"], 300),
    *(("bench/load.py", [*LOAD, "--think", "5", "--page", page], 300) for page in CHART_PAGES),
    ("bench/load_server.py", ["--page", "overview"], 120),
    ("bench/load_server.py", ["--page", "dependence"], 120),
    ("bench/load_server.py", ["--page", "dependence", "--unique"], 120),
    ("bench/load_server.py", ["--page", "dependence", "--unique", "--processes", "2"], 120),
    ("bench/scale.py", [], 180),
)


def machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB memory, Python {platform.python_version()}"


def main() -> int:
    sections = []
    for script, args, limit in SCRIPTS:
        started = time.monotonic()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        try:
            done = subprocess.run(
                [sys.executable, script, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=limit
            )
            output = done.stdout.strip() or done.stderr.strip()[-2000:]
        except subprocess.TimeoutExpired:
            output = f"stopped after {limit} s (time limit)"
        took = time.monotonic() - started
        print(f"== {script} ({took:.0f} s)\n{output}\n", flush=True)
        sections.append(f"## `python {' '.join([script, *args])}` ({took:.0f} s)\n\n```\n{output}\n```\n")
    header = (
        f"# Benchmarks\n\nLatest figures of `make bench` (re-run it to see regressions).\n\n"
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n- Machine: {machine()}\n"
        f"- Data: the committed snapshot; APIs: `../shared/fakeapi` on loopback\n\n"
    )
    (ROOT / "BENCHMARKS.md").write_text(header + "\n".join(sections))
    print("BENCHMARKS.md written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
