"""What line charts mark on their time axis: Korea–Central Asia cooperation events and data seams."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.i18n import N_, Translator
from dashboard.style import MID_GREY

FIRST_OWN_FIGURES = 1992  # the Central Asian states' own statistics begin after independence (1991)
# (year as a decimal, label, short label drawn on the chart): from the Korea–Central Asia cooperation texts.
EVENTS = (
    (1992.0, N_("1992: diplomatic ties"), N_("1992 ties")),
    (2007.0, N_("2007: 1st Korea–Central Asia Cooperation Forum"), N_("2007 1st Forum")),
    (2013.79, N_("Oct 2013: Eurasia Initiative"), N_("2013 Eurasia")),
    (2022.82, N_("25 Oct 2022: 15th Forum, Busan"), N_("2022 Busan")),
)
SEAM = (N_("1992: Central Asian figures begin"), N_("1992 figures begin"))
SEAM_SUFFIX = (N_(" · Central Asian figures begin"), N_(" · figures begin"))
ROW_PX = 11  # labels take turns on ROWS rows above the plot, so neighbours never overlap
ROWS = 3


def inline(frame: pd.DataFrame) -> alt.InlineData:
    """A small fixed table (annotations, reference lines) as inline values: no pandas round trip on export."""
    return alt.InlineData(values=frame.to_dict("records"))


def shown_years(rows: pd.DataFrame, years: tuple[int, int]) -> tuple[int, int]:
    """The selected range narrowed to the years that have figures, so annotations never stretch the axis."""
    known = rows.dropna(subset=["value"])
    if known.empty:
        return years
    return max(years[0], int(known["year"].min())), min(years[1], int(known["year"].max()))


def annotations(
    tr: Translator, rows: pd.DataFrame, years: tuple[int, int], *, events: bool, seam_1992: bool
) -> list[alt.Chart]:
    """Rules with short labels for the cooperation events and the 1992 seam inside the years `rows` show.

    The layers are there even when they have no rows: Streamlit's browser side swaps a chart's data in place
    when only its data changed, and builds the chart anew (a quarter of a change's rendering on a five-chart
    page) when its spec changed. So a new selection changes these layers' data, never the layers.
    """
    years = shown_years(rows, years)
    marks = [
        (y, tr.t(label), tr.t(short), "event") for y, label, short in EVENTS if events and years[0] <= y <= years[1]
    ]
    seam = seam_1992 and years[0] < FIRST_OWN_FIGURES <= years[1]
    if seam and not (events and years[0] <= 1992):
        marks.insert(0, (FIRST_OWN_FIGURES, tr.t(SEAM[0]), tr.t(SEAM[1]), "seam"))
    elif seam:
        marks = [
            (y, label + tr.t(SEAM_SUFFIX[0]), short + tr.t(SEAM_SUFFIX[1]), kind)
            if y == 1992
            else (y, label, short, kind)
            for y, label, short, kind in marks
        ]
    frame = pd.DataFrame(marks, columns=["year", "label", "short", "kind"])
    # Short labels sit above the plot, never over the lines; a label in the right half of the years hangs to
    # the left of its rule, so it stays inside the chart at a phone's width. The full label is the tooltip.
    middle = (years[0] + years[1]) / 2
    frame = frame.assign(
        side=["right" if y > middle else "left" for y in frame["year"]],
        row=[i % ROWS for i in range(len(frame))],
    )
    # Built in one call each, with typed parts: every chained Altair method (mark_*, encode, transform_*) copies
    # the whole chart, which made these layers a third of a five-chart page's rerun.
    data, x, tooltip = inline(frame), alt.X("year:Q"), [alt.Tooltip("label:N")]
    rule = alt.Chart(
        data=data,
        mark=alt.MarkDef(type="rule", strokeDash=[3, 3], color=MID_GREY, opacity=0.8),
        encoding=alt.FacetedEncoding(x=x, tooltip=tooltip),
    )
    text = alt.FacetedEncoding(x=x, y=alt.Y("y:Q", scale=None), text=alt.Text("short:N"), tooltip=tooltip)
    texts = [
        alt.Chart(
            data=data,
            mark=alt.MarkDef(
                type="text", align=side, baseline="bottom", dx=-3 if side == "right" else 3, fontSize=9, color=MID_GREY
            ),
            encoding=text,
            transform=[
                alt.FilterTransform(filter=f"datum.side === '{side}'"),
                alt.CalculateTransform(calculate=f"-2 - {ROW_PX} * datum.row", **{"as": "y"}),
            ],
        )
        for side in ("left", "right")
    ]
    return [rule, *texts]
