"""Plain-words notes that go with a chart: which figures are missing, and where another measure reaches further."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from catalog import units
from dashboard.i18n import Translator


def year_spans(years: Iterable[int]) -> str:
    """Years as compact spans: [2001, 2002, 2003, 2007] -> '2001–2003, 2007'."""
    spans: list[list[int]] = []
    for year in sorted(set(years)):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def missing_exporters(tr: Translator, missing: Mapping[str, list[int]]) -> str | None:
    """Which chosen exporters lack figures in which years, and what that does to the combined line."""
    if not missing:
        return None
    parts = [
        tr.t("{country} in {years}", country=tr.country(c), years=year_spans(years)) for c, years in missing.items()
    ]
    return tr.t(
        "No figures for {parts}. The combined net exports and the coverage leave those years out "
        "rather than count a missing figure as zero.",
        parts="; ".join(parts),
    )


def further_measure(
    tr: Translator, measure: str, last_year: int | None, other: str, other_last_year: int | None
) -> str | None:
    """A note when the measure not shown reaches a later year than the one shown."""
    if other_last_year is None or (last_year is not None and other_last_year <= last_year):
        return None
    if last_year:
        return tr.t(
            "In {measure} these figures end in {year}; in {other} they reach {other_year}.",
            measure=_lower(measure),
            year=last_year,
            other=_lower(other),
            other_year=other_last_year,
        )
    return tr.t(
        "In {measure} these figures have no figures; in {other} they reach {other_year}.",
        measure=_lower(measure),
        other=_lower(other),
        other_year=other_last_year,
    )


def _lower(label: str) -> str:
    """A label inside a sentence: 'Energy content (quad Btu)' -> 'energy content (quad Btu)' (Korean has no case)."""
    return label[:1].lower() + label[1:]


def ends_early(tr: Translator, last: Mapping[str, int | None], measure: str) -> str | None:
    """Names the lines that stop before the others, and those with no figure at all, in this measure."""
    known = [y for y in last.values() if y is not None]
    if not known:
        return None
    latest = max(known)
    none = [tr.country(c) for c, y in last.items() if y is None]
    early = [tr.t("{country} to {year}", country=tr.country(c), year=y) for c, y in last.items() if y and y < latest]
    notes = []
    if early:
        notes.append(
            tr.t(
                "In {measure} some figures end earlier ({parts}) than the others ({year}): a line stops where its "
                "figures do, and a combined figure counts only the years every country has.",
                measure=_lower(measure),
                parts="; ".join(early),
                year=latest,
            )
        )
    if none:
        notes.append(
            tr.t(
                "EIA publishes no figures in {measure} for {names}: energy content compares every country to 2023.",
                measure=_lower(measure),
                names=", ".join(none),
            )
        )
    return " ".join(notes) or None


def world_share(tr: Translator, flow: str) -> str:
    """What the suppliers' shares are shares of."""
    if flow == "net_exports":
        return tr.t(
            "Net exports are production less consumption (not trade), shown as a share of the world's production. "
            "Central Asia (5) sums the five states in years all five have figures."
        )
    return tr.t(
        "Each line is a share of the world's figure of the same year. Central Asia (5) sums the five states in "
        "years all five have figures."
    )


def eia_split(tr: Translator) -> str:
    """EIA's quirk where the United States is drawn in energy content."""
    return tr.t(
        "For the United States, EIA's split of total energy by fuel does not add up to its total (2023: 95.04 "
        "against 93.62 quad Btu); the charts draw what EIA publishes."
    )


def carried_forward(tr: Translator, found: Mapping[str, int]) -> str | None:
    """Names the countries whose last figure EIA carried forward from the year before (chart_rows.carried_forward)."""
    if not found:
        return None
    by_year: dict[int, list[str]] = {}
    for country, year in found.items():
        by_year.setdefault(year, []).append(tr.country(country))
    return " ".join(
        tr.t(
            "EIA repeats the {before} figure in {year} for {names}, to the last digit: carried forward, not measured "
            "again, so the line's last step is no change in the data.",
            before=year - 1,
            year=year,
            names=", ".join(names),
        )
        for year, names in sorted(by_year.items())
    )


def left_out_on_log(tr: Translator, lost: Mapping[str, int]) -> str | None:
    """What a log scale leaves out (chart_rows.on_log_scale): figures at or below zero, by country."""
    if not lost:
        return None
    parts = "; ".join(tr.t("{country}: {count}", country=tr.country(c), count=n) for c, n in lost.items())
    return tr.t(
        "A log scale cannot draw zero or negative figures, so these are left out and the lines break there "
        "(figures left out: {parts}).",
        parts=parts,
    )


def trade_beside_net(tr: Translator, found: tuple[str, int, float, float] | None, sign: int, unit: str) -> str | None:
    """What recorded trade and net exports each measure, where they differ for a chosen country."""
    if found is None:
        return None
    country, year, traded, net = found
    fields = {
        "country": tr.country(country),
        "year": year,
        "traded": tr.num(traded, ",.0f"),
        "net": tr.num(abs(net), ",.0f"),
        "unit": tr.unit(unit),
    }
    if sign > 0:
        return tr.t(
            "Two measures of one thing: {country} in {year} exported {traded} {unit} by EIA's trade records, and "
            "produced {net} {unit} more than it consumed (the net exports on Supply and demand). Trade counts what "
            "crosses the border; net exports are production minus consumption, stock changes, losses and "
            "statistical differences included.",
            **fields,
        )
    return tr.t(
        "Two measures of one thing: {country} in {year} imported {traded} {unit} by EIA's trade records, and "
        "consumed {net} {unit} more than it produced (the net imports on Supply and demand). Trade counts what "
        "crosses the border; net imports are consumption minus production, stock changes, losses and statistical "
        "differences included.",
        **fields,
    )


def oil_in_two_measures(tr: Translator, found: tuple[int, float, float, float] | None) -> str | None:
    """Why Korea's oil dependence reads 100% in energy content and less in barrels a day."""
    if found is None:
        return None
    year, produced, physical, energy = found
    return tr.t(
        "Korea's oil dependence in {year}: {energy} in energy content, {physical} in barrels a day. In barrels, EIA "
        "counts {produced} {unit} of refinery processing gain and other liquids as Korea's production; its "
        "energy-content figures give Korea no petroleum production.",
        year=year,
        energy=tr.pct(energy),
        physical=tr.pct(physical),
        produced=tr.num(produced, ",.0f"),
        unit=tr.unit(units.SHORT[units.THOUSAND_BARRELS_PER_DAY]),
    )
