"""Pure chart builders: tidy table (and a manifest entry) in, `alt.Chart` out. No Streamlit here.

Every builder draws exactly the rows a function of `chart_rows.py` returns, so a page can offer the same
numbers as a table and a CSV.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cache import fuels
from cache.schema import CENTRAL_ASIA, KOREA
from dashboard import i18n, layout
from dashboard.events import annotations, inline
from dashboard.i18n import t
from dashboard.style import AUTOSIZE, COUNTRY_COLORS, country_dashes, country_scale, needs_dashes, source_line


def _title(entry: dict, extra: str | None = None, unit: str | None = None) -> alt.Title:
    """The series' title and, under it, the unit drawn (a share or per-person figure's own) and the source line."""
    text = t("{title}, {extra}", title=entry.get("title", ""), extra=extra) if extra else entry.get("title", "")
    return alt.Title(text, subtitle=[unit or f"{entry.get('unit', '')}", source_line(entry)])


def _describe(kind: str, entry: dict, rows: pd.DataFrame) -> str:
    # No years here: a spec that names the selected years changes with them, and a changed spec makes the
    # browser build the chart anew instead of swapping its data in (see `events.annotations`).
    names = ", ".join(dict.fromkeys(rows["name"].dropna())) if "name" in rows else ""
    return t(
        "{kind} of {title} ({unit}) for {names}.",
        kind=kind,
        title=entry.get("title"),
        unit=entry.get("unit"),
        names=names or t("no country"),
    )


# Built for speed, since a new selection rebuilds every chart on its page: channels are typed objects (alt.X,
# alt.YValue, ...), because a shorthand string or a dict makes Altair search the whole Vega-Lite schema (~1.6 ms
# each); and a chart is one flat layer built in one call over top-level data, because every Altair `+`,
# `.properties()` or nested layer deep-copies the chart. Together these cut a line chart's build by two thirds.


def _layered(
    rows: pd.DataFrame, layers: list[alt.Chart], *, title: alt.Title, height: int, description: str
) -> alt.LayerChart:
    """One flat layer chart over `rows`, the plot `height` px high and as wide as its container."""
    return alt.LayerChart(
        data=rows,
        layer=layers,
        title=title,
        width="container",
        height=height,
        autosize=AUTOSIZE,
        description=description,
    )


def _lines(
    *,
    log: bool,
    y_title: str,
    color_field: str = "name",
    scale: alt.Scale | None = None,
    dash: alt.StrokeDash | None = None,
    name_title: str | None = None,
    legend_columns: int = 3,
) -> list[alt.Chart]:
    """Line and point layers over the layer chart's own data (they carry none).

    Legends of long labels (measures, fuels, the supply lines) take one column, so that a phone shows them
    whole in any language; country names fit three to a row.
    """
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(type="log") if log else alt.Scale(zero=False))
    base = alt.Chart().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")),
        y=y,
        color=alt.Color(
            f"{color_field}:N", title=None, scale=scale or country_scale(), legend=alt.Legend(columns=legend_columns)
        ),
        tooltip=[
            alt.Tooltip("name:N", title=name_title or t("Country")),
            alt.Tooltip("year:Q", format="d", title=t("Year")),
            alt.Tooltip("value:Q", format=",.4~g", title=t("Value")),
            alt.Tooltip("unit:N", title=t("Unit")),
        ],
    )
    if dash is not None:
        base = base.encode(strokeDash=dash)
    width = alt.StrokeWidthValue(2, condition={"test": f"datum.country === '{KOREA}'", "value": 3.5})
    line = base.mark_line(invalid="break-paths-filter-domains").encode(strokeWidth=width)
    return [line, base.mark_point(filled=True, size=18)]


def time_series(
    rows: pd.DataFrame, entry: dict, *, years: tuple[int, int], events: bool = True, log: bool = False
) -> alt.LayerChart:
    """One series by country over the years (rows from drawn_rows or per_capita)."""
    unit = rows["unit"].iloc[0] if len(rows) else entry.get("unit", "")
    seam = bool(set(rows["country"]) & set(CENTRAL_ASIA))
    # The legend lists only the countries drawn: an entry without a line reads as a figure that is missing.
    drawn = list(dict.fromkeys(rows["country"]))
    scale = country_scale(drawn)
    # Dashes only beside the peers, suppliers or the world: the default view's spec stays as it was.
    dash = (
        alt.StrokeDash("name:N", title=None, scale=country_dashes(drawn), legend=alt.Legend(columns=3))
        if needs_dashes(drawn)
        else None
    )
    layers = _lines(log=log, y_title=unit, scale=scale, dash=dash)
    layers += annotations(rows, years, events=events, seam_1992=seam)
    description = _describe(t("Line chart"), entry, rows)
    return _layered(rows, layers, title=_title(entry, unit=unit), height=260, description=description)


def dependence_two_measures(
    rows: pd.DataFrame, wb_entry: dict, eia_entry: dict, *, years: tuple[int, int], events: bool = True
) -> alt.LayerChart:
    """Korea's net energy import dependence by two differently defined measures, side by side."""
    domain = [t(label) for label in layout.TWO_MEASURES_STYLE]
    scale = alt.Scale(domain=domain, range=[c for c, _, _ in layout.TWO_MEASURES_STYLE.values()])
    dashes = alt.Scale(domain=domain, range=[d for _, d, _ in layout.TWO_MEASURES_STYLE.values()])
    dash = alt.StrokeDash("name:N", title=None, scale=dashes, legend=alt.Legend(columns=1))
    layers = _lines(
        log=False, y_title=t("% net imports"), scale=scale, dash=dash, name_title=t("Measure"), legend_columns=1
    )
    layers += annotations(rows, years, events=events, seam_1992=False)
    title = alt.Title(
        t("South Korea's net energy import dependence: two measures"),
        subtitle=[
            *(f"{t(label)}: {t(definition)}" for label, (_, _, definition) in layout.TWO_MEASURES_STYLE.items()),
            source_line(wb_entry),
            source_line(eia_entry),
        ],
    )
    description = t(
        "Line chart of South Korea's net energy import dependence by two measures: the World Bank's "
        "energy imports, net, and the EIA-derived net import dependence for total energy."
    )
    return _layered(rows, layers, title=title, height=260, description=description)


def dependence_by_fuel(
    rows: pd.DataFrame, *entries: dict, years: tuple[int, int], events: bool = True
) -> alt.LayerChart:
    """Korea's net import dependence on each fuel and on all fossil fuels in one chart (rows from by_fuel_rows)."""
    labels = [i18n.fuel_label(fuels.BY_ID[f]) for f in layout.BY_FUEL]
    colors = alt.Scale(domain=labels, range=[layout.BY_FUEL_STYLE[f][0] for f in layout.BY_FUEL])
    dashes = alt.Scale(domain=labels, range=[layout.BY_FUEL_STYLE[f][1] for f in layout.BY_FUEL])
    layers = _lines(
        log=False,
        y_title=i18n.unit("% of consumption"),
        scale=colors,
        dash=alt.StrokeDash("name:N", title=None, scale=dashes, legend=alt.Legend(columns=2)),
        name_title=t("Fuel"),
        legend_columns=2,
    )
    layers += annotations(rows, years, events=events, seam_1992=False)
    title = alt.Title(
        t("South Korea's net import dependence by fuel"),
        subtitle=[
            t("% of consumption in energy content: (consumption − production) / consumption"),
            *dict.fromkeys(source_line(e) for e in entries),
        ],
    )
    description = t("Line chart of South Korea's net import dependence on petroleum, gas, coal and all fossil fuels.")
    return _layered(rows, layers, title=title, height=260, description=description)


def ranking(rows: pd.DataFrame, entry: dict, *, year: int) -> alt.Chart:
    """Horizontal bars ranking countries by one series in one year (rows: that year's rows)."""
    rows = rows.assign(name=rows["country"].map(i18n.country), unit=rows["unit"].map(i18n.unit))
    rows = rows.sort_values("value", ascending=False)
    chart = alt.Chart().encode(
        y=alt.Y("name:N", sort="-x", title=None),
        x=alt.X("value:Q", title=entry.get("unit")),
        tooltip=[
            alt.Tooltip("name:N", title=t("Country")),
            alt.Tooltip("value:Q", format=",.4~g", title=t("Value")),
            alt.Tooltip("unit:N", title=t("Unit")),
        ],
    )
    bars = chart.mark_bar().encode(color=alt.Color("name:N", scale=country_scale(), legend=None))
    # Value labels take the theme's text colour: some country colours are too pale for text on white.
    # Three significant digits, never SI prefixes: "316m" would read as millions, not 0.316.
    labels = chart.mark_text(align="left", dx=3).encode(text=alt.Text("value:Q", format=",.3~r"))
    return _layered(
        rows,
        [bars, labels],
        title=_title(entry, i18n.year(year)),
        height=34 * max(len(rows), 1),
        description=t("Bar chart ranking countries by {title} in {year}.", title=entry.get("title"), year=year),
    )


def supply_demand(rows: pd.DataFrame, entry: dict, *, years: tuple[int, int], events: bool = True) -> alt.LayerChart:
    """Korea's net imports beside the chosen exporters' combined net exports, same unit."""
    scale = alt.Scale(
        domain=[t("South Korea: net imports"), t("Chosen exporters: combined net exports")],
        range=[COUNTRY_COLORS[KOREA], COUNTRY_COLORS["KAZ"]],
    )
    layers = _lines(log=False, y_title=entry.get("unit", ""), scale=scale, legend_columns=1)
    layers += annotations(rows, years, events=events, seam_1992=True)
    title = alt.Title(
        t("Korea's needs and Central Asia's surplus: {what}", what=supply_subject(entry)),
        subtitle=[entry.get("unit", ""), source_line(entry)],
    )
    return _layered(rows, layers, title=title, height=260, description=_describe(t("Line chart"), entry, rows))


def suppliers(
    rows: pd.DataFrame, *entries: dict, years: tuple[int, int], events: bool = True, title: str = ""
) -> alt.LayerChart:
    """The five combined and each supplier as shares of the world (rows from chart_rows.supplier_rows)."""
    drawn = list(dict.fromkeys(rows["country"]))
    dash = alt.StrokeDash("name:N", title=None, scale=country_dashes(drawn), legend=alt.Legend(columns=3))
    unit = rows["unit"].iloc[0] if len(rows) else ""
    layers = _lines(log=False, y_title=unit, scale=country_scale(drawn), dash=dash)
    layers += annotations(rows, years, events=events, seam_1992=True)
    heading = alt.Title(title, subtitle=[unit, *dict.fromkeys(source_line(e) for e in entries)])
    return _layered(
        rows,
        layers,
        title=heading,
        height=260,
        description=_describe(t("Line chart"), {"title": title, "unit": unit}, rows),
    )


def supply_subject(entry: dict) -> str:
    """What a net-exports series is of, from its fuel record: 'dry natural gas', 'coal, energy content'."""
    fuel = fuels.BY_ID.get(entry.get("fuel", ""))
    if fuel is None:
        return entry.get("title", "").split(", ")[-1]
    name = i18n.fuel_name(fuel)
    if entry.get("measure") == fuels.ENERGY and fuel.physical is not None:
        return t("{fuel}, energy content", fuel=name)
    return name


def coverage(rows: pd.DataFrame, entry: dict, *, years: tuple[int, int], events: bool = True) -> alt.LayerChart:
    """The coverage share over time, with a 100% rule (the exporters' surplus equals Korea's needs)."""
    scale = alt.Scale(domain=[t("Chosen exporters / Korea")], range=[COUNTRY_COLORS["CA5"]])
    label = t("{share}: surplus equals Korea's net imports", share=i18n.pct(100, ".0f"))
    full = inline(pd.DataFrame({"value": [100.0], "label": [label]}))
    hundred = (
        alt.Chart(full)
        .mark_rule(color="#D55E00", strokeDash=[4, 2])
        .encode(y=alt.Y("value:Q"), tooltip=[alt.Tooltip("label:N")])
    )
    layers = [*_lines(log=False, y_title=i18n.unit("% of Korea's net imports"), scale=scale), hundred]
    layers += annotations(rows, years, events=events, seam_1992=False)
    title = alt.Title(entry.get("title", ""), subtitle=[entry.get("unit", ""), source_line(entry)])
    return _layered(rows, layers, title=title, height=240, description=_describe(t("Line chart"), entry, rows))
