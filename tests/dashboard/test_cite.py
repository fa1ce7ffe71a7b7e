"""A citation an analyst can paste: title, sources with publisher and release, access date, the view's URL."""

from __future__ import annotations

from datetime import date

import bibtexparser
import pytest

from dashboard import cite
from dashboard.i18n import translator
from tests.dashboard.conftest import keyed

# bibtexparser 1.4 calls pyparsing by its old names, which pyparsing 3.3 warns about; the parse is what is tested.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
EN = translator("en")
ACCESSED = date(2026, 12, 4)
ENTRIES = [
    {"source": "worldbank", "code": "EG.IMP.CONS.ZS", "released": "2025-07-01", "fetched_at": "2026-12-04T13:41:19Z"},
    {"source": "derived", "released": None, "fetched_at": "2026-11-30T10:00:00Z"},
    {"source": "comtrade", "retrieved": "2026-12-04"},
]


def test_the_citation_names_every_source_s_release_or_retrieval_and_the_view_s_url():
    url = cite.view_url("https://energy.example.org/energy/supply", {"fuel": "gas", "exporters": "KAZ,TKM"})
    assert url == "https://energy.example.org/energy/supply?fuel=gas&exporters=KAZ,TKM"
    found = cite.citation(EN, "Korea's needs", cite.sources(EN, ENTRIES), url, ACCESSED)
    assert found.text == (
        "Korea–Central Asia Energy Dashboard. “Korea's needs”. Data: World Bank, World Development Indicators, "
        "release of 2025-07-01; derived from U.S. EIA International Energy Statistics, retrieved 2026-11-30; "
        "UN Comtrade Database, United Nations Statistics Division, retrieved 2026-12-04. "
        "https://energy.example.org/energy/supply?fuel=gas&exporters=KAZ,TKM (accessed 2026-12-04)."
    )


def test_the_bibtex_parses_and_holds_the_url_title_and_sources():
    title = "Korea's imports by origin: LNG & 100% {odd}"
    url = "https://x.org/trade?imports=271111&lang=en"
    found = cite.citation(EN, title, cite.sources(EN, ENTRIES), url, ACCESSED)
    [entry] = bibtexparser.loads(found.bibtex).entries
    assert entry["ENTRYTYPE"] == "misc" and entry["year"] == "2026" and entry["urldate"] == "2026-12-04"
    assert url in entry["howpublished"] and "LNG" in entry["title"] and "release of 2025-07-01" in entry["note"]


@pytest.mark.parametrize("lang, says", [("ko", "데이터:"), ("ru", "Данные:")])
def test_the_citation_is_in_the_chosen_language(lang, says):
    tr = translator(lang)
    found = cite.citation(tr, "t", cite.sources(tr, ENTRIES), "https://x.org/?lang=" + lang, ACCESSED)
    assert says in found.text and "Data:" not in found.text
    assert bibtexparser.loads(found.bibtex).entries


def test_a_chart_s_citation_on_the_page_quotes_the_view_s_link(open_page, monkeypatch, snapshot):
    monkeypatch.setenv("KCA_PUBLIC_URL", "https://energy.example.org/energy/supply")
    at = open_page("supply", {"fuel": "gas", "exporters": "KAZ,TKM"})
    at.session_state["table_coverage"] = True  # what a click on the chart's expander does
    at.run()
    text, bibtex = (c.value for c in at.code[:2])
    assert "https://energy.example.org/energy/supply?" in text and "fuel=gas" in text and "exporters=KAZ,TKM" in text
    assert keyed(at.radio, "fuel").value == "gas"
    gas = snapshot[1]["series"]["coverage_gas_pct"]
    assert f"release of {gas['released']}" in text
    assert bibtexparser.loads(bibtex).entries[0]["title"].startswith("Central Asia")


def test_the_page_s_citation_names_un_comtrade_only_where_its_flows_are_shown(open_page, monkeypatch):
    at = open_page("overview")
    at.session_state["cite_page"] = True
    at.run()
    assert "UN Comtrade" in at.code[0].value and "World Bank" in at.code[0].value
    monkeypatch.setenv("COMTRADE", "off")
    off = open_page("overview")
    off.session_state["cite_page"] = True
    off.run()
    assert "UN Comtrade" not in off.code[0].value
