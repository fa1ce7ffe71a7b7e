"""Widgets whose values live in the URL: the shared sidebar and the page-specific pickers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from cache.schema import COUNTRY_NAMES
from dashboard import state
from dashboard.data import Data


@dataclass(frozen=True)
class Selection:
    """What the sidebar selects for every page."""

    countries: list[str]
    years: tuple[int, int]
    events: bool


def _params() -> state.Params:
    return st.session_state["_params"]


def _sync() -> None:
    """Write the current view back to the URL (drops whatever was ignored)."""
    st.query_params.from_dict(state.encode(_params().values))


def sidebar(data: Data) -> Selection:
    """Read and check the URL, draw the shared controls, and return the selection."""
    years = (int(data.table["year"].min()), int(data.table["year"].max()))
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    params = state.parse(query, years, indicators=list(data.manifest["series"]))
    st.session_state["_params"] = params
    if params.notice():
        st.warning(params.notice(), icon="⚠️")
    with st.sidebar:
        # Pills, not a multiselect: all six stay in view (the multiselect's box cut off the fifth and sixth).
        countries = st.pills(
            "Countries",
            state.COUNTRIES,
            selection_mode="multi",
            default=params.values.get("countries", state.COUNTRIES),
            format_func=COUNTRY_NAMES.get,
            key="w_countries",
        )
        chosen_years = st.slider("Years", years[0], years[1], value=params.values.get("years", years), key="w_years")
        events = st.toggle(
            "Event annotations",
            value=params.values.get("events", True),
            key="w_events",
            help="1992 ties, 2007 first forum, 2013 Eurasia Initiative, 2022 Busan forum",
        )
    params.values.update(countries=countries, years=tuple(chosen_years), events=events)
    _sync()
    return Selection(list(countries), (int(chosen_years[0]), int(chosen_years[1])), events)


def pick(
    label: str,
    options: Sequence[str],
    *,
    param: str,
    format_func: Callable[[Any], str] = str,
    horizontal: bool = False,
    fallback_quietly: bool = False,
) -> str:
    """A single choice kept in the URL under `param`; an unknown value falls back to the first option.

    `fallback_quietly` is for options that depend on another choice (an area's indicators): a value left over
    from the previous choice is not the visitor's mistake, so it needs no warning.
    """
    params = _params()
    wanted = params.values.get(param)
    if wanted is not None and wanted not in options:
        if not fallback_quietly:
            st.warning(f"The link's {param} is not shown on this page; showing the first one instead.", icon="⚠️")
        wanted = None
    index = list(options).index(wanted) if wanted in options else 0
    if horizontal:
        value = st.radio(label, options, index=index, format_func=format_func, key=f"w_{param}", horizontal=True)
    else:
        value = st.selectbox(label, options, index=index, format_func=format_func, key=f"w_{param}")
    params.values[param] = value
    _sync()
    return value


def choose(label: str, options: Sequence[str], *, param: str, format_func: Callable[[Any], str] = str) -> list[str]:
    """Several choices kept in the URL under `param` (default: all)."""
    params = _params()
    default = [o for o in params.values.get(param, options) if o in options]
    value = st.multiselect(label, options, default=default, format_func=format_func, key=f"w_{param}")
    params.values[param] = value
    _sync()
    return value


def flag(label: str, *, param: str, allowed: bool = True, help: str | None = None) -> bool:
    """A toggle kept in the URL under `param`, applied only where `allowed`.

    Where it does not apply the toggle shows off and disabled and leaves the URL, so that a reader never
    sees a setting that is on but cannot be turned off, nor a link that promises what it does not do.
    """
    params, key = _params(), f"w_{param}"
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
