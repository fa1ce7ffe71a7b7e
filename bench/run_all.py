"""`make bench` (`python -m bench.run_all`): run every benchmark, print its table, and rewrite BENCHMARKS.md.

Each benchmark runs as `python -m bench.NAME` from the project root. `--only bench.refresh_peers` runs the named
ones alone and replaces just their sections, each of which carries the date it was measured, so a partial run
never passes old figures off as new.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = ["--sessions", "30", "--changes", "5", "--limit", "240"]
CHART_PAGES = ("dependence", "resources", "supply", "cooperation")  # pages with charts besides the Overview
SCRIPTS = (  # (module, arguments, time limit in seconds); the whole run takes about 15 minutes
    ("bench.refresh_peers", [], 240),
    ("bench.hostile", [], 900),
    ("bench.dashboard", [], 240),
    ("bench.brief", [], 240),
    ("bench.load", LOAD, 300),
    ("bench.load", [*LOAD, "--think", "5"], 300),
    ("bench.load", [*LOAD, "--baseline"], 300),
    # The same load with Debian's full Chromium as the load generator: what the browsers' own cost does.
    ("bench.load", [*LOAD, "--think", "5", "--browser", "chromium"], 300),
    *(("bench.load", [*LOAD, "--think", "5", "--page", page], 300) for page in CHART_PAGES),
    ("bench.load_server", ["--page", "overview"], 120),
    ("bench.load_server", ["--page", "dependence"], 120),
    ("bench.load_server", ["--page", "dependence", "--unique"], 120),
    ("bench.load_server", ["--page", "dependence", "--unique", "--processes", "2"], 120),
    # Many arrivals at once, on one replica and on two behind nginx (needs Debian's nginx).
    ("bench.arrivals", ["--arrivals", "30"], 300),
    # What a page open costs the browser, ours and the one-chart app in alternating pairs (the ratio is the figure).
    ("bench.first_paint", [], 300),
    ("bench.scale", [], 180),
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


def command(module: str, args: list[str]) -> str:
    """The command a section of BENCHMARKS.md is headed and found by."""
    return f"python -m {' '.join([module, *args])}"


def module_name(name: str) -> str:
    """bench.load for bench.load, bench/load.py or load."""
    name = name.removesuffix(".py").replace("/", ".")
    return name if name.startswith("bench.") else f"bench.{name}"


def run(module: str, args: list[str], limit: int) -> str:
    """One benchmark's section of BENCHMARKS.md, printing its output as it goes."""
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=limit
        )
        output = done.stdout.strip() or done.stderr.strip()[-2000:]
    except subprocess.TimeoutExpired:
        output = f"stopped after {limit} s (time limit)"
    took = time.monotonic() - started
    print(f"== {module} ({took:.0f} s)\n{output}\n", flush=True)
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    return f"## `{command(module, args)}` ({took:.0f} s, {when})\n\n```\n{output}\n```\n"


def _sections(text: str) -> list[str]:
    parts = re.split(r"(?m)^(?=## `python )", text)
    return [p if p.endswith("\n") else p + "\n" for p in parts[1:]]


def _dated(section: str, when: str) -> str:
    """A kept section with its date in its heading (sections of a full run had one date for the whole file)."""
    heading, rest = section.split("\n", 1)
    if not when or " UTC)" in heading:
        return section
    return heading.replace(" s)", f" s, {when})", 1) + "\n" + rest


def _command(section: str) -> str:
    return section.split("`", 2)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="+", metavar="MODULE", help="run these (bench.load ...) alone")
    args = parser.parse_args(argv)
    only = {module_name(name) for name in args.only or ()}
    unknown = only - {module for module, _, _ in SCRIPTS}
    if unknown:
        parser.error(f"not in SCRIPTS: {', '.join(sorted(unknown))}")
    chosen = [s for s in SCRIPTS if not only or s[0] in only]
    fresh = {command(module, a): run(module, a, limit) for module, a, limit in chosen}
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if args.only and path.exists() else ""
    dated = re.search(r"(?m)^- Date: (.+)$", text)  # a file from a full run dates all its sections at once
    kept = [_dated(s, dated.group(1) if dated else "") for s in _sections(text) if _command(s) not in fresh]
    ordered = [command(module, a) for module, a, _ in SCRIPTS]
    sections = sorted(
        [*kept, *fresh.values()], key=lambda s: ordered.index(_command(s)) if _command(s) in ordered else 99
    )
    header = (
        f"# Benchmarks\n\nFigures of `make bench` (re-run it to see regressions); each section says when it was "
        f"measured.\n\n- Machine: {machine()}\n"
        f"- Data: the committed snapshot; APIs: `../shared/fakeapi` on loopback\n\n"
    )
    path.write_text(header + "\n".join(sections))
    print("BENCHMARKS.md written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
