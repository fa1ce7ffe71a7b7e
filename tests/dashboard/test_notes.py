"""Notes beside charts say in plain words what is missing and where the figures go further."""

from __future__ import annotations

from dashboard import i18n, notes

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
