"""The dashboard in Korean and Russian: every string translated, every page in the language, numbers its way."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from tests.dashboard.conftest import APP, PAGES
from tests.dashboard.visible import english_words, texts
from tools import messages

LANGS = [pytest.param(lang, id=lang) for lang in i18n.LANGS if lang != i18n.SOURCE]
SCRIPT = {"ko": re.compile(r"[\uac00-\ud7a3]"), "ru": re.compile(r"[\u0400-\u04ff]")}
FIELD = re.compile(r"\{(\w*)\}")
GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.csv"


@pytest.fixture(scope="module")
def wanted(snapshot) -> dict:
    return messages.messages(snapshot[1])


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_translation(wanted, lang):
    catalog = i18n.catalog(lang)
    missing = [f"{c or ''}|{m} ({', '.join(where)})" for (c, m), where in wanted.items() if (c, m) not in catalog]
    assert not missing, f"{len(missing)} messages lack a {lang} translation; run make messages:\n" + (
        "\n".join(missing[:20])
    )


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_the_named_fields(lang):
    for (context, msgid), msgstr in i18n.catalog(lang).items():
        assert sorted(set(FIELD.findall(msgid))) == sorted(set(FIELD.findall(msgstr))), (context, msgid, msgstr)


@pytest.fixture
def visit(monkeypatch):
    """Open a page with the given query parameters and (optionally) the browser's locale."""

    def run(page: str = "overview", params: dict | None = None, locale: str | None = None) -> AppTest:
        i18n.MISSING.clear()
        at = AppTest.from_file(APP, default_timeout=30)
        if locale:
            at.context["locale"] = locale
        for key, value in (params or {}).items():
            at.query_params[key] = value
        if page != "overview":
            at.switch_page(f"views/{page}.py")
        return at.run()

    return run


def provenance_notes(snapshot) -> set[str]:
    """The data pack's release notes, quoted as they stand (commits, file names, dates): see README's note."""
    return {e["vintage"] for e in snapshot[1]["series"].values() if e.get("vintage")}


@pytest.mark.parametrize("page", [pytest.param(p, id=p) for p in PAGES])
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_reads_in_the_language(visit, snapshot, page, lang):
    at = visit(page, {"lang": lang})
    assert not at.exception, [e.value for e in at.exception]
    assert not i18n.MISSING, sorted(i18n.MISSING)
    assert SCRIPT[lang].search(at.title[0].value), at.title[0].value
    for heading in at.subheader:
        assert SCRIPT[lang].search(heading.value), heading.value
    for spec in (json.loads(c.proto.spec) for c in at.get("vega_lite_chart")):
        assert SCRIPT[lang].search(spec["title"]["text"]), spec["title"]
        assert SCRIPT[lang].search(spec["description"]), spec["description"]
    # The pack's release notes are build words, quoted as they stand on Data and sources only; no chart shows them.
    notes = provenance_notes(snapshot) if page == "sources" else set()
    left = []
    for where, text in texts(at):
        for note in notes:
            text = text.replace(note, "")
        words = english_words(text)
        if words:
            left.append(f"{where}: {words} in {text[:120]!r}")
    assert not left, "\n".join(left)


def test_the_checker_finds_english_and_spares_codes():
    assert english_words("Net imports (EG.IMP.CONS.ZS) 2023") == ["Net", "imports"]
    assert english_words("순수입 의존도 (EG.IMP.CONS.ZS, 33-7-MK) · KOR · quad Btu https://x.org/a") == ["quad"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_survives_navigation(visit, lang):
    at = visit("overview", {"lang": lang, "countries": "KOR,KAZ"})
    at.switch_page("views/supply.py").run()
    assert not at.exception
    assert SCRIPT[lang].search(at.title[0].value)
    assert at.query_params["lang"] == lang and at.query_params["countries"] == "KOR,KAZ"


@pytest.mark.parametrize(
    "locale, expected",
    [
        pytest.param("ko-KR", "ko", id="korean"),
        pytest.param("ru", "ru", id="russian"),
        pytest.param("de-DE", "en", id="other"),
        pytest.param(None, "en", id="unknown"),
    ],
)
def test_without_the_parameter_the_browser_language_is_used(visit, locale, expected):
    at = visit("overview", locale=locale)
    assert not at.exception
    assert at.button_group(key="w_lang").value == expected
    if expected == "en":
        assert at.title[0].value == "Korea's energy needs and Central Asia's supply"
    else:
        assert SCRIPT[expected].search(at.title[0].value)
    assert "lang" not in at.query_params  # a shared link opens in the reader's own language


def test_the_link_wins_over_the_browser_and_an_unknown_language_is_dropped_with_a_notice(visit):
    at = visit("overview", {"lang": "ru"}, locale="ko-KR")
    assert SCRIPT["ru"].search(at.title[0].value)
    at = visit("overview", {"lang": "fr"}, locale="ko-KR")
    assert not at.exception and SCRIPT["ko"].search(at.title[0].value)
    notice = " ".join(w.value for w in at.warning)
    assert "lang" in notice and SCRIPT["ko"].search(notice) and "fr" not in notice


def test_the_picker_switches_the_language_and_keeps_it_in_the_link(visit):
    at = visit("supply", {"fuel": "gas"})
    at.button_group(key="w_lang").set_value("ru").run()
    assert not at.exception
    assert at.title[0].value == "Спрос и предложение"
    assert at.query_params["lang"] == "ru" and at.query_params["fuel"] == "gas"


def test_numbers_are_written_the_russian_way_in_text_and_charts(visit, snapshot):
    at = visit("overview", {"lang": "ru"})
    table = snapshot[0]
    fossil = table[(table["series"] == "dependence_fossil_pct") & (table["country"] == "KOR")]
    value = fossil.loc[fossil["year"].idxmax(), "value"]
    assert f"{value:.1f}".replace(".", ",") + "\u00a0%" in at.markdown[0].value
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"


def test_korean_headline_figures_count_in_myriads(visit):
    at = visit("overview", {"lang": "ko"})
    values = {m.label: m.value for m in at.metric}
    population = next(v for label, v in values.items() if "인구" in label)
    gdp = next(v for label, v in values.items() if "GDP" in label)
    assert population.endswith("만 명") and "," in population, population
    assert gdp.endswith("조 달러"), gdp


def test_english_is_untouched(visit):
    at = visit("overview")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "locale" not in spec.get("config", {})
    assert at.title[0].value == "Korea's energy needs and Central Asia's supply"
    assert not i18n.MISSING


@pytest.mark.parametrize(
    "lang, value, expected",
    [
        pytest.param("ru", 86.94, "86,9\u00a0%", id="ru-percent"),
        pytest.param("ko", 86.94, "86.9%", id="ko-percent"),
        pytest.param("en", 86.94, "86.9%", id="en-percent"),
    ],
)
def test_percentages(lang, value, expected):
    assert i18n.translator(lang).pct(value) == expected


@pytest.mark.parametrize(
    "lang, value, expected",
    [
        pytest.param("ru", 2480, "2\u00a0480", id="ru-grouping"),
        pytest.param("ru", 51.7e6, "51,7\u00a0млн", id="ru-million"),
        pytest.param("ko", 51.7e6, "5,170만", id="ko-man"),
        pytest.param("ko", 1.81e12, "1.81조", id="ko-jo"),
        pytest.param("ko", 2.5e9, "25억", id="ko-eok"),
        pytest.param("en", 51.7e6, "51.7 mn", id="en-million"),
    ],
)
def test_compact_figures(lang, value, expected):
    tr = i18n.translator(lang)
    assert (tr.compact(value) if value > 1e5 else tr.num(value, ",.0f")) == expected


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_glossary_covers_the_domain_terms():
    terms = {row["en"] for row in glossary()}
    required = {
        "net import dependence", "net exports", "net imports", "coverage", "dry natural gas",
        "petroleum and other liquids", "quad Btu", "Transport and logistics", "Energy", "Industry",
        "Climate change", "Health", "Education and culture", "South Korea", "Kazakhstan", "Uzbekistan",
        "Turkmenistan", "Kyrgyzstan", "Tajikistan", "diplomatic ties", "Korea–Central Asia Cooperation Forum",
        "Eurasia Initiative", "Busan",
    }  # fmt: skip
    assert required <= terms, required - terms
    assert all(row["ko"] and row["ru"] for row in glossary())


@pytest.mark.parametrize("lang", LANGS)
def test_translations_use_the_glossary_terms(lang):
    """Wherever an English message uses a glossary term, its translation uses the glossary's word for it.

    Longer terms are read first and set aside ("net import dependence" before "net imports", "Korea–Central Asia
    Cooperation Forum" before "Korea"); a term with a context (the cooperation areas) is checked only where it is
    the whole message.
    """
    rows = sorted(glossary(), key=lambda r: -len(r["en"]))
    wrong = []
    for (context, msgid), msgstr in i18n.catalog(lang).items():
        if context == "manifest":
            continue
        rest = msgid
        for row in rows:
            if row["context"] and row["context"] != context:
                continue
            term = re.escape(row["en"])
            pattern = re.compile(rf"^{term}$" if row["context"] else rf"(?<![\w-]){term}(?![\w-])", re.IGNORECASE)
            if not pattern.search(rest):
                continue
            rest = pattern.sub(" ", rest)
            expected = [w.strip() for w in row[lang].split("|")]  # alternatives: inflected forms, stems
            if not any(w.lower() in msgstr.lower() for w in expected):
                wrong.append(f"{row['en']!r} -> {expected} not in {msgstr!r} ({context}|{msgid})")
    assert not wrong, "\n".join(wrong[:30])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", [9e28, -9e28, float("inf"), float("nan"), 1e-300])
def test_no_figure_however_extreme_crashes_a_formatter(lang, value):
    tr = i18n.translator(lang)
    for text in (tr.num(value, ",.1f"), tr.num(value, "+,.0f"), tr.pct(value), tr.compact(value)):
        assert isinstance(text, str) and text
