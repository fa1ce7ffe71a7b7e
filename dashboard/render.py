"""Shared page pieces: a chart with its source caption, table view and downloads; the freshness banner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import charts, export, maps

STALE_AFTER_DAYS = 548  # WDI and EIA international statistics are updated at least yearly; 18 months is late


BUILDERS: dict[str, Callable[..., alt.TopLevelMixin]] = {
    f.__name__: f
    for f in (
        charts.time_series,
        charts.dependence_with_handover,
        charts.ranking,
        charts.supply_demand,
        charts.coverage,
        maps.region_map,
    )
}


@st.cache_data(max_entries=512, show_spinner=False)
def spec(builder: str, rows: pd.DataFrame, entries: tuple[dict, ...], options: dict) -> dict:
    """The chart's Vega-Lite spec, built and validated once per distinct input and shared by every viewer."""
    return BUILDERS[builder](rows, *entries, **options).to_dict()


@st.cache_data(max_entries=64, show_spinner=False)
def _image(spec: dict, kind: str) -> bytes:
    """SVG/PNG bytes, rendered once per spec."""
    return export.chart_svg(spec) if kind == "svg" else export.chart_png(spec)


def chart(
    builder: Callable[..., alt.TopLevelMixin], rows: pd.DataFrame, entries: Sequence[dict], *, key: str, **options: Any
) -> None:
    """Draw `builder(rows, *entries, **options)`, its source lines, a table of the drawn numbers, and downloads."""
    if rows["value"].notna().sum() == 0:
        st.info(f"No figures of {entries[0].get('title', 'this series')} for the selected countries and years.")
        return
    vega = spec(builder.__name__, rows, tuple(entries), options)
    # The spec's `description` is the accessible name Streamlit gives the chart.
    st.vega_lite_chart(vega, key=f"chart_{key}", width="stretch")
    st.caption("  \n".join(charts.source_line(e) for e in entries))
    drawn = rows.dropna(subset=["value"])
    title = vega.get("title", {})
    name = export.safe_filename(title.get("text", key) if isinstance(title, dict) else str(title))
    with st.expander("Table and downloads"):
        st.dataframe(drawn, hide_index=True, width="stretch")
        cols = st.columns(3)
        cols[0].download_button("CSV", export.to_csv_bytes(drawn), f"{name}.csv", "text/csv", key=f"csv_{key}")
        if st.toggle("Prepare SVG and PNG", key=f"img_{key}"):  # rendering images costs time: only on request
            cols[1].download_button("SVG", _image(vega, "svg"), f"{name}.svg", "image/svg+xml", key=f"svg_{key}")
            cols[2].download_button("PNG", _image(vega, "png"), f"{name}.png", "image/png", key=f"png_{key}")


def _age_days(entry: dict, today: date) -> int | None:
    stamp = entry.get("last_updated") or (entry.get("fetched_at") or "")[:10]
    try:
        return (today - date.fromisoformat(stamp)).days
    except ValueError:
        return None


def banner(entries: Sequence[dict], today: date | None = None) -> None:
    """Warn when a series on this page failed its last refresh or is older than its source's usual cadence."""
    today = today or datetime.now(UTC).date()
    for entry in entries:
        if entry.get("status") not in (None, "ok"):
            st.warning(
                f"{entry.get('title')}: the last refresh did not succeed ({entry.get('status')}); "
                f"showing the last good figures, to {entry.get('last_year')}.",
                icon="⚠️",
            )
        age = _age_days(entry, today)
        if age is not None and age > STALE_AFTER_DAYS:
            st.info(f"{entry.get('title')}: the source's data were last updated {age // 30} months ago.", icon="🕰️")
