"""Registering ``PyVerify-LearningRules-v0`` with gymnasium, cheaply (``import pyverify`` calls it).

Only the id and the entry point string are registered here; `pyverify.env` (which builds the task pools) is
imported by ``gymnasium.make`` when an environment is made. gymnasium ≥ 1.0 no longer loads the
``gymnasium.envs`` entry points by itself, so the package registers on import; the entry point in
pyproject.toml still names `register_envs` for tools that call it.
"""

from __future__ import annotations

__all__ = ["ENV_ID", "ENTRY_POINT", "register_envs"]

ENV_ID = "PyVerify-LearningRules-v0"
ENTRY_POINT = "pyverify.env:LearningRulesEnv"


def register_envs() -> None:
    """Register ``PyVerify-LearningRules-v0`` with gymnasium (idempotent; a no-op without gymnasium)."""
    try:
        import gymnasium
    except ImportError:  # gymnasium is a dependency, but the library works without the env
        return
    if ENV_ID not in gymnasium.registry:
        gymnasium.register(id=ENV_ID, entry_point=ENTRY_POINT, nondeterministic=False)
