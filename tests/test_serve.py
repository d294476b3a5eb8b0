"""The stdio JSON-lines server, driven through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from pyverify.serve import handle_line
from pyverify.tasks import generate, reference_answer


def _run(lines: list[str | bytes]) -> list[dict]:
    data = b"".join((ln if isinstance(ln, bytes) else ln.encode()) + b"\n" for ln in lines)
    proc = subprocess.run([sys.executable, "-m", "pyverify.cli", "serve", "--stdio"], input=data,
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(ln) for ln in proc.stdout.decode().splitlines()]


def test_protocol_round_trip_with_malformed_lines() -> None:
    tune = generate("tune")[0]
    ref = json.dumps(reference_answer(tune))
    reqs: list[str | bytes] = [
        json.dumps({"id": 1, "method": "tasks", "params": {"family": "tune", "split": "test"}}),
        json.dumps({"id": 2, "method": "task", "params": {"id": tune.id}}),
        json.dumps({"id": 3, "method": "check", "params": {"task_id": tune.id, "answer": ref}}),
        json.dumps({"id": 4, "method": "check", "params": {"task": tune.to_json(), "answer": "{oops"}}),
        "this is not json",
        b"\xff\xfe{",
        json.dumps([1, 2]),
        json.dumps({"id": 5, "method": "frobnicate"}),
        json.dumps({"id": 6, "method": "tasks", "params": {"family": "nope"}}),
        json.dumps({"id": 7, "method": "check", "params": {"task_id": tune.id}}),
        "",
        json.dumps({"id": "b", "method": "check_batch", "params": {"items": [
            {"id": "x", "task_id": tune.id, "answer": ref},
            {"id": "y", "task_id": tune.id, "answer": "NaN"},
            {"id": "z", "task_id": "tune/none/0-0", "answer": ref},
            "junk",
        ]}}),
    ]
    out = _run(reqs)
    assert len(out) == len(reqs) - 1  # the blank line gets no response
    by_id = {o["id"]: o for o in out if o.get("id") is not None}
    assert all(t["split"] == "test" and t["family"] == "tune" for t in by_id[1]["result"])
    assert by_id[2]["result"]["id"] == tune.id
    assert by_id[3]["result"]["status"] == "valid" and by_id[3]["result"]["reward"] == 1.0
    assert by_id[4]["result"]["status"] == "invalid"
    assert by_id[5]["error"]["code"] == "unknown_method"
    assert by_id[6]["error"]["code"] == "invalid_params"
    assert by_id[7]["error"]["code"] == "invalid_params"
    nulls = [o for o in out if o.get("id") is None]
    assert [o["error"]["code"] for o in nulls] == ["parse_error", "parse_error", "invalid_request"]
    batch = by_id["b"]["result"]
    assert [b["id"] for b in batch] == ["x", "y", "z", 3]
    assert [b["verdict"]["status"] for b in batch] == ["valid", "invalid", "invalid", "invalid"]


def test_handle_line_never_raises_on_deep_nesting() -> None:
    assert handle_line("[" * 100000)["error"]["code"] == "parse_error"
    assert handle_line('{"id": true, "method": "tasks"}')["error"]["code"] == "invalid_request"


def test_call_method_is_the_entry_point_for_other_transports() -> None:
    """`call_method` (used by `handle` and by an HTTP transport) returns results or raises `MethodError` with
    the protocol's code; check and check_batch take the batch API's item shapes and its default timeout."""
    import pytest

    from pyverify.serve import ERROR_CODES, MethodError, call_method

    t = generate("refute")[0]
    ref = json.dumps(reference_answer(t))
    assert call_method("check", {"task_id": t.id, "answer": ref})["status"] == "valid"
    assert call_method("check", {"task": t.to_json(), "answer": ref})["status"] == "valid"
    edited = dict(t.to_json(), payload={})
    v = call_method("check", {"task": edited, "answer": ref})
    assert v["status"] == "invalid" and "differs from the catalog" in v["reason"]
    out = call_method("check_batch", {"items": [{"id": 1, "task_id": t.id, "answer": ref},
                                                {"id": 2, "task": t.to_json(), "task_id": t.id, "answer": ref},
                                                {"id": 3, "task_id": t.id, "task": edited, "answer": ref}]})
    assert [r["verdict"]["status"] for r in out] == ["valid", "valid", "invalid"]
    for method, params, code in [("nope", {}, "unknown_method"), ("check", {"answer": "x"}, "invalid_params"),
                                 ("check", [], "invalid_params"), ("tasks", {"family": 3}, "invalid_params"),
                                 ("check_batch", {"items": [], "workers": 0}, "invalid_params")]:
        with pytest.raises(MethodError) as info:
            call_method(method, params)
        assert info.value.code == code and info.value.code in ERROR_CODES, (method, params)
