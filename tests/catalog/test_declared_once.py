"""Every id is written once in product code: a series id, a country or group code, a colour. Everything else
refers to it by a name that grep finds, so following a series from the screen to the API starts in one place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from catalog import countries
from tests.conftest import ROOT

PRODUCT = ("catalog", "fetchers", "cache", "dashboard")
MANIFEST = ROOT / "cache" / "data" / "manifest.json"


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for package in PRODUCT for p in sorted((ROOT / package).rglob("*.py"))}


SOURCES = _sources()


def _places(literal: str) -> list[str]:
    """Where `literal` is written as a string literal ('...' or "...") in product code, one entry per time."""
    pattern = re.compile(r"""(["'])""" + re.escape(literal) + r"\1")
    return [f"{p.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}" for p, text in SOURCES.items()
            for m in pattern.finditer(text)]  # fmt: skip


def _manifest_ids() -> list[str]:
    return sorted(json.loads(MANIFEST.read_text())["series"])


@pytest.mark.parametrize("series_id", _manifest_ids())
def test_every_series_in_the_committed_manifest_is_declared_exactly_once(series_id):
    places = _places(series_id)
    assert len(places) == 1, f"{series_id} is written {len(places)} times: {places}"
    assert places[0].startswith("catalog/"), f"{series_id} is declared outside the catalog: {places[0]}"


CODES = sorted({*countries.COUNTRY_NAMES, *countries.GROUPS})


@pytest.mark.parametrize("code", CODES)
def test_every_country_and_group_code_is_written_once(code):
    places = _places(code)
    assert places == [p for p in places if p.startswith("catalog/countries.py")] and len(places) == 1, (
        f"{code} is written {len(places)} times: {places}"
    )


def test_every_colour_is_written_once():
    colours: dict[str, list[str]] = {}
    for p, text in SOURCES.items():
        for m in re.finditer(r"""["'](#[0-9A-Fa-f]{6})["']""", text):
            colours.setdefault(m.group(1).upper(), []).append(str(p.relative_to(ROOT)))
    repeated = {c: where for c, where in colours.items() if len(where) > 1}
    assert colours, "no colour found: the search itself is broken"
    assert not repeated, f"colours written more than once: {repeated}"


def test_the_search_finds_a_literal_and_only_a_whole_one():
    """The checks above would pass vacuously if the search found nothing."""
    assert _places("gas_production") == [p for p in _places("gas_production") if p.startswith("catalog/series.py")]
    assert len(_places("gas_production")) == 1  # not gas_production_qbtu, whose literal is another string
    assert _places("no such id anywhere") == []
