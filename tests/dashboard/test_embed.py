"""The embed view: one chart, its source line and a link to the full view; nothing else, whatever the link asks."""

from __future__ import annotations

import pytest

from dashboard import embeds, state


@pytest.mark.parametrize("chart", state.EMBED_CHARTS)
def test_each_embed_shows_exactly_one_chart_its_source_line_and_a_link_to_its_page(open_page, monkeypatch, chart):
    monkeypatch.setenv("KCA_PUBLIC_URL", "https://energy.example.org/energy/embed")
    at = open_page("embed", {"chart": chart, "years": "2000-2017"})
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 1
    assert len([c for c in at.caption if c.value.startswith("Source: ")]) == 1
    assert not at.get("expandable") and not at.get("download_button") and not at.dataframe  # nothing to open
    [link] = [m.value for m in at.markdown if "Open the full view" in m.value]
    page = embeds.EMBEDS[chart].page
    assert f"(https://energy.example.org/energy/{page}?" in link and "years=2000-2017" in link
    assert "chart=" not in link


def test_an_unknown_chart_falls_back_to_the_first_with_the_usual_notice(open_page):
    at = open_page("embed", {"chart": "<script>"})
    assert not at.exception and len(at.get("vega_lite_chart")) == 1
    assert any("chart" in w.value for w in at.warning)


def test_every_embed_name_a_link_may_give_has_a_chart():
    assert list(embeds.EMBEDS) == list(state.EMBED_CHARTS)
