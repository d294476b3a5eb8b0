"""pyverify: formally specified learning rules, cross-checked numerically and served as tasks.

The Lean side (`lean/`, `proofs/`) states and proves the properties; this package implements the
same rules numerically, cross-checks every stated property on sampled instances (float sampling and
exact rational arithmetic), and serves the theorems as verifiable tasks.
"""

from __future__ import annotations

from .backend import MODES, Backend, QArray, backend_of, get_backend
from .catalog import Batch, Entry, Hypothesis, Relation, Tolerance, catalog, entries_for, get_entry, rules
from .checking import CheckResult, NecessityResult, check_entry, check_necessity
from .errors import (
    InvalidArgumentError,
    LeanError,
    MissingDependencyError,
    NonFiniteError,
    PyVerifyError,
    ShapeError,
    UnknownNameError,
)

__version__ = "0.1.0"

# `gymnasium.make("PyVerify-LearningRules-v0")` works after `import pyverify` (the env module loads on make).
from ._gym import register_envs as _register_envs  # noqa: E402

_register_envs()

__all__ = [
    "MODES",
    "Backend",
    "Batch",
    "CheckResult",
    "Entry",
    "Hypothesis",
    "InvalidArgumentError",
    "LeanError",
    "MissingDependencyError",
    "NecessityResult",
    "NonFiniteError",
    "PyVerifyError",
    "QArray",
    "Relation",
    "ShapeError",
    "Tolerance",
    "UnknownNameError",
    "__version__",
    "backend_of",
    "catalog",
    "check_entry",
    "check_necessity",
    "entries_for",
    "get_backend",
    "get_entry",
    "rules",
]
