"""The Lean source parser: comment/string stripping, declarations, full names, docstrings, Prop defs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pyverify.lean.sources import parse_declarations, strip_source

SRC = '''\
/-! Module doc: def not_a_decl : Prop := True -/
namespace A.B

/-- Doc of `spec`. -/
def foo_spec : Prop :=
  ∀ n : Nat, n = n

/- block /- nested -/ def hidden : Nat := 0 -/
/-- Doc. -/
@[simp, reducible] protected noncomputable def bar (x : Nat) {y : Nat} : Nat := x + y

section Inner
variable (n : Nat)
/-- Doc. -/
private theorem baz : n = n := rfl
end Inner

namespace C
/-- Doc. -/
theorem qux : foo_spec := fun _ => rfl
end C

/-- Doc of root. -/
theorem _root_.top : True := trivial

mutual
/-- even -/
inductive Even : Nat → Prop
/-- odd -/
inductive Odd : Nat → Prop
end

/-- A structure. -/
structure S where
  /-- field doc -/
  x : Nat
def after_struct : Prop := True

/-- Anonymous instance. -/
instance : Inhabited S := ⟨⟨0⟩⟩

/-- Named instance. -/
instance instS2 : Inhabited S := ⟨⟨1⟩⟩

/-- class inductive -/
class inductive CI : Prop
  | mk

/-- Pattern-matching def. -/
def f : Nat → Nat
  | 0 => 1
  | n + 1 => f n

/-- An axiom. -/
axiom ax : (1 : Nat) = 1

/-- An example. -/
example : True := trivial

end A.B

/-- After the namespace. -/
def outside : Prop := True
'''


def _by_name() -> dict[str | None, object]:
    return {d.full_name: d for d in parse_declarations(SRC, "t.lean")}


def test_full_names_track_namespaces_sections_and_root() -> None:
    names = [d.full_name for d in parse_declarations(SRC, "t.lean")]
    assert names == [
        "A.B.foo_spec", "A.B.bar", "A.B.baz", "A.B.C.qux", "top", "A.B.Even", "A.B.Odd", "A.B.S",
        "A.B.after_struct", None, "A.B.instS2", "A.B.CI", "A.B.f", "A.B.ax", None, "outside",
    ]


def test_keywords_modifiers_attributes_lines() -> None:
    decls = {d.full_name: d for d in parse_declarations(SRC, "t.lean")}
    bar = decls["A.B.bar"]
    assert bar.keyword == "def" and bar.line == 10
    assert bar.modifiers == ("protected", "noncomputable")
    assert bar.attributes == ("simp, reducible",)
    assert decls["A.B.baz"].modifiers == ("private",)
    assert decls["A.B.CI"].keyword == "class"
    assert decls["A.B.ax"].keyword == "axiom"


def test_prop_defs_and_theorem_types() -> None:
    decls = {d.full_name: d for d in parse_declarations(SRC, "t.lean")}
    assert decls["A.B.foo_spec"].is_prop_def
    assert decls["A.B.after_struct"].is_prop_def
    assert decls["outside"].is_prop_def
    assert not decls["A.B.bar"].is_prop_def and decls["A.B.bar"].type_text == "Nat"
    assert decls["A.B.f"].type_text == "Nat → Nat"
    assert decls["A.B.C.qux"].type_text == "foo_spec" and decls["A.B.C.qux"].is_theorem
    assert decls["A.B.ax"].type_text == "(1 : Nat) = 1"


def test_docstrings_are_attributed() -> None:
    decls = parse_declarations(SRC, "t.lean")
    missing = [d.full_name for d in decls if not d.has_docstring]
    assert missing == ["A.B.after_struct"]  # the field's docstring does not count for the next def


def test_nothing_is_found_inside_comments() -> None:
    names = {d.full_name for d in parse_declarations(SRC, "t.lean")}
    assert "A.B.hidden" not in names and "not_a_decl" not in names


def test_strip_blanks_nested_comments_strings_and_chars() -> None:
    text = 'a /- x /- y -/ z -/ b "s\\"t" c \'q\' d\' -- e\nr#"raw"# f'
    s = strip_source(text)
    assert s.code.split() == ["a", "b", "c", "d'", "f"]
    kinds = [c.kind for c in s.comments]
    assert kinds == ["block", "line"]


def test_doc_and_moddoc_comments_are_classified() -> None:
    s = strip_source("/-! m -/\n/-- d -/\n/- b -/\n-- l\n")
    assert [c.kind for c in s.comments] == ["moddoc", "doc", "block", "line"]
    assert [c.line for c in s.comments] == [1, 2, 3, 4]


@given(st.text(alphabet=st.sampled_from(list("ab /-!\"'\\\n-r#«»")), max_size=80))
def test_strip_preserves_length_and_newlines(text: str) -> None:
    s = strip_source(text)
    assert len(s.code) == len(text)
    assert [i for i, c in enumerate(s.code) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(c == o or c == " " for c, o in zip(s.code, text))


def test_declaration_text_runs_to_the_next_command_and_keeps_its_docstring() -> None:
    decls = {d.full_name: d for d in parse_declarations(SRC, "t.lean")}
    assert decls["A.B.foo_spec"].text == "def foo_spec : Prop :=\n  ∀ n : Nat, n = n"
    assert decls["A.B.foo_spec"].doc == "/-- Doc of `spec`. -/"
    # a trailing block comment (the `hidden` one) is not part of the declaration before it
    assert decls["A.B.bar"].text.startswith("@[simp, reducible] protected noncomputable def bar")
    assert decls["A.B.bar"].text.endswith("x + y")
    assert decls["A.B.f"].text == "def f : Nat → Nat\n  | 0 => 1\n  | n + 1 => f n"
    assert decls["A.B.S"].text == "structure S where\n  /-- field doc -/\n  x : Nat"
    assert decls["A.B.after_struct"].text == "def after_struct : Prop := True" and decls["A.B.after_struct"].doc == ""
    assert decls["A.B.Even"].text == "inductive Even : Nat → Prop" and decls["A.B.Even"].doc == "/-- even -/"
    for d in decls.values():
        assert d.text and d.text in SRC and d.doc in SRC
        assert d.has_docstring == bool(d.doc)


def test_matchless_column_zero_arms_stay_in_the_declaration() -> None:
    src = "/-- d -/\ndef g : Nat → Nat\n| 0 => 1\n| _ => 2\n-- trailing\n\n/-- next -/\ndef h : Nat := 0\n"
    g, h = parse_declarations(src)
    assert g.text == "def g : Nat → Nat\n| 0 => 1\n| _ => 2" and g.doc == "/-- d -/"
    assert h.text == "def h : Nat := 0" and h.doc == "/-- next -/"
