"""The LeanDojo bridge: the pure mapping always; the live objects only with lean-dojo and a toolchain."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from pyverify.dojo import DojoTarget, dojo_targets, dojo_theorems, require_lean_dojo
from pyverify.errors import InvalidArgumentError, MissingDependencyError
from pyverify.tasks import generate
from pyverify.lean.sources import project_root


def test_every_prove_task_with_a_reference_maps_to_its_proofs_file() -> None:
    targets = dojo_targets(strict=False)
    assert targets
    for tg in targets:
        assert tg.repo_path == str(project_root())
        assert tg.file_path.startswith("proofs/") and tg.file_path.endswith(".lean")
        text = (Path(tg.repo_path) / tg.file_path).read_text(encoding="utf-8")
        assert f"theorem {tg.full_name.rpartition('.')[2]} " in text
        assert f"prove/" in tg.task_id


def test_strict_mode_names_a_missing_reference() -> None:
    t = generate("prove")[0]
    fake = type(t)(**{**t.to_json(), "lean_proof": "LearningRules.NoSuch.theorem_here"})
    with pytest.raises(InvalidArgumentError, match="NoSuch"):
        dojo_targets([fake])
    assert dojo_targets([fake], strict=False) == []
    with pytest.raises(InvalidArgumentError, match="only prove tasks"):
        dojo_targets(generate("tune")[:1])


@pytest.mark.skipif(importlib.util.find_spec("lean_dojo") is not None, reason="lean-dojo is installed")
def test_missing_lean_dojo_gives_the_install_command() -> None:
    with pytest.raises(MissingDependencyError, match="pip install lean-dojo"):
        require_lean_dojo()


@pytest.mark.lean_toolchain
@pytest.mark.skipif(importlib.util.find_spec("lean_dojo") is None or shutil.which("lake") is None,
                    reason="needs lean-dojo (`pip install lean-dojo`) and a Lean toolchain (lake on PATH)")
def test_live_theorems() -> None:  # pragma: no cover - needs lean-dojo and Lean
    targets = dojo_targets(strict=False)
    thms = dojo_theorems(targets)
    assert [t.full_name for t in thms] == [tg.full_name for tg in targets]
    assert all(isinstance(tg, DojoTarget) for tg in targets)
