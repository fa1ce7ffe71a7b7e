"""Notes beside charts say in plain words what is missing and where the figures go further."""

from __future__ import annotations

import pandas as pd

from catalog import schema
from dashboard import i18n, measures, notes

EN = i18n.ENGLISH


def test_years_read_as_compact_spans():
    assert notes.year_spans([2007, 2001, 2002, 2003]) == "2001–2003, 2007"
    assert notes.year_spans([]) == ""


def test_missing_exporters_are_named_with_their_years():
    text = notes.missing_exporters(EN, {"KAZ": [2018, 2019], "TJK": [2020]})
    assert text.startswith("No figures for Kazakhstan in 2018–2019; Tajikistan in 2020.")
    assert "zero" in text
    assert notes.missing_exporters(EN, {}) is None


def test_a_further_measure_is_mentioned_only_when_it_reaches_later():
    assert notes.further_measure(EN, "Physical units", 2018, "Energy content", 2023) == (
        "In physical units these figures end in 2018; in energy content they reach 2023."
    )
    assert notes.further_measure(EN, "Physical units", 2023, "Energy content", 2023) is None


def test_recorded_trade_and_net_exports_are_told_apart_with_the_figures_of_the_country_they_differ_most():
    rows = [
        ("coal_exports", "KAZ", 2018, 3670.5),
        ("net_exports_coal", "KAZ", 2018, 13334.4),
        ("coal_exports", "KGZ", 2018, 100.0),
        ("net_exports_coal", "KGZ", 2018, -500.0),  # a net importer: not set beside exports
        ("coal_exports", "UZB", 2018, 95.0),
        ("net_exports_coal", "UZB", 2018, 100.0),  # within a tenth: they agree
    ]
    table = schema.conform(
        pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="eia", unit="kst")
    )
    found = measures.trade_beside_net(table, "coal_exports", "net_exports_coal", 1, ["KAZ", "KGZ", "UZB"])
    assert found == ("KAZ", 2018, 3670.5, 13334.4)
    said = notes.trade_beside_net(i18n.ENGLISH, found, 1, "thousand short tons")
    assert "Kazakhstan in 2018 exported 3,670 thousand short tons" in said and "13,334" in said
    assert "production minus consumption" in said
    assert measures.trade_beside_net(table, "coal_exports", "net_exports_coal", 1, ["UZB"]) is None
    assert notes.trade_beside_net(i18n.ENGLISH, None, 1, "kst") is None
