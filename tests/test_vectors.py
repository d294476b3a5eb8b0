"""Differential test vectors: the data files, the Python rules and the generated Lean file agree."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pyverify.cli import main
from pyverify.vectors import LEAN_FILE, JSON_DIR, check_vectors, collect, guard_line, lean_literal, render_lean

ROOT = Path(__file__).resolve().parent.parent
MINE = ("gradient_descent", "quadratic", "sgd", "lms", "ewc", "predictive_coding")


def test_vectors_are_in_sync() -> None:
    report = check_vectors(ROOT)
    assert report.ok, report.problems
    assert report.cases == sum(len(v) for v in collect().values())


@pytest.mark.parametrize("rule", MINE)
def test_every_rule_has_vectors(rule: str) -> None:
    doc = json.loads((ROOT / JSON_DIR / f"{rule}.json").read_text(encoding="utf-8"))
    assert doc["rule"] == rule and len(doc["cases"]) >= 3
    for c in doc["cases"]:
        assert all(re.fullmatch(r"-?\d+(/\d+)?", s) for s in _flat(c["output"]))


def _flat(v: object) -> list[str]:
    return [x for y in v for x in _flat(y)] if isinstance(v, list) else [str(v)]


def test_lean_file_is_the_rendering_and_uses_only_guard_lines() -> None:
    text = (ROOT / LEAN_FILE).read_text(encoding="utf-8")
    data = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / JSON_DIR).glob("*.json")}
    assert text == render_lean(data)
    body = text.split("-/", 1)[1]
    for line in body.splitlines():
        assert line == "" or line.startswith("#guard ") or line.startswith("-- "), line
    assert text.startswith("import LearningRules\n")
    for banned in ("sorry", "native_decide", "axiom", "implemented_by"):
        assert banned not in body


def _copy(tmp_path: Path) -> Path:
    (tmp_path / "lakefile.lean").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / JSON_DIR, tmp_path / JSON_DIR)
    (tmp_path / LEAN_FILE).parent.mkdir(parents=True)
    shutil.copy(ROOT / LEAN_FILE, tmp_path / LEAN_FILE)
    return tmp_path


def test_a_wrong_output_in_the_data_file_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    p = root / JSON_DIR / "lms.json"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["cases"][0]["output"] = "12345/7"
    p.write_text(json.dumps(doc), encoding="utf-8")
    problems = check_vectors(root).problems
    assert any("Python computes" in x for x in problems)
    assert any("differs from the rendering" not in x for x in problems)


def test_a_hand_edited_lean_file_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    p = root / LEAN_FILE
    p.write_text(p.read_text(encoding="utf-8").replace("== (1/2 : Rat)", "== (1/3 : Rat)", 1), encoding="utf-8")
    assert any("differs from the rendering" in x for x in check_vectors(root).problems)


def test_a_missing_case_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    p = root / JSON_DIR / "ewc.json"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["cases"].pop()
    p.write_text(json.dumps(doc), encoding="utf-8")
    assert any("only in VECTORS" in x for x in check_vectors(root).problems)


def test_lean_literals() -> None:
    assert lean_literal("-3/7") == "(-3/7 : Rat)"
    assert lean_literal(["1", "1/2"]) == "(LearningRules.Vec.ofList ([1, 1/2] : List Rat))"
    assert lean_literal([["1", "0"], ["0", "2"]]) == "(LearningRules.Mat.ofRows ([[1, 0], [0, 2]] : List (List Rat)) 2)"
    assert guard_line("e", ["3/4"]) == "#guard LearningRules.Vec.toList (e) == ([3/4] : List Rat)"
    assert guard_line("e", "2") == "#guard (e) == (2 : Rat)"


def test_cli_vectors_check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["vectors", "--check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"]
