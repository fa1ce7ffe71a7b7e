"""Every fetched series, declared once: where it comes from, what it measures, who to cite.

Each series is a named constant (`GAS_PRODUCTION`), its id written once, here; everything else refers to it by
that name. The derived series are declared with their fuels (catalog/fuels.py) and formulas (catalog/derived.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog import units
from catalog.countries import ALL_COUNTRIES, WORLDBANK_COUNTRIES
from catalog.schema import EIA, MAX_MAGNITUDE, WORLDBANK, Source

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
    kind: str = ""  # derived series only: dependence | net_exports | coverage (see catalog/derived.py)
    fuel: str = ""  # derived series only: a catalog.fuels id
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


def plausible_range(unit: str) -> tuple[float, float]:
    """Bounds by unit: percentages within ±10,000 (a net exporter's dependence is a large negative share), the
    Logistics Performance Index between its scale's ends, a population never negative, anything else finite."""
    if unit.startswith("%"):
        return -1e4, 1e4
    if unit == units.LPI_SCALE:
        return 1.0, 5.0
    if unit == units.PEOPLE:
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
ENERGY_IMPORTS_NET_PCT = _wb(id="energy_imports_net_pct", code="EG.IMP.CONS.ZS", unit="% of energy use",
    topics=("dependence",),
    title="Energy imports, net",
    description="Energy use less production, both in oil equivalents, as a share of energy use (IEA via WDI).")
GDP_USD = _wb(id="gdp_usd", code="NY.GDP.MKTP.CD", unit=units.CURRENT_USD,
    topics=("economy",),
    title="GDP",
    description="Gross domestic product at current prices.")
POPULATION = _wb(id="population", code="SP.POP.TOTL", unit=units.PEOPLE,
    topics=("economy",),
    title="Population",
    description="Total midyear population.")
GDP_PER_CAPITA_USD = _wb(id="gdp_per_capita_usd", code="NY.GDP.PCAP.CD", unit="current US$ per person",
    topics=("economy",),
    title="GDP per capita",
    description="Gross domestic product divided by midyear population.")
FOSSIL_SHARE_PCT = _wb(id="fossil_share_pct", code="EG.USE.COMM.FO.ZS", unit="% of total energy use",
    topics=("dependence",),
    title="Fossil fuel energy consumption",
    description="Coal, oil, petroleum and natural gas products as a share of total energy use.")
FUEL_IMPORTS_PCT = _wb(id="fuel_imports_pct", code="TM.VAL.FUEL.ZS.UN", unit="% of merchandise imports",
    topics=("dependence",),
    title="Fuel imports",
    description="Fuels (SITC 3) as a share of merchandise imports (UN Comtrade via WDI).")
FUEL_EXPORTS_PCT = _wb(id="fuel_exports_pct", code="TX.VAL.FUEL.ZS.UN", unit="% of merchandise exports",
    topics=("resources", "industry"),
    title="Fuel exports",
    description="Fuels (SITC 3) as a share of merchandise exports (UN Comtrade via WDI).")
RENTS_TOTAL_PCT = _wb(id="rents_total_pct", code="NY.GDP.TOTL.RT.ZS", unit=units.PCT_OF_GDP,
    topics=("resources",),
    title="Total natural resources rents",
    description="Sum of oil, gas, coal, mineral and forest rents.")
RENTS_OIL_PCT = _wb(id="rents_oil_pct", code="NY.GDP.PETR.RT.ZS", unit=units.PCT_OF_GDP,
    topics=("resources",),
    title="Oil rents",
    description="Value of crude oil production at world prices less production costs.")
RENTS_GAS_PCT = _wb(id="rents_gas_pct", code="NY.GDP.NGAS.RT.ZS", unit=units.PCT_OF_GDP,
    topics=("resources",),
    title="Natural gas rents",
    description="Value of natural gas production at world prices less production costs.")
RENTS_COAL_PCT = _wb(id="rents_coal_pct", code="NY.GDP.COAL.RT.ZS", unit=units.PCT_OF_GDP,
    topics=("resources",),
    title="Coal rents",
    description="Value of hard and soft coal production at world prices less production costs.")
RENTS_MINERAL_PCT = _wb(id="rents_mineral_pct", code="NY.GDP.MINR.RT.ZS", unit=units.PCT_OF_GDP,
    topics=("resources",),
    title="Mineral rents",
    description="Value of mineral production at world prices less production costs.")
RENEWABLE_SHARE_PCT = _wb(id="renewable_share_pct", code="EG.FEC.RNEW.ZS", unit="% of final energy consumption",
    topics=("dependence", "energy"),
    title="Renewable energy consumption",
    description="Renewable energy as a share of total final energy consumption.")
RENEWABLE_ELECTRICITY_PCT = _wb(id="renewable_electricity_pct", code="EG.ELC.RNEW.ZS", unit="% of electricity output",
    topics=("energy",),
    title="Renewable electricity output",
    description="Electricity from renewable sources, excluding hydroelectric pumped storage.")
ENERGY_USE_PER_CAPITA = _wb(id="energy_use_per_capita", code="EG.USE.PCAP.KG.OE",
    unit="kg of oil equivalent per person",
    topics=("power",),
    title="Energy use per person",
    description="Primary energy use before transformation to other end-use fuels, per person.")
FOREST_AREA_PCT = _wb(id="forest_area_pct", code="AG.LND.FRST.ZS", unit="% of land area",
    topics=("climate",),
    title="Forest area",
    description="Land under natural or planted stands of trees of at least 5 metres.")
PM25_EXPOSURE = _wb(id="pm25_exposure", code="EN.ATM.PM25.MC.M3", unit="\u00b5g per cubic metre",
    topics=("climate",),
    title="PM2.5 air pollution, mean annual exposure",
    description="Population-weighted mean exposure to fine particulate matter.")
TRADE_PCT_GDP = _wb(id="trade_pct_gdp", code="NE.TRD.GNFS.ZS", unit=units.PCT_OF_GDP,
    topics=("economy", "transport"),
    title="Trade",
    description="Exports plus imports of goods and services as a share of GDP.")
INDUSTRY_PCT_GDP = _wb(id="industry_pct_gdp", code="NV.IND.TOTL.ZS", unit=units.PCT_OF_GDP,
    topics=("industry",),
    title="Industry value added",
    description="Value added by industry, including construction.")
PHYSICIANS_PER_1000 = _wb(id="physicians_per_1000", code="SH.MED.PHYS.ZS", unit="per 1,000 people",
    topics=("health",),
    title="Physicians",
    description="Generalist and specialist medical practitioners per 1,000 people.")
LOGISTICS_PERFORMANCE = _wb(id="logistics_performance", code="LP.LPI.OVRL.XQ", unit=units.LPI_SCALE,
    topics=("transport",),
    title="Logistics performance index",
    description="Overall score of the World Bank's Logistics Performance Index survey.")
CO2_EMISSIONS_MT = _wb(id="co2_emissions_mt", code="EN.GHG.CO2.MT.CE.AR5", unit="Mt CO2e",
    topics=("climate",),
    title="CO2 emissions excluding LULUCF",
    description="Carbon dioxide emissions excluding land use change (EDGAR via WDI).")
CO2_EMISSIONS_KT = _wb(id="co2_emissions_kt", code="EN.ATM.CO2E.KT", unit="kt",
    topics=("climate",), database="57",
    title="CO2 emissions (archived CDIAC series)",
    description="Emissions from burning fossil fuels and making cement (CDIAC; now in WDI Database Archives).")
WORLDBANK_SERIES: tuple[Series, ...] = (
    ENERGY_IMPORTS_NET_PCT,
    GDP_USD,
    POPULATION,
    GDP_PER_CAPITA_USD,
    FOSSIL_SHARE_PCT,
    FUEL_IMPORTS_PCT,
    FUEL_EXPORTS_PCT,
    RENTS_TOTAL_PCT,
    RENTS_OIL_PCT,
    RENTS_GAS_PCT,
    RENTS_COAL_PCT,
    RENTS_MINERAL_PCT,
    RENEWABLE_SHARE_PCT,
    RENEWABLE_ELECTRICITY_PCT,
    ENERGY_USE_PER_CAPITA,
    FOREST_AREA_PCT,
    PM25_EXPOSURE,
    TRADE_PCT_GDP,
    INDUSTRY_PCT_GDP,
    PHYSICIANS_PER_1000,
    LOGISTICS_PERFORMANCE,
    CO2_EMISSIONS_MT,
    CO2_EMISSIONS_KT,
)

# EIA code = "productId-activityId-unit" facet ids of the international route.
TOTAL_ENERGY_PRODUCTION = _eia(id="total_energy_production", code="44-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Total energy production",
    description="Primary energy production, all sources.")
TOTAL_ENERGY_CONSUMPTION = _eia(id="total_energy_consumption", code="44-2-QBTU", unit=units.QBTU,
    topics=("dependence",),
    title="Total energy consumption",
    description="Primary energy consumption, all sources.")
PETROLEUM_PRODUCTION = _eia(id="petroleum_production", code="53-1-TBPD", unit=units.THOUSAND_BARRELS_PER_DAY,
    topics=("dependence", "resources"),
    title="Total petroleum and other liquids production",
    description="Crude oil, NGPL, refinery gains and other liquids.")
CRUDE_NGPL_PRODUCTION = _eia(id="crude_ngpl_production", code="55-1-TBPD", unit=units.THOUSAND_BARRELS_PER_DAY,
    topics=("resources",),
    title="Crude oil, NGPL and other liquids production",
    description="Production excluding refinery processing gain.")
PETROLEUM_CONSUMPTION = _eia(id="petroleum_consumption", code="5-2-TBPD", unit=units.THOUSAND_BARRELS_PER_DAY,
    topics=("dependence",),
    title="Petroleum and other liquids consumption",
    description="Consumption of refined products and other liquids.")
CRUDE_IMPORTS = _eia(id="crude_imports", code="57-3-TBPD", unit=units.THOUSAND_BARRELS_PER_DAY,
    topics=("dependence",),
    title="Crude oil imports",
    description="Crude oil including lease condensate.")
CRUDE_EXPORTS = _eia(id="crude_exports", code="57-4-TBPD", unit=units.THOUSAND_BARRELS_PER_DAY,
    topics=("resources",),
    title="Crude oil exports",
    description="Crude oil including lease condensate.")
CRUDE_RESERVES = _eia(id="crude_reserves", code="57-6-BB", unit="billion barrels",
    topics=("resources",),
    title="Crude oil proved reserves",
    description="Crude oil including lease condensate, as of 1 January.")
GAS_PRODUCTION = _eia(id="gas_production", code="26-1-BCF", unit=units.BILLION_CUBIC_FEET,
    topics=("dependence", "resources"),
    title="Dry natural gas production",
    description="Marketed dry natural gas.")
GAS_CONSUMPTION = _eia(id="gas_consumption", code="26-2-BCF", unit=units.BILLION_CUBIC_FEET,
    topics=("dependence",),
    title="Dry natural gas consumption",
    description="Dry natural gas consumed.")
GAS_IMPORTS = _eia(id="gas_imports", code="26-3-BCF", unit=units.BILLION_CUBIC_FEET,
    topics=("dependence",),
    title="Dry natural gas imports",
    description="Pipeline and LNG imports.")
GAS_EXPORTS = _eia(id="gas_exports", code="26-4-BCF", unit=units.BILLION_CUBIC_FEET,
    topics=("resources",),
    title="Dry natural gas exports",
    description="Pipeline and LNG exports.")
GAS_RESERVES = _eia(id="gas_reserves", code="3-6-TCF", unit="trillion cubic feet",
    topics=("resources",),
    title="Natural gas proved reserves",
    description="Natural gas, as of 1 January.")
COAL_PRODUCTION = _eia(id="coal_production", code="7-1-TST", unit=units.THOUSAND_SHORT_TONS,
    topics=("dependence", "resources"),
    title="Coal production",
    description="All coal ranks.")
COAL_CONSUMPTION = _eia(id="coal_consumption", code="7-2-TST", unit=units.THOUSAND_SHORT_TONS,
    topics=("dependence",),
    title="Coal consumption",
    description="All coal ranks.")
COAL_IMPORTS = _eia(id="coal_imports", code="7-3-TST", unit=units.THOUSAND_SHORT_TONS,
    topics=("dependence",),
    title="Coal imports",
    description="All coal ranks.")
COAL_EXPORTS = _eia(id="coal_exports", code="7-4-TST", unit=units.THOUSAND_SHORT_TONS,
    topics=("resources",),
    title="Coal exports",
    description="All coal ranks.")
COAL_RESERVES = _eia(id="coal_reserves", code="7-6-MST", unit="million short tons",
    topics=("resources",),
    title="Coal recoverable reserves",
    description="All coal ranks.")
ELECTRICITY_GENERATION = _eia(id="electricity_generation", code="2-12-BKWH", unit=units.BILLION_KWH,
    topics=("power",),
    title="Electricity net generation",
    description="All sources.")
ELECTRICITY_CONSUMPTION = _eia(id="electricity_consumption", code="2-2-BKWH", unit=units.BILLION_KWH,
    topics=("power",),
    title="Electricity net consumption",
    description="Generation plus imports less exports and losses.")
ELECTRICITY_IMPORTS = _eia(id="electricity_imports", code="2-3-BKWH", unit=units.BILLION_KWH,
    topics=("power",),
    title="Electricity imports",
    description="Cross-border imports.")
ELECTRICITY_EXPORTS = _eia(id="electricity_exports", code="2-4-BKWH", unit=units.BILLION_KWH,
    topics=("power",),
    title="Electricity exports",
    description="Cross-border exports.")
NUCLEAR_GENERATION = _eia(id="nuclear_generation", code="27-12-BKWH", unit=units.BILLION_KWH,
    topics=("power",),
    title="Nuclear electricity net generation",
    description="")
RENEWABLE_GENERATION = _eia(id="renewable_generation", code="29-12-BKWH", unit=units.BILLION_KWH,
    topics=("energy",),
    title="Renewable electricity net generation",
    description="All renewable sources, hydro included.")
HYDRO_GENERATION = _eia(id="hydro_generation", code="33-12-BKWH", unit=units.BILLION_KWH,
    topics=("energy",),
    title="Hydroelectricity net generation",
    description="")
COAL_PRODUCTION_QBTU = _eia(id="coal_production_qbtu", code="4411-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Coal production, energy content",
    description="Primary energy production from coal (EIA heat contents).")
COAL_CONSUMPTION_QBTU = _eia(id="coal_consumption_qbtu", code="4411-2-QBTU", unit=units.QBTU,
    topics=("dependence",),
    title="Coal consumption, energy content",
    description="Primary energy consumption from coal (EIA heat contents).")
GAS_PRODUCTION_QBTU = _eia(id="gas_production_qbtu", code="4413-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Natural gas production, energy content",
    description="Primary energy production from dry natural gas (EIA heat contents).")
GAS_CONSUMPTION_QBTU = _eia(id="gas_consumption_qbtu", code="4413-2-QBTU", unit=units.QBTU,
    topics=("dependence",),
    title="Natural gas consumption, energy content",
    description="Primary energy consumption from dry natural gas (EIA heat contents).")
PETROLEUM_PRODUCTION_QBTU = _eia(id="petroleum_production_qbtu", code="4415-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Petroleum and other liquids production, energy content",
    description="Primary energy production from petroleum and other liquids (EIA heat contents).")
PETROLEUM_CONSUMPTION_QBTU = _eia(id="petroleum_consumption_qbtu", code="4415-2-QBTU", unit=units.QBTU,
    topics=("dependence",),
    title="Petroleum and other liquids consumption, energy content",
    description="Primary energy consumption from petroleum and other liquids (EIA heat contents).")
NUCLEAR_PRODUCTION_QBTU = _eia(id="nuclear_production_qbtu", code="4417-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Nuclear production, energy content",
    description="Primary energy production from nuclear electricity (EIA heat contents).")
NUCLEAR_CONSUMPTION_QBTU = _eia(id="nuclear_consumption_qbtu", code="4417-2-QBTU", unit=units.QBTU,
    topics=("dependence",),
    title="Nuclear consumption, energy content",
    description="Primary energy consumption from nuclear electricity (EIA heat contents).")
RENEWABLES_PRODUCTION_QBTU = _eia(id="renewables_production_qbtu", code="4418-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Renewables and other production, energy content",
    description="Primary energy production from renewable and other sources (EIA heat contents).")
RENEWABLES_CONSUMPTION_QBTU = _eia(id="renewables_consumption_qbtu", code="4418-2-QBTU", unit=units.QBTU,
    topics=("dependence",),
    title="Renewables and other consumption, energy content",
    description="Primary energy consumption from renewable and other sources (EIA heat contents).")
NUCLEAR_RENEWABLES_PRODUCTION_QBTU = _eia(id="nuclear_renewables_production_qbtu", code="4419-1-QBTU", unit=units.QBTU,
    topics=("dependence", "resources"),
    title="Nuclear, renewables and other production, energy content",
    description="Primary energy production from nuclear, renewable and other sources (EIA heat contents).")
NUCLEAR_RENEWABLES_CONSUMPTION_QBTU = _eia(id="nuclear_renewables_consumption_qbtu", code="4419-2-QBTU",
    unit=units.QBTU,
    topics=("dependence",),
    title="Nuclear, renewables and other consumption, energy content",
    description="Primary energy consumption from nuclear, renewable and other sources (EIA heat contents).")
CAPACITY_TOTAL = _eia(id="capacity_total", code="2-7-MK", unit=units.MILLION_KILOWATTS,
    topics=("energy",),
    title="Electricity generating capacity",
    description="Installed generating capacity. All sources.")
CAPACITY_RENEWABLES = _eia(id="capacity_renewables", code="29-7-MK", unit=units.MILLION_KILOWATTS,
    topics=("energy",),
    title="Renewable generating capacity",
    description="Installed generating capacity. All renewable sources, hydro included.")
CAPACITY_HYDRO = _eia(id="capacity_hydro", code="33-7-MK", unit=units.MILLION_KILOWATTS,
    topics=("energy",),
    title="Hydroelectric generating capacity",
    description="Installed generating capacity. Conventional hydroelectricity.")
CAPACITY_NON_HYDRO_RENEWABLES = _eia(id="capacity_non_hydro_renewables", code="34-7-MK", unit=units.MILLION_KILOWATTS,
    topics=("energy",),
    title="Non-hydroelectric renewable generating capacity",
    description="Installed generating capacity. Wind, solar, geothermal, biomass and other.")
CAPACITY_SOLAR = _eia(id="capacity_solar", code="116-7-MK", unit=units.MILLION_KILOWATTS,
    topics=("energy",),
    title="Solar generating capacity",
    description="Installed generating capacity. Solar photovoltaic and thermal.")
CAPACITY_WIND = _eia(id="capacity_wind", code="37-7-MK", unit=units.MILLION_KILOWATTS,
    topics=("energy",),
    title="Wind generating capacity",
    description="Installed generating capacity. Onshore and offshore wind.")
EIA_SERIES: tuple[Series, ...] = (
    TOTAL_ENERGY_PRODUCTION,
    TOTAL_ENERGY_CONSUMPTION,
    PETROLEUM_PRODUCTION,
    CRUDE_NGPL_PRODUCTION,
    PETROLEUM_CONSUMPTION,
    CRUDE_IMPORTS,
    CRUDE_EXPORTS,
    CRUDE_RESERVES,
    GAS_PRODUCTION,
    GAS_CONSUMPTION,
    GAS_IMPORTS,
    GAS_EXPORTS,
    GAS_RESERVES,
    COAL_PRODUCTION,
    COAL_CONSUMPTION,
    COAL_IMPORTS,
    COAL_EXPORTS,
    COAL_RESERVES,
    ELECTRICITY_GENERATION,
    ELECTRICITY_CONSUMPTION,
    ELECTRICITY_IMPORTS,
    ELECTRICITY_EXPORTS,
    NUCLEAR_GENERATION,
    RENEWABLE_GENERATION,
    HYDRO_GENERATION,
    COAL_PRODUCTION_QBTU,
    COAL_CONSUMPTION_QBTU,
    GAS_PRODUCTION_QBTU,
    GAS_CONSUMPTION_QBTU,
    PETROLEUM_PRODUCTION_QBTU,
    PETROLEUM_CONSUMPTION_QBTU,
    NUCLEAR_PRODUCTION_QBTU,
    NUCLEAR_CONSUMPTION_QBTU,
    RENEWABLES_PRODUCTION_QBTU,
    RENEWABLES_CONSUMPTION_QBTU,
    NUCLEAR_RENEWABLES_PRODUCTION_QBTU,
    NUCLEAR_RENEWABLES_CONSUMPTION_QBTU,
    CAPACITY_TOTAL,
    CAPACITY_RENEWABLES,
    CAPACITY_HYDRO,
    CAPACITY_NON_HYDRO_RENEWABLES,
    CAPACITY_SOLAR,
    CAPACITY_WIND,
)
# fmt: on
