"""Developer tools, each behind a `make` target and run as `python -m tools.NAME` from the project root."""
