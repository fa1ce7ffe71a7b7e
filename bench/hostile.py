"""Hostile answers, timed: each case of issue 14 once, against a local server, fetched in a fresh subprocess.

Prints per case the fetch's wall time, the subprocess's wall time (interpreter and imports included), its peak
RSS (VmHWM), whether the canary key leaked, and the error the fetch ended in; then the slowest case.
Run: `.venv/bin/python -m bench.hostile [--deadline S]` (default: the production deadline, limits.REQUEST_DEADLINE).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

from fetchers import limits
from testkit.servers import Answer, fixture, running

ROOT = Path(__file__).resolve().parent.parent
CANARY = "CaNaRy+/=0123456789abcdefKEY"
FORMS = (CANARY, quote(CANARY, safe=""), quote_plus(CANARY))
HUGE = 200 * 2**20
CHILD = """
import json, sys, time
import catalog
from fetchers import eia, worldbank
from fetchers.errors import FetchError
from fetchers.http import make_session
source, url, key = sys.argv[1:4]
started, outcome = time.monotonic(), "no error"
try:
    if source == "eia":
        eia.fetch([catalog.get("petroleum_consumption")], make_session(), url, key)
    else:
        worldbank.fetch([catalog.get("population"), catalog.get("gdp_usd")], make_session(), url)
except FetchError as err:
    outcome = f"{type(err).__name__}: {err.problem}"
seconds = time.monotonic() - started
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) // 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def eia_page(records: list, total: int) -> str:
    body = json.loads(fixture("eia_data.json"))
    body["response"].update(total=str(total), data=records)
    return json.dumps(body)


def wb_page(page: int = 1, pages: int = 1) -> str:
    body = json.loads(fixture("wb_data_two_indicators.json"))
    body[0].update(page=page, pages=pages)
    return json.dumps(body)


def offset_of(path: str) -> int:
    return int(parse_qs(urlsplit(path).query).get("offset", ["0"])[0])


def gzip_bomb(megabytes: int = 64) -> bytes:
    packer, mb = zlib.compressobj(9, zlib.DEFLATED, 31), b" " * 2**20
    return packer.compress(b"[") + b"".join(packer.compress(mb) for _ in range(megabytes)) + packer.flush()


ROWS = json.loads(fixture("eia_data.json"))["response"]["data"]
CASES = {  # name: (source, answers given the other host's URL)
    "eia echoes the URL in text (400)": (
        "eia",
        lambda other: [Answer(lambda p: f"Bad request {p}", status=400, content_type="text/plain")],
    ),
    "eia echoes the URL in JSON (400)": (
        "eia",
        lambda other: [Answer(lambda p: json.dumps({"error": f"Bad {p}", "code": 400}), status=400)],
    ),
    "eia redirects to another host": (
        "eia",
        lambda other: [Answer(status=302, headers={"Location": lambda p: other + p})],
    ),
    "eia same page at every offset": ("eia", lambda other: [Answer(eia_page(ROWS[:2], 100_000))]),
    "eia new 1-row pages, never the total": (
        "eia",
        lambda other: [Answer(lambda p: eia_page([ROWS[0] | {"period": str(1980 + offset_of(p))}], 100_000))],
    ),
    "eia total 10**9": ("eia", lambda other: [Answer(eia_page(ROWS[:2], 10**9))]),
    "wb pages 10,000": ("worldbank", lambda other: [Answer(wb_page(pages=10_000))]),
    "wb pages 10**9": ("worldbank", lambda other: [Answer(wb_page(pages=10**9))]),
    "wb repeats page 1": ("worldbank", lambda other: [Answer(wb_page(page=1, pages=3))]),
    "wb error 105 persists": ("worldbank", lambda other: [Answer(fixture("wb_error_105.xml"))]),
    "429, Retry-After 6 hours": ("eia", lambda other: [Answer("{}", status=429, headers={"Retry-After": "21600"})]),
    "trickle 1 byte / 2 s": ("eia", lambda other: [Answer(eia_page(ROWS, len(ROWS)), trickle=2.0)]),
    "headers trickle 1 byte / 2 s": (
        "eia",
        lambda other: [Answer(eia_page(ROWS, len(ROWS)), trickle=2.0, trickle_head=True)],
    ),
    "200 MB body, declared": ("eia", lambda other: [Answer("[", padding=HUGE)]),
    "200 MB body, streamed": ("eia", lambda other: [Answer("[", padding=HUGE, chunked=True)]),
    "gzip bomb (64 MB inflated)": ("eia", lambda other: [Answer(gzip_bomb(), headers={"Content-Encoding": "gzip"})]),
    "JSON nested 100,000 deep": ("eia", lambda other: [Answer("[" * 100_000)]),
}


def run_case(source: str, answers, env: dict) -> dict:
    with running() as server, running() as other:
        server.answer(*answers(other.url))
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, source, server.url, CANARY],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=600,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {}
        result.setdefault("outcome", f"crashed: {done.stderr.strip()[-200:]}")
        result.update(process=time.monotonic() - started, requests=len(server.paths), reached_other=len(other.paths))
        result["leaked"] = any(form in done.stdout + done.stderr for form in FORMS)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deadline", type=float, default=limits.REQUEST_DEADLINE, help="FETCH_DEADLINE, seconds")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), limits.DEADLINE_ENV: str(args.deadline)}
    print(f"deadline {args.deadline:g} s, body cap {limits.MAX_BODY_BYTES / 2**20:g} MB\n")
    print(f"{'case':38} {'fetch s':>8} {'proc s':>7} {'peak MB':>8} {'req':>4}  leak  outcome")
    results = {}
    for name, (source, answers) in CASES.items():
        r = results[name] = run_case(source, answers, env)
        fetch_s = f"{r['seconds']:.2f}" if "seconds" in r else "-"
        print(
            f"{name:38} {fetch_s:>8} {r['process']:7.2f} {r.get('peak_mb', '-'):>8} {r['requests']:>4}  "
            f"{'YES' if r['leaked'] or r['reached_other'] else 'no':4}  {r['outcome'][:90]}",
            flush=True,
        )
    slowest = max(results, key=lambda n: results[n].get("seconds", results[n]["process"]))
    heaviest = max(results, key=lambda n: results[n].get("peak_mb", 0))
    print(f"\nslowest: {slowest} ({results[slowest].get('seconds', 0):.2f} s fetch)")
    print(f"largest peak RSS: {heaviest} ({results[heaviest].get('peak_mb')} MB)")


if __name__ == "__main__":
    main()
