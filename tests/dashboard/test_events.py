"""Event and seam annotations: marked only inside the years a chart shows, always as the same two layers."""

from __future__ import annotations

import pandas as pd

from dashboard import events, i18n

TR = i18n.ENGLISH


def rows(first: int, last: int) -> pd.DataFrame:
    return pd.DataFrame({"year": range(first, last + 1), "value": 1.0})


def labels(layers: list) -> list[str]:
    """The labels of the marks the annotation layers draw (every layer shares one table)."""
    values = layers[0].data.values
    assert all(layer.data.values == values for layer in layers)
    return [v["label"] for v in values]


def test_events_inside_the_selected_years_are_marked():
    marked = labels(events.annotations(TR, rows(1990, 2010), (1990, 2010), events=True, seam_1992=False))
    assert marked == ["1992: diplomatic ties", "2007: 1st Korea–Central Asia Cooperation Forum"]


def test_years_without_figures_never_stretch_the_axis_for_an_event():
    # Selected 1980-2025, but the figures run 1995-2000: 1992 and 2007 would widen the axis.
    assert labels(events.annotations(TR, rows(1995, 2000), (1980, 2025), events=True, seam_1992=False)) == []


def test_with_nothing_inside_the_years_the_layers_stay_with_no_rows():
    layers = events.annotations(TR, rows(2015, 2020), (2015, 2020), events=True, seam_1992=True)
    assert [layer.to_dict()["mark"]["type"] for layer in layers] == ["rule", "text", "text"]
    assert labels(layers) == []
    assert len(events.annotations(TR, rows(2015, 2020), (2015, 2020), events=False, seam_1992=False)) == 3


def test_the_1992_seam_is_its_own_mark_or_joins_the_1992_event():
    alone = labels(events.annotations(TR, rows(1990, 1995), (1990, 1995), events=False, seam_1992=True))
    assert alone == ["1992: Central Asian figures begin"]
    joined = labels(events.annotations(TR, rows(1990, 1995), (1990, 1995), events=True, seam_1992=True))
    assert joined == ["1992: diplomatic ties · Central Asian figures begin"]


def test_neighbouring_labels_alternate_rows_above_the_plot_and_late_ones_hang_left():
    layers = events.annotations(TR, rows(1990, 2025), (1990, 2025), events=True, seam_1992=False)
    marks = layers[0].data.values
    assert [m["row"] for m in marks] == [0, 1, 2, 0]  # neighbours never share a row
    assert [m["side"] for m in marks] == ["left", "left", "right", "right"]  # late ones hang left of their rule
    left, right = (layer.to_dict() for layer in layers[1:])
    assert left["mark"]["align"] == "left" and right["mark"]["align"] == "right"
    assert left["encoding"]["y"]["scale"] is None  # pixels above the plot: never over the lines
    assert all(len(m["short"]) <= 16 for m in marks)
