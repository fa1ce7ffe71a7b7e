"""Pure chart builders: tidy table (and a manifest entry) in, `alt.Chart` out. No Streamlit here.

Every builder draws exactly the rows a function of `chart_rows.py` returns, so a page can offer the same
numbers as a table and a CSV.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

import catalog
from catalog import fuels, units
from catalog.countries import CENTRAL_ASIA, CENTRAL_ASIA_COMBINED, COUNTRY_NAMES, KAZAKHSTAN, KOREA
from dashboard import chart_rows, layout, style
from dashboard.events import annotations, inline
from dashboard.i18n import Translator
from dashboard.style import AUTOSIZE, COUNTRY_COLORS, country_dashes, country_scale, needs_dashes, source_line

LINE_PADDING = 8  # px between a line's extreme and the plot's edge
OUTLIER_RATIO = 2.0  # a share's highest figure beyond this multiple of its third-highest does not set the axis


def worded(rows: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """Rows as chart_rows returns them (codes, English units) with their line names and units in `tr`'s language:
    what a chart draws and its table shows."""
    out = rows
    if "name" in rows:
        out = out.assign(name=rows["name"].map(lambda key: _line_name(tr, key)))
    if "unit" in rows:
        out = out.assign(unit=rows["unit"].map(lambda unit: unit_words(tr, unit)))
    return out


def _line_name(tr: Translator, key: object) -> object:
    """A line's name from its key: a country code, a fuel id, or an English label."""
    if not isinstance(key, str):
        return key
    if key in COUNTRY_NAMES:
        return tr.country(key)
    if key in fuels.BY_ID:
        return tr.fuel_label(fuels.BY_ID[key])
    return tr.t(key)


_CATALOG_UNITS = (
    {s.unit for s in catalog.CATALOG} | set(units.COMPUTED_ON_PAGE) | {u for _, u in units.PER_PERSON.values()}
)
_PER_PERSON_SUFFIX = chart_rows.PER_PERSON.format(unit="")


def unit_words(tr: Translator, unit: str) -> str:
    """A unit in `tr`'s language: the catalog's own, or one divided by population (chart_rows.per_capita)."""
    if unit not in _CATALOG_UNITS and unit.endswith(_PER_PERSON_SUFFIX):
        return tr.t(chart_rows.PER_PERSON, unit=tr.unit(unit.removesuffix(_PER_PERSON_SUFFIX)))
    return tr.unit(unit)


def _title(tr: Translator, entry: dict, extra: str | None = None, unit: str | None = None) -> alt.Title:
    """The series' title and, under it, the unit drawn (a share or per-person figure's own) and the source line."""
    text = tr.t("{title}, {extra}", title=entry.get("title", ""), extra=extra) if extra else entry.get("title", "")
    return alt.Title(text, subtitle=[unit or f"{entry.get('unit', '')}", source_line(tr, entry)])


def _describe(tr: Translator, kind: str, entry: dict, rows: pd.DataFrame) -> str:
    # No years here: a spec that names the selected years changes with them, and a changed spec makes the
    # browser build the chart anew instead of swapping its data in (see `events.annotations`).
    names = ", ".join(dict.fromkeys(rows["name"].dropna())) if "name" in rows else ""
    return tr.t(
        "{kind} of {title} ({unit}) for {names}.",
        kind=kind,
        title=entry.get("title"),
        unit=entry.get("unit"),
        names=names or tr.t("no country"),
    )


# Built for speed, since a new selection rebuilds every chart on its page: channels are typed objects (alt.X,
# alt.YValue, ...), because a shorthand string or a dict makes Altair search the whole Vega-Lite schema (~1.6 ms
# each); and a chart is one flat layer built in one call over top-level data, because every Altair `+`,
# `.properties()` or nested layer deep-copies the chart. Together these cut a line chart's build by two thirds.


def layered(
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
    tr: Translator,
    *,
    log: bool,
    y_title: str,
    color_field: str = "name",
    scale: alt.Scale | None = None,
    dash: alt.StrokeDash | None = None,
    name_title: str | None = None,
    legend_columns: int = 3,
    y_scale: alt.Scale | None = None,
) -> list[alt.Chart]:
    """Line and point layers over the layer chart's own data (they carry none).

    Legends of long labels (measures, fuels, the supply lines) take one column, so that a phone shows them
    whole in any language; country names fit three to a row.
    """
    # A few pixels of padding keep a line at the top of its range (dependence at 100%) clear of the event labels
    # above the plot.
    default = alt.Scale(type="log") if log else alt.Scale(zero=False, padding=LINE_PADDING)
    y = alt.Y("value:Q", title=y_title, scale=y_scale or default)
    base = alt.Chart().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")),
        y=y,
        color=alt.Color(
            f"{color_field}:N",
            title=None,
            scale=scale or country_scale(tr),
            legend=alt.Legend(columns=legend_columns, **(style.LINE_LEGEND if dash is not None else {})),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=name_title or tr.t("Country")),
            alt.Tooltip("year:Q", format="d", title=tr.t("Year")),
            alt.Tooltip("value:Q", format=",.4~g", title=tr.t("Value")),
            alt.Tooltip("unit:N", title=tr.t("Unit")),
        ],
    )
    if dash is not None:
        base = base.encode(strokeDash=dash)
    width = alt.StrokeWidthValue(2, condition={"test": f"datum.country === '{KOREA}'", "value": 3.5})
    line = base.mark_line(invalid="break-paths-filter-domains").encode(strokeWidth=width)
    return [line, base.mark_point(filled=True, size=18)]


def time_series(
    rows: pd.DataFrame, entry: dict, *, tr: Translator, years: tuple[int, int], events: bool = True, log: bool = False
) -> alt.LayerChart:
    """One series by country over the years (rows from drawn_rows or per_capita)."""
    unit = rows["unit"].iloc[0] if len(rows) else entry.get("unit", "")
    seam = bool(set(rows["country"]) & set(CENTRAL_ASIA))
    # The legend lists only the countries drawn: an entry without a line reads as a figure that is missing.
    drawn = list(dict.fromkeys(rows["country"]))
    scale = country_scale(tr, drawn)
    # Dashes only beside the peers, suppliers or the world: the default view's spec stays as it was.
    dash = (
        alt.StrokeDash(
            "name:N", title=None, scale=country_dashes(tr, drawn), legend=alt.Legend(columns=3, **style.LINE_LEGEND)
        )
        if needs_dashes(drawn)
        else None
    )
    layers = _lines(tr, log=log, y_title=unit, scale=scale, dash=dash)
    layers += annotations(tr, rows, years, events=events, seam_1992=seam)
    description = _describe(tr, tr.t("Line chart"), entry, rows)
    return layered(rows, layers, title=_title(tr, entry, unit=unit), height=260, description=description)


def dependence_two_measures(
    rows: pd.DataFrame, wb_entry: dict, eia_entry: dict, *, tr: Translator, years: tuple[int, int], events: bool = True
) -> alt.LayerChart:
    """Korea's net energy import dependence by two differently defined measures, side by side."""
    domain = [tr.t(label) for label in layout.TWO_MEASURES_LABELS]
    scale = alt.Scale(domain=domain, range=[c for c, _ in style.TWO_MEASURES])
    dashes = alt.Scale(domain=domain, range=[d for _, d in style.TWO_MEASURES])
    dash = alt.StrokeDash("name:N", title=None, scale=dashes, legend=alt.Legend(columns=1, **style.LINE_LEGEND))
    layers = _lines(
        tr,
        log=False,
        y_title=tr.t("% net imports"),
        scale=scale,
        dash=dash,
        name_title=tr.t("Measure"),
        legend_columns=1,
    )
    layers += annotations(tr, rows, years, events=events, seam_1992=False)
    title = alt.Title(
        tr.t("South Korea's net energy import dependence: two measures"),
        subtitle=[
            *(f"{tr.t(label)}: {tr.t(definition)}" for label, definition in layout.TWO_MEASURES_LABELS.items()),
            source_line(tr, wb_entry),
            source_line(tr, eia_entry),
        ],
    )
    description = tr.t(
        "Line chart of South Korea's net energy import dependence by two measures: the World Bank's "
        "energy imports, net, and the EIA-derived net import dependence for total energy."
    )
    return layered(rows, layers, title=title, height=260, description=description)


def dependence_by_fuel(
    rows: pd.DataFrame, *entries: dict, tr: Translator, years: tuple[int, int], events: bool = True
) -> alt.LayerChart:
    """Korea's net import dependence on each fuel and on all fossil fuels in one chart (rows from by_fuel_rows)."""
    labels = [tr.fuel_label(fuels.BY_ID[f]) for f in layout.BY_FUEL]
    colors = alt.Scale(domain=labels, range=[style.BY_FUEL[f][0] for f in layout.BY_FUEL])
    dashes = alt.Scale(domain=labels, range=[style.BY_FUEL[f][1] for f in layout.BY_FUEL])
    layers = _lines(
        tr,
        log=False,
        y_title=tr.unit(units.PCT_OF_CONSUMPTION),
        scale=colors,
        dash=alt.StrokeDash("name:N", title=None, scale=dashes, legend=alt.Legend(columns=2, **style.LINE_LEGEND)),
        name_title=tr.t("Fuel"),
        legend_columns=2,
    )
    layers += annotations(tr, rows, years, events=events, seam_1992=False)
    title = alt.Title(
        tr.t("South Korea's net import dependence by fuel"),
        subtitle=[
            tr.t("% of consumption in energy content: (consumption − production) / consumption"),
            *dict.fromkeys(source_line(tr, e) for e in entries),
        ],
    )
    description = tr.t(
        "Line chart of South Korea's net import dependence on petroleum, gas, coal and all fossil fuels."
    )
    return layered(rows, layers, title=title, height=260, description=description)


def ranking(rows: pd.DataFrame, entry: dict, *, tr: Translator, year: int) -> alt.Chart:
    """Horizontal bars ranking countries by one series in one year (rows: that year's rows)."""
    rows = rows.assign(name=rows["country"].map(tr.country))  # units were worded by charts.worded
    rows = rows.sort_values("value", ascending=False)
    chart = alt.Chart().encode(
        y=alt.Y("name:N", sort="-x", title=None),
        x=alt.X("value:Q", title=entry.get("unit")),
        tooltip=[
            alt.Tooltip("name:N", title=tr.t("Country")),
            alt.Tooltip("value:Q", format=",.4~g", title=tr.t("Value")),
            alt.Tooltip("unit:N", title=tr.t("Unit")),
        ],
    )
    bars = chart.mark_bar().encode(color=alt.Color("name:N", scale=country_scale(tr), legend=None))
    # Value labels take the theme's text colour: some country colours are too pale for text on white.
    # Three significant digits, never SI prefixes: "316m" would read as millions, not 0.316.
    labels = chart.mark_text(align="left", dx=3).encode(text=alt.Text("value:Q", format=",.3~r"))
    return layered(
        rows,
        [bars, labels],
        title=_title(tr, entry, tr.year(year)),
        height=34 * max(len(rows), 1),
        description=tr.t("Bar chart ranking countries by {title} in {year}.", title=entry.get("title"), year=year),
    )


def supply_demand(
    rows: pd.DataFrame, entry: dict, *, tr: Translator, years: tuple[int, int], events: bool = True
) -> alt.LayerChart:
    """Korea's net imports beside the chosen exporters' combined net exports, same unit."""
    scale = alt.Scale(
        domain=[tr.t(chart_rows.KOREA_NET_IMPORTS), tr.t(chart_rows.EXPORTERS_NET_EXPORTS)],
        range=[COUNTRY_COLORS[KOREA], COUNTRY_COLORS[KAZAKHSTAN]],
    )
    layers = _lines(tr, log=False, y_title=entry.get("unit", ""), scale=scale, legend_columns=1)
    layers += annotations(tr, rows, years, events=events, seam_1992=True)
    title = alt.Title(
        tr.t("Korea's needs and Central Asia's surplus: {what}", what=supply_subject(tr, entry)),
        subtitle=[entry.get("unit", ""), source_line(tr, entry)],
    )
    return layered(rows, layers, title=title, height=260, description=_describe(tr, tr.t("Line chart"), entry, rows))


def suppliers(
    rows: pd.DataFrame, *entries: dict, tr: Translator, years: tuple[int, int], events: bool = True, title: str = ""
) -> alt.LayerChart:
    """The five combined and each supplier as shares of the world (rows from chart_rows.supplier_rows)."""
    drawn = list(dict.fromkeys(rows["country"]))
    dash = alt.StrokeDash(
        "name:N", title=None, scale=country_dashes(tr, drawn), legend=alt.Legend(columns=3, **style.LINE_LEGEND)
    )
    unit = rows["unit"].iloc[0] if len(rows) else ""
    layers = _lines(tr, log=False, y_title=unit, scale=country_scale(tr, drawn), dash=dash)
    layers += annotations(tr, rows, years, events=events, seam_1992=True)
    heading = alt.Title(title, subtitle=[unit, *dict.fromkeys(source_line(tr, e) for e in entries)])
    return layered(
        rows,
        layers,
        title=heading,
        height=260,
        description=_describe(tr, tr.t("Line chart"), {"title": title, "unit": unit}, rows),
    )


def supply_subject(tr: Translator, entry: dict) -> str:
    """What a net-exports series is of, from its fuel record: 'dry natural gas', 'coal, energy content'."""
    fuel = fuels.BY_ID.get(entry.get("fuel", ""))
    if fuel is None:
        return entry.get("title", "").split(", ")[-1]
    name = tr.fuel_name(fuel)
    if entry.get("measure") == fuels.ENERGY and fuel.physical is not None:
        return tr.t("{fuel}, energy content", fuel=name)
    return name


def axis_cap(values: pd.Series) -> float | None:
    """Where a share's axis stops so that one or two outlying years do not flatten the rest: a little above the
    third-highest figure, when the highest is more than twice it (gas in 1992-1993: 1,062% and 876%, against
    100-400% since); None when nothing outlies."""
    known = values.dropna().sort_values(ascending=False)
    # Ten figures at least: in a short series two high years are no outliers but half of what there is.
    if len(known) < 10 or known.iloc[2] <= 0 or known.iloc[0] <= OUTLIER_RATIO * known.iloc[2]:
        return None
    cap = max(150.0, float(known.iloc[2]) * 1.1)
    return cap if known.iloc[0] > cap else None


def coverage(
    rows: pd.DataFrame, entry: dict, *, tr: Translator, years: tuple[int, int], events: bool = True
) -> alt.LayerChart:
    """The coverage share over time, with a 100% rule (the exporters' surplus equals Korea's needs); an outlying
    year is drawn at the top edge and named there with its figure, instead of setting the scale."""
    scale = alt.Scale(domain=[tr.t(chart_rows.EXPORTERS_OVER_KOREA)], range=[COUNTRY_COLORS[CENTRAL_ASIA_COMBINED]])
    label = tr.t("{share}: surplus equals Korea's net imports", share=tr.pct(100, ".0f"))
    full = inline(pd.DataFrame({"value": [100.0], "label": [label]}))
    hundred = (
        alt.Chart(full)
        .mark_rule(color=style.VERMILLION, strokeDash=[4, 2])
        .encode(y=alt.Y("value:Q"), tooltip=[alt.Tooltip("label:N")])
    )
    cap = axis_cap(rows["value"])
    y_scale = alt.Scale(zero=False, padding=LINE_PADDING, domainMax=cap, clamp=True) if cap else None
    layers = [
        *_lines(tr, log=False, y_title=tr.unit(units.PCT_OF_KOREA_NET_IMPORTS), scale=scale, y_scale=y_scale),
        hundred,
    ]
    if cap:
        over = rows[rows["value"] > cap]
        label = tr.t(
            "▲ above the axis: {points}",
            points=", ".join(
                tr.t("{year}: {share}", year=int(y), share=tr.pct(float(v), ",.0f"))
                for y, v in zip(over["year"], over["value"], strict=True)
            ),
        )
        marker = pd.DataFrame({"year": [int(over["year"].min())], "value": [cap], "label": [label]})
        layers.append(
            alt.Chart(inline(marker))
            .mark_text(align="left", baseline="top", dx=6, dy=2, fontSize=11, color=style.VERMILLION)
            .encode(x=alt.X("year:Q"), y=alt.Y("value:Q"), text=alt.Text("label:N"))
        )
    layers += annotations(tr, rows, years, events=events, seam_1992=False)
    title = alt.Title(entry.get("title", ""), subtitle=[entry.get("unit", ""), source_line(tr, entry)])
    return layered(rows, layers, title=title, height=240, description=_describe(tr, tr.t("Line chart"), entry, rows))
