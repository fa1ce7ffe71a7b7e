"""Build the committed snapshot: start ../shared/fakeapi, run our own refresh against it into cache/data/.

`make snapshot` runs this: `python -m tools.snapshot [--shared DIR] [--cache-dir DIR]`, from the project root.
The figures are the real published ones of the offline data pack in ../shared/data; the dates the stand-in
announces (World Bank `lastupdated`) are placeholders, which the manifest says in its `built_from` note.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fetchers import cli
from testkit.fakeapi import start_fakeapi

NOTE = (
    "offline data pack (../shared/data: real WDI and EIA figures, see its PROVENANCE.md) served by "
    "../shared/fakeapi; the World Bank last-updated dates are the stand-in's placeholders, and each "
    "series names its release from the pack's vintages.json"
)
FAKE_KEY = "snapshot-key"  # accepted by our own fakeapi instance only


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cache-dir", type=Path)
    args = parser.parse_args(argv)
    if not (args.shared / "fakeapi" / "fakeapi.py").exists():
        print(f"error: {args.shared}/fakeapi/fakeapi.py not found (pass --shared DIR)", file=sys.stderr)
        return 2
    api = start_fakeapi(args.shared.resolve(), eia_keys=(FAKE_KEY,))
    try:
        os.environ.update(
            {
                "WORLDBANK_API_URL": f"{api.url}/worldbank/v2",
                "EIA_API_URL": f"{api.url}/eia/v2",
                "COMTRADE_API_URL": f"{api.url}/comtrade/public/v1",
                "COMTRADE_PACE": "0",  # a local server: no need to pace the calls
                "EIA_API_KEY": FAKE_KEY,
            }
        )
        extra = ["--cache-dir", str(args.cache_dir)] if args.cache_dir else []
        releases = [str(args.shared / "data" / name / "vintages.json") for name in ("worldbank", "eia")]
        # Always --force: the stand-in announces the same placeholder date whatever the pack holds, so an
        # incremental refresh would keep a stale snapshot after the pack is renewed.
        return cli.main(["refresh", "--force", "--note", NOTE, "--releases", *releases, *extra])
    finally:
        api.stop()


if __name__ == "__main__":
    sys.exit(main())
