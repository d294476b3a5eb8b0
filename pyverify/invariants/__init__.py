"""Catalog entries, one module per rule (`ENTRIES: list[Entry]`), collected by `pyverify.catalog`."""
