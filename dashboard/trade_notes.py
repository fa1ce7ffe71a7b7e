"""Plain-words notes beside the Trade page's charts: the five states' slice, where weights come from, gaps."""

from __future__ import annotations

import pandas as pd

from catalog.countries import CENTRAL_ASIA
from dashboard import trade_rows
from dashboard.i18n import Translator
from dashboard.notes import year_spans


def five_states(tr: Translator, rows: pd.DataFrame, commodity: str) -> str | None:
    """The five states' share in the chart's last year, named even when too thin to see; or that none is recorded."""
    if rows.empty:
        return None
    first, last = int(rows["year"].min()), int(rows["year"].max())
    five = rows[rows["partner"].isin(CENTRAL_ASIA) & (rows["year"] == last)]
    if five.empty:
        years = sorted(set(rows.loc[rows["partner"].isin(CENTRAL_ASIA), "year"]))
        if not years:
            return tr.t(
                "No imports of {fuel} from the five Central Asian states are recorded in {first}–{last}.",
                fuel=tr.commodity(commodity),
                first=first,
                last=last,
            )
        return tr.t(
            "Imports from the five Central Asian states are recorded only in {years}; none in {last}.",
            years=year_spans(years),
            last=last,
        )
    parts = ", ".join(
        tr.t("{country} {share}", country=tr.country(str(p)), share=tr.pct(float(v), ".2f"))
        for p, v in zip(five["partner"], five["value"], strict=True)
    )
    return tr.t(
        "The five Central Asian states in {year} (in their own colours, at the foot of each bar): {parts}.",
        year=last,
        parts=parts,
    )


def weights(tr: Translator, flows: pd.DataFrame, commodity: str, years: tuple[int, int]) -> str:
    """Which weight the shares are of: the net weight, and where Comtrade gives only the quantity in kilograms."""
    odd = trade_rows.weight_bases(flows, commodity, years)
    said = tr.t("Shares are of the weight Korea reports (net weight, in kilograms) against its stated World total.")
    if not odd:
        return said
    parts = ", ".join(tr.t("{partner} {year}", partner=tr.partner(c, n), year=y) for c, n, y in odd)
    return said + " " + tr.t("Where no net weight is stated, the quantity in kilograms is used: {parts}.", parts=parts)


def shortfalls(tr: Translator, rows: pd.DataFrame) -> str | None:
    """Years in which the partners do not add up to the World row, and by how much."""
    gaps = trade_rows.shortfalls(rows)
    if not gaps:
        return None
    parts = ", ".join(tr.t("{year}: {share}", year=y, share=tr.pct(v)) for y, v in gaps)
    return tr.t(
        "The partners do not add up to Korea's stated World total; the rest is drawn as not allocated: {parts}.",
        parts=parts,
    )


def retrieved(entry: dict) -> str:
    """When the flows were read from UN Comtrade (the database states no release date of its own)."""
    return str(entry.get("retrieved") or str(entry.get("fetched_at") or "")[:10])
