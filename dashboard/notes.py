"""Plain-words notes that go with a chart: which figures are missing, and where another measure reaches further."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dashboard import i18n
from dashboard.i18n import t


def year_spans(years: Iterable[int]) -> str:
    """Years as compact spans: [2001, 2002, 2003, 2007] -> '2001–2003, 2007'."""
    spans: list[list[int]] = []
    for year in sorted(set(years)):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def missing_exporters(missing: Mapping[str, list[int]]) -> str | None:
    """Which chosen exporters lack figures in which years, and what that does to the combined line."""
    if not missing:
        return None
    parts = [
        t("{country} in {years}", country=i18n.country(c), years=year_spans(years)) for c, years in missing.items()
    ]
    return t(
        "No figures for {parts}. The combined net exports and the coverage leave those years out "
        "rather than count a missing figure as zero.",
        parts="; ".join(parts),
    )


def further_measure(measure: str, last_year: int | None, other: str, other_last_year: int | None) -> str | None:
    """A note when the measure not shown reaches a later year than the one shown."""
    if other_last_year is None or (last_year is not None and other_last_year <= last_year):
        return None
    if last_year:
        return t(
            "In {measure} these figures end in {year}; in {other} they reach {other_year}.",
            measure=_lower(measure),
            year=last_year,
            other=_lower(other),
            other_year=other_last_year,
        )
    return t(
        "In {measure} these figures have no figures; in {other} they reach {other_year}.",
        measure=_lower(measure),
        other=_lower(other),
        other_year=other_last_year,
    )


def _lower(label: str) -> str:
    """A label inside a sentence: 'Energy content (quad Btu)' -> 'energy content (quad Btu)' (Korean has no case)."""
    return label[:1].lower() + label[1:]
