"""The view's state in the URL: query parameters read and checked against known values, then written back.

A copied link reopens the same view. Unknown or malformed parameters are dropped with one short notice that
names only our own parameter names, never the values a visitor typed (no markup is ever echoed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cache import fuels
from cache.schema import CENTRAL_ASIA, COOPERATION_AREAS, COUNTRIES
from dashboard.i18n import LANGS, t

EXPORTERS = CENTRAL_ASIA
FUELS = tuple(f.id for f in fuels.FUELS)
MEASURES = (fuels.PHYSICAL, fuels.ENERGY)
AREAS = COOPERATION_AREAS
FLAGS = ("events", "log", "pc")
KNOWN = ("countries", "years", "fuel", "measure", "exporters", "indicator", "area", "series", "lang", *FLAGS)
MAX_LENGTH = 200  # longer values are malformed by definition
_YEARS = re.compile(r"^(\d{4})-(\d{4})$")
_TRUE, _FALSE = {"1", "true", "on", "yes"}, {"0", "false", "off", "no"}


@dataclass
class Params:
    """Checked parameter values, and the names of what was ignored."""

    values: dict[str, object] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    def notice(self) -> str | None:
        if not self.ignored:
            return None
        return t("Some link parameters were not understood and were ignored: {names}.", names=", ".join(self.ignored))


def _codes(raw: str, allowed: Sequence[str]) -> tuple[list[str], bool]:
    items = [c.strip().upper() for c in raw.split(",") if c.strip()]
    good = [c for c in dict.fromkeys(items) if c in allowed]
    return good, len(good) == len(items) and bool(good)


def parse(query: Mapping[str, Sequence[str]], data_years: tuple[int, int], indicators: Sequence[str] = ()) -> Params:
    """Check every parameter; `query` maps a name to all its values (repeats are joined with commas)."""
    out = Params()
    unknown = 0
    for name, values in query.items():
        raw = ",".join(values)
        if name not in KNOWN:
            unknown += 1
            continue
        if len(raw) > MAX_LENGTH:
            out.ignored.append(name)
            continue
        ok = True
        if name in ("countries", "exporters"):
            codes, ok = _codes(raw, COUNTRIES if name == "countries" else EXPORTERS)
            if codes:
                out.values[name] = codes
        elif name == "years":
            ok = _years(raw, data_years, out)
        elif name in FLAGS:
            ok = raw.lower() in _TRUE | _FALSE
            if ok:
                out.values[name] = raw.lower() in _TRUE
        elif name == "fuel":
            ok = raw in FUELS
        elif name == "measure":
            ok = raw in MEASURES
        elif name == "area":
            ok = raw in AREAS
        elif name == "lang":
            ok = raw.lower() in LANGS
            if ok:
                out.values[name] = raw.lower()
        elif name in ("indicator", "series"):
            ok = not indicators or raw in indicators
        if ok and name in ("fuel", "measure", "area", "indicator", "series"):
            out.values[name] = raw
        if not ok:
            out.ignored.append(name)
    if unknown:
        out.ignored.append(t("1 unknown parameter") if unknown == 1 else t("{count} unknown parameters", count=unknown))
    return out


def _years(raw: str, data_years: tuple[int, int], out: Params) -> bool:
    match = _YEARS.match(raw)
    if not match:
        return False
    first, last = sorted(int(y) for y in match.groups())  # a reversed range is read the right way round
    first, last = max(first, data_years[0]), min(last, data_years[1])
    if first > last:
        return False
    out.values["years"] = (first, last)
    return (int(match.group(1)), int(match.group(2))) == (first, last)


def encode(values: Mapping[str, object]) -> dict[str, str]:
    """Values as query-parameter strings."""
    out = {}
    for name, value in values.items():
        if isinstance(value, bool):
            out[name] = "1" if value else "0"
        elif isinstance(value, tuple) and name == "years":
            out[name] = f"{value[0]}-{value[1]}"
        elif isinstance(value, list | tuple):
            out[name] = ",".join(str(v) for v in value)
        elif value is not None:
            out[name] = str(value)
    return out
