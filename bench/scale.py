"""Scale: refresh time, cache size and load time as the catalog widens from 6 countries to ~all WDI economies.

The wider runs use SYNTHETIC figures of the real shape: the offline pack's rows for the six countries are
copied to made-up country codes (X001, X002, ...), so requests, rows and bytes grow as they would, but the
numbers mean nothing. The six-country run uses the real pack.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import catalog
from cache import store
from catalog.countries import COUNTRIES
from fetchers.refresh import Settings, run
from testkit.fakeapi import SHARED, start_fakeapi

ROOT = Path(__file__).resolve().parent.parent
KEY = "bench-key"
SIZES = (6, 50, 217)  # 217: about the number of economies in WDI


def synthetic_pack(target: Path, n: int) -> list[str]:
    """A copy of the data pack with the six countries' rows repeated under n made-up codes."""
    shutil.copytree(SHARED / "data", target)
    real = list(COUNTRIES)
    codes = [f"X{i:03d}" for i in range(1, n + 1)]
    template = json.loads((target / "worldbank" / "countries.json").read_text())[0]
    countries = [
        {**template, "id": c, "iso2Code": f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}", "name": f"Synthetic {c}"}
        for i, c in enumerate(codes)
    ]
    (target / "worldbank" / "countries.json").write_text(json.dumps(countries))
    for name, column in (("worldbank", "country_iso3"), ("eia", "country_region_id")):
        path = target / name / "observations.csv"
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        by_country = {c: [r for r in rows if r[column] == c] for c in real}
        with open(path, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            for i, code in enumerate(codes):
                writer.writerows({**r, column: code} for r in by_country[real[i % len(real)]])
    facets = json.loads((target / "eia" / "facets.json").read_text())
    facets["countryRegionId"] = [{"id": c, "name": f"Synthetic {c}"} for c in codes]
    (target / "eia" / "facets.json").write_text(json.dumps(facets))
    return codes


def measure(n: int, work: Path) -> dict:
    if n == len(COUNTRIES):
        api, codes = start_fakeapi(SHARED, eia_keys=(KEY,)), list(COUNTRIES)
    else:
        codes = synthetic_pack(work / f"pack{n}", n)
        api = start_fakeapi(SHARED, eia_keys=(KEY,), data=work / f"pack{n}")
    series = [dataclasses.replace(s, countries=tuple(codes)) for s in catalog.WORLDBANK_SERIES + catalog.EIA_SERIES]
    cache = work / f"cache{n}"
    try:
        started = time.perf_counter()
        run(
            series,
            Settings(
                cache, worldbank_url=f"{api.url}/worldbank/v2", eia_url=f"{api.url}/eia/v2", eia_key=KEY, force=True
            ),
        )
        refresh = time.perf_counter() - started
        requests = api.stats()["requests"]
    finally:
        api.stop()
    started = time.perf_counter()
    table, _ = store.load(cache)
    load = time.perf_counter() - started
    return {
        "countries": n,
        "requests": requests,
        "refresh s": refresh,
        "rows": len(table),
        "parquet KB": (cache / store.TABLE_FILE).stat().st_size / 1024,
        "manifest KB": (cache / store.MANIFEST_FILE).stat().st_size / 1024,
        "load ms": load * 1000,
    }


def main() -> int:
    if not (SHARED / "fakeapi" / "fakeapi.py").exists():
        print(f"no {SHARED}/fakeapi: scale benchmark skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(n, Path(tmp)) for n in SIZES]
    print("Scale (no added latency; figures beyond 6 countries are synthetic copies of the real pack's shape)")
    print("".join(f"{k:>13}" for k in results[0]))
    for r in results:
        print("".join(f"{v:>13.2f}" if isinstance(v, float) else f"{v:>13}" for v in r.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
