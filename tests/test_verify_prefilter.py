"""The pre-filter: banned constructs are rejected wherever they hide; plain proofs pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.verify.prefilter import COMMAND_KEYWORDS, HARD_BANNED, MAX_ANSWER_BYTES, SORRY_WORDS, prefilter

PLAIN = st.sampled_from(["rfl", "h.trans", "fun x => x", "(by simp)", "⟨h1, h2⟩", "by\n  intro x\n  exact x",
                         "Vec.dot_comm x y", "by\n  grind", "-- a comment: by the end of it, open the lemma\n  rfl"])
BANNED = st.sampled_from(sorted((set(HARD_BANNED) | SORRY_WORDS) - {"native"}) + ["native"])
SEPARATORS = st.sampled_from([" ", "\n  ", "(", " (", "\n    ", " ⟨", ";"])


@given(pre=PLAIN, word=BANNED, sep=SEPARATORS, post=PLAIN)
@settings(max_examples=300, deadline=None)
def test_a_banned_token_anywhere_is_rejected(pre: str, word: str, sep: str, post: str) -> None:
    v = prefilter(f"{pre}{sep}{word} {post}")
    assert v is not None and v.status in ("forbidden", "sorry") and v.reward == 0.0


@given(word=st.sampled_from(sorted(COMMAND_KEYWORDS)), indent=st.sampled_from(["", "  ", "      "]))
@settings(max_examples=200, deadline=None)
def test_a_command_keyword_on_its_own_line_is_rejected_even_indented(word: str, indent: str) -> None:
    v = prefilter(f"by\n  trivial\n{indent}{word} x")
    assert v is not None and v.status == "forbidden"


# "stop" and "Environment" are ordinary words inside strings; only their token form is banned.
@given(word=BANNED.filter(lambda w: w not in ("stop", "Environment")), cut=st.integers(min_value=1, max_value=4))
@settings(max_examples=200, deadline=None)
def test_a_banned_name_built_from_string_fragments_is_rejected(word: str, cut: int) -> None:
    if word == "native":
        word = "native_decide"
    k = min(cut, len(word) - 1)
    v = prefilter(f"(\"{word[:k]}\" ++ \"{word[k:]}\")")
    assert v is not None and v.status in ("forbidden", "sorry")


@given(answer=PLAIN)
def test_plain_proofs_pass(answer: str) -> None:
    assert prefilter(answer) is None


def test_overlong_and_non_text_answers() -> None:
    v = prefilter("x" * (MAX_ANSWER_BYTES + 1))
    assert v is not None and v.construct == "overlong answer"
    v = prefilter(123)  # type: ignore[arg-type]
    assert v is not None and v.status == "forbidden"


def test_verify_cli_reports_the_prefilter_verdict(tmp_path: Path) -> None:
    from pyverify.tasks import generate

    task = generate("prove")[0].to_json()  # a catalog task: client-made tasks are refused (issue 11)
    (tmp_path / "t.json").write_text(json.dumps(task))
    (tmp_path / "a.txt").write_text("by native_decide")
    proc = subprocess.run([sys.executable, "-m", "pyverify.cli", "verify", "--task", str(tmp_path / "t.json"),
                           "--answer", str(tmp_path / "a.txt"), "--json"], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["construct"] == "native_decide"
    lines = [json.dumps({"id": 1, "task": task, "answer": "sorry"}), "junk"]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n")
    proc = subprocess.run([sys.executable, "-m", "pyverify.cli", "verify-batch", str(tmp_path / "b.jsonl"),
                           "--workers", "1", "--timeout", "5"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]  # completion order; "index" is the input line
    got = [x["verdict"]["status"] for x in sorted(lines, key=lambda x: x["index"])]
    assert got == ["sorry", "invalid"]


def test_every_safe_option_is_an_option_of_lean_4_35(prelude_lean: Path, tmp_path: Path) -> None:
    """`SAFE_OPTIONS` lists real options: the prelude-only Lean 4.35.0 accepts `set_option <name> <bool> in`
    for each one (an unknown option would make every answer using it a Lean error)."""
    from pyverify.verify.prefilter import SAFE_OPTIONS

    lines = ["prelude"]
    for k, name in enumerate(SAFE_OPTIONS):
        lines.append(f"set_option {name} false in\ninductive X{k} : Type where | a")
    (tmp_path / "Opts.lean").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([str(prelude_lean), "--json", "Opts.lean"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    errors = [json.loads(x)["data"] for x in proc.stdout.splitlines() if x.startswith("{")]
    assert proc.returncode == 0 and errors == [], errors


_BUILTIN_COMMAND_WORDS = ["theorem", "def", "axiom", "instance", "example", "opaque", "abbrev", "inductive",
                          "structure", "class", "namespace", "section", "end", "variable", "universe", "open",
                          "set_option", "attribute", "export", "mutual", "initialize", "omit", "include",
                          "with_weak_namespace", "assert_not_exists", "assert_not_imported", "init_quot",
                          "register_tactic_tag", "tactic_extension", "recommended_spelling", "add_decl_doc",
                          "register_error_explanation", "unlock_limits", "deprecated_module", "deriving",
                          "noncomputable", "private", "protected", "unsafe", "partial", "nonrec", "public", "meta"]


def test_lean_4_35_builtin_command_words_are_command_keywords(prelude_lean: Path, tmp_path: Path) -> None:
    """Each word is a keyword of the prelude-only Lean 4.35.0 (it is not read as an identifier after a complete
    term: it ends the proof and starts a command) and is in `COMMAND_KEYWORDS` (or `HARD_BANNED`), so the pre-filter rejects it."""
    for word in _BUILTIN_COMMAND_WORDS:
        assert word in COMMAND_KEYWORDS or word in HARD_BANNED, word
        (tmp_path / "K.lean").write_text(f"prelude\ninductive MyT : Type where | c\ndef d : MyT := MyT.c {word}\n"
                                         "def e : MyT := MyT.c\n", encoding="utf-8")
        proc = subprocess.run([str(prelude_lean), "--json", "K.lean"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=60)
        msgs = [json.loads(x)["data"] for x in proc.stdout.splitlines() if x.startswith("{")]
        assert not any("CoeFun" in m or "Unknown identifier" in m for m in msgs), (word, msgs)
        v = prefilter(f"MyT.c\n  {word} x")
        assert v is not None and v.status == "forbidden", word


# -- `(name := value)`: term-level named arguments pass, tactic configurations stay literal-only ---------------

TERM_NAMED_ARGUMENTS = [
    "exact le_trans (b := x) h1 h2",
    "apply le_trans (b := 2) h1",
    "have h := foo (n := k + 1)\n  exact h",
    "refine ⟨foo (x := y), ?_⟩",
    "exact le_trans h1 (b := f x) h2",
    "exact @le_trans _ _ (b := x) h1 h2",
    "exact foo (h x) ⟨a, b⟩ (b := g y)",
    "obtain ⟨a, b⟩ := foo (x := y z)",
    "specialize h (n := k + 1)",
    "exact le_trans (a := f 1) (b := g 2) h1 h2",
    "by\n  simp\n  exact le_trans (b := x) h1 h2",
    "show P from foo (x := y z)",
    "simp (discharger := exact foo (x := f 1))",  # inside the discharger tactic, `exact` takes a term
    "exact foo (config := mkCfg 1)",  # a term: `foo`'s argument named `config`, elaborated, never run
]

TACTIC_CONFIGURATIONS = [
    "simp (config := {maxSteps := f 1})", "simp (maxSteps := f 1)", "omega (x := e 1)", "decide (kernel := f 1)",
    "exact foo\n  simp (maxSteps := f 1)", "exact foo; simp (maxSteps := f 1)", "exact foo <;> simp (maxSteps := f 1)",
    "apply (config := mkCfg) foo", "aesop (add safe foo) (options := mk 1)", "linarith! (config := f 1)",
    "exact by simp (maxSteps := f 1)", "exact show P by simp (maxSteps := f 1)", "conv => simp (maxSteps := f 1)",
    "(simp (maxSteps := f 1))", "first | exact foo | simp (maxSteps := f 1)", "simp +arith (maxSteps := f 1)",
    "simp (config := {}) (maxSteps := f 1)", "exact foo (h := by simp (maxSteps := f 1))",
    "exact (simp (maxSteps := f 1))", "exact foo [simp (maxSteps := f 1)]", "exact apply (config := f 1)",
    "exact h.1 (b := f 1) <;> simp (maxSteps := g 1)", "simp (disch := simp (config := myCfg)) [h]",
    # conservative: a named argument split over lines, after `fun … =>` or in a `[…]` list is still rejected
    "exact foo\n    (x := f 1)", "exact fun x => foo (x := f 1)", "nlinarith [foo (x := f 1)]",
    "exact foo (x := bar (y := f 1))",  # the inner one: after a group's `:=`, which may hold a tactic
]


@pytest.mark.parametrize("answer", TERM_NAMED_ARGUMENTS)
def test_term_level_named_arguments_pass(answer: str) -> None:
    assert prefilter(answer) is None, prefilter(answer)


@pytest.mark.parametrize("answer", TACTIC_CONFIGURATIONS)
def test_tactic_configuration_values_stay_literal_only(answer: str) -> None:
    v = prefilter(answer)
    assert v is not None and v.status == "forbidden" and v.construct == "non-literal configuration value", v


@pytest.mark.parametrize("answer", ["simp (maxSteps := 100000)", "decide (kernel := true)",
                                    "simp (config := { maxSteps := 5, zeta := false })", "simp +arith"])
def test_literal_tactic_configurations_pass(answer: str) -> None:
    assert prefilter(answer) is None
