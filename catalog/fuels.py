"""The fuels, declared once: the EIA series each is measured by, and the ids of the series derived from them.

Each fuel names its production and consumption series in its physical unit and in energy content, and writes out
the ids of its dependence, net-export and coverage series (catalog/derived.py declares and computes those). The
dashboard builds its fuel pickers and lines from these records. Energy content uses EIA's own quad-Btu split of
total energy (EIA's heat contents; no conversion factors of ours).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import series as s
from catalog import units

PHYSICAL, ENERGY = "physical", "energy"


@dataclass(frozen=True)
class Measure:
    """A fuel's production and consumption series in one unit (several ids are summed, e.g. all fossil fuels),
    and the ids of its net exports and of the five's coverage of Korea's net imports in that unit."""

    production: tuple[str, ...]
    consumption: tuple[str, ...]
    unit: str
    net_exports: str
    coverage: str

    @property
    def short_unit(self) -> str:
        return units.SHORT[self.unit]


@dataclass(frozen=True)
class Fuel:
    """One fuel and how EIA measures it; `physical` or `energy` is None where EIA has no such series."""

    id: str
    name: str  # in a sentence: "dry natural gas"
    label: str  # on a picker or a legend: "Dry natural gas"
    physical: Measure | None
    energy: Measure | None
    dependence_id: str  # import dependence, in the measure `dependence_measure()` names

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(m for m, x in ((PHYSICAL, self.physical), (ENERGY, self.energy)) if x is not None)

    def measure(self, kind: str) -> Measure:
        found = self.physical if kind == PHYSICAL else self.energy
        if found is None:
            raise KeyError(f"{self.id} has no {kind} measure")
        return found

    def dependence_measure(self) -> str:
        """Dependence is a ratio: in energy content where EIA splits it (coal reaches 2023 only there)."""
        return ENERGY if self.energy else PHYSICAL

    def net_exports_id(self, kind: str) -> str:
        return self.measure(kind).net_exports

    def coverage_id(self, kind: str) -> str:
        return self.measure(kind).coverage


PETROLEUM = Fuel(
    "petroleum",
    "petroleum and other liquids",
    "Oil (petroleum and other liquids)",
    Measure(
        (s.PETROLEUM_PRODUCTION.id,),
        (s.PETROLEUM_CONSUMPTION.id,),
        units.THOUSAND_BARRELS_PER_DAY,
        net_exports="net_exports_petroleum",
        coverage="coverage_petroleum_pct",
    ),
    Measure(
        (s.PETROLEUM_PRODUCTION_QBTU.id,),
        (s.PETROLEUM_CONSUMPTION_QBTU.id,),
        units.QBTU,
        net_exports="net_exports_petroleum_energy",
        coverage="coverage_petroleum_energy_pct",
    ),
    dependence_id="dependence_petroleum_pct",
)
GAS = Fuel(
    "gas",
    "dry natural gas",
    "Dry natural gas",
    Measure(
        (s.GAS_PRODUCTION.id,),
        (s.GAS_CONSUMPTION.id,),
        units.BILLION_CUBIC_FEET,
        net_exports="net_exports_gas",
        coverage="coverage_gas_pct",
    ),
    Measure(
        (s.GAS_PRODUCTION_QBTU.id,),
        (s.GAS_CONSUMPTION_QBTU.id,),
        units.QBTU,
        net_exports="net_exports_gas_energy",
        coverage="coverage_gas_energy_pct",
    ),
    dependence_id="dependence_gas_pct",
)
COAL = Fuel(
    "coal",
    "coal",
    "Coal",
    Measure(
        (s.COAL_PRODUCTION.id,),
        (s.COAL_CONSUMPTION.id,),
        units.THOUSAND_SHORT_TONS,
        net_exports="net_exports_coal",
        coverage="coverage_coal_pct",
    ),
    Measure(
        (s.COAL_PRODUCTION_QBTU.id,),
        (s.COAL_CONSUMPTION_QBTU.id,),
        units.QBTU,
        net_exports="net_exports_coal_energy",
        coverage="coverage_coal_energy_pct",
    ),
    dependence_id="dependence_coal_pct",
)
FOSSIL = Fuel(
    "fossil",
    "fossil fuels (coal, gas and petroleum)",
    "All fossil fuels",
    None,
    Measure(
        tuple(m.production[0] for m in (COAL.energy, GAS.energy, PETROLEUM.energy)),
        tuple(m.consumption[0] for m in (COAL.energy, GAS.energy, PETROLEUM.energy)),
        units.QBTU,
        net_exports="net_exports_fossil_energy",
        coverage="coverage_fossil_energy_pct",
    ),
    dependence_id="dependence_fossil_pct",
)
TOTAL_ENERGY = Fuel(
    "total_energy",
    "total energy",
    "Total energy",
    # EIA's total energy is itself in quad Btu: one measure, the natural one.
    Measure(
        (s.TOTAL_ENERGY_PRODUCTION.id,),
        (s.TOTAL_ENERGY_CONSUMPTION.id,),
        units.QBTU,
        net_exports="net_exports_total_energy",
        coverage="coverage_total_energy_pct",
    ),
    None,
    dependence_id="dependence_total_energy_pct",
)

FUELS: tuple[Fuel, ...] = (PETROLEUM, GAS, COAL, FOSSIL, TOTAL_ENERGY)
BY_ID: dict[str, Fuel] = {f.id: f for f in FUELS}
# The single fuels, which a dependence-by-fuel chart draws side by side.
SINGLE = (PETROLEUM.id, GAS.id, COAL.id)
