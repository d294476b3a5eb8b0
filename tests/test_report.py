"""The README's rule table is generated from the catalog and must stay in sync with it."""

from __future__ import annotations

from pathlib import Path

from pyverify.catalog import catalog
from pyverify.report import END, START, rule_table, update_readme

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rule_table_is_current() -> None:
    assert update_readme(README, write=False), "README rule table is stale: run `python -m pyverify.report --write`"


def test_rule_table_lists_every_entry_with_its_kind_and_checkers() -> None:
    table = rule_table()
    for e in catalog():
        row = next(line for line in table.splitlines() if f"`{e.id}`" in line)
        assert f"| {e.kind} |" in row
        assert ("exact" in row) == e.exact and "float" in row


def test_stale_readme_is_detected(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(f"intro\n{START}\n| old |\n{END}\nrest\n", encoding="utf-8")
    assert not update_readme(stale, write=False)
    assert update_readme(stale, write=True) is False and update_readme(stale, write=False)
    assert stale.read_text(encoding="utf-8").startswith("intro\n") and stale.read_text().endswith("rest\n")
