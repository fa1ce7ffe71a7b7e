"""Shared page pieces: a chart with its source caption, table view and downloads; the freshness banner."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard import brief, charts, cite, controls, export, i18n, maps, trade_charts
from dashboard.style import is_source_line, plain

# Columns beyond which a table is wider than a phone's screen: the grid scrolls sideways there, but a phone shows
# no scroll bar until it is touched, so the page says so.
WIDE_TABLE = 4
BRIEF_CHARTS, BRIEF_FINDINGS = "_brief_charts", "_brief_findings"  # this rerun's, in the session's state
STALE_AFTER_DAYS = 548  # WDI and EIA international statistics are updated at least yearly; 18 months is late


BUILDERS: dict[str, Callable[..., alt.TopLevelMixin]] = {
    f.__name__: f
    for f in (
        charts.time_series,
        charts.dependence_two_measures,
        charts.dependence_by_fuel,
        charts.ranking,
        charts.supply_demand,
        charts.coverage,
        charts.suppliers,
        maps.region_map,
        trade_charts.origins,
        trade_charts.concentration,
        trade_charts.gas_states,
        trade_charts.routes,
    )
}


@dataclass(frozen=True)
class Spec:
    """A chart's Vega-Lite spec (data inline, for exports), the spec the browser is sent, and its source lines."""

    vega: dict
    wire: dict
    sources: tuple[str, ...] = ()  # shown as text under the chart on the page


def _arrow(records: list[dict]) -> bytes:
    """Records as Arrow IPC stream bytes: the form Streamlit sends chart data in."""
    table = pa.Table.from_pandas(pd.DataFrame.from_records(records))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _tabular(dataset: Any) -> bool:
    """A list of flat records (not GeoJSON features, which Streamlit leaves in the spec)."""
    return isinstance(dataset, list) and all(
        isinstance(r, dict) and not any(isinstance(v, dict | list) for v in r.values()) for r in dataset
    )


def fingerprint(rows: pd.DataFrame, entries: Sequence[dict], options: dict) -> str:
    """What a chart's spec depends on, in one short string: cheap to hash on every rerun.

    Streamlit's own hashing of the rows and the manifest entries walked every value in Python and took
    half of a five-chart page's rerun.
    """
    digest = hashlib.blake2b(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes(), digest_size=16)
    digest.update(json.dumps([list(rows.columns), list(entries), options], sort_keys=True, default=str).encode())
    return digest.hexdigest()


# cache_resource hands every viewer the same object instead of unpickling a copy per chart per rerun;
# Streamlit copies a spec before it changes anything in it, and so do we.
@st.cache_resource(max_entries=512, show_spinner=False)
def spec(
    builder: str, key: str, _rows: pd.DataFrame, _entries: tuple[dict, ...], _options: dict, lang: str = i18n.SOURCE
) -> Spec:
    """The chart's spec, built once per distinct input (`key`, its fingerprint) and shared by every viewer.

    Not validated here: every builder's spec is validated against the Vega-Lite schema in the unit tests
    (tests/dashboard/test_charts.py, test_maps.py), and validation would cost a third of a rerun. The
    wire form carries its data as Arrow bytes, which Streamlit passes on as they are instead of converting
    the records again on every rerun.
    """
    tr = i18n.translator(lang)
    vega = BUILDERS[builder](_rows, *_entries, tr=tr, **_options).to_dict(validate=False)
    locale = tr.vega_locale()
    if locale:  # axes, value labels and tooltips write numbers the language's way (d3-format)
        vega["config"] = {**vega.get("config", {}), "locale": locale}
    datasets = {name: _arrow(d) if _tabular(d) else d for name, d in vega.get("datasets", {}).items()}
    wire = {**vega, "datasets": datasets} if datasets else dict(vega)
    # The page shows the source lines as text under the chart, where they wrap at any width (a chart's title
    # is cut at the chart's width: a phone would lose the release); exports keep them in the subtitle.
    title = vega.get("title")
    subtitle = title.get("subtitle", []) if isinstance(title, dict) else []
    sources = tuple(line for line in subtitle if is_source_line(tr, line))
    if sources:
        wire["title"] = {**title, "subtitle": [line for line in subtitle if line not in sources]}
    return Spec(vega, wire, sources)


def chart(
    builder: Callable[..., alt.TopLevelMixin],
    rows: pd.DataFrame,
    entries: Sequence[dict],
    *,
    key: str,
    tr: i18n.Translator,
    words: Callable[[pd.DataFrame, i18n.Translator], pd.DataFrame] = charts.worded,
    hidden: Sequence[str] = (),
    embed: bool = False,
    **options: Any,
) -> None:
    """Draw `builder(rows, *entries, tr=tr, **options)`, its source lines, a table of the drawn numbers, and
    downloads; the rows (codes and English units, as chart_rows returns them) are worded in `tr`'s language first
    by `words`. The table leaves out the `hidden` columns (what only the chart needs: a stacking order). `embed`
    draws the chart and its source lines alone (views/embed.py)."""
    if rows["value"].notna().sum() == 0:
        title = entries[0].get("title") or tr.t("this series")
        st.info(tr.t("No figures of {title} for the selected countries and years.", title=title))
        return
    rows = words(rows, tr)
    digest = fingerprint(rows, entries, options)
    built = spec(builder.__name__, digest, rows, tuple(entries), options, lang=tr.lang)
    # The spec's `description` is the accessible name Streamlit gives the chart.
    st.vega_lite_chart(built.wire, key=f"chart_{key}", width="stretch")
    if not embed:  # what this rerun drew, for the page's brief (made only if a reader asks for it)
        st.session_state.setdefault(BRIEF_CHARTS, []).append((built.vega, built.sources))
    st.caption("  \n".join(plain(line) for line in built.sources))  # they quote the manifest: plain text
    if embed:  # another site's frame: the chart and its source line, nothing to open
        return
    # Built only once a viewer opens it: a closed table still cost every rerun its rows and every browser
    # a grid to lay out (a sixth of a change's rendering on a five-chart page). The citation is in the same
    # expander: each element under a chart costs every rerun its rendering.
    with st.expander(tr.t("Table, downloads and citation"), key=f"table_{key}", on_change="rerun") as table:
        if table.open:
            # Every row drawn, a year without a figure inside a line included ("no data"), without what only the
            # chart needs.
            table_and_downloads(tr, rows.drop(columns=list(hidden)), built.vega, key)
            heading = built.vega.get("title", {})
            st.markdown("**" + tr.t("Cite this chart") + "**")
            citation_block(tr, heading.get("text", "") if isinstance(heading, dict) else str(heading), entries)


def citation_block(tr: i18n.Translator, title: str, entries: Sequence[dict]) -> None:
    """The view's citation as plain text and as BibTeX, each with Streamlit's copy button."""
    cited = cite.citation(tr, title, cite.sources(tr, entries), controls.view_url(), datetime.now(UTC).date())
    st.code(cited.text, language=None, wrap_lines=True)
    st.code(cited.bibtex, language="latex", wrap_lines=True)


def start_brief() -> None:
    """Forget the last rerun's charts and findings: a page's brief holds what this rerun draws."""
    st.session_state[BRIEF_CHARTS], st.session_state[BRIEF_FINDINGS] = [], []


def brief_findings(lines: Sequence[str]) -> None:
    """The page's key findings, as it words them, for its brief."""
    st.session_state[BRIEF_FINDINGS] = list(lines)


def page_tools(tr: i18n.Translator, title: str, manifest: dict, flows: bool) -> None:
    """In the sidebar, built only when opened: the page's citation (every source the cache holds, UN Comtrade
    where shown) and "Download brief (PDF)". The brief's words, language and charts are taken then; the PDF is made
    on click, in the thread Streamlit runs a download's callable in, never on a rerun that does not ask for it."""
    with st.sidebar.expander(tr.t("Cite this page, or take it as a PDF"), key="cite_page", on_change="rerun") as box:
        if not box.open:
            return
        today = datetime.now(UTC).date()
        url = controls.view_url()
        cited = cite.citation(tr, title, cite.sources(tr, cite.held(manifest, flows)), url, today)
        made = brief.Brief(
            lang=tr.lang,
            title=title,
            site=tr.t(cite.SITE),
            accessed=tr.t("Accessed {date}", date=today.isoformat()),
            findings_heading=tr.t("Key findings"),
            findings=tuple(st.session_state.get(BRIEF_FINDINGS, ())),
            cite_heading=tr.t("How to cite"),
            citation=cited.text,
            url=url,
            charts=tuple(st.session_state.get(BRIEF_CHARTS, ())),
        )
        st.download_button(
            tr.t("Download brief (PDF)"),
            lambda: brief.pdf(made),
            f"{export.safe_filename(title)}-{today.isoformat()}.pdf",
            "application/pdf",
            key="brief_pdf",
            on_click="ignore",
        )
        st.code(cited.text, language=None, wrap_lines=True)
        st.code(cited.bibtex, language="latex", wrap_lines=True)


def table_and_downloads(tr: i18n.Translator, drawn: pd.DataFrame, vega: dict, key: str) -> None:
    """The drawn numbers as a table (names, rounded figures, "no data" for a gap), and CSV (full figures), SVG and
    PNG downloads named after the chart's title."""
    title = vega.get("title", {})
    name = export.safe_filename(title.get("text", key) if isinstance(title, dict) else str(title))
    full = export.headed(tr, export.for_reader(drawn))
    if len(full.columns) > WIDE_TABLE:
        st.caption(tr.t("The table scrolls sideways: swipe or scroll it to see every column."))
    st.dataframe(export.headed(tr, export.shown(tr, export.for_reader(drawn))), hide_index=True, width="stretch")
    downloads(
        name,
        key,
        csv=lambda: export.to_csv_bytes(full),
        svg=lambda: export.chart_svg(vega),
        png=lambda: export.chart_png(vega),
    )


def downloads(name: str, key: str, **files: Callable[[], bytes]) -> None:
    """Download buttons side by side; each file is made only when its button is clicked, and no rerun follows."""
    mime = {"csv": "text/csv", "svg": "image/svg+xml", "png": "image/png"}
    for column, (kind, make) in zip(st.columns(len(files)), files.items(), strict=True):
        column.download_button(kind.upper(), make, f"{name}.{kind}", mime[kind], key=f"{kind}_{key}", on_click="ignore")


def staleness(tr: i18n.Translator, entry: dict, today: date) -> str | None:
    """A note when a series is older than its source's usual cadence, naming which date was measured."""
    stated = entry.get("last_updated")
    stamp = stated or (entry.get("fetched_at") or "")[:10]
    try:
        age = (today - date.fromisoformat(stamp)).days
    except ValueError:
        return None
    if age <= STALE_AFTER_DAYS:
        return None
    if stated:
        return tr.t(
            "{title}: the source last updated these figures {months} months ago ({date}).",
            title=entry.get("title"),
            months=age // 30,
            date=stamp,
        )
    return tr.t(
        "{title}: these figures were fetched {months} months ago ({date}); "
        "the source states no release date, so newer figures may exist.",
        title=entry.get("title"),
        months=age // 30,
        date=stamp,
    )


def banner(tr: i18n.Translator, entries: Sequence[dict], today: date | None = None) -> None:
    """Warn when a series on this page failed its last refresh or is older than its source's usual cadence."""
    today = today or datetime.now(UTC).date()
    for entry in entries:
        if entry.get("status") not in (None, "ok"):
            st.warning(
                tr.t(
                    "{title}: the last refresh did not succeed ({status}); showing the last good figures, to {year}.",
                    title=entry.get("title"),
                    status=entry.get("status"),
                    year=entry.get("last_year"),
                ),
                icon="⚠️",
            )
        note = staleness(tr, entry, today)
        if note:
            st.info(note, icon="🕰️")
