"""`check_prove` on the real prelude-only Lean 4.35.0 binary: verdicts, audit, limits, and the .olean reader."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pyverify.errors import InvalidArgumentError
from pyverify.verify.olean import read_olean, structurally_equal
from pyverify.verify.prove import (
    ProveTemplate,
    check_prove,
    compile_fixture_module,
    prelude_template,
    render_answer_file,
)

FIXTURE = Path(__file__).parent / "adversarial" / "PvFixture.lean"
SPEC = {"family": "prove", "lean_spec": "MyEq N.z N.z"}


@pytest.fixture(scope="module")
def template(prelude_lean: Path, tmp_path_factory: pytest.TempPathFactory) -> ProveTemplate:
    return prelude_template(prelude_lean, FIXTURE, tmp_path_factory.mktemp("pvfixture"), allow_unreplayed=True)


def _survivors(marker: str) -> list[int]:
    """Processes whose command line mentions ``marker`` (Linux /proc)."""
    found = []
    for e in os.listdir("/proc"):
        if e.isdigit():
            try:
                cmd = Path(f"/proc/{e}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmd:
                found.append(int(e))
    return found


def test_valid_term_proof_is_valid(template: ProveTemplate) -> None:
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=template)
    assert v.status == "valid" and v.reward == 1.0, v
    assert v.details["axioms"] == [] and v.backed_by and "NO independent kernel replay" in v.backed_by
    assert any(e.startswith("wall-timeout") for e in v.details["enforced"])


def test_type_error_is_lean_error_with_position(template: ProveTemplate) -> None:
    v = check_prove(SPEC, "MyEq.refl\n  (MyTrue.intro)", timeout=10, template=template)
    assert v.status == "lean_error", v
    assert v.position is not None and v.position["line"] >= 3 and "answer_line" in v.position


def test_axiom_in_context_is_caught_by_the_audit(template: ProveTemplate) -> None:
    # The pre-filter has nothing to say about this answer: only the audit's `#print axioms` sees `cheat`.
    from pyverify.verify.prefilter import prefilter

    answer = "MyFalse.elim2 cheat"
    assert prefilter(answer) is None
    v = check_prove(SPEC, answer, timeout=10, template=template)
    assert v.status == "forbidden" and v.construct == "axiom cheat", v
    assert v.details["axioms"] == ["cheat"]


def test_audit_catches_an_axiom_command_when_the_prefilter_is_bypassed(template: ProveTemplate) -> None:
    answer = "MyFalse.elim2 cheat2\n  axiom cheat2 : MyFalse"
    assert check_prove(SPEC, answer, timeout=10, template=template).status == "forbidden"  # pre-filter
    v = check_prove(SPEC, "MyEq.refl\n  axiom cheat2 : MyFalse", timeout=10, template=template, skip_prefilter=True)
    assert v.status == "forbidden" and "cheat2" in (v.construct or ""), v


def test_nonterminating_elaboration_is_killed_and_leaves_no_process(template: ProveTemplate) -> None:
    answer = "(MyEq.refl : MyEq (loop (sq (sq (sq (sq four))))) B.t)"  # 2^32 recursor steps
    t0 = time.monotonic()
    v = check_prove({"lean_spec": "MyEq B.t B.t"}, answer, timeout=2.0, template=template)
    elapsed = time.monotonic() - t0
    assert v.status == "timeout", v
    assert elapsed < 15
    time.sleep(0.2)
    assert _survivors("PvAnswer.lean") == []


def test_output_flood_is_capped(prelude_lean: Path, tmp_path: Path) -> None:
    def tree(d: int) -> str:
        return "four" if d == 0 else f"(add {tree(d - 1)} {tree(d - 1)})"

    answer = f"(MyEq.refl : MyEq {tree(11)} N.z)"  # 22 KB answer; Lean's type-mismatch message is ~29 KB
    small = prelude_template(prelude_lean, FIXTURE, tmp_path / "lib", max_output_bytes=8192, allow_unreplayed=True)
    v = check_prove(SPEC, answer, timeout=10, template=small)
    assert v.status == "resource_exhausted" and v.construct == "output cap", v
    assert "output-cap=8192B" in v.details["enforced"]
    big = prelude_template(prelude_lean, FIXTURE, tmp_path / "lib2", max_output_bytes=1 << 20, allow_unreplayed=True)
    assert check_prove(SPEC, answer, timeout=10, template=big).status == "lean_error"  # same answer, uncapped


def test_no_toolchain_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyverify.lean.toolchain as tc

    monkeypatch.setattr(tc, "find_toolchain", lambda: None)
    v = check_prove(SPEC, "MyEq.refl", timeout=5)
    assert v.status == "unavailable" and "toolchain" in v.reason


def test_prefilter_runs_before_anything(template: ProveTemplate) -> None:
    v = check_prove(SPEC, "by native_decide", timeout=5, template=template)
    assert v.status == "forbidden" and "elaboration_seconds" not in v.details


def test_bad_arguments_raise() -> None:
    with pytest.raises(InvalidArgumentError):
        check_prove(SPEC, "rfl", timeout=0)
    with pytest.raises(InvalidArgumentError):
        check_prove({"lean_spec": ""}, "rfl", timeout=1)


def test_answer_is_indented_and_statement_comes_from_the_spec(template: ProveTemplate) -> None:
    text, first = render_answer_file(template, "MyEq N.z N.z", "by\n  trivial", "pv_fresh_x")
    lines = text.splitlines()
    assert lines[first - 2] == "theorem pv_fresh_x : MyEq N.z N.z :="
    assert lines[first - 1] == "  by" and lines[first] == "    trivial"


def test_olean_reader_lists_constants_and_compares_types(prelude_lean: Path, tmp_path: Path) -> None:
    src = FIXTURE.read_text()
    compile_fixture_module(prelude_lean, src, "PvFixture", tmp_path)
    extra = "prelude\nimport PvFixture\ntheorem a : zero_spec := MyEq.refl\ntheorem b : MyEq N.z N.z := MyEq.refl\n" \
            "theorem c : MyEq N.z N.z := MyEq.refl\n"
    compile_fixture_module(prelude_lean, extra, "Extra", tmp_path)
    fx, ex = read_olean(tmp_path / "PvFixture.olean"), read_olean(tmp_path / "Extra.olean")
    assert fx.version == "4.35.0"
    kinds = {c.name: c.kind for c in fx.constants()}
    assert kinds["cheat"] == "axiom" and kinds["N"] == "inductive" and kinds["N.s"] == "constructor"
    assert kinds["add"] == "definition" and kinds["N.rec"] == "recursor"
    assert ex.imports() == ["PvFixture"]
    a, b, c = (ex.constant(n) for n in "abc")
    assert a and b and c and a.kind == "theorem"
    assert structurally_equal(ex, b.type_ptr, ex, c.type_ptr)
    # definitionally equal, but not the same term: the audit's exact-type check must tell them apart
    assert not structurally_equal(ex, a.type_ptr, ex, b.type_ptr)
    assert ex.const_name_of_expr(a.type_ptr) == "zero_spec" and ex.const_name_of_expr(b.type_ptr) is None
