"""Toolchain discovery and the `lake build` runner: parsing captured lake output, never "passed" without Lean."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pyverify.errors import InvalidArgumentError, LeanError
from pyverify.lean.runner import lake_build, module_of_path, parse_lake_output
from pyverify.lean.toolchain import NO_TOOLCHAIN_MESSAGE, find_toolchain

REPO = Path(__file__).resolve().parent.parent

FAILED_OUTPUT = """\
✔ [1/6] Built LearningRules.Vec (1.2s)
⚠ [2/6] Built LearningRules.GradientDescent (0.8s)
warning: ././lean/LearningRules/GradientDescent.lean:40:4: unused variable `h`

Note: This linter can be disabled with `set_option linter.unusedVariables false`
✖ [3/6] Building LearningRulesProofs.Vec (2.1s)
trace: .> LEAN_PATH=./.lake/build/lib/lean lean ././proofs/LearningRulesProofs/Vec.lean -R ./proofs --json
error: ././proofs/LearningRulesProofs/Vec.lean:12:2: unsolved goals
K : Type
⊢ x = x
error: ././proofs/LearningRulesProofs/Vec.lean:30:8: Unknown identifier `dot_comm'`
error: Lean exited with code 1
⚠ [4/6] Replayed LearningRulesProofs.GradientDescent
warning: ././proofs/LearningRulesProofs/GradientDescent.lean:7:8: declaration uses `sorry`
Some required targets logged failures:
- LearningRulesProofs.Vec
error: build failed
"""

PASSED_OUTPUT = """\
✔ [1/3] Built LearningRules.Vec (1.2s)
✔ [2/3] Built LearningRules (0.1s)
✔ [3/3] Built LearningRulesProofs (0.1s)
Build completed successfully (3 jobs).
"""


def test_parse_failed_lake_output_per_module() -> None:
    modules, loose, failed, completed = parse_lake_output(FAILED_OUTPUT.splitlines())
    by = {m.name: m for m in modules}
    assert list(by) == ["LearningRules.Vec", "LearningRules.GradientDescent", "LearningRulesProofs.Vec",
                        "LearningRulesProofs.GradientDescent"]
    assert by["LearningRules.Vec"].ok and by["LearningRules.Vec"].state == "built"
    gd = by["LearningRules.GradientDescent"]
    assert gd.state == "warnings" and gd.ok and len(gd.diagnostics) == 1
    assert "Note: This linter" in gd.diagnostics[0].message
    vec = by["LearningRulesProofs.Vec"]
    assert vec.state == "failed" and not vec.ok
    assert [(d.line, d.column) for d in vec.errors] == [(12, 2), (30, 8)]
    assert vec.errors[0].message == "unsolved goals\nK : Type\n⊢ x = x"
    sorry_mod = by["LearningRulesProofs.GradientDescent"]
    assert len(sorry_mod.sorries) == 1 and not sorry_mod.ok
    assert failed == ["LearningRulesProofs.Vec"]
    assert loose == [] and not completed


def test_parse_passed_lake_output() -> None:
    modules, loose, failed, completed = parse_lake_output(PASSED_OUTPUT.splitlines())
    assert [m.name for m in modules] == ["LearningRules.Vec", "LearningRules", "LearningRulesProofs"]
    assert all(m.ok for m in modules) and not loose and not failed and completed


def test_footer_only_failure_creates_module() -> None:
    modules, _, failed, _ = parse_lake_output(["Some required targets logged failures:", "- Foo.Bar",
                                               "error: build failed"])
    assert [(m.name, m.state) for m in modules] == [("Foo.Bar", "failed")]


@pytest.mark.parametrize(("path", "module"), [
    ("././lean/LearningRules/Vec.lean", "LearningRules.Vec"),
    ("proofs/LearningRulesProofs.lean", "LearningRulesProofs"),
    ("Foo/Bar.lean", "Foo.Bar"),
    ("lakefile.toml", None),
])
def test_module_of_path(path: str, module: str | None) -> None:
    assert module_of_path(path) == module


def _no_lean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "emptybin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("ELAN_HOME", raising=False)
    monkeypatch.delenv("PYVERIFY_LAKE", raising=False)
    monkeypatch.delenv("PYVERIFY_LEAN", raising=False)


def test_no_toolchain_is_not_checked_never_passed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_lean_env(monkeypatch, tmp_path)
    assert find_toolchain() is None
    report = lake_build(REPO, timeout=10)
    assert report.status == "not_checked"
    assert not report.ok
    assert report.message.startswith("Lean not checked: no toolchain found")
    assert report.message == NO_TOOLCHAIN_MESSAGE
    assert report.to_json()["status"] == "not_checked"
    assert report.to_json()["checked_by"] is None


def test_cli_lean_build_without_toolchain(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pyverify.cli import app

    _no_lean_env(monkeypatch, tmp_path)
    monkeypatch.chdir(REPO)
    res = CliRunner().invoke(app, ["lean", "build", "--json"])
    assert res.exit_code == 3
    assert json.loads(res.stdout)["status"] == "not_checked"


def _fake_lake(tmp_path: Path, output: str, code: int) -> Path:
    (tmp_path / "out.txt").write_text(output, encoding="utf-8")
    script = tmp_path / "lake"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "Lake version 5.0.0 (fake, Lean 4.35.0)"; exit 0; fi\n'
        f'cat "{tmp_path / "out.txt"}"\nexit {code}\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_lake_build_with_fake_lake_failing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_lean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("PATH", os.defpath)
    monkeypatch.setenv("PYVERIFY_LAKE", str(_fake_lake(tmp_path, FAILED_OUTPUT, 1)))
    report = lake_build(REPO, timeout=30)
    assert report.status == "failed"
    assert "LearningRulesProofs.Vec" in report.message and "sorry" in report.message
    assert report.returncode == 1
    js = report.to_json()
    assert {m["module"]: m["ok"] for m in js["modules"]}["LearningRules.Vec"] is True
    report.render()  # renders without error


def test_lake_build_sorry_alone_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = "⚠ [1/1] Built A (1s)\nwarning: A.lean:3:8: declaration uses `sorry`\nBuild completed successfully.\n"
    _no_lean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("PATH", os.defpath)
    monkeypatch.setenv("PYVERIFY_LAKE", str(_fake_lake(tmp_path, out, 0)))
    report = lake_build(REPO, timeout=30)
    assert report.status == "failed"
    assert "sorry" in report.message


def test_lake_build_with_fake_lake_passing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_lean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("PATH", os.defpath)
    monkeypatch.setenv("PYVERIFY_LAKE", str(_fake_lake(tmp_path, PASSED_OUTPUT, 0)))
    report = lake_build(REPO, timeout=30)
    assert report.status == "passed", report.message
    assert report.toolchain is not None and "fake" in report.toolchain.version


def test_lake_build_streams_lines_as_they_come(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`on_line` sees lake's first line while lake is still running (not all at the end), and every line once."""
    _no_lean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("PATH", os.defpath)
    flag = tmp_path / "second-line-written"
    script = tmp_path / "lake"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "Lake version 5.0.0 (fake, Lean 4.35.0)"; exit 0; fi\n'
        'echo "✔ [1/2] Built LearningRules.Vec (1s)"\n'
        "sleep 1\n"
        f'touch "{flag}"\n'
        'printf "✔ [2/2] Built LearningRules (1s)\\nBuild completed successfully."\n',  # no final newline
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PYVERIFY_LAKE", str(script))
    seen: list[tuple[str, bool]] = []
    report = lake_build(REPO, timeout=30, on_line=lambda ln: seen.append((ln, flag.exists())))
    assert [ln for ln, _ in seen] == ["✔ [1/2] Built LearningRules.Vec (1s)", "✔ [2/2] Built LearningRules (1s)",
                                      "Build completed successfully."]
    assert seen[0][1] is False  # delivered before lake had written its second line
    assert report.status == "passed", report.message


def test_cli_lean_build_streams_lake_output_to_stderr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pyverify.cli import app

    _no_lean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("PATH", os.defpath)
    monkeypatch.setenv("PYVERIFY_LAKE", str(_fake_lake(tmp_path, PASSED_OUTPUT, 0)))
    monkeypatch.chdir(REPO)
    res = CliRunner().invoke(app, ["lean", "build", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["status"] == "passed"  # stdout stays clean JSON
    streamed = [ln for ln in res.stderr.splitlines() if ln.startswith("lake│ ")]
    assert [ln[len("lake│ "):] for ln in streamed] == PASSED_OUTPUT.strip("\n").splitlines()


def test_bad_env_override_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYVERIFY_LAKE", str(tmp_path / "nope"))
    with pytest.raises(LeanError, match="PYVERIFY_LAKE"):
        find_toolchain()


def test_elan_bin_is_searched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_lean_env(monkeypatch, tmp_path)
    (tmp_path / ".elan" / "bin").mkdir(parents=True)
    lake = _fake_lake(tmp_path / ".elan" / "bin", PASSED_OUTPUT, 0)
    tc = find_toolchain()
    assert tc is not None and tc.lake == lake


def test_root_without_lakefile_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="lakefile"):
        lake_build(tmp_path)


@pytest.mark.lean_toolchain
def test_real_lake_build_passes() -> None:
    report = lake_build(REPO, timeout=3600)
    assert report.status == "passed", report.message
