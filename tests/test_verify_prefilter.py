"""The pre-filter: banned constructs are rejected wherever they hide; plain proofs pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
    got = [json.loads(x)["verdict"]["status"] for x in proc.stdout.splitlines()]
    assert got == ["sorry", "invalid"]
