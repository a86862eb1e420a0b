"""Benchmarks: `python -m bench.run` prints each figure beside a baseline measured in the same run."""
