"""The refresh command: `python -m fetchers refresh|list|status`.

Exit codes: 0 every requested series is fresh; 1 some failed or were skipped (said in the summary);
2 a usage, configuration or cache error; 3 an unexpected error (a bug; the cache keeps its last good files);
130 interrupted. No traceback and no URL is ever printed: the EIA key is in the URL.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import catalog
from cache import store
from cache.errors import CacheError
from catalog import EIA, WORLDBANK
from catalog.trade import COMTRADE
from fetchers import comtrade, eia, worldbank
from fetchers.limits import short
from fetchers.redaction import RedactingFilter, scrub
from fetchers.refresh import DEADLINE, Outcome, Settings, run, select
from fetchers.result import FAILED, OK, SKIPPED, UNCHANGED, UPDATED

log = logging.getLogger("fetchers")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m fetchers", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    refresh = sub.add_parser("refresh", help="fetch the catalog's series into the cache")
    refresh.add_argument("--source", choices=[WORLDBANK, EIA, COMTRADE], help="only this source")
    refresh.add_argument("--series", nargs="+", default=[], metavar="ID", help="only these series ids")
    refresh.add_argument("--force", action="store_true", help="download even what the source says is unchanged")
    refresh.add_argument("--cache-dir", type=Path, help="cache folder (default $CACHE_DIR or cache/data)")
    refresh.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    refresh.add_argument(
        "--deadline",
        type=float,
        default=DEADLINE,
        metavar="SECONDS",
        help=f"end the refresh after this long ({DEADLINE:.0f})",
    )
    refresh.add_argument(
        "--accept-shrink",
        action="store_true",
        help="accept a new release that drops more than a tenth of a series' country-years",
    )
    refresh.add_argument("--note", help=argparse.SUPPRESS)  # `built_from` note, set by tools.snapshot
    # The offline pack's vintages.json files (series code -> release), set by tools.snapshot.
    refresh.add_argument("--releases", nargs="+", type=Path, default=[], help=argparse.SUPPRESS)
    sub.add_parser("list", help="list the catalog")
    status = sub.add_parser("status", help="freshness and failures, from the manifest")
    status.add_argument("--cache-dir", type=Path)
    status.add_argument("--json", action="store_true")
    return parser


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    handler.addFilter(RedactingFilter((eia.api_key(),)))  # the key by value, wherever a message quotes it
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def _progress(total: int):
    """A one-line progress bar on a terminal, plain log lines otherwise."""
    done = [0]

    def report(step: str) -> None:
        done[0] += 1
        if sys.stderr.isatty():
            filled = min(done[0], total) * 20 // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {step[:60]:<60}")
            sys.stderr.flush()
        else:
            log.info("%s", step)

    return report


def _table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    # Cells come from APIs and the manifest: printable, on one line, whatever they held.
    cells = [[str(c) for c in header], *[[("" if c is None else short(str(c), 10**6)) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _summary(outcomes: list[Outcome]) -> str:
    rows = [(o.series, o.source, o.status, o.rows, o.last_year, o.reason) for o in outcomes]
    counts = {s: sum(o.status == s for o in outcomes) for s in (UPDATED, UNCHANGED, FAILED, SKIPPED)}
    tail = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    return _table(rows, ("series", "source", "status", "rows", "last year", "reason")) + f"\n\n{tail}"


def cmd_refresh(args: argparse.Namespace) -> int:
    try:
        selected = select(args.source, args.series)
    except KeyError as err:
        print(f"error: unknown series id {err}; `python -m fetchers list` shows them", file=sys.stderr)
        return 2
    try:
        releases = read_releases(args.releases)
    except (OSError, ValueError) as err:
        print(f"error: cannot read the releases file: {err}", file=sys.stderr)
        return 2
    if not args.deadline > 0:
        print("error: --deadline must be a positive number of seconds", file=sys.stderr)
        return 2
    settings = Settings(
        cache_dir=store.cache_dir(args.cache_dir),
        force=args.force,
        note=args.note,
        releases=releases,
        deadline=args.deadline,
        accept_shrink=args.accept_shrink,
    )
    urls = (
        (settings.worldbank_url, worldbank.URL_ENV),
        (settings.eia_url, eia.URL_ENV),
        (settings.comtrade_url, comtrade.URL_ENV),
    )
    for url, env in urls:
        if not url.startswith(("http://", "https://")):
            print(f"error: ${env} must be an http(s) URL", file=sys.stderr)
            return 2
    try:
        # UN Comtrade's flows come with every whole refresh and with --source comtrade (they are no series).
        trade = args.source in (None, COMTRADE) and not args.series
        outcomes = run(selected, settings, progress=_progress(len(selected) + trade), trade=trade)
    except CacheError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.json:
        print(json.dumps([o.__dict__ for o in outcomes], indent=2))
    else:
        print(_summary(outcomes))
    failed = [o for o in outcomes if not o.fresh]
    by_reason: dict[tuple[str, str], list[str]] = {}
    for o in failed:
        by_reason.setdefault((o.status, o.reason), []).append(o.series)
    for (status, reason), ids in by_reason.items():  # one line per cause, not per series
        log.error("%s %d series (%s): %s", status, len(ids), ", ".join(ids), reason)
    return 1 if failed else 0


def read_releases(paths: Sequence[Path]) -> dict[str, str]:
    """Series code -> release, from vintages.json files ({"series": {code: text or [texts]}})."""
    out: dict[str, str] = {}
    for path in paths:
        series = json.loads(path.read_text(encoding="utf-8")).get("series", {})
        if not isinstance(series, dict):
            raise ValueError(f"{path.name} has no series mapping")
        out.update({code: "; ".join(v) if isinstance(v, list) else str(v) for code, v in series.items()})
    return out


def cmd_list() -> int:
    rows = [(s.id, s.source, s.code, s.database, s.unit, ",".join(s.topics)) for s in catalog.CATALOG]
    print(_table(rows, ("id", "source", "code", "db", "unit", "topics")))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    try:
        manifest = store.read_manifest(store.cache_dir(args.cache_dir))
    except CacheError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    entries = manifest["series"]
    if args.json:
        print(scrub(json.dumps(entries, indent=2, sort_keys=True), (eia.api_key(),)))
    else:
        rows = [
            (
                sid,
                e.get("status"),
                e.get("rows"),
                e.get("last_year"),
                e.get("last_updated"),
                e.get("fetched_at"),
                scrub(str(e.get("reason") or ""), (eia.api_key(),)),
            )
            for sid, e in sorted(entries.items())
        ]
        print(_table(rows, ("series", "status", "rows", "last year", "source updated", "fetched", "reason")))
        if manifest.get("built_from"):
            print(f"\nBuilt from: {short(str(manifest['built_from']), 10**6)}")
    return 0 if all(e.get("status") == OK for e in entries.values()) else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 fresh, 1 some series failed or skipped, 2 usage or cache, 3 a bug)."""
    _setup_logging()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    try:
        if args.command == "refresh":
            return cmd_refresh(args)
        if args.command == "list":
            return cmd_list()
        return cmd_status(args)
    except KeyboardInterrupt:
        print("error: interrupted; the cache keeps its last good files", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - one clear line, never a traceback (which could quote a URL)
        print(f"error: unexpected {type(err).__name__}: {scrub(str(err), (eia.api_key(),))[:300]}", file=sys.stderr)
        print("This is a bug in the fetchers; the cache keeps its last good files.", file=sys.stderr)
        return 3
