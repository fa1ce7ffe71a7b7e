"""Pure chart builders of the Trade page: rows from trade_rows in, `alt.Chart` out. No Streamlit here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from catalog import fuels, trade, units
from dashboard import style, trade_notes, trade_rows
from dashboard.charts import layered
from dashboard.i18n import Translator
from dashboard.style import COUNTRY_COLORS, source_line

# Korea's three fuels in the colours their fuel has everywhere on the dashboard (style.BY_FUEL).
FUEL_OF = {trade.LNG: fuels.GAS.id, trade.CRUDE: fuels.PETROLEUM.id, trade.COAL: fuels.COAL.id}
SUMMED = {trade_rows.OTHER: style.LIGHT_GREY, trade_rows.UNALLOCATED: style.PALE_GREY}


def worded(rows: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """Trade rows with their line names and units in `tr`'s language (the codes stay in their own columns)."""
    out = rows.assign(unit=rows["unit"].map(tr.unit)) if "unit" in rows else rows
    if "exporter" in rows:
        names = [route_name(tr, n, d) for n, d in zip(rows["name"], rows["destination_name"], strict=True)]
    elif "partner" in rows:
        names = [
            tr.t(p) if p in SUMMED else tr.partner(p, n)
            for p, n in zip(rows["partner"], rows["partner_name"], strict=True)
        ]
    else:
        names = [tr.commodity(c) for c in rows["commodity"]]
    return out.assign(name=names)


def route_name(tr: Translator, name: str, destination_name: str) -> str:
    """'Turkmenistan → China, reported by China' from a route's line name (trade_rows.routes) and Comtrade's
    English name of its destination."""
    exporter, destination, reporter = trade_rows.route_key(name)
    return tr.t(
        "{exporter} → {destination}, reported by {reporter}",
        exporter=tr.country(exporter),
        destination=tr.partner(destination, destination_name),
        reporter=tr.partner(reporter, reporter),
    )


def source_entry(flows_entry: dict, commodities: tuple[str, ...], title: str, last_year: int | None) -> dict:
    """What a chart's source line says of the flows: UN Comtrade, the HS codes drawn, the data's last year, and
    the retrieval date (the database states no release of its own)."""
    return {
        "source": trade.COMTRADE,
        "code": "HS " + ", ".join(commodities),
        "title": title,
        "last_year": last_year,
        "retrieved": trade_notes.retrieved(flows_entry),
    }


def _heading(tr: Translator, entry: dict, unit: str, *notes: str) -> alt.Title:
    return alt.Title(entry.get("title", ""), subtitle=[unit, *notes, source_line(tr, entry)])


def origins(rows: pd.DataFrame, entry: dict, *, tr: Translator) -> alt.LayerChart:
    """Korea's imports of one fuel by origin, stacked shares of its World row a year (rows: origin_shares)."""
    ordered = rows.drop_duplicates("partner").sort_values("order")
    others = iter(style.TRADE_PARTNERS)
    # A country the dashboard draws elsewhere keeps its colour (the five, Qatar, Australia, ...); others take the
    # next of a palette of their own.
    colors = [SUMMED.get(p) or COUNTRY_COLORS.get(p) or next(others, style.MID_GREY) for p in ordered["partner"]]
    scale = alt.Scale(domain=list(ordered["name"]), range=colors)
    base = alt.Chart().encode(
        x=alt.X("year:O", title=None),
        y=alt.Y(
            "value:Q", title=tr.unit(units.PCT_OF_IMPORTS_BY_WEIGHT), stack="zero", scale=alt.Scale(domain=[0, 100])
        ),
        color=alt.Color("name:N", title=None, scale=scale, sort=list(ordered["name"]), legend=alt.Legend(columns=3)),
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=[
            alt.Tooltip("name:N", title=tr.t("Origin")),
            alt.Tooltip("year:O", title=tr.t("Year")),
            alt.Tooltip("value:Q", format=".1f", title=tr.unit(units.PCT_OF_IMPORTS_BY_WEIGHT)),
            alt.Tooltip("weight_t:Q", format=",.0f", title=tr.unit(units.TONNES)),
            alt.Tooltip("value_usd:Q", format="$,.0f", title=tr.t("Value, US$")),
        ],
    )
    description = tr.t("Stacked bar chart of {title}, by origin and year.", title=entry.get("title"))
    unit = rows["unit"].iloc[0] if len(rows) else ""
    return layered(rows, [base.mark_bar()], title=_heading(tr, entry, unit), height=280, description=description)


def _lines(tr: Translator, *, y: alt.Y, color: alt.Color, name_title: str, dash: alt.StrokeDash | None = None) -> list:
    base = alt.Chart().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1)),
        y=y,
        color=color,
        tooltip=[
            alt.Tooltip("name:N", title=name_title),
            alt.Tooltip("year:Q", format="d", title=tr.t("Year")),
            alt.Tooltip("value:Q", format=",.4~g", title=tr.t("Value")),
            alt.Tooltip("unit:N", title=tr.t("Unit")),
        ],
    )
    if dash is not None:
        base = base.encode(strokeDash=dash)
    return [base.mark_line(invalid="break-paths-filter-domains"), base.mark_point(filled=True, size=18)]


def concentration(rows: pd.DataFrame, entry: dict, *, tr: Translator) -> alt.LayerChart:
    """Supplier concentration (HHI) of Korea's LNG, crude and coal imports over the years (rows: concentration)."""
    codes = [c for c in trade.KOREA_FUELS if c in set(rows["commodity"])]  # drawn ones only, in a fixed order
    scale = alt.Scale(domain=[tr.commodity(c) for c in codes], range=[style.BY_FUEL[FUEL_OF[c]][0] for c in codes])
    dashes = alt.Scale(domain=[tr.commodity(c) for c in codes], range=[style.BY_FUEL[FUEL_OF[c]][1] for c in codes])
    layers = _lines(
        tr,
        y=alt.Y("value:Q", title=tr.unit(units.HHI), scale=alt.Scale(zero=True)),
        color=alt.Color("name:N", title=None, scale=scale, legend=alt.Legend(columns=3, **style.LINE_LEGEND)),
        dash=alt.StrokeDash("name:N", title=None, scale=dashes, legend=alt.Legend(columns=3, **style.LINE_LEGEND)),
        name_title=tr.t("Fuel"),
    )
    meaning = tr.t("10,000: a single supplier; 2,500: four suppliers of equal shares")
    description = tr.t("Line chart of {title}.", title=entry.get("title"))
    heading = _heading(tr, entry, tr.unit(units.HHI), meaning)
    return layered(rows, layers, title=heading, height=240, description=description)


def gas_states(rows: pd.DataFrame, entry: dict, *, tr: Translator) -> alt.LayerChart:
    """Korea's gas imports as LNG and in the gaseous state, tonnes on a log scale (rows: gas_states)."""
    codes = [trade.LNG, trade.PIPELINE_GAS]
    scale = alt.Scale(
        domain=[tr.commodity(c) for c in codes], range=[style.BY_FUEL[fuels.GAS.id][0], style.REDDISH_PURPLE]
    )
    layers = _lines(
        tr,
        y=alt.Y("value:Q", title=tr.unit(units.TONNES), scale=alt.Scale(type="log")),
        color=alt.Color("name:N", title=None, scale=scale, legend=alt.Legend(columns=2)),
        name_title=tr.t("Fuel"),
    )
    description = tr.t("Line chart of {title}.", title=entry.get("title"))
    heading = _heading(tr, entry, tr.t("{unit}, logarithmic scale", unit=tr.unit(units.TONNES)))
    return layered(rows, layers, title=heading, height=240, description=description)


def routes(rows: pd.DataFrame, entry: dict, *, tr: Translator) -> alt.LayerChart:
    """The five states' exports by destination, each as the exporter and as the importer reports it (rows: routes).

    One colour a route, the same for both of its reports; a partner's (mirror) report dashed.
    """
    names = list(dict.fromkeys(rows["name"]))
    by_name = dict(zip(rows["name"], rows["report"], strict=True))
    route_of = dict(zip(rows["name"], rows["exporter"] + ">" + rows["destination"], strict=True))
    palette = list(dict.fromkeys(route_of[n] for n in names))
    colors = [style.ROUTES[palette.index(route_of[n]) % len(style.ROUTES)] for n in names]
    dashes = [[6, 3] if by_name[n] == trade_rows.MIRROR else [1, 0] for n in names]
    layers = _lines(
        tr,
        y=alt.Y("value:Q", title=tr.unit(units.MILLION_TONNES)),
        color=alt.Color(
            "name:N",
            title=None,
            scale=alt.Scale(domain=names, range=colors),
            legend=alt.Legend(columns=1, **style.LINE_LEGEND),
        ),
        dash=alt.StrokeDash(
            "name:N",
            title=None,
            scale=alt.Scale(domain=names, range=dashes),
            legend=alt.Legend(columns=1, **style.LINE_LEGEND),
        ),
        name_title=tr.t("Route"),
    )
    unit = rows["unit"].iloc[0] if len(rows) else ""
    description = tr.t("Line chart of {title}.", title=entry.get("title"))
    heading = _heading(
        tr, entry, unit, tr.t("Solid: the exporter's own report; dashed: the importer's (mirror) report")
    )
    return layered(rows, layers, title=heading, height=260, description=description)
