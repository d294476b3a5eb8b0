"""The reward-hacking corpus `tests/adversarial/cases.jsonl`: every attempt is rejected for the right reason.

Layers: ``prefilter`` cases run always (text only); ``prelude`` cases run the whole `check_prove` path with the
real prelude-only Lean 4.35.0 binary and the fixture `tests/adversarial/PvFixture.lean` (some bypass the
pre-filter on purpose, to show the audit catches them on its own); the kernel replay there is played by a
stand-in executable (no `leanchecker` exists without a toolchain; `tests/test_verify_replay.py` tests the replay
protocol itself), so `valid` here means "elaboration and audit passed and the replay step was reached";
``toolchain`` cases need ``Init`` and run only where ``lake`` exists; ``grading`` cases grade numeric answers
(the grading budget); ``serving`` cases send client-made tasks to the server and the batch API.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pyverify.verify.prefilter import prefilter
from pyverify.verify.prove import ProveTemplate, check_prove, prelude_template

HERE = Path(__file__).parent / "adversarial"
CASES: list[dict[str, Any]] = [json.loads(line) for line in (HERE / "cases.jsonl").read_text().splitlines() if line]


def _by_layer(layer: str) -> list[Any]:
    return [pytest.param(c, id=c["id"]) for c in CASES if c["layer"] == layer]


def _right_reason(v: Any, case: dict[str, Any]) -> bool:
    want = case["expected_construct"]
    return v is not None and v.status == case["expected_status"] and (want is None or want in (v.construct or ""))


@pytest.fixture(scope="module")
def template(prelude_lean: Path, tmp_path_factory: pytest.TempPathFactory) -> ProveTemplate:
    stand_in = tmp_path_factory.mktemp("replay") / "replay-stand-in"
    stand_in.write_text("#!/bin/sh\n[ \"$1\" = PvAnswer ] && [ -f \"${LEAN_PATH%%:*}/PvAnswer.olean\" ]\n")
    stand_in.chmod(0o755)
    return prelude_template(prelude_lean, HERE / "PvFixture.lean", tmp_path_factory.mktemp("pvfixture"),
                            replay=(str(stand_in),))


def test_corpus_is_large_distinct_and_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be distinct"
    attempts = [c for c in CASES if c["expected_status"] != "valid"]
    assert len(attempts) >= 40
    assert len({c["answer"] for c in attempts}) == len(attempts), "attempts must be distinct answers"
    for c in CASES:
        assert c["layer"] in ("prefilter", "prelude", "toolchain", "grading", "serving")
        assert c["reason"], c["id"]


@pytest.mark.parametrize("case", _by_layer("prefilter"))
def test_prefilter_rejects_for_the_right_reason(case: dict[str, Any]) -> None:
    v = prefilter(case["answer"])
    assert _right_reason(v, case), (case["id"], v)


def test_every_prefilter_item_is_covered() -> None:
    constructs = " ".join(str(c["expected_construct"]) for c in CASES)
    for item in ("native_decide", "native", "run_tac", "sorry", "admit", "ofReduceBool", "implemented_by", "extern",
                 "unsafe", "skipKernelTC", "set_option", "import", "theorem", "axiom", "#eval", "#print",
                 "run_cmd", "elab", "macro", "syntax", "notation", "open", "@[", "column-0", "carriage return",
                 "U+2028", "tab", "overlong", "null"):
        assert item in constructs, item


def test_reference_proofs_pass_the_prefilter() -> None:
    refs = [c for c in CASES if c["expected_status"] == "valid"]
    assert refs
    for c in refs:
        assert prefilter(c["answer"]) is None, c["id"]


@pytest.mark.parametrize("case", _by_layer("prelude"))
def test_prelude_case_through_the_real_lean(case: dict[str, Any], template: ProveTemplate) -> None:
    v = check_prove({"lean_spec": case["spec"]}, case["answer"], timeout=3.0, template=template,
                    skip_prefilter=case.get("bypass_prefilter", False))
    assert _right_reason(v, case), (case["id"], v.status, v.construct, v.reason)
    assert (v.reward == 1.0) == (case["expected_status"] == "valid")


@pytest.mark.lean_toolchain
@pytest.mark.parametrize("case", _by_layer("toolchain"))
def test_toolchain_case(case: dict[str, Any], lean_toolchain: Any, tmp_path: Path) -> None:
    tmpl = ProveTemplate(lean=lean_toolchain.lean, imports=("Init",), label="toolchain")
    v = check_prove({"lean_spec": case["spec"]}, case["answer"], timeout=60.0, template=tmpl)
    assert _right_reason(v, case), (case["id"], v)


@pytest.mark.parametrize("case", _by_layer("grading"))
def test_grading_case(case: dict[str, Any]) -> None:
    from pyverify.tasks import get_task, grade

    v = grade(get_task(case["task_id"]), case["answer"])
    assert _right_reason(v, case), (case["id"], v)


@pytest.mark.parametrize("case", _by_layer("serving"))
def test_serving_case(case: dict[str, Any]) -> None:
    from pyverify.serve import handle
    from pyverify.verify.batch import check_one

    resp = handle({"id": 1, "method": "check", "params": {"task": case["task"], "answer": case["answer"]}})
    got = resp["result"]
    assert got["status"] == case["expected_status"] and case["expected_reason"] in got["reason"], (case["id"], resp)
    v = check_one(case["task"], case["answer"], timeout=5)  # the batch API (CLI verify/verify-batch) binds too
    assert v.status == case["expected_status"] and case["expected_reason"] in v.reason, (case["id"], v)


def test_every_issue_11_class_has_cases() -> None:
    ids = {c["id"] for c in CASES}
    for needed in ("config_io_exit", "guillemet_hides_comment_marker", "glued_comment_marker",
                   "audit_module_prefixed_theorem", "budget_pl_rate_T256_eta200", "serve_edited_spec",
                   "serve_selftest_family", "set_option_unlisted_in"):
        assert needed in ids, needed


def test_valid_proof_corpus_has_no_false_rejections() -> None:
    """Issue 11, class 7: at least 200 valid proofs in agents' styles, none rejected by the pre-filter."""
    import sys

    sys.path.insert(0, str(HERE))
    try:
        from valid_proofs import PROOFS
    finally:
        sys.path.remove(str(HERE))
    assert len(set(PROOFS)) >= 200
    for style in ("-- #check", "open Classical in", "set_option pp.all true in", "nlinarith", "norm_num", "omega",
                  "simp", "decide", "calc", "have", "(config := {"):
        assert sum(style in p for p in PROOFS) >= 3, style
    rejected = [(p, v) for p in PROOFS if (v := prefilter(p)) is not None]
    assert rejected == [], rejected[:5]
