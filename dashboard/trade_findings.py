"""What the trade flows say, as phrases a page words (dashboard/phrases.py): pure, on the flows table, no Streamlit.

Each finding rests on the last year in which the reporter states a World total, so a share is always of that
year's stated total; a partner without a row is "no recorded trade".
"""

from __future__ import annotations

import pandas as pd

from catalog import trade
from catalog.countries import CENTRAL_ASIA, CHINA, KAZAKHSTAN, TURKMENISTAN, UZBEKISTAN, WORLD
from dashboard import trade_rows
from dashboard.claims import Claim
from dashboard.findings import Finding
from dashboard.phrases import Commodity, Country, Join, Msg, Num, Partner, Pct

SOURCE = Msg("UN Comtrade Database, United Nations Statistics Division")
ALL_YEARS = (0, 9999)
# What HS 271121 can show: gas that is not liquefied, by any transport, not a pipeline's route.
NEGLIGIBLE = 1e-3  # gaseous-state imports below this fraction of LNG's weight: no pipeline-sized flow arrives


def _last_shares(flows: pd.DataFrame, commodity: str) -> tuple[int, pd.DataFrame] | None:
    """(the last year with a World weight, every partner's share of it that year)."""
    shares = trade_rows.partner_shares(flows, commodity, ALL_YEARS)
    if shares.empty:
        return None
    year = int(shares["year"].max())
    return year, shares[shares["year"] == year].sort_values("value", ascending=False)


def largest_suppliers(flows: pd.DataFrame) -> list[Finding]:
    """Korea's two largest suppliers of LNG, crude and coal, with their shares by weight, in the last year."""
    out = []
    for commodity in trade.KOREA_FUELS:
        found = _last_shares(flows, commodity)
        if found is None or len(found[1]) < 2:
            continue
        year, shares = found
        first, second = shares.iloc[0], shares.iloc[1]
        text = Msg(
            "{fuel}: Korea's imports in {year} came first from {first} ({first_share} by weight), then from "
            "{second} ({second_share}).",
            fuel=Commodity(commodity),
            year=year,
            first=Partner(str(first["partner"]), str(first["partner_name"])),
            first_share=Pct(float(first["value"])),
            second=Partner(str(second["partner"]), str(second["partner_name"])),
            second_share=Pct(float(second["value"])),
        )
        out.append(Finding(text, year, SOURCE, (commodity,)))
    return out


def five_states_share(flows: pd.DataFrame) -> Finding | None:
    """The five states' share of Korea's imports of each fuel in the last year; "no recorded trade" where none."""
    parts, years = [], []
    for commodity in trade.KOREA_FUELS:
        found = _last_shares(flows, commodity)
        if found is None:
            continue
        year, shares = found
        years.append(year)
        five = shares[shares["partner"].isin(CENTRAL_ASIA)]
        if five.empty:
            parts.append(Msg("{fuel}: no recorded imports from them", fuel=Commodity(commodity)))
            continue
        who = Join(", ", [Country(str(p)) for p in five["partner"]])
        parts.append(
            Msg("{fuel}: {share} ({who})", fuel=Commodity(commodity), share=Pct(float(five["value"].sum())), who=who)
        )
    if not parts:
        return None
    text = Msg(
        "The five Central Asian states' share of Korea's imports by weight in {year}: {parts}.",
        year=max(years),
        parts=Join("; ", parts),
    )
    return Finding(text, max(years), SOURCE, trade.KOREA_FUELS)


def concentration(flows: pd.DataFrame) -> Finding | None:
    """How concentrated Korea's suppliers of each fuel were in the first year and are in the last (HHI)."""
    rows = trade_rows.concentration(flows, ALL_YEARS).dropna(subset=["value"])
    parts = []
    for commodity in trade.KOREA_FUELS:
        line = rows[rows["commodity"] == commodity].sort_values("year")
        if len(line) < 2:
            continue
        then, now = line.iloc[0], line.iloc[-1]
        parts.append(
            Msg(
                "{fuel}: {then} ({first}) → {now} ({last})",
                fuel=Commodity(commodity),
                then=Num(float(then["value"]), ",.0f"),
                first=int(then["year"]),
                now=Num(float(now["value"]), ",.0f"),
                last=int(now["year"]),
            )
        )
    if not parts:
        return None
    last = int(rows["year"].max())
    text = Msg(
        "Concentration of Korea's suppliers (Herfindahl–Hirschman index, 10,000 for a single supplier): {parts}.",
        parts=Join("; ", parts),
    )
    return Finding(text, last, SOURCE, trade.KOREA_FUELS)


def gas_destinations(flows: pd.DataFrame) -> Finding | None:
    """Where the region's gas goes, as China reports its imports of gas in the gaseous state (HS 271121)."""
    mirror = flows[
        (flows["ask"] == "mirror_imports")
        & (flows["reporter"] == CHINA)
        & (flows["commodity"] == trade.PIPELINE_GAS)
        & flows["weight_kg"].notna()
    ]
    if mirror.empty:
        return None
    year = int(mirror["year"].max())
    last = mirror[mirror["year"] == year].set_index("partner")["weight_kg"]
    parts = [
        Msg("{amount} million tonnes from {country}", amount=Num(float(last[c]) / 1e9, ",.1f"), country=Country(c))
        for c in (TURKMENISTAN, UZBEKISTAN, KAZAKHSTAN)
        if c in last.index
    ]
    text = Msg(
        "China reported imports of gas in the gaseous state (HS 271121, the code pipeline gas falls under) in {year}"
        ": {parts}. Russia does not report in these data, so gas sent north is not seen.",
        year=year,
        parts=Join(", ", parts),
    )
    return Finding(text, year, SOURCE, (trade.PIPELINE_GAS,))


def findings(flows: pd.DataFrame) -> list[Finding]:
    """The Trade page's key findings, in order."""
    found = [*largest_suppliers(flows), five_states_share(flows), concentration(flows), gas_destinations(flows)]
    return [f for f in found if f is not None]


def no_pipelines(flows: pd.DataFrame) -> list[Claim]:
    """The texts' "no pipelines" beside Korea's imports of gas in the gaseous state (HS 271121), against its LNG."""
    lng = trade_rows.korea_imports(flows, trade.LNG)
    gas = trade_rows.korea_imports(flows, trade.PIPELINE_GAS)
    lng = lng[(lng["partner"] == WORLD) & lng["weight_kg"].notna()].set_index("year")["weight_kg"]
    gas = gas[(gas["partner"] == WORLD) & gas["weight_kg"].notna()].set_index("year")["weight_kg"]
    common = sorted(set(lng.index) & set(gas.index))
    if not common:
        return []
    year = int(common[-1])
    ratio = float(gas[year]) / float(lng[year])
    says = Msg(
        "Korea's imports of natural gas in the gaseous state (HS 271121, the code pipeline gas falls under) were "
        "{gas} tonnes in {year}, against {lng} tonnes of LNG ({share} of it). The code counts any gas that is not "
        "liquefied, however it travels, so it cannot show a pipeline's route; it shows that no pipeline-sized flow "
        "arrives.",
        gas=Num(float(gas[year]) / trade_rows.KG_PER_TONNE, ",.0f"),
        year=year,
        lng=Num(float(lng[year]) / trade_rows.KG_PER_TONNE, ",.0f"),
        share=Pct(ratio * 100, ".4f"),
    )
    statement = Msg("No pipeline brings gas to Korea: it imports its gas as LNG, by sea.")
    return [Claim(statement, says, ratio < NEGLIGIBLE, year, SOURCE)]
