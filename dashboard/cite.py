"""A citation an analyst can paste: the view's title, its sources with their publishers and releases in a reader's
words, the date of access and the view's URL with its parameters, as plain text and as BibTeX. Pure: no Streamlit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from catalog.schema import DERIVED
from dashboard.i18n import N_, Translator
from dashboard.style import SOURCE_NAMES

SITE = N_("Korea–Central Asia Energy Dashboard")


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str


def view_url(base: str, values: Mapping[str, str]) -> str:
    """The view's address: the page's URL and its parameters, as a copied link reopens it."""
    query = urlencode(dict(values), safe=",")
    return f"{base}?{query}" if query else base


def sources(tr: Translator, entries: Iterable[dict]) -> list[str]:
    """Each source once, as a reader names it: the publisher and database, the release date where the source states
    one, else the date the figures were retrieved ("World Bank, World Development Indicators, retrieved …")."""
    said: dict[str, None] = {}
    for entry in entries:
        name = tr.t(SOURCE_NAMES[entry["source"]]) if entry.get("source") in SOURCE_NAMES else entry.get("source")
        if not name:
            continue
        released = entry.get("released") or entry.get("last_updated")
        retrieved = entry.get("retrieved") or str(entry.get("fetched_at") or "")[:10]
        if released:
            said[tr.t("{name}, release of {date}", name=name, date=released)] = None
        elif retrieved:
            said[tr.t("{name}, retrieved {date}", name=name, date=retrieved)] = None
        else:
            said[str(name)] = None
    return list(said)


def _bibtex_text(text: str) -> str:
    """Text safe inside a BibTeX brace group: braces and backslashes balanced out, specials escaped."""
    text = text.replace("\\", "/").replace("{", "(").replace("}", ")")
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _key(title: str, accessed: date) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_title)[:4]
    return "kca-" + "-".join(w.lower() for w in words or ["view"]) + f"-{accessed:%Y%m%d}"


def citation(tr: Translator, title: str, cited: list[str], url: str, accessed: date) -> Citation:
    """The view's citation in `tr`'s language: plain text and a BibTeX @misc entry."""
    site = tr.t(SITE)
    data = "; ".join(cited)
    text = tr.t(
        "{site}. “{title}”. Data: {sources}. {url} (accessed {date}).",
        site=site,
        title=title,
        sources=data,
        url=url,
        date=accessed.isoformat(),
    )
    fields = {
        "title": _bibtex_text(title),
        "author": "{" + _bibtex_text(site) + "}",
        "year": str(accessed.year),
        "howpublished": "\\url{" + url.replace("%", "\\%").replace("#", "\\#") + "}",
        "note": _bibtex_text(tr.t("Data: {sources}. Accessed {date}.", sources=data, date=accessed.isoformat())),
        "urldate": accessed.isoformat(),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return Citation(text, f"@misc{{{_key(title, accessed)},\n{body}\n}}")


def held(manifest: dict, flows: bool = True) -> list[dict]:
    """One entry a source the cache holds, with its latest retrieval: what a page-wide citation names."""
    latest: dict[str, dict] = {}
    for entry in manifest.get("series", {}).values():
        source = entry.get("source")
        if (
            source in SOURCE_NAMES
            and source != DERIVED
            and str(entry.get("fetched_at") or "") >= str(latest.get(source, {}).get("fetched_at") or "")
        ):
            latest[source] = {"source": source, "fetched_at": entry.get("fetched_at")}
    entry = manifest.get("flows")
    if flows and entry:
        latest[str(entry.get("source"))] = {"source": entry.get("source"), "retrieved": entry.get("retrieved")}
    return list(latest.values())
