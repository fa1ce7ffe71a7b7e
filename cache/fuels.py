"""The fuels, declared once: the EIA series each is measured by, in its physical unit and in energy content.

The catalog derives its dependence, net-export and coverage series from these records, and the dashboard
builds its fuel pickers and lines from them, so a fuel's ids are spelled in one place. Energy content uses
EIA's own quad-Btu split of total energy (EIA's heat contents; no conversion factors of ours).
"""

from __future__ import annotations

from dataclasses import dataclass

PHYSICAL, ENERGY = "physical", "energy"
QBTU = "quadrillion Btu"


@dataclass(frozen=True)
class Measure:
    """A fuel's production and consumption series in one unit (several ids are summed, e.g. all fossil fuels)."""

    production: tuple[str, ...]
    consumption: tuple[str, ...]
    unit: str
    short_unit: str


@dataclass(frozen=True)
class Fuel:
    """One fuel and how EIA measures it; `physical` or `energy` is None where EIA has no such series."""

    id: str
    name: str  # in a sentence: "dry natural gas"
    label: str  # on a picker or a legend: "Dry natural gas"
    physical: Measure | None
    energy: Measure | None

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
        return f"net_exports_{self.id}" + ("_energy" if kind == ENERGY else "")

    def coverage_id(self, kind: str) -> str:
        return f"coverage_{self.id}" + ("_energy" if kind == ENERGY else "") + "_pct"

    @property
    def dependence_id(self) -> str:
        return f"dependence_{self.id}_pct"


def _qbtu(fuel: str) -> Measure:
    return Measure((f"{fuel}_production_qbtu",), (f"{fuel}_consumption_qbtu",), QBTU, "quad Btu")


FUELS: tuple[Fuel, ...] = (
    Fuel(
        "petroleum",
        "petroleum and other liquids",
        "Oil (petroleum and other liquids)",
        Measure(("petroleum_production",), ("petroleum_consumption",), "thousand barrels per day", "kb/d"),
        _qbtu("petroleum"),
    ),
    Fuel(
        "gas",
        "dry natural gas",
        "Dry natural gas",
        Measure(("gas_production",), ("gas_consumption",), "billion cubic feet", "bcf"),
        _qbtu("gas"),
    ),
    Fuel(
        "coal",
        "coal",
        "Coal",
        Measure(("coal_production",), ("coal_consumption",), "thousand short tons", "kst"),
        _qbtu("coal"),
    ),
    Fuel(
        "fossil",
        "fossil fuels (coal, gas and petroleum)",
        "All fossil fuels",
        None,
        Measure(
            tuple(f"{f}_production_qbtu" for f in ("coal", "gas", "petroleum")),
            tuple(f"{f}_consumption_qbtu" for f in ("coal", "gas", "petroleum")),
            QBTU,
            "quad Btu",
        ),
    ),
    Fuel(
        "total_energy",
        "total energy",
        "Total energy",
        # EIA's total energy is itself in quad Btu: one measure, the natural one.
        Measure(("total_energy_production",), ("total_energy_consumption",), QBTU, "quad Btu"),
        None,
    ),
)
BY_ID: dict[str, Fuel] = {f.id: f for f in FUELS}
# The single fuels, which a dependence-by-fuel chart draws side by side.
SINGLE = ("petroleum", "gas", "coal")
