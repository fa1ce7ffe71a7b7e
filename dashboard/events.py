"""What line charts mark on their time axis: Korea–Central Asia cooperation events and data seams."""

from __future__ import annotations

import altair as alt
import pandas as pd

FIRST_OWN_FIGURES = 1992  # the Central Asian states' own statistics begin after independence (1991)
# (year as a decimal, label): from the Korea–Central Asia cooperation texts.
EVENTS = (
    (1992.0, "1992: diplomatic ties"),
    (2007.0, "2007: 1st Korea–Central Asia Cooperation Forum"),
    (2013.79, "Oct 2013: Eurasia Initiative"),
    (2022.82, "25 Oct 2022: 15th Forum, Busan"),
)


def inline(frame: pd.DataFrame) -> alt.InlineData:
    """A small fixed table (annotations, reference lines) as inline values: no pandas round trip on export."""
    return alt.InlineData(values=frame.to_dict("records"))


def shown_years(rows: pd.DataFrame, years: tuple[int, int]) -> tuple[int, int]:
    """The selected range narrowed to the years that have figures, so annotations never stretch the axis."""
    known = rows.dropna(subset=["value"])
    if known.empty:
        return years
    return max(years[0], int(known["year"].min())), min(years[1], int(known["year"].max()))


def annotations(rows: pd.DataFrame, years: tuple[int, int], *, events: bool, seam_1992: bool) -> list[alt.Chart]:
    """Rules with labels for the cooperation events and the 1992 seam inside the years `rows` show.

    The layers are there even when they have no rows: Streamlit's browser side swaps a chart's data in place
    when only its data changed, and builds the chart anew (a quarter of a change's rendering on a five-chart
    page) when its spec changed. So a new selection changes these layers' data, never the layers.
    """
    years = shown_years(rows, years)
    marks = [(y, label, "event") for y, label in EVENTS if events and years[0] <= y <= years[1]]
    if seam_1992 and years[0] < FIRST_OWN_FIGURES <= years[1] and not (events and years[0] <= 1992):
        marks.append((FIRST_OWN_FIGURES, "1992: Central Asian figures begin", "seam"))
    elif seam_1992 and years[0] < FIRST_OWN_FIGURES <= years[1]:
        marks = [
            (y, label + " · Central Asian figures begin" if y == 1992 else label, kind) for y, label, kind in marks
        ]
    frame = pd.DataFrame(marks, columns=["year", "label", "kind"])
    base = alt.Chart(inline(frame)).encode(x=alt.X("year:Q"))
    rule = base.mark_rule(strokeDash=[3, 3], color="#888888", opacity=0.8).encode(tooltip=[alt.Tooltip("label:N")])
    # Rotated labels hang down from the top edge, inside the plot, so they never push the chart down.
    text = base.mark_text(
        align="right", baseline="bottom", dx=-4, dy=-2, fontSize=9, angle=270, color="#888888", limit=220
    ).encode(text=alt.Text("label:N"), y=alt.YValue(0))
    return [rule, text]
