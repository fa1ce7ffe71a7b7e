"""Errors of the fetchers. Messages are built from the source and series, never from a URL: the EIA key
travels in the URL's query, and `requests` puts the full URL into its own exception texts. Text an API sent
(its error message) is quoted short, and has the key removed by value before it leaves (fetchers.redaction).

    FetchError                a series could not be fetched
     ├── SourceUnavailable    the API did not answer usefully after retries, or not within the deadline
     │                        (network, 5xx, 429, unreadable bodies, World Bank error 105 "try later")
     ├── BadResponse          the API answered, but with a definite error, a body we cannot read, or an answer
     │                        that breaks a bound (size, pages, a repeated page, a value that is not a figure)
     └── MissingKey           EIA_API_KEY is not set (or was refused)
"""

from __future__ import annotations


class FetchError(Exception):
    """A fetch failed; `source` and `series_id` say what, `problem` says why in plain words."""

    def __init__(self, source: str, problem: str, series_id: str | None = None):
        self.source = source
        self.series_id = series_id
        self.problem = problem
        what = f"{source} series {series_id}" if series_id else source
        super().__init__(f"{what}: {problem}")


class SourceUnavailable(FetchError):
    """The API did not answer usefully, even after retries, or not in time."""


class BadResponse(FetchError):
    """The API answered with an error, a body that is not the documented format, or one past a bound."""


class MissingKey(FetchError):
    """No usable API key."""
