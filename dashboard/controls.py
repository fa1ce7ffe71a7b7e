"""Widgets whose values live in the URL: the shared sidebar and the page-specific pickers."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from dashboard import i18n, state
from dashboard.cite import view_url as cite_url
from dashboard.data import Data


@dataclass(frozen=True)
class Selection:
    """What the sidebar selects for every page."""

    countries: list[str]  # every country drawn: the chosen ones of the six and those "compare with" adds
    years: tuple[int, int]
    events: bool
    compared: list[str] = field(default_factory=list)  # the countries "compare with" adds, in catalog order


# The sidebar's controls that a page can apply to what it shows (the language applies to every page).
SHARED = ("countries", "years", "events")


def _params() -> state.Params:
    return st.session_state["_params"]


def _sync() -> None:
    """Write the current view back to the URL (drops whatever was ignored), and remember what was written."""
    written = state.encode(_params().values)
    st.query_params.from_dict(written)
    st.session_state["_written"] = written


PUBLIC_URL_ENV = "KCA_PUBLIC_URL"  # the site's address, where the browser's own is not known (tests, a bare server)


def view_values() -> dict[str, object]:
    """The view's checked parameters (what the link holds once the page has drawn its controls)."""
    return dict(_params().values)


def page_url(page: str, values: dict[str, object]) -> str:
    """Another page's address with these parameters: this page's URL with its last path segment replaced."""
    base = st.context.url or os.environ.get(PUBLIC_URL_ENV, "")
    site = base.rsplit("/", 1)[0] if "/" in base.split("://", 1)[-1] else base
    return cite_url(f"{site}/{page}", state.encode(values))


def view_url() -> str:
    """This view's address with its parameters, as a copied link reopens it (the browser's own URL where the
    page knows it, else the page's path)."""
    base = st.context.url or os.environ.get(PUBLIC_URL_ENV, "")
    return cite_url(base, state.encode(_params().values))


def _epoch() -> int:
    """A count of the times this session's URL changed under it: the visitor walked the browser's history (Back,
    Forward) or the address was edited. Each keyed widget carries it in its key, so the view then follows the URL:
    the widgets are drawn anew from it, instead of keeping their last values and writing them back over it."""
    current = {k: ",".join(st.query_params.get_all(k)) for k in st.query_params.keys()}
    written = st.session_state.get("_written")
    epoch = st.session_state.get("_epoch", 0)
    if written is not None and current != written:
        epoch += 1
        st.session_state["_epoch"], st.session_state["_written"] = epoch, current
        st.session_state.pop("_shared", None)  # the shared values are the URL's again
    return epoch


def language() -> str:
    """This rerun's language: the picker's, else the link's `lang`, else the browser's when we speak it, else English.

    Read before anything is drawn (page titles are translated too); the link's value is checked again, with the
    other parameters, in `sidebar`, which names it in the notice when it is not one of ours.
    """
    chosen = st.session_state.get(widget_key("lang"))
    if chosen in i18n.LANGS:
        return chosen
    linked = (st.query_params.get("lang") or "").lower()
    return linked if linked in i18n.LANGS else browser_language()


def translator() -> i18n.Translator:
    """This rerun's translator (see `language`): what a page asks for once, at its top."""
    return i18n.translator(language())


def browser_language() -> str:
    return i18n.from_locale(st.context.locale) or i18n.SOURCE


def widget_key(param: str, lang: str = i18n.SOURCE, options: Sequence[str] = ()) -> str:
    """A widget's key, new whenever what it shows changes: its language, its options' labels (`options`, for a
    choice whose options follow another: a fuel's measures) or the URL under it (`_epoch`). Streamlit keys a keyed
    widget's identity on its key alone, so the browser otherwise kept the old widget: tags in the old language,
    radios with nothing selected, values written back over the URL a visitor went Back to. A new key draws the
    widget anew, from the choice kept in the link."""
    key = f"w_{param}" if lang == i18n.SOURCE else f"w_{param}.{lang}"
    if options:
        key += "~" + hashlib.blake2b("\x1f".join(options).encode(), digest_size=4).hexdigest()
    epoch = _epoch()
    return f"{key}@{epoch}" if epoch else key


def sidebar(data: Data, tr: i18n.Translator, applies: Collection[str] = SHARED, *, picker: bool = True) -> Selection:
    """Read and check the URL, draw the shared controls that apply to this page, and return the selection.

    A control the page does not apply is not drawn (it would change nothing there, and costs every page open
    its rendering); its value is kept for the pages that apply it, and in the link.
    """
    years = (int(data.table["year"].min()), int(data.table["year"].max()))
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    params = state.parse(query, years, indicators=list(data.manifest["series"]))
    st.session_state["_params"] = params
    notice = params.notice(tr)
    if notice:
        st.warning(notice, icon="⚠️")
    # Streamlit forgets a widget's value on a run that does not draw it: the shared values outlive the widgets.
    kept = st.session_state.setdefault("_shared", {})

    def value(name: str, fallback: Any) -> Any:
        return kept.get(name, params.values.get(name, fallback))

    with st.sidebar:
        lang = tr.lang
        if picker:  # not in another site's frame, where the link's `lang` decides
            lang = st.segmented_control(
                "Language · 언어 · Язык",
                i18n.LANGS,
                default=tr.lang,
                format_func=i18n.NAMES.get,
                key=widget_key("lang"),
                required=True,
            )
        countries = value("countries", state.COUNTRIES)
        if "countries" in applies:
            # Pills, not a multiselect: all six stay in view (the multiselect's box cut off the fifth and sixth).
            countries = st.pills(
                tr.t("Countries"),
                state.COUNTRIES,
                selection_mode="multi",
                default=countries,
                format_func=tr.country,
                key=widget_key("countries", tr.lang),
            )
        compare = value("compare", [])
        if "countries" in applies:
            compare = st.multiselect(
                tr.t("Compare with"),
                state.COMPARE,
                default=[c for c in compare if c in state.COMPARE],
                format_func=tr.compare_option,
                key=widget_key("compare", tr.lang),
                placeholder=tr.t("Korea's peers, other suppliers, the world"),
                help=tr.t(
                    "Korea's peers: Japan, Taiwan, China. Other suppliers: Russia, Qatar, Australia, the United "
                    "States, Saudi Arabia. Or single countries, or the world."
                ),
            )
        chosen_years = value("years", years)
        if "years" in applies:
            chosen_years = st.slider(tr.t("Years"), years[0], years[1], value=chosen_years, key=widget_key("years"))
        events = value("events", True)
        if "events" in applies:
            events = st.toggle(
                tr.t("Event annotations"),
                value=events,
                key=widget_key("events"),
                help=tr.t("1992 ties, 2007 first forum, 2013 Eurasia Initiative, 2022 Busan forum"),
            )
    kept.update(countries=list(countries), compare=list(compare), years=tuple(chosen_years), events=events)
    params.values.update(kept)
    if not compare:
        params.values.pop("compare", None)  # the default view's link stays as it was
    # The link keeps the language once it was chosen (in the link or on the picker); a visitor whose browser
    # chose it shares a link that opens in the reader's own language.
    if lang != browser_language() or "lang" in params.values:
        params.values["lang"] = lang
    _sync()
    return Selection(
        state.expand(countries, compare),
        (int(chosen_years[0]), int(chosen_years[1])),
        events,
        state.expand([], compare),
    )


def pick(
    tr: i18n.Translator,
    label: str,
    options: Sequence[str],
    *,
    param: str,
    format_func: Callable[[Any], str] = str,
    horizontal: bool = False,
    fallback_quietly: bool = False,
    default: str | None = None,
) -> str:
    """A single choice kept in the URL under `param`; an unknown value falls back to `default`, else the first.

    `fallback_quietly` is for options that depend on another choice (an area's indicators): a value left over
    from the previous choice is not the visitor's mistake, so it needs no warning.
    """
    params = _params()
    wanted = params.values.get(param)
    if wanted is not None and wanted not in options:
        if not fallback_quietly:
            st.warning(
                tr.t("The link's {param} is not shown on this page; showing the page's default instead.", param=param),
                icon="⚠️",
            )
        wanted = None
    fallback = list(options).index(default) if default in options else 0
    index = list(options).index(wanted) if wanted in options else fallback
    # Options that follow another choice are part of the key: a fuel's measures are labelled in its own unit.
    key = widget_key(param, tr.lang, [format_func(o) for o in options] if fallback_quietly else ())
    if horizontal:
        value = st.radio(label, options, index=index, format_func=format_func, key=key, horizontal=True)
    else:
        value = st.selectbox(label, options, index=index, format_func=format_func, key=key)
    params.values[param] = value
    _sync()
    return value


def choose(
    tr: i18n.Translator,
    label: str,
    options: Sequence[str],
    *,
    param: str,
    format_func: Callable[[Any], str] = str,
    default: Sequence[str] | None = None,
) -> list[str]:
    """Several choices kept in the URL under `param` (default: `default`, else all)."""
    params = _params()
    wanted = params.values.get(param, options if default is None else default)
    default = [o for o in wanted if o in options]
    value = st.multiselect(
        label,
        options,
        default=default,
        format_func=format_func,
        key=widget_key(param, tr.lang),
        placeholder=tr.t("Choose an option"),
    )
    params.values[param] = value
    _sync()
    return value


def flag(label: str, *, param: str, allowed: bool = True, help: str | None = None) -> bool:
    """A toggle kept in the URL under `param`, applied only where `allowed`.

    Where it does not apply the toggle shows off and disabled and leaves the URL, so that a reader never
    sees a setting that is on but cannot be turned off, nor a link that promises what it does not do.
    """
    params, key = _params(), widget_key(param)
    if not allowed:
        st.session_state[key] = False
    elif key not in st.session_state:  # first run of the page: the link's value
        st.session_state[key] = bool(params.values.get(param, False))
    value = st.toggle(label, key=key, help=help, disabled=not allowed)
    if value:
        params.values[param] = True
    else:
        params.values.pop(param, None)
    _sync()
    return value
