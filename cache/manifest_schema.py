"""The shape of manifest.json, defined once: `store.write` checks what it writes, `store.read_manifest` what it reads.

The format is described in cache/README.md. Each known key has one type, and unknown keys are allowed
because newer writers add fields: a reader refuses only what page code would trip over (a string where
an entry belongs, a number where text belongs, a missing title). `check` raises ValueError saying where
the problem is. It names a key only when the key is a plain identifier, so no text from the file is ever
echoed into a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

FORMAT_VERSION = 1
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


class Field(NamedTuple):
    """One known key: a test of its value, the words for what it should be, and whether it must be there."""

    accepts: Callable[[Any], bool]
    expected: str
    required: bool = False


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is not a year


def _count(value: Any) -> bool:
    return _whole(value) and value >= 0


def _or_null(accepts: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or accepts(value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _coverage(value: Any) -> bool:
    """`years`: country -> [first year, last year, rows]."""
    return isinstance(value, dict) and all(
        isinstance(v, list) and len(v) == 3 and all(_whole(n) for n in v) for v in value.values()
    )


def _dates(value: Any) -> bool:
    """A source's `last_updated`: database id -> date."""
    return isinstance(value, dict) and all(v is None or isinstance(v, str) for v in value.values())


TEXT = Field(_text, "text", required=True)
OPTIONAL_TEXT = Field(_or_null(_text), "text or null")
TEXT_FIELDS = (
    "description", "source", "code", "database", "citation", "license", "attribution", "status", "reason",
    "fetched_at", "last_updated", "request", "built_from", "vintage", "release", "released", "kind", "fuel", "measure",
)  # fmt: skip

TOP: Mapping[str, Field] = {
    "format": Field(lambda v: _whole(v) and v == FORMAT_VERSION, f"{FORMAT_VERSION}, the format this code reads", True),
    "built_from": OPTIONAL_TEXT,
}
TABLE: Mapping[str, Field] = {
    "sha256": TEXT,
    "file": OPTIONAL_TEXT,
    "rows": Field(_count, "a whole number"),
}
# The Data and sources page prints these four of every source.
SOURCE: Mapping[str, Field] = {
    "name": TEXT,
    "url": TEXT,
    "license": TEXT,
    "attribution": TEXT,
    "api": OPTIONAL_TEXT,
    "last_updated": Field(_dates, "an object of database id: date"),
}
# Charts use the title and the unit of every entry they draw.
ENTRY: Mapping[str, Field] = {
    "title": TEXT,
    "unit": TEXT,
    **dict.fromkeys(TEXT_FIELDS, OPTIONAL_TEXT),
    "topics": Field(_texts, "a list of text"),
    "countries": Field(_texts, "a list of text"),
    "inputs": Field(_or_null(_texts), "a list of text or null"),
    "rows": Field(_or_null(_count), "a whole number or null"),
    "first_year": Field(_or_null(_whole), "a whole number or null"),
    "last_year": Field(_or_null(_whole), "a whole number or null"),
    "years": Field(_coverage, "an object of country: [first year, last year, rows]"),
}


def name(key: Any) -> str:
    """A key as a page may show it: in backticks when it is a plain identifier, otherwise not at all."""
    return f"`{key}`" if isinstance(key, str) and _PLAIN_KEY.fullmatch(key) else "(with an unusual name)"


def _fields(value: Any, fields: Mapping[str, Field], where: str) -> None:
    if not isinstance(value, dict):
        raise ValueError(f"{where} should be an object")
    for key, field in fields.items():
        if key not in value:
            if field.required:
                raise ValueError(f"{where} has no {name(key)}")
        elif not field.accepts(value[key]):
            raise ValueError(f"{where}: {name(key)} should be {field.expected}")


def _objects(value: Any, fields: Mapping[str, Field], what: str, where: str) -> None:
    if not isinstance(value, dict):
        raise ValueError(f"{where} should be an object of {what}s")
    for key, item in value.items():
        _fields(item, fields, f"{what} {name(key)}")


def check(manifest: Any) -> None:
    """Raise ValueError saying where `manifest` is not of this project's format; unknown keys are fine."""
    _fields(manifest, TOP, "the manifest")
    if "table" not in manifest:
        raise ValueError("the manifest has no `table`")
    _fields(manifest["table"], TABLE, "`table`")
    if "flows" in manifest:  # the flows table beside the series (cache/flows.py), when the source is in
        _fields(manifest["flows"], TABLE, "`flows`")
    _objects(manifest.get("sources", {}), SOURCE, "source", "`sources`")
    if "series" not in manifest:
        raise ValueError("the manifest has no `series`")
    _objects(manifest["series"], ENTRY, "series entry", "`series`")
