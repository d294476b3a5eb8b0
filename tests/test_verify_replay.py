"""Replay or nothing: a `prove` answer is `valid` only after an independent kernel replay of a read-only copy of
its .olean, in a separate process; without one the verdict is `unavailable`. Also: the elaborating process
writes only its output directory, and the audit accepts only the auxiliary names Lean 4.35 generates.

A full toolchain (and so `leanchecker` or the project's `pv-replay`) is not available here: the replay tool is
played by small stand-in executables, which exercise the verifier's side of the protocol (invocation, exit
status, the constants list, read-only copies), not a kernel.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from pathlib import Path

import pytest

from pyverify.verify.prove import ProveTemplate, aux_name_ok, check_prove, prelude_template
from pyverify.verify.replay import find_replay_tool, run_replay, sha256_file

FIXTURE = Path(__file__).parent / "adversarial" / "PvFixture.lean"
SPEC = {"family": "prove", "lean_spec": "MyEq N.z N.z"}
FRESH = "pv_fresh_0123456789abcdef"


def _script(path: Path, body: str) -> str:
    path.write_text(body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(path)


@pytest.fixture(scope="module")
def base(prelude_lean: Path, tmp_path_factory: pytest.TempPathFactory) -> ProveTemplate:
    return prelude_template(prelude_lean, FIXTURE, tmp_path_factory.mktemp("pvfixture"))


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("tools")
    # Accepts iff it is asked for PvAnswer, the first LEAN_PATH entry holds PvAnswer.olean and it cannot write there.
    ok = _script(d / "replay-ok", "#!/bin/sh\n[ \"$1\" = PvAnswer ] || exit 3\nlib=${LEAN_PATH%%:*}\n"
                                  "[ -f \"$lib/PvAnswer.olean\" ] || exit 4\n"
                                  "if echo x > \"$lib/PvAnswer.olean\" 2>/dev/null; then exit 5; fi\nexit 0\n")
    reject = _script(d / "replay-reject", "#!/bin/sh\necho 'kernel: declaration type mismatch' >&2\nexit 1\n")
    # The pv-replay protocol: list the module's constants (read here with the verifier's .olean reader).
    lister = _script(d / "pv-replay-standin", f"#!{sys.executable}\nimport json, os, sys\n"
                     "from pyverify.verify.olean import read_olean\n"
                     "lib = os.environ['LEAN_PATH'].split(':')[0]\n"
                     "m = read_olean(os.path.join(lib, sys.argv[1] + '.olean'))\n"
                     "print(json.dumps({'pv_replay': 1, 'constants': [c.name for c in m.constants()]}))\n")
    silent = _script(d / "pv-replay-silent", "#!/bin/sh\necho '{\"pv_replay\": 1, \"constants\": []}'\nexit 0\n")
    return {"ok": ok, "reject": reject, "lister": lister, "silent": silent}


def _no_tools_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PYVERIFY_REPLAY", raising=False)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))


def test_no_replay_tool_means_unavailable_never_valid(base: ProveTemplate, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    _no_tools_on_path(monkeypatch, tmp_path)
    assert find_replay_tool(None, base.lean) is None
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=base)
    assert v.status == "unavailable" and v.reward == 0.0, v
    assert "no independent kernel replay" in v.reason and v.details["kernel_replay"] == "not available"


def test_a_replay_that_accepts_makes_it_valid_and_is_named(base: ProveTemplate, tools: dict[str, str]) -> None:
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=dataclasses.replace(base, replay=(tools["ok"],)))
    assert v.status == "valid", v
    assert v.backed_by is not None and "replayed independently by replay-ok" in v.backed_by
    rep = v.details["kernel_replay"]
    assert rep["ok"] and rep["sha256"] == v.details["olean_sha256"]


def test_a_replay_that_rejects_makes_it_invalid(base: ProveTemplate, tools: dict[str, str]) -> None:
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=dataclasses.replace(base, replay=(tools["reject"],)))
    assert v.status == "invalid" and v.construct == "kernel replay", v
    assert "declaration type mismatch" in v.reason


def test_pv_replay_protocol_requires_the_fresh_theorem(base: ProveTemplate, tools: dict[str, str]) -> None:
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=dataclasses.replace(base, replay=(tools["lister"],)))
    assert v.status == "valid", v
    assert v.details["kernel_replay"]["constants"] >= 1
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=dataclasses.replace(base, replay=(tools["silent"],)))
    assert v.status == "invalid" and "did not report replaying pv_fresh_" in v.reason, v


def test_replay_tool_lookup_order(tmp_path: Path, tools: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _no_tools_on_path(monkeypatch, tmp_path)
    lean_dir = tmp_path / "bin"
    lean_dir.mkdir()
    checker = _script(lean_dir / "leanchecker", "#!/bin/sh\nexit 0\n")
    got = find_replay_tool(None, lean_dir / "lean")
    assert got is not None and got.argv == (checker,) and got.name == "leanchecker"
    monkeypatch.setenv("PYVERIFY_REPLAY", tools["lister"])
    got = find_replay_tool(None, lean_dir / "lean")
    assert got is not None and got.argv == (tools["lister"],) and got.lists_constants
    got = find_replay_tool((tools["ok"],), lean_dir / "lean")
    assert got is not None and got.argv == (tools["ok"],)


def test_replay_refuses_an_olean_changed_after_elaboration(tmp_path: Path, tools: dict[str, str]) -> None:
    olean = tmp_path / "PvAnswer.olean"
    olean.write_bytes(b"olean-bytes")
    digest = sha256_file(olean)
    olean.write_bytes(b"olean-bytes, rewritten by a process that outlived the elaboration")
    from pyverify.verify.replay import ReplayTool

    out = run_replay(ReplayTool((tools["ok"],), "replay-ok"), "PvAnswer", olean, digest, fresh=FRESH, lib_dirs=[],
                     timeout=10, memory_bytes=1 << 34, max_output_bytes=1 << 16)
    assert not out.ok and "changed after the elaborating process ended" in out.reason


def test_opt_out_is_off_by_default_and_named(base: ProveTemplate) -> None:
    assert base.allow_unreplayed is False
    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=dataclasses.replace(base, allow_unreplayed=True))
    assert v.status == "valid" and v.backed_by is not None and "NO independent kernel replay" in v.backed_by


def test_elaboration_writes_only_its_output_directory(base: ProveTemplate, tools: dict[str, str]) -> None:
    from pyverify.lean.sandbox import fs_isolation_available

    v = check_prove(SPEC, "MyEq.refl", timeout=10, template=dataclasses.replace(base, replay=(tools["ok"],)))
    if not fs_isolation_available():
        pytest.skip("mount namespaces are not available on this OS: the documented fallback applies")
    assert "fs-readonly(mount-ns; writable: out)" in v.details["enforced"], v.details["enforced"]
    assert any(e.startswith("fs-readonly(mount-ns; writable: none)") for e in v.details["kernel_replay"]["enforced"])


def test_sandbox_read_only_file_system(tmp_path: Path) -> None:
    from pyverify.lean.sandbox import fs_isolation_available, run_sandboxed

    if not fs_isolation_available():
        pytest.skip("mount namespaces are not available on this OS: the documented fallback applies")
    (tmp_path / "out").mkdir()
    (tmp_path / "lib.olean").write_text("library")
    res = run_sandboxed(["/bin/sh", "-c", "cat lib.olean; echo a > out/x; echo b > lib.olean; echo c > /tmp/pv-x; "
                         "echo d > $HOME/y; exit 0"], cwd=tmp_path, timeout=10, writable=[tmp_path / "out"])
    assert res.stdout == b"library"
    assert (tmp_path / "out" / "x").read_text() == "a\n"
    assert (tmp_path / "lib.olean").read_text() == "library" and not (tmp_path / "y").exists()
    assert res.text("stderr").count("Read-only file system") == 3
    assert not os.path.exists("/tmp/pv-x")


@pytest.mark.parametrize("name,ok", [
    (f"{FRESH}.proof_1", True), (f"{FRESH}._proof_12", True), (f"{FRESH}._simp_1", True),
    (f"{FRESH}.match_1", True), (f"{FRESH}.match_2.splitter", True), (f"{FRESH}.match_1.eq_3", True),
    (f"_private.PvAnswer.0.{FRESH}.proof_2", True),
    ("PvAnswer._auxLemma.1", False), ("PvAnswer._evil", False), (f"{FRESH}.evil", False),
    (f"{FRESH}.proof_1.extra", False), (f"{FRESH}x.proof_1", False), (f"{FRESH}.proof_", False),
    ("pv_fresh_other.proof_1", False), (f"_private.PvAnswer.0.{FRESH}.evil", False),
])
def test_exact_auxiliary_names(name: str, ok: bool) -> None:
    assert aux_name_ok(name, FRESH) is ok


def test_a_module_prefixed_theorem_from_a_forbidden_axiom_is_rejected(base: ProveTemplate, tools: dict[str, str]) -> None:
    answer = "MyEq.refl\n  theorem PvAnswer._evil : MyFalse := cheat"
    v = check_prove(SPEC, answer, timeout=10, template=dataclasses.replace(base, replay=(tools["ok"],)),
                    skip_prefilter=True)
    assert v.status == "forbidden" and v.construct == "extra declaration PvAnswer._evil", v
