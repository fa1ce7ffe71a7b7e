"""The view's state in the URL: query parameters read and checked against known values, then written back.

A copied link reopens the same view. Unknown or malformed parameters are dropped with one short notice that
names only our own parameter names, never the values a visitor typed (no markup is ever echoed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from catalog import fuels, trade
from catalog.countries import (
    ALL_COUNTRIES,
    CENTRAL_ASIA,
    COUNTRIES,
    PEERS,
    PEERS_GROUP,
    SUPPLIERS,
    SUPPLIERS_GROUP,
    WORLD,
)
from catalog.topics import COOPERATION_AREAS
from dashboard.i18n import LANGS, Translator

# The countries picker shows Korea and the five; "compare with" adds a group or single countries beside them.
COMPARE_GROUPS = {PEERS_GROUP: PEERS, SUPPLIERS_GROUP: SUPPLIERS}
COMPARE = (*COMPARE_GROUPS, *PEERS, *SUPPLIERS, WORLD)
# Any set of the five and the other suppliers can be weighed against Korea's needs.
EXPORTERS = (*CENTRAL_ASIA, *SUPPLIERS)
FUELS = tuple(f.id for f in fuels.FUELS)
MEASURES = (fuels.PHYSICAL, fuels.ENERGY)
AREAS = COOPERATION_AREAS
FLAGS = ("events", "log", "pc", "share", SUPPLIERS_GROUP)  # suppliers=1: the suppliers beside the five
FLOWS = ("production", "consumption", "net_exports")
EMBED_CHARTS = ("dependence", "by_fuel", "coverage", "trade")  # dashboard/embeds.py, in the same order
TRADE_EXPORTS = (trade.PIPELINE_GAS, trade.CRUDE, trade.COAL, trade.LNG)  # the five's exports, by HS code
KNOWN = (
    "countries", "compare", "years", "fuel", "measure", "flow", "exporters", "indicator", "area", "series", "peer",
    "imports", "exports", "chart", "lang", *FLAGS,
)  # fmt: skip
MAX_LENGTH = 200  # longer values are malformed by definition
_YEARS = re.compile(r"^(\d{4})-(\d{4})$")
_TRUE, _FALSE = {"1", "true", "on", "yes"}, {"0", "false", "off", "no"}


@dataclass
class Params:
    """Checked parameter values, and the names of what was ignored."""

    values: dict[str, object] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    unknown: int = 0  # parameters that are none of KNOWN
    read_as: dict[str, str] = field(default_factory=dict)  # a value used other than as typed: name -> as used

    def notice(self, tr: Translator) -> str | None:
        """What was ignored, and what was used other than as typed, in `tr`'s language; None when neither."""
        names = list(self.ignored)
        if self.unknown:
            many = tr.t("{count} unknown parameters", count=self.unknown)
            names.append(tr.t("1 unknown parameter") if self.unknown == 1 else many)
        said = []
        if names:
            said.append(
                tr.t("Some link parameters were not understood and were ignored: {names}.", names=", ".join(names))
            )
        for name, used in self.read_as.items():
            said.append(tr.t("The link's {name} were read as {value}.", name=name, value=used))
        return " ".join(said) or None


def _codes(raw: str, allowed: Sequence[str]) -> tuple[list[str], bool]:
    # Codes are upper case, group names lower case; either is read in any case. An empty value is a choice of none
    # (what the page writes when a visitor removes every tag), not a malformed one.
    by_key = {a.upper(): a for a in allowed}
    items = [c.strip().upper() for c in raw.split(",") if c.strip()]
    good = [by_key[c] for c in dict.fromkeys(items) if c in by_key]
    return good, len(good) == len(items) and (bool(good) or not raw.strip())


def expand(countries: Sequence[str], compare: Sequence[str]) -> list[str]:
    """The countries drawn: the chosen ones and those the comparison adds, in the catalog's order, once each."""
    wanted = {*countries, *(c for item in compare for c in COMPARE_GROUPS.get(item, (item,)))}
    return [c for c in ALL_COUNTRIES if c in wanted]


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
        if name in ("countries", "compare", "exporters"):
            allowed = {"countries": ALL_COUNTRIES, "compare": COMPARE, "exporters": EXPORTERS}[name]
            codes, ok = _codes(raw, allowed)
            if codes or ok:
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
        elif name == "flow":
            ok = raw in FLOWS
        elif name == "area":
            ok = raw in AREAS
        elif name == "chart":  # the embed view's chart (dashboard/embeds.py)
            ok = raw in EMBED_CHARTS
        elif name in ("imports", "exports"):  # the Trade page's fuels, by HS code
            ok = raw in (trade.KOREA_FUELS if name == "imports" else TRADE_EXPORTS)
        elif name == "lang":
            ok = raw.lower() in LANGS
            if ok:
                out.values[name] = raw.lower()
        elif name in ("indicator", "series", "peer"):
            ok = not indicators or raw in indicators
        if ok and name in (
            "fuel", "measure", "flow", "area", "indicator", "series", "peer", "imports", "exports", "chart"
        ):  # fmt: skip
            out.values[name] = raw
        if not ok:
            out.ignored.append(name)
    _split_countries(out.values)
    out.unknown = unknown
    return out


def _split_countries(values: dict[str, object]) -> None:
    """A link's `countries` may name any of the fifteen: those outside Korea and the five join the comparison."""
    chosen = values.get("countries")
    if not isinstance(chosen, list):
        return
    outside = [c for c in chosen if c not in COUNTRIES]
    if outside:
        values["compare"] = list(dict.fromkeys([*values.get("compare", []), *outside]))  # type: ignore[misc]
        values["countries"] = [c for c in chosen if c in COUNTRIES]  # none of the six is a choice too


def _years(raw: str, data_years: tuple[int, int], out: Params) -> bool:
    match = _YEARS.match(raw)
    if not match:
        return False
    first, last = sorted(int(y) for y in match.groups())  # a reversed range is read the right way round
    first, last = max(first, data_years[0]), min(last, data_years[1])  # and one past the data, to the data
    if first > last:
        return False
    out.values["years"] = (first, last)
    if (int(match.group(1)), int(match.group(2))) != (first, last):
        out.read_as["years"] = f"{first}–{last}"  # used, and said so: not "ignored"
    return True


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
