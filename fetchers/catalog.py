"""Every series the project shows, declared once: where it comes from, what it measures, who to cite.

Tests, the refresh command, the manifest and (through the manifest) the dashboard all read this file;
nothing else lists series. Derived series name their inputs so the manifest can say how they were made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# The countries and topics are the cache's vocabulary, shared with the dashboard: defined in cache/schema.py.
from cache.fuels import ENERGY, FUELS, PHYSICAL, QBTU, Fuel
from cache.schema import (  # noqa: F401 - re-exported for the fetchers
    ALL_COUNTRIES,
    CENTRAL_ASIA,
    CENTRAL_ASIA_COMBINED,
    COOPERATION_AREAS,
    COUNTRIES,
    COUNTRY_NAMES,
    KOREA,
    TOPICS,
    WORLDBANK_COUNTRIES,
)

WORLDBANK = "worldbank"
EIA = "eia"
DERIVED = "derived"
Source = Literal["worldbank", "eia", "derived"]

WB_LICENSE = "CC BY 4.0"
WB_ATTRIBUTION = "World Bank, World Development Indicators"
EIA_LICENSE = "Public domain (U.S. Government work)"
EIA_ATTRIBUTION = "Source: U.S. Energy Information Administration, International Energy Statistics"
EIA_CITATION = "https://www.eia.gov/international/data/world"


@dataclass(frozen=True)
class Series:
    """One series: our stable id, its upstream code, and what a chart needs to cite it."""

    id: str
    source: Source
    code: str  # WDI indicator code, EIA "product-activity-unit", or the derived formula's name
    unit: str
    title: str
    description: str
    topics: tuple[str, ...]
    citation: str
    countries: tuple[str, ...] = ALL_COUNTRIES
    database: str = ""  # World Bank source id: "2" (WDI) or "57" (WDI Database Archives)
    inputs: tuple[str, ...] = field(default=())  # derived series only: the series ids it is computed from
    kind: str = ""  # derived series only: dependence | net_exports | coverage (see cache/derived.py)
    fuel: str = ""  # derived series only: a cache.fuels id
    measure: str = ""  # derived series only: physical | energy

    @property
    def bounds(self) -> tuple[float, float]:
        """The range a figure of this series can plausibly take; a refresh refuses values outside it."""
        return plausible_range(self.unit)

    @property
    def license(self) -> str:
        return WB_LICENSE if self.source == WORLDBANK else EIA_LICENSE

    @property
    def attribution(self) -> str:
        return WB_ATTRIBUTION if self.source == WORLDBANK else EIA_ATTRIBUTION

    @property
    def eia_facets(self) -> tuple[str, str, str]:
        """(productId, activityId, unit) of an EIA series."""
        product, activity, unit = self.code.split("-")
        return product, activity, unit


MAX_MAGNITUDE = 1e15  # no figure of ours comes near: world GDP is ~1e14 current US$


def plausible_range(unit: str) -> tuple[float, float]:
    """Bounds by unit: percentages within ±10,000 (a net exporter's dependence is a large negative share), the
    Logistics Performance Index between its scale's ends, a population never negative, anything else finite."""
    if unit.startswith("%"):
        return -1e4, 1e4
    if unit.startswith("index, 1 (low) to 5 (high)"):
        return 1.0, 5.0
    if unit == "people":
        return 0.0, 1e10
    return -MAX_MAGNITUDE, MAX_MAGNITUDE


def _wb(
    *,
    id: str,
    code: str,
    unit: str,
    topics: tuple[str, ...],
    title: str,
    description: str,
    database: str = "2",
) -> Series:
    return Series(
        id=id,
        source=WORLDBANK,
        code=code,
        unit=unit,
        title=title,
        description=description,
        topics=topics,
        citation=f"https://data.worldbank.org/indicator/{code}",
        countries=WORLDBANK_COUNTRIES,
        database=database,
    )


def _eia(*, id: str, code: str, unit: str, topics: tuple[str, ...], title: str, description: str) -> Series:
    return Series(
        id=id,
        source=EIA,
        code=code,
        unit=unit,
        title=title,
        description=description,
        topics=topics,
        citation=EIA_CITATION,
    )


# The tables below are kept one series per entry, aligned by hand: formatter off.
# fmt: off
WORLDBANK_SERIES: tuple[Series, ...] = (
    _wb(id="energy_imports_net_pct", code="EG.IMP.CONS.ZS", unit="% of energy use",
        topics=("dependence",),
        title="Energy imports, net",
        description="Energy use less production, both in oil equivalents, as a share of energy use (IEA via WDI)."),
    _wb(id="gdp_usd", code="NY.GDP.MKTP.CD", unit="current US$",
        topics=("economy",),
        title="GDP",
        description="Gross domestic product at current prices."),
    _wb(id="population", code="SP.POP.TOTL", unit="people",
        topics=("economy",),
        title="Population",
        description="Total midyear population."),
    _wb(id="gdp_per_capita_usd", code="NY.GDP.PCAP.CD", unit="current US$ per person",
        topics=("economy",),
        title="GDP per capita",
        description="Gross domestic product divided by midyear population."),
    _wb(id="fossil_share_pct", code="EG.USE.COMM.FO.ZS", unit="% of total energy use",
        topics=("dependence",),
        title="Fossil fuel energy consumption",
        description="Coal, oil, petroleum and natural gas products as a share of total energy use."),
    _wb(id="fuel_imports_pct", code="TM.VAL.FUEL.ZS.UN", unit="% of merchandise imports",
        topics=("dependence",),
        title="Fuel imports",
        description="Fuels (SITC 3) as a share of merchandise imports (UN Comtrade via WDI)."),
    _wb(id="fuel_exports_pct", code="TX.VAL.FUEL.ZS.UN", unit="% of merchandise exports",
        topics=("resources", "industry"),
        title="Fuel exports",
        description="Fuels (SITC 3) as a share of merchandise exports (UN Comtrade via WDI)."),
    _wb(id="rents_total_pct", code="NY.GDP.TOTL.RT.ZS", unit="% of GDP",
        topics=("resources",),
        title="Total natural resources rents",
        description="Sum of oil, gas, coal, mineral and forest rents."),
    _wb(id="rents_oil_pct", code="NY.GDP.PETR.RT.ZS", unit="% of GDP",
        topics=("resources",),
        title="Oil rents",
        description="Value of crude oil production at world prices less production costs."),
    _wb(id="rents_gas_pct", code="NY.GDP.NGAS.RT.ZS", unit="% of GDP",
        topics=("resources",),
        title="Natural gas rents",
        description="Value of natural gas production at world prices less production costs."),
    _wb(id="rents_coal_pct", code="NY.GDP.COAL.RT.ZS", unit="% of GDP",
        topics=("resources",),
        title="Coal rents",
        description="Value of hard and soft coal production at world prices less production costs."),
    _wb(id="rents_mineral_pct", code="NY.GDP.MINR.RT.ZS", unit="% of GDP",
        topics=("resources",),
        title="Mineral rents",
        description="Value of mineral production at world prices less production costs."),
    _wb(id="renewable_share_pct", code="EG.FEC.RNEW.ZS", unit="% of final energy consumption",
        topics=("dependence", "energy"),
        title="Renewable energy consumption",
        description="Renewable energy as a share of total final energy consumption."),
    _wb(id="renewable_electricity_pct", code="EG.ELC.RNEW.ZS", unit="% of electricity output",
        topics=("energy",),
        title="Renewable electricity output",
        description="Electricity from renewable sources, excluding hydroelectric pumped storage."),
    _wb(id="energy_use_per_capita", code="EG.USE.PCAP.KG.OE", unit="kg of oil equivalent per person",
        topics=("power",),
        title="Energy use per person",
        description="Primary energy use before transformation to other end-use fuels, per person."),
    _wb(id="forest_area_pct", code="AG.LND.FRST.ZS", unit="% of land area",
        topics=("climate",),
        title="Forest area",
        description="Land under natural or planted stands of trees of at least 5 metres."),
    _wb(id="pm25_exposure", code="EN.ATM.PM25.MC.M3", unit="\u00b5g per cubic metre",
        topics=("climate",),
        title="PM2.5 air pollution, mean annual exposure",
        description="Population-weighted mean exposure to fine particulate matter."),
    _wb(id="trade_pct_gdp", code="NE.TRD.GNFS.ZS", unit="% of GDP",
        topics=("economy", "transport"),
        title="Trade",
        description="Exports plus imports of goods and services as a share of GDP."),
    _wb(id="industry_pct_gdp", code="NV.IND.TOTL.ZS", unit="% of GDP",
        topics=("industry",),
        title="Industry value added",
        description="Value added by industry, including construction."),
    _wb(id="physicians_per_1000", code="SH.MED.PHYS.ZS", unit="per 1,000 people",
        topics=("health",),
        title="Physicians",
        description="Generalist and specialist medical practitioners per 1,000 people."),
    _wb(id="logistics_performance", code="LP.LPI.OVRL.XQ", unit="index, 1 (low) to 5 (high)",
        topics=("transport",),
        title="Logistics performance index",
        description="Overall score of the World Bank's Logistics Performance Index survey."),
    _wb(id="co2_emissions_mt", code="EN.GHG.CO2.MT.CE.AR5", unit="Mt CO2e",
        topics=("climate",),
        title="CO2 emissions excluding LULUCF",
        description="Carbon dioxide emissions excluding land use change (EDGAR via WDI)."),
    _wb(id="co2_emissions_kt", code="EN.ATM.CO2E.KT", unit="kt",
        topics=("climate",), database="57",
        title="CO2 emissions (archived CDIAC series)",
        description="Emissions from burning fossil fuels and making cement (CDIAC; now in WDI Database Archives)."),
)

# EIA code = "productId-activityId-unit" facet ids of the international route.
EIA_SERIES: tuple[Series, ...] = (
    _eia(id="total_energy_production", code="44-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Total energy production",
        description="Primary energy production, all sources."),
    _eia(id="total_energy_consumption", code="44-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Total energy consumption",
        description="Primary energy consumption, all sources."),
    _eia(id="petroleum_production", code="53-1-TBPD", unit="thousand barrels per day",
        topics=("dependence", "resources"),
        title="Total petroleum and other liquids production",
        description="Crude oil, NGPL, refinery gains and other liquids."),
    _eia(id="crude_ngpl_production", code="55-1-TBPD", unit="thousand barrels per day",
        topics=("resources",),
        title="Crude oil, NGPL and other liquids production",
        description="Production excluding refinery processing gain."),
    _eia(id="petroleum_consumption", code="5-2-TBPD", unit="thousand barrels per day",
        topics=("dependence",),
        title="Petroleum and other liquids consumption",
        description="Consumption of refined products and other liquids."),
    _eia(id="crude_imports", code="57-3-TBPD", unit="thousand barrels per day",
        topics=("dependence",),
        title="Crude oil imports",
        description="Crude oil including lease condensate."),
    _eia(id="crude_exports", code="57-4-TBPD", unit="thousand barrels per day",
        topics=("resources",),
        title="Crude oil exports",
        description="Crude oil including lease condensate."),
    _eia(id="crude_reserves", code="57-6-BB", unit="billion barrels",
        topics=("resources",),
        title="Crude oil proved reserves",
        description="Crude oil including lease condensate, as of 1 January."),
    _eia(id="gas_production", code="26-1-BCF", unit="billion cubic feet",
        topics=("dependence", "resources"),
        title="Dry natural gas production",
        description="Marketed dry natural gas."),
    _eia(id="gas_consumption", code="26-2-BCF", unit="billion cubic feet",
        topics=("dependence",),
        title="Dry natural gas consumption",
        description="Dry natural gas consumed."),
    _eia(id="gas_imports", code="26-3-BCF", unit="billion cubic feet",
        topics=("dependence",),
        title="Dry natural gas imports",
        description="Pipeline and LNG imports."),
    _eia(id="gas_exports", code="26-4-BCF", unit="billion cubic feet",
        topics=("resources",),
        title="Dry natural gas exports",
        description="Pipeline and LNG exports."),
    _eia(id="gas_reserves", code="3-6-TCF", unit="trillion cubic feet",
        topics=("resources",),
        title="Natural gas proved reserves",
        description="Natural gas, as of 1 January."),
    _eia(id="coal_production", code="7-1-TST", unit="thousand short tons",
        topics=("dependence", "resources"),
        title="Coal production",
        description="All coal ranks."),
    _eia(id="coal_consumption", code="7-2-TST", unit="thousand short tons",
        topics=("dependence",),
        title="Coal consumption",
        description="All coal ranks."),
    _eia(id="coal_imports", code="7-3-TST", unit="thousand short tons",
        topics=("dependence",),
        title="Coal imports",
        description="All coal ranks."),
    _eia(id="coal_exports", code="7-4-TST", unit="thousand short tons",
        topics=("resources",),
        title="Coal exports",
        description="All coal ranks."),
    _eia(id="coal_reserves", code="7-6-MST", unit="million short tons",
        topics=("resources",),
        title="Coal recoverable reserves",
        description="All coal ranks."),
    _eia(id="electricity_generation", code="2-12-BKWH", unit="billion kWh",
        topics=("power",),
        title="Electricity net generation",
        description="All sources."),
    _eia(id="electricity_consumption", code="2-2-BKWH", unit="billion kWh",
        topics=("power",),
        title="Electricity net consumption",
        description="Generation plus imports less exports and losses."),
    _eia(id="electricity_imports", code="2-3-BKWH", unit="billion kWh",
        topics=("power",),
        title="Electricity imports",
        description="Cross-border imports."),
    _eia(id="electricity_exports", code="2-4-BKWH", unit="billion kWh",
        topics=("power",),
        title="Electricity exports",
        description="Cross-border exports."),
    _eia(id="nuclear_generation", code="27-12-BKWH", unit="billion kWh",
        topics=("power",),
        title="Nuclear electricity net generation",
        description=""),
    _eia(id="renewable_generation", code="29-12-BKWH", unit="billion kWh",
        topics=("energy",),
        title="Renewable electricity net generation",
        description="All renewable sources, hydro included."),
    _eia(id="hydro_generation", code="33-12-BKWH", unit="billion kWh",
        topics=("energy",),
        title="Hydroelectricity net generation",
        description=""),
    _eia(id="coal_production_qbtu", code="4411-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Coal production, energy content",
        description="Primary energy production from coal (EIA heat contents)."),
    _eia(id="coal_consumption_qbtu", code="4411-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Coal consumption, energy content",
        description="Primary energy consumption from coal (EIA heat contents)."),
    _eia(id="gas_production_qbtu", code="4413-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Natural gas production, energy content",
        description="Primary energy production from dry natural gas (EIA heat contents)."),
    _eia(id="gas_consumption_qbtu", code="4413-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Natural gas consumption, energy content",
        description="Primary energy consumption from dry natural gas (EIA heat contents)."),
    _eia(id="petroleum_production_qbtu", code="4415-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Petroleum and other liquids production, energy content",
        description="Primary energy production from petroleum and other liquids (EIA heat contents)."),
    _eia(id="petroleum_consumption_qbtu", code="4415-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Petroleum and other liquids consumption, energy content",
        description="Primary energy consumption from petroleum and other liquids (EIA heat contents)."),
    _eia(id="nuclear_production_qbtu", code="4417-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Nuclear production, energy content",
        description="Primary energy production from nuclear electricity (EIA heat contents)."),
    _eia(id="nuclear_consumption_qbtu", code="4417-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Nuclear consumption, energy content",
        description="Primary energy consumption from nuclear electricity (EIA heat contents)."),
    _eia(id="renewables_production_qbtu", code="4418-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Renewables and other production, energy content",
        description="Primary energy production from renewable and other sources (EIA heat contents)."),
    _eia(id="renewables_consumption_qbtu", code="4418-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Renewables and other consumption, energy content",
        description="Primary energy consumption from renewable and other sources (EIA heat contents)."),
    _eia(id="nuclear_renewables_production_qbtu", code="4419-1-QBTU", unit="quadrillion Btu",
        topics=("dependence", "resources"),
        title="Nuclear, renewables and other production, energy content",
        description="Primary energy production from nuclear, renewable and other sources (EIA heat contents)."),
    _eia(id="nuclear_renewables_consumption_qbtu", code="4419-2-QBTU", unit="quadrillion Btu",
        topics=("dependence",),
        title="Nuclear, renewables and other consumption, energy content",
        description="Primary energy consumption from nuclear, renewable and other sources (EIA heat contents)."),
    _eia(id="capacity_total", code="2-7-MK", unit="million kilowatts",
        topics=("energy",),
        title="Electricity generating capacity",
        description="Installed generating capacity. All sources."),
    _eia(id="capacity_renewables", code="29-7-MK", unit="million kilowatts",
        topics=("energy",),
        title="Renewable generating capacity",
        description="Installed generating capacity. All renewable sources, hydro included."),
    _eia(id="capacity_hydro", code="33-7-MK", unit="million kilowatts",
        topics=("energy",),
        title="Hydroelectric generating capacity",
        description="Installed generating capacity. Conventional hydroelectricity."),
    _eia(id="capacity_non_hydro_renewables", code="34-7-MK", unit="million kilowatts",
        topics=("energy",),
        title="Non-hydroelectric renewable generating capacity",
        description="Installed generating capacity. Wind, solar, geothermal, biomass and other."),
    _eia(id="capacity_solar", code="116-7-MK", unit="million kilowatts",
        topics=("energy",),
        title="Solar generating capacity",
        description="Installed generating capacity. Solar photovoltaic and thermal."),
    _eia(id="capacity_wind", code="37-7-MK", unit="million kilowatts",
        topics=("energy",),
        title="Wind generating capacity",
        description="Installed generating capacity. Onshore and offshore wind."),
)
# fmt: on

# The kinds of derived series, each computed by the function of the same name in cache/derived.py.
DEPENDENCE, NET_EXPORTS, COVERAGE = "dependence", "net_exports", "coverage"


def _derived_series(fuel: Fuel, kind: str, measure: str) -> Series:
    m = fuel.measure(measure)
    name = fuel.name
    content = " in energy content (EIA's quad-Btu split)" if measure == ENERGY else ""
    common = {
        "source": DERIVED,
        "citation": EIA_CITATION,
        "inputs": (*m.production, *m.consumption),
        "kind": kind,
        "fuel": fuel.id,
        "measure": measure,
    }
    if kind == DEPENDENCE:
        return Series(
            id=fuel.dependence_id,
            code="(consumption - production) / consumption",
            unit="% of consumption",
            title=f"Net import dependence, {name}",
            description=f"(Consumption - production) / consumption of {name}{content}, from EIA figures; "
            "negative means a net exporter.",
            topics=("dependence",),
            **common,
        )
    suffix = ", energy content" if measure == ENERGY and m.unit == QBTU and fuel.physical else ""
    if kind == NET_EXPORTS:
        return Series(
            id=fuel.net_exports_id(measure),
            code="production - consumption",
            unit=m.unit,
            title=f"Net exports, {name}{suffix}",
            description=f"Production less consumption of {name}{content}, from EIA figures; "
            "negative means net imports.",
            topics=("resources",),
            **common,
        )
    return Series(
        id=fuel.coverage_id(measure),
        code="sum(Central Asia net exports) / Korea net imports",
        unit="% of Korea's net imports",
        title=f"Central Asia's net exports as a share of Korea's net imports, {name}{suffix}",
        description=f"Sum of the five Central Asian states' net exports of {name}{content} (a net importer "
        "counts against the sum) divided by South Korea's net imports, from EIA figures.",
        topics=("dependence", "resources"),
        countries=(CENTRAL_ASIA_COMBINED,),
        **common,
    )


def _derived() -> tuple[Series, ...]:
    out: list[Series] = []
    for fuel in FUELS:
        out.append(_derived_series(fuel, DEPENDENCE, fuel.dependence_measure()))
        for measure in (PHYSICAL, ENERGY):
            if measure in fuel.measures:
                out += [_derived_series(fuel, NET_EXPORTS, measure), _derived_series(fuel, COVERAGE, measure)]
    return tuple(out)


DERIVED_SERIES: tuple[Series, ...] = _derived()
CATALOG: tuple[Series, ...] = WORLDBANK_SERIES + EIA_SERIES + DERIVED_SERIES
BY_ID: dict[str, Series] = {s.id: s for s in CATALOG}


def get(series_id: str) -> Series:
    """The catalog entry for an id; KeyError names the id."""
    return BY_ID[series_id]
