"""Build hook: the wheel carries the Lean sources that the commands read, as package data.

Everything else is declared in pyproject.toml. `prove` tasks, `pyverify lean audit|consistency`, `pyverify
vectors --check` and the prove verifier read ``lean/``, ``proofs/``, ``lakefile.lean``, ``lean-toolchain`` and
``tests/vectors/*.json`` from the project; a non-editable install (``pip install .``) copies them into
``pyverify/_project/`` so that these commands work from the wheel (`pyverify.lean.sources.project_root` looks
there last). An editable install reads them from the checkout and copies nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: (path relative to the checkout, glob of the files to carry; "" for a single file)
PROJECT_DATA: tuple[tuple[str, str], ...] = (
    ("lakefile.lean", ""),
    ("lean-toolchain", ""),
    ("lean", "*.lean"),
    ("proofs", "*.lean"),
    ("lean-shim", "*.lean"),
    ("lean-shim", "*.md"),
    ("tests/vectors", "*.json"),
)


class BuildPyWithLeanSources(build_py):
    """`build_py` that also copies `PROJECT_DATA` into ``<build>/pyverify/_project``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "pyverify" / "_project"
        if target.exists():
            shutil.rmtree(target)
        for rel, pattern in PROJECT_DATA:
            src = ROOT / rel
            if not pattern:
                if not src.is_file():
                    raise FileNotFoundError(f"{src} is missing: the wheel must carry it (see setup.py)")
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / rel)
                continue
            files = [p for p in sorted(src.rglob(pattern)) if ".lake" not in p.parts]
            if not files:
                raise FileNotFoundError(f"no {pattern} under {src}: the wheel must carry them (see setup.py)")
            for p in files:
                dest = target / p.relative_to(ROOT)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dest)


setup(cmdclass={"build_py": BuildPyWithLeanSources})
