"""The Lean side, seen from Python: sandboxed runs, toolchain discovery, diagnostics, `lake build`, the
prelude-only test Lean, source parsing, the source audit and the catalog↔Lean consistency check.

Submodules are imported on demand (``from pyverify.lean.audit import audit_tree``); importing this package
starts nothing and needs no Lean.
"""

from __future__ import annotations

__all__ = ["sandbox", "toolchain", "diagnostics", "runner", "prelude", "sources", "audit", "consistency"]
