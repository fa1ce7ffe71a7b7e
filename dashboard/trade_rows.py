"""What the Trade page draws, from the flows table (catalog/trade.py): pure functions, rows out, no Streamlit.

Shares are of the reporter's own World row, never of a sum of ours; a partner without a row is "no recorded
trade", never a zero. Weights leave the store in kilograms and are drawn in tonnes. Rows carry codes (partner,
commodity, reporter) and English units; `trade_charts.worded` puts them into a reader's language.
"""

from __future__ import annotations

import pandas as pd

from catalog import trade, units
from catalog.countries import CENTRAL_ASIA, KOREA, WORLD
from dashboard import state
from dashboard.chart_rows import gaps_as_nulls
from dashboard.i18n import N_

KG_PER_TONNE = 1000.0
NAMED = 6  # suppliers a chart names; the rest are summed as OTHER (the five are always named)
OTHER = N_("Other partners")
UNALLOCATED = N_("Not allocated to a partner")  # the World row less the partners' sum, where the partners fall short
GAP_SHOWN = 0.05  # percentage points: a smaller gap between the World row and the partners' sum is rounding
OWN, MIRROR = "own", "mirror"
# Where the five states' fuel goes: the region's gas first (its pipeline exports), then oil, coal and LNG.
EXPORT_FUELS = state.TRADE_EXPORTS
ROUTES = 8  # routes (exporter to destination) a chart draws, the largest by weight


def _within(rows: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    return rows[(rows["year"] >= years[0]) & (rows["year"] <= years[1])]


def korea_imports(flows: pd.DataFrame, commodity: str) -> pd.DataFrame:
    """Korea's imports of one commodity from every partner, World included, as stored."""
    picked = (
        (flows["ask"] == "korea_imports")
        & (flows["reporter"] == KOREA)
        & (flows["flow"] == trade.IMPORTS)
        & (flows["commodity"] == commodity)
    )
    return flows[picked]


def partner_shares(flows: pd.DataFrame, commodity: str, years: tuple[int, int]) -> pd.DataFrame:
    """Every partner's share of Korea's World row by weight, per year (years without a World weight have none)."""
    rows = _within(korea_imports(flows, commodity), years)
    world = rows[rows["partner"] == WORLD].set_index("year")["weight_kg"].dropna()
    partners = rows[(rows["partner"] != WORLD) & rows["year"].isin(world.index) & rows["weight_kg"].notna()]
    share = partners["weight_kg"].to_numpy() / partners["year"].map(world).to_numpy() * 100
    return partners.assign(value=share)


def origin_shares(flows: pd.DataFrame, commodity: str, years: tuple[int, int]) -> pd.DataFrame:
    """Korea's imports of `commodity` by origin per year, as % of the World row by weight: the NAMED largest
    suppliers over the years and any of the five states by name, the rest summed, and the World row's remainder."""
    shares = partner_shares(flows, commodity, years)
    columns = ["year", "partner", "partner_name", "name", "value", "weight_t", "value_usd", "unit", "order"]
    if shares.empty:
        return pd.DataFrame(columns=columns)
    totals = shares.groupby("partner")["value"].sum().sort_values(ascending=False)
    five = [c for c in CENTRAL_ASIA if c in totals.index]
    largest = [p for p in totals.index if p not in five][:NAMED]
    # The five at the bottom of each bar, on the axis, where a thin slice can still be seen; then the largest.
    order = {p: i for i, p in enumerate([*five, *largest])}
    named = shares[shares["partner"].isin(order)].assign(name=lambda d: d["partner"])
    rest = shares[~shares["partner"].isin(order)]
    other = rest.groupby("year", as_index=False)[["value", "weight_kg", "value_usd"]].sum(min_count=1)
    other = other.assign(partner=OTHER, partner_name=OTHER, name=OTHER)
    gap = 100 - shares.groupby("year")["value"].sum()
    gap = gap[gap > GAP_SHOWN]
    unallocated = pd.DataFrame(
        {"year": gap.index, "value": gap.to_numpy(), "partner": UNALLOCATED, "partner_name": UNALLOCATED}
    ).assign(name=UNALLOCATED, weight_kg=float("nan"), value_usd=float("nan"))
    out = pd.concat([named, other, unallocated], ignore_index=True)
    last = (out["partner"] == UNALLOCATED).astype(int)  # the remainder on top, above "other partners"
    out["order"] = out["partner"].map(order).fillna(len(order)).astype(int) + last
    out["weight_t"] = out["weight_kg"] / KG_PER_TONNE
    out["unit"] = units.PCT_OF_IMPORTS_BY_WEIGHT
    return out.sort_values(["year", "order"], kind="stable")[columns].reset_index(drop=True)


def hhi(shares: pd.Series) -> float:
    """The Herfindahl–Hirschman index of shares in percent: 10,000 for one supplier, 10,000/n for n equal ones."""
    return float((shares**2).sum())


def concentration(flows: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Supplier concentration of Korea's LNG, crude and coal imports per year (HHI over every partner's share)."""
    parts = []
    for commodity in trade.KOREA_FUELS:
        shares = partner_shares(flows, commodity, years)
        per_year = shares.groupby("year")["value"].apply(hhi)
        years_ = per_year.index.astype(int)
        line = pd.DataFrame({"year": years_, "commodity": commodity, "name": commodity, "value": per_year.to_numpy()})
        parts.append(gaps_as_nulls(line))
    return pd.concat(parts, ignore_index=True).assign(unit=units.HHI).astype({"year": int, "value": float})


def gas_states(flows: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Korea's imports of gas as LNG (HS 271111) and in the gaseous state (HS 271121), tonnes a year (World rows)."""
    parts = []
    for commodity in (trade.LNG, trade.PIPELINE_GAS):
        rows = _within(korea_imports(flows, commodity), years)
        world = rows[(rows["partner"] == WORLD) & rows["weight_kg"].notna()]
        line = pd.DataFrame(
            {
                "year": world["year"].to_numpy(),
                "commodity": commodity,
                "name": commodity,
                "value": world["weight_kg"].to_numpy() / KG_PER_TONNE,
                "weight_basis": world["weight_basis"].to_numpy(),
            }
        )
        parts.append(gaps_as_nulls(line.sort_values("year"), figures=["weight_basis"]))
    return pd.concat(parts, ignore_index=True).assign(unit=units.TONNES)


def routes(flows: pd.DataFrame, commodity: str, years: tuple[int, int]) -> pd.DataFrame:
    """The five states' exports of `commodity` by destination, million tonnes a year, each route as the exporter reports
    it and as the importer reports it (mirror data); the ROUTES largest routes by weight."""
    picked = _within(flows[(flows["commodity"] == commodity) & (flows["partner"] != WORLD)], years)
    own = picked[picked["ask"] == "central_asia_exports"]
    own = own.assign(exporter=own["reporter"], destination=own["partner"], report=OWN)
    mirror = picked[picked["ask"] == "mirror_imports"]
    mirror = mirror.assign(exporter=mirror["partner"], destination=mirror["reporter"], report=MIRROR)
    both = pd.concat([own, mirror], ignore_index=True)
    both = both[both["weight_kg"].notna()]
    columns = ["year", "exporter", "destination", "destination_name", "reporter", "report", "name", "value"]
    columns += ["value_usd", "unit"]
    if both.empty:
        return pd.DataFrame(columns=columns)
    # A mirror row names the destination by our code, an own row by Comtrade's partner name.
    names = own.drop_duplicates("partner").set_index("partner")["partner_name"]
    both["destination_name"] = both["destination"].map(names).fillna(both["destination"])
    size = both.groupby(["exporter", "destination", "report"])["weight_kg"].sum().groupby(level=[0, 1]).max()
    # Every route a partner reports is drawn (the only sight of Turkmenistan's and Tajikistan's trade) and every
    # route to Korea, then the largest others up to ROUTES.
    seen = set(map(tuple, mirror[["exporter", "destination"]].drop_duplicates().to_numpy()))
    seen |= {route for route in size.index if route[1] == KOREA}  # and any to Korea, however small
    ranked = sorted(size.index, key=lambda route: (route not in seen, -size[route]))
    kept = ranked[: max(ROUTES, len(seen))]
    both = both[pd.MultiIndex.from_frame(both[["exporter", "destination"]]).isin(kept)]
    both = both.assign(
        name=both["exporter"] + ">" + both["destination"] + "@" + both["reporter"],
        value=both["weight_kg"] / KG_PER_TONNE / 1e6,
        unit=units.MILLION_TONNES,
    )
    lines = [gaps_as_nulls(line[columns], figures=["value_usd"]) for _, line in both.groupby("name", sort=True)]
    return pd.concat(lines, ignore_index=True)


def route_key(name: str) -> tuple[str, str, str]:
    """(exporter, destination, reporter) from a route's line name."""
    route, reporter = name.split("@")
    exporter, destination = route.split(">")
    return exporter, destination, reporter


def weight_bases(flows: pd.DataFrame, commodity: str, years: tuple[int, int]) -> list[tuple[str, str, int]]:
    """Korea's rows of `commodity` whose weight is the quantity in kg (no net weight stated): (code, name, year)."""
    rows = _within(korea_imports(flows, commodity), years)
    odd = rows[rows["weight_basis"] == trade.QUANTITY_KG]
    return [(str(r.partner), str(r.partner_name), int(r.year)) for r in odd.itertuples()]


def shortfalls(rows: pd.DataFrame) -> list[tuple[int, float]]:
    """(year, share of the World row no partner accounts for) from origin_shares' rows."""
    gap = rows[rows["partner"] == UNALLOCATED]
    return [(int(y), float(v)) for y, v in zip(gap["year"], gap["value"], strict=True)]
