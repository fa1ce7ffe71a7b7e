"""The dashboard's messages: what the catalogs must translate, and `make messages` to update them.

`python -m tools.messages`, from the project root, rewrites dashboard/locales/*/LC_MESSAGES/messages.po.

Two kinds: the literals in the code (what `t()`, `pt()` and `N_()` are called with, found by Babel's extractor)
and the words that come from elsewhere (the manifest's series titles and units, the country, topic and fuel
names of cache/, the sources' names and licences), keyed by a gettext context. Updating keeps every translation
already there, adds what is new with an empty translation (which the tests then report), and drops nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from cache import store
from catalog import fuels, trade, units
from catalog.countries import COUNTRY_NAMES, GROUP_NAMES
from catalog.topics import TOPICS
from dashboard import claims
from dashboard.i18n import KEYWORDS, LANGS, LOCALES, SOURCE

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"  # whose code the literals are read from
Key = tuple[str | None, str]


def static() -> dict[Key, list[str]]:
    """(context, msgid) -> where in the code, for every literal passed to t(), pt() or N_()."""
    found: dict[Key, list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        DASHBOARD, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault((context, msgid), []).append(f"dashboard/{filename}:{lineno}")
    return found


def dynamic(manifest: dict) -> dict[Key, list[str]]:
    """(context, msgid) -> where it comes from, for the words the dashboard shows from the manifest and cache/."""
    found: dict[Key, list[str]] = {}

    def add(context: str | None, message: str | None, where: str) -> None:
        if message:
            found.setdefault((context, message), []).append(where)

    for code, name in COUNTRY_NAMES.items():
        add("country", name, f"catalog/countries.py COUNTRY_NAMES[{code}]")
    for key, name in GROUP_NAMES.items():
        add("group", name, f"catalog/countries.py GROUP_NAMES[{key}]")
    for key, name in TOPICS.items():
        add("topic", name, f"catalog/topics.py TOPICS[{key}]")
    for code, name in trade.SHORT.items():
        add("commodity", name, f"catalog/trade.py SHORT[{code}]")
    for fuel in fuels.FUELS:
        add("fuel", fuel.name, f"catalog/fuels.py {fuel.id}.name")
        add("fuel label", fuel.label, f"catalog/fuels.py {fuel.id}.label")
        for measure in fuel.measures:
            add("unit", fuel.measure(measure).short_unit, f"catalog/fuels.py {fuel.id}.{measure}.short_unit")
    for sid, entry in manifest["series"].items():
        add(f"series:{sid}", entry.get("title"), f"manifest {sid}.title")
        add("unit", entry.get("unit"), f"manifest {sid}.unit")
    for key, source in manifest.get("sources", {}).items():
        add(None, source.get("name"), f"manifest sources.{key}.name")
        add("license", source.get("license"), f"manifest sources.{key}.license")
    flows = manifest.get("flows") or {}  # the third source's name and terms (cache/flows.py)
    add(None, flows.get("attribution"), "manifest flows.attribution")
    add("license", flows.get("license"), "manifest flows.license")
    # Units the dashboard writes itself: shares a page computes, and the headline figures' and claims' units.
    for unit in units.COMPUTED_ON_PAGE:
        add("unit", unit, "catalog/units.py COMPUTED_ON_PAGE")
    for _, unit in units.PER_PERSON.values():
        add("unit", unit, "catalog/units.py PER_PERSON")
    for unit in claims.SHOWN_UNITS:
        add("unit", unit, "dashboard/claims.py SHOWN_UNITS")
    return found


def messages(manifest: dict | None = None) -> dict[Key, list[str]]:
    """Every message the dashboard can show."""
    manifest = manifest if manifest is not None else store.load(store.DEFAULT_DIR)[1]
    return {**dynamic(manifest), **static()}


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "messages.po"


def update(lang: str, wanted: dict[Key, list[str]]) -> Catalog:
    """The language's catalog with every wanted message (translations kept, new ones empty)."""
    path = po_path(lang)
    old = read_po(path.open("rb"), locale=lang) if path.exists() else Catalog(locale=lang)
    new = Catalog(locale=lang, project="Korea–Central Asia Energy Dashboard", fuzzy=False)
    for (context, msgid), where in sorted(wanted.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        kept = old.get(msgid, context=context)
        new.add(msgid, kept.string if kept else "", locations=[(w, None) for w in where[:3]], context=context)
    return new


def main() -> int:
    wanted = messages()
    for lang in LANGS:
        if lang == SOURCE:
            continue
        catalog = update(lang, wanted)
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        with po_path(lang).open("wb") as f:
            write_po(f, catalog, width=120, omit_header=False, sort_output=False, include_lineno=False)
        empty = sum(1 for m in catalog if m.id and not m.string)
        print(f"{lang}: {len(catalog)} messages, {empty} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
