"""Refresh vs peers: the same World Bank and EIA series, fetched by us and by the clients people use today.

Every client runs against ../shared/fakeapi with 100 ms latency per request; requests are counted by the
fake's /_fake/stats. The limit row is the fewest requests the APIs' documented limits allow for our catalog.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from collections.abc import Callable
from pathlib import Path

import catalog
from catalog import countries
from fetchers import eia, worldbank
from fetchers.refresh import Settings, run
from testkit.fakeapi import SHARED, start_fakeapi

ROOT = Path(__file__).resolve().parent.parent
LATENCY_MS = 100
KEY = "bench-key"
WB = catalog.WORLDBANK_SERIES
WDI = [s for s in WB if s.database == "2"]
COUNTRIES = list(countries.COUNTRIES)


def ours_worldbank(api) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        run(WB, Settings(Path(tmp), worldbank_url=f"{api.url}/worldbank/v2", eia_url="", eia_key=None, force=True))
    return f"all {len(WB)} (incl. source 57)"


def ours_no_change(api) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            Path(tmp), worldbank_url=f"{api.url}/worldbank/v2", eia_url=f"{api.url}/eia/v2", eia_key=KEY
        )
        run(WB + catalog.EIA_SERIES, settings)
        before = {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
        urllib.request.urlopen(urllib.request.Request(f"{api.url}/_fake/reset", method="POST")).read()
        started = time.perf_counter()
        run(WB + catalog.EIA_SERIES, settings)
        took = time.perf_counter() - started
        same = before == {p.name: p.read_bytes() for p in Path(tmp).iterdir()}
    return (
        f"requests and note are the second refresh alone ({took:.2f} s; wall includes the first): "
        f"World Bank date checks + EIA; files {'byte-identical' if same else 'CHANGED'}"
    )


def ours_eia(api) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        run(
            catalog.EIA_SERIES,
            Settings(Path(tmp), worldbank_url="", eia_url=f"{api.url}/eia/v2", eia_key=KEY, force=True),
        )
    return f"all {len(catalog.EIA_SERIES)}"


def wbdata_peer(api) -> str:
    import wbdata.client as client

    base = f"{api.url}/worldbank/v2"
    client.COUNTRIES_URL, client.INDICATOR_URL = f"{base}/countries", f"{base}/indicators"
    wb = client.Client(cache_path=Path(tempfile.mkdtemp()) / "cache")  # a fresh cache: nothing served from disk
    for s in WB:
        wb.get_data(s.code, country=COUNTRIES, source=int(s.database))
    return f"all {len(WB)}: one call per indicator"


def wbgapi_peer(api) -> str:
    import wbgapi

    wbgapi.endpoint = f"{api.url}/worldbank/v2"
    wbgapi.data.DataFrame([s.code for s in WDI], COUNTRIES, db=2)
    wbgapi.data.DataFrame([s.code for s in WB if s.database == "57"], COUNTRIES, db=57)
    return f"all {len(WB)}: dimension routes, paged at 1,000"


def pandas_datareader_peer(api) -> str:
    from pandas_datareader import wb

    wb.WB_API_URL = f"{api.url}/worldbank/v2"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb.download(indicator=[s.code for s in WDI], country=COUNTRIES, start=1960, end=2024, errors="ignore")
    return f"{len(WDI)} of {len(WB)}: no source 57 (archived) support"


def myeia_peer(api) -> str:
    from myeia.api import API

    client = API(token=KEY)
    client.base_url = f"{api.url}/eia/v2/"
    facets = ["productId", "activityId", "unit", "countryRegionId"]
    failures = 0
    for s in catalog.EIA_SERIES:
        for country in COUNTRIES:
            try:  # one facet value per call: a series for one country at a time
                client.get_series_via_route(
                    "international",
                    [*eia.facets(s), country],
                    "annual",
                    facet=facets,
                    start_date="1980",
                    end_date="2025",
                )
            except ValueError:
                pass  # myeia raises on an empty answer (no figures for that country)
            except KeyError:
                failures += 1  # myeia's column renaming breaks on this route's rows, after the request
    note = f"all {len(catalog.EIA_SERIES)}: one call per series and country"
    return note + (f"; {failures} answers not parsed by myeia (KeyError)" if failures else "")


# Whole processes, as a scheduled job runs them: interpreter start, imports, requests, parsing, writing.
WBDATA_SCRIPT = """
import sys, tempfile
from pathlib import Path
import wbdata.client as client
base = sys.argv[1]
client.COUNTRIES_URL, client.INDICATOR_URL = f"{base}/countries", f"{base}/indicators"
wb = client.Client(cache_path=Path(tempfile.mkdtemp()) / "cache")
for code, db in zip(sys.argv[2].split(";"), sys.argv[3].split(";")):
    wb.get_data(code, country=sys.argv[4].split(";"), source=int(db))
"""
PROCESS_RUNS = 5


def process_times(api) -> list[tuple[str, float, float]]:
    """(client, median s, best s) of whole processes fetching every World Bank series of the catalog."""
    base = f"{api.url}/worldbank/v2"
    env = {**os.environ, "WORLDBANK_API_URL": base, "PYTHONPATH": str(ROOT)}
    env.pop("EIA_API_KEY", None)
    with tempfile.TemporaryDirectory() as tmp:
        ours = [sys.executable, "-m", "fetchers", "refresh", "--source", "worldbank", "--force", "--cache-dir", tmp]
        peer = [sys.executable, "-c", WBDATA_SCRIPT, base, ";".join(s.code for s in WB)]
        peer += [";".join(s.database for s in WB), ";".join(COUNTRIES)]
        floor = [sys.executable, "-c", "import time; time.sleep(0.2)"]  # 2 requests' latency, no work
        out = []
        for name, command in (("ours", ours), ("wbdata", peer), ("floor", floor)):
            times = []
            for _ in range(PROCESS_RUNS):
                started = time.perf_counter()
                subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=name != "wbdata", timeout=120)
                times.append(time.perf_counter() - started)
            out.append((name, statistics.median(times), min(times)))
    return out


def measure(api, fn: Callable) -> tuple[float, int, str]:
    urllib.request.urlopen(urllib.request.Request(f"{api.url}/_fake/reset", method="POST")).read()
    started = time.perf_counter()
    try:
        note = fn(api)
    except Exception as err:  # noqa: BLE001 - a peer that cannot run here is reported, not hidden
        return float("nan"), api.stats()["requests"], f"failed here: {type(err).__name__}: {str(err)[:60]}"
    return time.perf_counter() - started, api.stats()["requests"], note


def limits() -> tuple[int, int]:
    """Fewest requests the documented limits allow: World Bank per database and 60-indicator batch; EIA by rows."""
    wb_calls = len(worldbank.batches(WB))
    rows = 0  # rows the EIA query answers: every year 1980-2025 the fake has, including flagged ones
    for _ in catalog.EIA_SERIES:
        rows += len(COUNTRIES) * (2025 - 1980 + 1)
    return wb_calls, max(1, math.ceil(rows / eia.PAGE_LENGTH))


def main() -> int:
    if not (SHARED / "fakeapi" / "fakeapi.py").exists():
        print(f"no {SHARED}/fakeapi: refresh benchmark skipped")
        return 0
    api = start_fakeapi(SHARED, latency_ms=LATENCY_MS, eia_keys=(KEY,))
    try:
        rows = []
        for source, ours, peers in (
            ("World Bank", ours_worldbank, [wbdata_peer, wbgapi_peer, pandas_datareader_peer]),
            ("EIA", ours_eia, [myeia_peer]),
        ):
            base = measure(api, ours)
            rows.append((source, "ours", *base))
            for peer in peers:
                rows.append((source, peer.__name__.removesuffix("_peer").replace("_", "-"), *measure(api, peer)))
        rows.append(("both", "ours, no change", *measure(api, ours_no_change)))
        processes = process_times(api)
    finally:
        api.stop()
    wb_limit, eia_limit = limits()
    print(f"Refresh vs peers: fakeapi with {LATENCY_MS} ms latency per request; same series, same six countries")
    print(f"{'source':<11}{'client':<19}{'wall s':>8}{'requests':>10}{'x ours (req)':>14}{'x ours (time)':>15}  note")
    ours = {r[0]: r for r in rows if r[1] == "ours"}
    ours["both"] = rows[-1]
    for source, name, wall, requests, note in rows:
        base = ours[source]
        ratio_r = requests / base[3] if base[3] else float("nan")
        ratio_t = wall / base[2] if base[2] else float("nan")
        print(f"{source:<11}{name:<19}{wall:>8.2f}{requests:>10}{ratio_r:>14.1f}{ratio_t:>15.1f}  {note}")
    print(
        f"Limit (documented API limits): World Bank {wb_limit} requests = {wb_limit * LATENCY_MS / 1000:.1f} s; "
        f"EIA at most {eia_limit} pages = {eia_limit * LATENCY_MS / 1000:.1f} s of latency"
    )
    ours_median = processes[0][1]
    print(f"\nWhole process, World Bank, every series (median and best of {PROCESS_RUNS} runs, 100 ms latency):")
    print(f"{'client':<19}{'median s':>9}{'best s':>8}{'x ours':>8}")
    for name, median, best in processes:
        label = "floor (2 x latency)" if name == "floor" else name
        print(f"{label:<19}{median:>9.2f}{best:>8.2f}{median / ours_median:>8.1f}")
    print("  ours: python -m fetchers refresh --source worldbank --force; floor: interpreter start + 2 x 100 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
