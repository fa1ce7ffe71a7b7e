"""Benchmarks, each run as `python -m bench.NAME` from the project root; `make bench` runs them all (run_all)."""
