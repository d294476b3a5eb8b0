"""The exception hierarchy: one root, `PyVerifyError`, and argument errors that are also `ValueError`."""

from __future__ import annotations

__all__ = [
    "PyVerifyError",
    "InvalidArgumentError",
    "ShapeError",
    "NonFiniteError",
    "UnknownNameError",
    "MissingDependencyError",
    "LeanError",
]


class PyVerifyError(Exception):
    """Root of every error this library raises on purpose."""


class InvalidArgumentError(PyVerifyError, ValueError):
    """An argument has a value the function cannot accept; the message says which and how to fix it."""


class ShapeError(InvalidArgumentError):
    """Arrays whose shapes do not fit together."""


class NonFiniteError(InvalidArgumentError):
    """An array holds NaN or an infinity where only finite numbers make sense."""


class UnknownNameError(InvalidArgumentError, KeyError):
    """An unknown rule, catalog id, task family or benchmark name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class MissingDependencyError(PyVerifyError, ImportError):
    """An optional dependency is not installed; the message gives the install command."""


class LeanError(PyVerifyError):
    """The Lean toolchain failed in a way that is not a verdict about a proof."""
