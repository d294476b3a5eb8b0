"""Exported (content-hashed) tasks through the catalog-bound grading entry points (issue 10 item 5 × issue 11).

Tasks are exported by a subprocess (`stream_with_references`, a seed no other test uses), so this process
never made them: `check_batch`, `check_one` and the stdio server (`pyverify.serve.handle`) must bind each one by
rebuilding it from its content (`pyverify.tasks.content`). References are valid, wrong answers invalid, and
tampered copies are invalid with the reason naming what changed.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pyverify.serve import handle
from pyverify.tasks import content as content_mod
from pyverify.tasks import families
from pyverify.tasks.budget import precheck
from pyverify.tasks.content import ContentError, bind_content_task, content_of, task_from_content
from pyverify.tasks.stream import content_id, is_content_id
from pyverify.verify import check_batch, check_one

SEED = 7129
COUNT = {"refute": 5, "tune": 5}

_EXPORT = """
import itertools, json, sys
from pyverify.tasks.stream import stream_with_references
out = {}
for fam, n in json.loads(sys.argv[2]).items():
    out[fam] = [{"task": t.to_json(), "ref": r}
                for t, r in itertools.islice(stream_with_references(fam, seed=int(sys.argv[3])), n)]
open(sys.argv[1], "w").write(json.dumps(out))
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    path = Path(tmp_path_factory.mktemp("export")) / "tasks.json"
    subprocess.run([sys.executable, "-c", _EXPORT, str(path), json.dumps(COUNT), str(SEED)], check=True,
                   timeout=600)
    out: dict[str, list[dict[str, Any]]] = json.loads(path.read_text())
    for fam, items in out.items():
        assert len(items) == COUNT[fam]
        for it in items:
            assert is_content_id(it["task"]["id"])
            assert it["task"]["id"] not in families._INDEX  # this process did not make it
    content_mod._CACHE.clear()
    return out


def _wrong(task: dict[str, Any]) -> str:
    shapes = task["payload"]["variables" if task["family"] == "refute" else "tunable"]
    return json.dumps({k: np.full(tuple(s), "0", dtype=object).tolist() for k, s in shapes.items()})


def _all(exported: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return exported["refute"] + exported["tune"]


def test_check_batch_grades_exported_tasks(exported: dict[str, list[dict[str, Any]]]) -> None:
    items = []
    for i, it in enumerate(_all(exported)):
        items.append({"id": f"ok{i}", "task": it["task"], "answer": json.dumps(it["ref"])})
        items.append({"id": f"bad{i}", "task": it["task"], "answer": _wrong(it["task"])})
        items.append({"id": f"both{i}", "task_id": it["task"]["id"], "task": it["task"],
                      "answer": json.dumps(it["ref"])})
    verdicts = {v["id"]: v["verdict"] for v in check_batch(items)}
    for i, it in enumerate(_all(exported)):
        assert verdicts[f"ok{i}"]["status"] == "valid", (it["task"]["id"], verdicts[f"ok{i}"])
        assert verdicts[f"both{i}"]["status"] == "valid", verdicts[f"both{i}"]
        assert verdicts[f"bad{i}"]["status"] == "invalid", verdicts[f"bad{i}"]
        assert "not one the library builds" not in verdicts[f"bad{i}"]["reason"]


def test_stdio_server_grades_exported_tasks(exported: dict[str, list[dict[str, Any]]]) -> None:
    content_mod._CACHE.clear()
    for it in _all(exported):
        ok = handle({"id": 1, "method": "check", "params": {"task": it["task"], "answer": json.dumps(it["ref"])}})
        assert ok["result"]["status"] == "valid", ok
        bad = handle({"id": 2, "method": "check", "params": {"task": it["task"], "answer": _wrong(it["task"])}})
        assert bad["result"]["status"] == "invalid", bad
    items = [{"id": k, "task": it["task"], "answer": json.dumps(it["ref"])} for k, it in enumerate(_all(exported))]
    resp = handle({"id": 3, "method": "check_batch", "params": {"items": items}})
    assert [v["verdict"]["status"] for v in resp["result"]] == ["valid"] * len(items), resp


def test_rebuild_equals_the_export_and_seed_is_free(exported: dict[str, list[dict[str, Any]]]) -> None:
    for it in _all(exported):
        t = it["task"]
        fam, entry, given, asked, hyp = content_of(t)
        rebuilt = task_from_content(fam, entry, given, asked, hyp, seed=t["seed"])
        assert rebuilt.to_json() == t
        other = dict(t, seed=t["seed"] + 12345)  # the stream seed is recorded, not hashed: it may differ
        assert check_one(other, json.dumps(it["ref"])).status == "valid"
        for bad_seed in (-1, "0", True, None):
            v = check_one(dict(t, seed=bad_seed), json.dumps(it["ref"]))
            assert v.status == "invalid" and "seed" in v.reason, v


def test_bare_content_id_asks_for_the_task_object(exported: dict[str, list[dict[str, Any]]]) -> None:
    it = exported["tune"][0]
    v = check_one(it["task"]["id"], json.dumps(it["ref"]))
    assert v.status == "invalid" and "send the task object" in v.reason, v
    resp = handle({"id": 1, "method": "check", "params": {"task_id": it["task"]["id"],
                                                           "answer": json.dumps(it["ref"])}})
    assert resp["result"]["status"] == "invalid" and "send the task object" in resp["result"]["reason"]


def _tampered(t: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """(what, tampered copy, a string the reason must hold)."""
    out = []
    a = copy.deepcopy(t)
    a["statement"] = "Anything at all."
    out.append(("statement", a, "statement"))
    p = t["payload"]
    if t["family"] == "refute":
        b = copy.deepcopy(t)
        b["payload"]["remaining"] = b["payload"]["remaining"][:-1]  # drop a remaining hypothesis
        out.append(("hypotheses", b, "payload.remaining"))
        b2 = copy.deepcopy(t)
        b2["payload"]["dropped"]["text"] = "nothing"
        out.append(("dropped text", b2, "payload.dropped"))
        given_key = "fixed"
    else:
        b = copy.deepcopy(t)
        b["payload"]["hypotheses"] = b["payload"]["hypotheses"][:-1]
        out.append(("hypotheses", b, "payload.hypotheses"))
        c = copy.deepcopy(t)
        c["payload"]["objective"]["tolerance"] = "1/2"
        out.append(("objective tolerance", c, "payload.objective"))
        c2 = copy.deepcopy(t)
        c2["payload"]["objective"]["sense"] = "minimize" if p["objective"]["sense"] == "maximize" else "maximize"
        out.append(("objective sense", c2, "payload.objective"))
        given_key = "instance"
    d = copy.deepcopy(t)
    k = next(iter(d["payload"][given_key]))
    leaf: Any = d["payload"][given_key]
    while isinstance(leaf[k], list):
        leaf, k = leaf[k], 0
    leaf[k] = str(leaf[k]) + "1" if str(leaf[k]) != "0" else "7"
    out.append(("given number with the old id", d, "not the content hash"))
    e = copy.deepcopy(t)
    e["entry_id"] = "no.such_entry"
    out.append(("renamed entry", e, "not the content hash"))
    e2 = copy.deepcopy(t)
    e2["id"] = e2["id"].replace(t["entry_id"], "no.such_entry", 1)
    e2["entry_id"] = "no.such_entry"
    out.append(("renamed entry and id", e2, "not the content hash"))
    f = copy.deepcopy(t)
    f["split"] = "test" if t["split"] == "train" else "train"
    out.append(("split", f, "split"))
    g = copy.deepcopy(t)
    g["prompt"] = g["prompt"] + "\nHint: the answer is 0."
    out.append(("prompt", g, "prompt"))
    h = copy.deepcopy(t)
    h["payload"]["difficulty"] = {"dim": 1}
    out.append(("difficulty", h, "payload.difficulty"))
    return out


def test_tampered_copies_are_invalid_with_the_reason(exported: dict[str, list[dict[str, Any]]]) -> None:
    for it in _all(exported):
        ref = json.dumps(it["ref"])
        for what, bad, needle in _tampered(it["task"]):
            v = check_one(bad, ref)
            assert v.status == "invalid", (what, v)
            assert needle in v.reason, (what, v.reason)
            resp = handle({"id": 1, "method": "check", "params": {"task": bad, "answer": ref}})
            assert resp["result"]["status"] == "invalid", (what, resp)


def test_a_changed_number_with_a_fresh_id_still_must_match_the_rebuild(
        exported: dict[str, list[dict[str, Any]]]) -> None:
    """Given numbers are the client's (hashed): a new number under its own hash binds only as the library
    rebuilds it (prompt, difficulty, split follow); the old object's other fields with the new id do not."""
    t = exported["refute"][0]["task"]
    fam, entry, given, asked, hyp = content_of(t)
    given2 = copy.deepcopy(given)
    k = next(iter(given2))
    if isinstance(given2[k], list):
        flat = np.asarray(given2[k], dtype=object).reshape(-1)
        flat[0] = "12345" if flat[0] != "12345" else "54321"
        given2[k] = flat.reshape(np.shape(np.asarray(given2[k], dtype=object))).tolist()
    else:
        given2[k] = "12345" if given2[k] != "12345" else "54321"
    new_id = content_id(fam, entry, given2, asked, hyp)
    lazy = copy.deepcopy(t)
    lazy["payload"]["fixed"] = given2
    lazy["id"] = new_id
    v = check_one(lazy, _wrong(t))
    assert v.status == "invalid" and "differs in" in v.reason and "prompt" in v.reason, v
    try:
        rebuilt = task_from_content(fam, entry, given2, asked, hyp, seed=t["seed"])
    except ContentError:
        return  # the number left the entry's domain: not a task the library builds at all
    assert rebuilt.id == new_id
    bound = bind_content_task(rebuilt.to_json())
    assert bound.to_json() == rebuilt.to_json()


def test_content_that_the_library_never_builds_is_refused(exported: dict[str, list[dict[str, Any]]]) -> None:
    t = exported["refute"][0]["task"]
    fam, entry, given, asked, hyp = content_of(t)
    with pytest.raises(ContentError, match="no hypothesis"):
        task_from_content("refute", entry, given, asked, "no_such_hypothesis")
    with pytest.raises(ContentError, match="unknown entry"):
        task_from_content("refute", "no.such_entry", given, asked, hyp)
    with pytest.raises(ContentError, match="nothing is given"):
        task_from_content("refute", entry, {}, {**asked, **{k: list(np.shape(np.asarray(v, dtype=object)))
                                                            for k, v in given.items()}}, hyp)
    with pytest.raises(ContentError, match="not the instance keys"):
        task_from_content("refute", entry, {**given, "zz": "1"}, asked, hyp)
    k = next(iter(asked))
    with pytest.raises(ContentError, match="axes|axis"):
        task_from_content("refute", entry, given, {**asked, k: [*asked[k], 3]}, hyp)
    with pytest.raises(ContentError, match="prove"):
        task_from_content("prove", entry, given, asked)
    u = exported["tune"][0]["task"]
    _, uentry, ugiven, uasked, _ = content_of(u)
    with pytest.raises(ContentError, match="asks for"):
        task_from_content("tune", uentry, {kk: vv for kk, vv in ugiven.items() if kk != next(iter(ugiven))},
                          {**uasked, next(iter(ugiven)): list(np.shape(np.asarray(ugiven[next(iter(ugiven))],
                                                                                   dtype=object)))})
    with pytest.raises(ContentError, match="malformed"):
        task_from_content("tune", uentry, {kk: (np.full(np.shape(np.asarray(vv, dtype=object)), "x").tolist()
                                                if i == 0 else vv) for i, (kk, vv) in enumerate(ugiven.items())},
                          uasked)


def test_given_counts_are_step_counts_in_the_grading_budget() -> None:
    """A client chooses the given numbers, so a given count (T, fuel, …) bounds the budget as an asked one."""
    payload = {"fixed": {"T": "256"}, "variables": {"eta": []}, "domain": {"eta": {}}}
    answer = json.dumps({"eta": "1" * 200 + "/" + "3" * 200})
    assert precheck(payload, answer) is None  # without the entry's counts the given T was not seen
    v = precheck(payload, answer, {"T": 256})
    assert v is not None and v.status == "resource_exhausted", v
    over = precheck({"fixed": {"T": "300"}, "variables": {"eta": []}, "domain": {}}, '{"eta": "1"}', {"T": 256})
    assert over is not None and "exceeds its bound" in over.reason
