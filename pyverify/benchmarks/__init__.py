"""Benchmark modules, one per target (P1…P4); each registers itself with `pyverify.bench.register`."""
