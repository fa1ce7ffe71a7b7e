"""Headline figures and "claims and the data": pure computations on the tidy table, no Streamlit."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from catalog import fuels, units
from catalog.countries import CENTRAL_ASIA, KOREA, TURKMENISTAN
from catalog.series import COAL_PRODUCTION, GAS_PRODUCTION, GAS_RESERVES, GDP_USD, PETROLEUM_PRODUCTION, POPULATION
from dashboard.chart_rows import latest_common_year
from dashboard.i18n import N_, Translator
from dashboard.phrases import Country, Join, Msg, Num, Pct, Phrase

# The units the headline figures and claims are written in, besides the catalog's (translated as units).
PERCENT, TRN_USD, MN, MN_ST, MILLION, TRILLION_CURRENT_USD = (
    "%",
    "trn US$",
    "mn",
    "mn st",
    "million",
    "trillion current US$",
)
SHOWN_UNITS = (
    PERCENT,
    TRN_USD,
    MN,
    units.SHORT[units.THOUSAND_BARRELS_PER_DAY],
    units.SHORT[units.BILLION_CUBIC_FEET],
    MN_ST,
    MILLION,
    TRILLION_CURRENT_USD,
)

FOSSIL_DEPENDENCE = fuels.FOSSIL.dependence_id


@dataclass(frozen=True)
class Claim:
    """A statement, what the cached data says, and whether they agree (phrases, worded by the page)."""

    statement: Msg
    data_says: Msg
    agrees: bool
    year: int | None
    source: Msg


# Where a headline figure has no year (no figure at all): its label still reads, and its value says "no data".
NO_YEAR = "–"


@dataclass(frozen=True)
class Metric:
    """A headline figure; `label` is one message with `{year}` and `{unit}` fields (see `card`)."""

    label: str
    value: float | None
    year: int | None
    change: float | None
    unit: str


def _value(table: pd.DataFrame, series: str, country: str, year: int) -> float | None:
    hit = table[(table["series"] == series) & (table["country"] == country) & (table["year"] == year)]
    return float(hit["value"].iloc[0]) if len(hit) else None


def latest(table: pd.DataFrame, series: str, country: str, label: str, unit: str) -> Metric:
    """The last figure of a series for a country, with its change from the year before."""
    rows = table[(table["series"] == series) & (table["country"] == country)].sort_values("year")
    if rows.empty:
        return Metric(label, None, None, None, unit)
    last = rows.iloc[-1]
    before = _value(table, series, country, int(last["year"]) - 1)
    change = None if before is None else float(last["value"]) - before
    return Metric(label, float(last["value"]), int(last["year"]), change, unit)


def region_total(table: pd.DataFrame, series: str, label: str, unit: str) -> Metric:
    """The five Central Asian states' combined figure in the last year all five have one."""
    year = latest_common_year(table, series, CENTRAL_ASIA)
    if year is None:
        return Metric(label, None, None, None, unit)
    rows = table[(table["series"] == series) & table["country"].isin(CENTRAL_ASIA)]
    sums = rows.groupby("year").agg(value=("value", "sum"), n=("country", "nunique"))
    before = sums.loc[year - 1] if year - 1 in sums.index and sums.loc[year - 1, "n"] == len(CENTRAL_ASIA) else None
    change = None if before is None else float(sums.loc[year, "value"] - before["value"])
    return Metric(label, float(sums.loc[year, "value"]), year, change, unit)


# Figures quoted in the cooperation texts for 2021: (series, WDI code, statement, stated value, scale,
# unit words, relative tolerance).
FIGURES_2021 = (
    (
        POPULATION.id,
        POPULATION.code,
        N_("Korea's population is about 51.7 million (2021)."),
        51.7e6,
        1e6,
        MILLION,
        0.01,
    ),
    (
        GDP_USD.id,
        GDP_USD.code,
        N_("Korea's GDP is about 1.81 trillion US$ (2021)."),
        1.81e12,
        1e12,
        TRILLION_CURRENT_USD,
        0.02,
    ),
)


# The Overview's headline figures, by group: (metric, divide by, number format, what it is, in full).
Headline = tuple[Metric, float, str, str]


def headlines(table: pd.DataFrame) -> dict[str, list[Headline]]:
    """Korea's and Central Asia's headline figures; each metric's unit is the short one shown after its value."""
    return {
        N_("South Korea"): [
            (
                latest(
                    table, fuels.TOTAL_ENERGY.dependence_id, KOREA, N_("{year} · Net energy imports{unit}"), PERCENT
                ),
                1,
                ".1f",
                N_("Net imports of all energy as % of consumption: (consumption − production) / consumption (EIA)."),
            ),
            (
                latest(table, FOSSIL_DEPENDENCE, KOREA, N_("{year} · Fossil fuels imported{unit}"), PERCENT),
                1,
                ".1f",
                N_("Net imports of coal, gas and petroleum as % of their consumption, in energy content (EIA)."),
            ),
            (
                latest(table, GDP_USD.id, KOREA, N_("{year} · GDP{unit}"), TRN_USD),
                1e12,
                ".2f",
                N_("GDP in trillion current US$ (World Bank, NY.GDP.MKTP.CD)."),
            ),
            (
                latest(table, POPULATION.id, KOREA, N_("{year} · Population{unit}"), MN),
                1e6,
                ".1f",
                N_("Population, total, in millions (World Bank, SP.POP.TOTL)."),
            ),
        ],
        N_("Central Asia, the five states combined"): [
            (
                region_total(
                    table,
                    PETROLEUM_PRODUCTION.id,
                    N_("{year} · Oil output{unit}"),
                    units.SHORT[units.THOUSAND_BARRELS_PER_DAY],
                ),
                1,
                ",.0f",
                N_(
                    "Petroleum and other liquids production, thousand barrels per day (EIA), last year all five report."
                ),
            ),
            (
                region_total(
                    table, GAS_PRODUCTION.id, N_("{year} · Dry gas output{unit}"), units.SHORT[units.BILLION_CUBIC_FEET]
                ),
                1,
                ",.0f",
                N_("Dry natural gas production, billion cubic feet (EIA), last year all five report."),
            ),
            (
                region_total(table, COAL_PRODUCTION.id, N_("{year} · Coal output{unit}"), MN_ST),
                1e3,
                ",.1f",
                N_("Coal production, million short tons (EIA), last year all five report."),
            ),
        ],
    }


@dataclass(frozen=True)
class Card:
    """A headline figure as the page shows it: label leading with its year, formatted value, change, help."""

    label: str
    value: str
    delta: str | None
    help: str
    arrow: str = "off"  # st.metric's delta_arrow: "up", "down", or "off" for no change


# Korean counts large figures in myriads: population in 만 명 (10⁴ people), not millions.
KOREAN_SCALE = {MN: (1e4, ",.0f", "만 명"), MILLION: (1e4, ",.0f", "만 명")}


@dataclass(frozen=True)
class Amount:
    """A stated figure in its unit words: '1.80 trillion current US$'; in Korean in myriads, '5,174만 명'."""

    value: float
    scale: float
    words: str

    def _form(self, tr: Translator) -> tuple[str, str]:
        scale, fmt, unit = self.scale, ".2f", tr.unit(self.words)
        if tr.lang == "ko" and self.words in KOREAN_SCALE:  # 5,174만 명, 1.80조 달러(경상 가격)
            scale, fmt, unit = KOREAN_SCALE[self.words]
        return tr.num(self.value / scale, fmt) + ("" if unit[:1] in "만억조" else " "), unit

    @property
    def figure(self) -> Phrase:
        return _Part(self, 0)

    @property
    def unit(self) -> Phrase:
        return _Part(self, 1)


@dataclass(frozen=True)
class _Part:
    amount: Amount
    index: int

    def say(self, tr: Translator) -> str:
        return self.amount._form(tr)[self.index]


METRIC_WIDTH = 12  # columns a figure and its unit may take in a metric's box (a Hangul syllable takes two)
LABEL_WIDTH = 28  # columns a metric's label may take four to a row at desktop width before Streamlit cuts it with "…"


def per_row(cards: list[Card]) -> int:
    """Headline figures a row holds: four, or two where a label would be cut at four (Korean and Russian units)."""
    return 4 if all(_width(c.label) <= LABEL_WIDTH for c in cards) else 2


def _digits(fmt: str) -> int:
    """Decimal places of a number format: ',.1f' -> 1, ',.0f' -> 0."""
    match = re.search(r"\.(\d+)", fmt)
    return int(match.group(1)) if match else 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def card(tr: Translator, metric: Metric, factor: float, fmt: str, about: str) -> Card:
    """A metric formatted for the page: '2023 · Net energy imports', '84.0 %', '-0.4 on 2022'."""
    unit = tr.unit(metric.unit)
    if tr.lang == "ko" and metric.unit in KOREAN_SCALE:
        factor, fmt, unit = KOREAN_SCALE[metric.unit]
    # A unit longer than a few letters (most in Korean and Russian: 천 배럴/일, тыс. баррелей в сутки) goes
    # into the label: in the figure it would be cut off with "…" in a metric's narrow box.
    figure = "" if metric.value is None else tr.num(metric.value / factor, fmt)
    in_label = metric.unit != PERCENT and _width(f"{figure} {unit}") > METRIC_WIDTH
    if metric.value is None:
        value = tr.t("no data")
    elif metric.unit == PERCENT:
        value = tr.pct(metric.value / factor, fmt)
    elif in_label:
        value = tr.num(metric.value / factor, fmt)
    else:
        # Korean number words join the figure: 1.71조 달러, 5,175만 명.
        value = tr.num(metric.value / factor, fmt) + ("" if unit[:1] in "만억조" else " ") + unit
    delta, arrow = None, "off"
    if metric.change is not None:
        # The arrow and sign follow the change as shown: a fall that rounds to zero is no change. Streamlit would
        # read the direction from the text's first character, which in Korean is the year ("2022년 대비 -0.4").
        shown = round(metric.change / factor, _digits(fmt))
        arrow = "off" if shown == 0 else "up" if shown > 0 else "down"
        change = tr.num(0.0, fmt) if shown == 0 else tr.num(metric.change / factor, "+" + fmt)
        delta = tr.t("{change} on {year}", change=change, year=metric.year - 1)
    # One message a label, "{year} · Oil output{unit}": the unit joins it only where the box is too narrow for it.
    label = tr.t(metric.label, year=metric.year or NO_YEAR, unit=f" ({unit})" if in_label else "")
    return Card(label, value, delta, tr.t(about), arrow)


def headline_cards(table: pd.DataFrame, tr: Translator) -> dict[str, list[Card]]:
    """The headline figures by group, formatted; each label leads with the latest year its figure has."""
    return {tr.t(group): [card(tr, *h) for h in items] for group, items in headlines(table).items()}


def fossil_import_share(table: pd.DataFrame) -> tuple[float, int] | None:
    """Korea's net imports of coal, gas and petroleum as % of its consumption of them, latest year.

    The refresh derives it in energy content from EIA's own quad-Btu split (`dependence_fossil_pct`), so
    the fuels are weighted by EIA's heat contents, not by constants of ours.
    """
    rows = table[(table["series"] == FOSSIL_DEPENDENCE) & (table["country"] == KOREA)]
    if rows.empty:
        return None
    last = rows.loc[rows["year"].idxmax()]
    return float(last["value"]), int(last["year"])


def claims(table: pd.DataFrame) -> list[Claim]:
    """Statements made about Korea and Central Asia, checked against the cached figures."""
    out: list[Claim] = []
    share = fossil_import_share(table)
    eia = Msg(
        "U.S. EIA International Energy Statistics (production and consumption of coal, gas and petroleum, quad Btu)"
    )
    if share:
        value, year = share
        out.append(
            Claim(
                Msg("Korea imports about {share} of its fossil fuels.", share=Pct(98, ".0f")),
                Msg(
                    "Net imports were {share} of Korea's oil, gas and coal consumption in {year} "
                    "(energy content, EIA's own heat contents).",
                    share=Pct(value),
                    year=year,
                ),
                abs(value - 98) <= 2,
                year,
                eia,
            )
        )
    for series, code, statement, stated, scale, words, tolerance in FIGURES_2021:
        value = _value(table, series, KOREA, 2021)
        if value is not None:
            amount = Amount(value, scale, words)
            said = Msg("{figure}{unit} in {year}.", figure=amount.figure, unit=amount.unit, year=2021)
            source = Msg("World Bank WDI, {code}", code=code)
            out.append(Claim(Msg(statement), said, abs(value / stated - 1) <= tolerance, 2021, source))
    out += _turkmen_gas(table)
    return out


def _turkmen_gas(table: pd.DataFrame) -> list[Claim]:
    rows = []
    for series in (GAS_RESERVES.id, fuels.GAS.net_exports_id(fuels.PHYSICAL)):
        data = table[(table["series"] == series) & table["country"].isin(CENTRAL_ASIA)]
        year = latest_common_year(table, series, CENTRAL_ASIA)
        if year is None:
            continue
        ranked = data[data["year"] == year].sort_values("value", ascending=False)
        leader, tkm = ranked.iloc[0], ranked[ranked["country"] == TURKMENISTAN]["value"].iloc[0]
        rows.append((series, year, leader["country"], float(tkm), float(ranked["value"].sum())))
    if not rows:
        return []
    agrees = all(leader == TURKMENISTAN for _, _, leader, _, _ in rows)
    parts = [
        Msg(
            "{what} {year}: {leader} leads ({country} {value} of the region's {total})",
            what=Msg("reserves") if s == GAS_RESERVES.id else Msg("net exports"),
            year=y,
            leader=Country(leader),
            country=Country(TURKMENISTAN),
            value=Num(tkm, ",.0f"),
            total=Num(total, ",.0f"),
        )
        for s, y, leader, tkm, total in rows
    ]
    return [
        Claim(
            Msg("Turkmenistan is Central Asia's gas supplier (largest gas reserves and exports)."),
            Msg("{parts} (tcf reserves; bcf net exports).", parts=Join("; ", parts)),
            agrees,
            max(r[1] for r in rows),
            Msg("U.S. EIA International Energy Statistics (gas reserves, production, consumption)"),
        )
    ]
