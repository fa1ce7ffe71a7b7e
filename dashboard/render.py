"""Shared page pieces: a chart with its source caption, table view and downloads; the freshness banner."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import export
from dashboard.charts import source_line

STALE_AFTER_DAYS = 548  # WDI and EIA international statistics are updated at least yearly; 18 months is late


@st.cache_data(max_entries=64, show_spinner=False)
def _image(spec_json: str, kind: str, _chart: alt.TopLevelMixin) -> bytes:
    """SVG/PNG bytes, cached by the spec's text so each chart is rendered once per process."""
    return export.chart_svg(_chart) if kind == "svg" else export.chart_png(_chart)


def chart(chart: alt.TopLevelMixin, rows: pd.DataFrame, entries: Sequence[dict], *, key: str) -> None:
    """Draw a chart, its source lines and last years, a table of the drawn numbers, and downloads."""
    spec = chart.to_dict()
    if rows["value"].notna().sum() == 0:
        st.info(f"No figures of {entries[0].get('title', 'this series')} for the selected countries and years.")
        return
    # The spec's `description` is the accessible name Streamlit gives the chart (alt= would duplicate it).
    st.altair_chart(chart, key=f"chart_{key}")
    st.caption("  \n".join(source_line(e) for e in entries))
    drawn = rows.dropna(subset=["value"])
    title = spec.get("title", {}).get("text", key) if isinstance(spec.get("title"), dict) else key
    name = export.safe_filename(str(title))
    with st.expander("Table and downloads"):
        st.dataframe(drawn, hide_index=True, width="stretch")
        cols = st.columns(3)
        cols[0].download_button("CSV", export.to_csv_bytes(drawn), f"{name}.csv", "text/csv", key=f"csv_{key}")
        if st.toggle("Prepare SVG and PNG", key=f"img_{key}"):
            text = str(sorted(spec.items()))
            digest = hashlib.sha256(text.encode()).hexdigest()
            cols[1].download_button(
                "SVG", _image(digest, "svg", chart), f"{name}.svg", "image/svg+xml", key=f"svg_{key}"
            )
            cols[2].download_button("PNG", _image(digest, "png", chart), f"{name}.png", "image/png", key=f"png_{key}")


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
