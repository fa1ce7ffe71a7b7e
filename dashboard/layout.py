"""Which page draws which series, derived from the fuel records and the manifest's topics where it can be.

A newcomer looking for where a series is drawn starts here; a test holds every series of the catalog to a
page or to the table-only list below, so none is fetched and never shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from catalog import fuels
from catalog.schema import DERIVED
from catalog.series import (
    COAL_EXPORTS,
    COAL_IMPORTS,
    ENERGY_IMPORTS_NET_PCT,
    FOSSIL_SHARE_PCT,
    FUEL_IMPORTS_PCT,
    GAS_EXPORTS,
    GAS_IMPORTS,
    GDP_PER_CAPITA_USD,
    GDP_USD,
    POPULATION,
    RENEWABLE_SHARE_PCT,
)
from catalog.topics import COOPERATION_AREAS
from dashboard.i18n import N_

# Korea's dependence, two measures side by side (Overview and Korea's import dependence): each measure's label
# and definition, in the order of the series (style.TWO_MEASURES gives each its colour and dash).
TWO_MEASURES = (ENERGY_IMPORTS_NET_PCT.id, fuels.TOTAL_ENERGY.dependence_id)
TWO_MEASURES_LABELS = {
    N_("World Bank WDI"): N_("energy use less production, over energy use (IEA balances)"),
    N_("EIA-derived"): N_("consumption less production, over consumption (EIA)"),
}
# Korea's dependence by fuel, one line each: the single fuels and all fossil fuels together.
BY_FUEL = (*fuels.SINGLE, fuels.FOSSIL.id)
# Korea beside its peers (or whoever "compare with" adds) on the dependence page: all fossil fuels and total
# energy in energy content, the World Bank's measure beside them, then each fuel.
PEER_DEPENDENCE = (
    fuels.FOSSIL.dependence_id,
    fuels.TOTAL_ENERGY.dependence_id,
    ENERGY_IMPORTS_NET_PCT.id,
    *(fuels.BY_ID[f].dependence_id for f in fuels.SINGLE),
)
# Korea beside Central Asia on the dependence page.
DEPENDENCE_CONTEXT = (FUEL_IMPORTS_PCT.id, FOSSIL_SHARE_PCT.id, RENEWABLE_SHARE_PCT.id)
# Recorded trade beside the net exports of the same fuel in the same unit (production minus consumption): two
# measures of one thing that differ, which the page says (Kazakhstan's coal, 2018: 3,670 against 13,334 kst).
# Exports are set beside the net exporters' surplus (+1), imports beside the net importers' shortfall (-1).
TRADE_BESIDE_NET = {
    s.id: (fuel.net_exports_id(fuels.PHYSICAL), sign)
    for fuel, traded in ((fuels.COAL, (COAL_EXPORTS, COAL_IMPORTS)), (fuels.GAS, (GAS_EXPORTS, GAS_IMPORTS)))
    for s, sign in zip(traded, (1, -1), strict=True)
}
# The Resources page's indicator picker: every fetched series of these topics.
EXPLORER_TOPICS = ("resources", "dependence", "power")
# The sidebar's shared controls each page (by url_path, which is its view's name) applies to what it shows;
# the others are not drawn there. Supply and demand picks its own exporters; Data and sources shows all.
SHARED_CONTROLS = {
    "overview": ("years", "events"),
    "dependence": ("countries", "years", "events"),
    "resources": ("countries", "years", "events"),
    "supply": ("years", "events"),
    "cooperation": ("countries", "years", "events"),
    "trade": ("years",),
    "sources": (),
    "embed": (),  # a chart in another site's frame: its link's years, no controls
}
# Shown in headline figures and the claims, used to divide by population, and in the Data and sources table.
TABLE_ONLY = {
    GDP_USD.id: "headline figure and claim on the Overview",
    GDP_PER_CAPITA_USD.id: "in the table on Data and sources",
    POPULATION.id: "headline figure, claim, and the divisor of every per-person figure",
}


def explorer(manifest: dict) -> list[str]:
    """The Resources page's indicators: fetched (not derived) series of EXPLORER_TOPICS, by topic then title."""
    entries = manifest["series"]
    chosen = [
        sid
        for sid, e in entries.items()
        if e.get("source") != DERIVED and sid not in TABLE_ONLY and set(e.get("topics", [])) & set(EXPLORER_TOPICS)
    ]
    order = {t: i for i, t in enumerate(EXPLORER_TOPICS)}

    def rank(sid: str) -> tuple[int, str]:
        topics = [t for t in entries[sid].get("topics", []) if t in order]
        return min(order[t] for t in topics), entries[sid].get("title", sid)

    return sorted(chosen, key=rank)


def explorer_default(manifest: dict, options: Sequence[str]) -> str | None:
    """The Resources page's opening indicator: the first that reaches the year most of them reach, so the page
    never opens on a series that stopped years ago (coal exports end in 2018)."""
    years = [manifest["series"].get(s, {}).get("last_year") for s in options]
    known = [y for y in years if isinstance(y, int)]
    if not known:
        return options[0] if options else None
    usual = Counter(known).most_common(1)[0][0]
    return next(s for s, y in zip(options, years, strict=True) if isinstance(y, int) and y >= usual)


def supply() -> list[str]:
    """Every net-exports and coverage series the Supply and demand page can draw."""
    return [
        sid
        for fuel in fuels.FUELS
        for measure in fuel.measures
        for sid in (fuel.net_exports_id(measure), fuel.coverage_id(measure))
    ]


def area(manifest: dict, name: str) -> list[str]:
    """A cooperation area's series that hold figures, from the manifest's topics."""
    return [sid for sid, e in manifest["series"].items() if name in e.get("topics", []) and e.get("rows")]


def drawn(manifest: dict) -> dict[str, set[str]]:
    """Page name -> the series it can draw."""
    dependence = {*TWO_MEASURES, *(fuels.BY_ID[f].dependence_id for f in BY_FUEL), *DEPENDENCE_CONTEXT}
    dependence |= set(PEER_DEPENDENCE)
    return {
        "overview": set(TWO_MEASURES),
        "dependence": dependence,
        "resources": set(explorer(manifest)),
        "supply": set(supply()),
        "cooperation": {sid for name in COOPERATION_AREAS for sid in area(manifest, name)},
    }
