"""Which page draws which series, derived from the fuel records and the manifest's topics where it can be.

A newcomer looking for where a series is drawn starts here; a test holds every series of the catalog to a
page or to the table-only list below, so none is fetched and never shown.
"""

from __future__ import annotations

from cache import fuels
from cache.schema import COOPERATION_AREAS
from dashboard.i18n import N_

# Korea's dependence, two measures side by side (Overview and Korea's import dependence).
TWO_MEASURES = ("energy_imports_net_pct", "dependence_total_energy_pct")
TWO_MEASURES_STYLE = {  # label: (colour, dash, definition); dashes tell the lines apart without colour too
    N_("World Bank WDI"): ("#D55E00", [1, 0], N_("energy use less production, over energy use (IEA balances)")),
    N_("EIA-derived"): ("#0072B2", [6, 3], N_("consumption less production, over consumption (EIA)")),
}
# Korea's dependence by fuel, one line each: the single fuels and all fossil fuels together.
BY_FUEL = (*fuels.SINGLE, "fossil")
BY_FUEL_STYLE = {  # fuel: (colour, dash); dashes tell the lines apart without colour too
    "petroleum": ("#0072B2", [1, 0]),
    "gas": ("#E69F00", [6, 3]),
    "coal": ("#999999", [2, 2]),
    "fossil": ("#D55E00", [8, 2, 2, 2]),
}
# Korea beside its peers (or whoever "compare with" adds) on the dependence page: all fossil fuels and total
# energy in energy content, the World Bank's measure beside them, then each fuel.
PEER_DEPENDENCE = (
    "dependence_fossil_pct",
    "dependence_total_energy_pct",
    "energy_imports_net_pct",
    *(fuels.BY_ID[f].dependence_id for f in fuels.SINGLE),
)
# Korea beside Central Asia on the dependence page.
DEPENDENCE_CONTEXT = ("fuel_imports_pct", "fossil_share_pct", "renewable_share_pct")
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
    "sources": (),
}
# Shown in headline figures and the claims, used to divide by population, and in the Data and sources table.
TABLE_ONLY = {
    "gdp_usd": "headline figure and claim on the Overview",
    "gdp_per_capita_usd": "in the table on Data and sources",
    "population": "headline figure, claim, and the divisor of every per-person figure",
}


def explorer(manifest: dict) -> list[str]:
    """The Resources page's indicators: fetched (not derived) series of EXPLORER_TOPICS, by topic then title."""
    entries = manifest["series"]
    chosen = [
        sid
        for sid, e in entries.items()
        if e.get("source") != "derived" and sid not in TABLE_ONLY and set(e.get("topics", [])) & set(EXPLORER_TOPICS)
    ]
    order = {t: i for i, t in enumerate(EXPLORER_TOPICS)}

    def rank(sid: str) -> tuple[int, str]:
        topics = [t for t in entries[sid].get("topics", []) if t in order]
        return min(order[t] for t in topics), entries[sid].get("title", sid)

    return sorted(chosen, key=rank)


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
