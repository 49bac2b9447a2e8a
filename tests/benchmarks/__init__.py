"""Benchmarks: run on demand with ``python -m tests.benchmarks``; never part of the pass/fail tests."""
