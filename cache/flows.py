"""The flows table beside the series: `flows.parquet`, bilateral trade as UN Comtrade reports it (catalog/trade.py).

`store.write` writes it with the series table, under the same lock and the same order (tables first, each kept as
`.flows.parquet.prev` until the manifest is renamed, manifest last), and the manifest's `flows` entry names its
sha256. A cache without that entry holds no flows (the source was left out, or the cache predates it).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cache import files
from cache.errors import CorruptCache
from catalog import schema, trade

FLOWS_FILE = "flows.parquet"
KEPT_FLOWS = f".{FLOWS_FILE}.prev"
FLOWS_LIMIT = 64 * 2**20  # today's table is ~30 KB for 1,696 rows
MAX_FLOW_ROWS = 2_000_000

_ARROW_TYPES = {"string": pa.string(), "int32": pa.int32(), "float64": pa.float64()}
_ARROW_SCHEMA = pa.schema([(c, _ARROW_TYPES[trade.FLOW_DTYPES[c]]) for c in trade.FLOW_COLUMNS])


def empty() -> pd.DataFrame:
    """A flows table with no rows."""
    return conform(pd.DataFrame({c: [] for c in trade.FLOW_COLUMNS}))


def conform(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows columns in order with their dtypes, sorted by FLOW_KEY (canonical form); ValueError if lacking."""
    missing = [c for c in trade.FLOW_COLUMNS if c not in flows.columns]
    if missing:
        raise ValueError(f"flows table lacks columns {missing}")
    out = flows.loc[:, list(trade.FLOW_COLUMNS)].astype(trade.FLOW_DTYPES)
    return out.sort_values(trade.FLOW_KEY, kind="stable").reset_index(drop=True)


def validate(flows: pd.DataFrame) -> None:
    """ValueError unless every flow is named in full, once, in a plausible year, with finite non-negative figures."""
    if flows[["ask", "reporter", "partner", "commodity", "flow"]].isna().any().any():
        raise ValueError("flows without a reporter, partner, commodity or flow")
    if flows.duplicated(subset=trade.FLOW_KEY).any():
        raise ValueError("more than one row for a flow and year")
    years = flows["year"].to_numpy(dtype=float)
    if not ((years >= schema.YEARS[0]) & (years <= schema.YEARS[1])).all():
        raise ValueError(f"years outside {schema.YEARS[0]}–{schema.YEARS[1]}")
    for column in ("weight_kg", "value_usd"):
        known = flows[column].to_numpy(dtype=float)
        known = known[~np.isnan(known)]
        if not (np.isfinite(known) & (known >= 0) & (known < schema.MAX_MAGNITUDE)).all():
            raise ValueError(f"{column} values that are negative, not finite or not below {schema.MAX_MAGNITUDE:g}")


def to_bytes(flows: pd.DataFrame) -> bytes:
    """The flows as Parquet bytes, deterministic for equal tables."""
    flows = conform(flows)
    validate(flows)
    arrow = pa.Table.from_pandas(flows, schema=_ARROW_SCHEMA, preserve_index=False).replace_schema_metadata(None)
    sink = io.BytesIO()
    pq.write_table(arrow, sink, compression="zstd")
    return sink.getvalue()


def parse(path: Path, data: bytes) -> pd.DataFrame:
    """The flows table from its bytes; CorruptCache when it is not one of this project's shape."""
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        rows = parquet.metadata.num_rows
    except Exception:  # noqa: BLE001 - any parse failure means the same to a reader: corrupt file
        raise CorruptCache(path, "is not a readable flows table of this project's schema") from None
    if rows > MAX_FLOW_ROWS:
        raise CorruptCache(path, f"holds {rows:,} rows, more than the {MAX_FLOW_ROWS:,} a reader loads")
    try:
        flows = conform(parquet.read().to_pandas())
        validate(flows)
    except ValueError as err:
        raise CorruptCache(path, f"is not a plausible flows table: it has {err}") from None
    except Exception:  # noqa: BLE001
        raise CorruptCache(path, "is not a readable flows table of this project's schema") from None
    return flows


def read(directory: Path, manifest: dict, sha256) -> pd.DataFrame:
    """The flows the manifest names (none when it names none), checked against its checksum or the kept copy."""
    named = manifest.get("flows")
    if not named:
        return empty()
    path = directory / FLOWS_FILE
    data = files.read(path, FLOWS_LIMIT, "a flows table")
    if sha256(data) != named["sha256"]:
        try:
            data = files.read(directory / KEPT_FLOWS, FLOWS_LIMIT, "a flows table")
        except CorruptCache:
            raise CorruptCache(path, "does not match the checksum in manifest.json") from None
        if sha256(data) != named["sha256"]:
            raise CorruptCache(path, "does not match the checksum in manifest.json")
    return parse(path, data)
