"""The gymnasium environment: gymnasium's own checker, determinism, rewards and registration."""

from __future__ import annotations

import json

import gymnasium
import pytest
from gymnasium.utils.env_checker import check_env

from pyverify.env import ENV_ID, LearningRulesEnv, register_envs
from pyverify.errors import InvalidArgumentError
from pyverify.tasks import reference_answer


@pytest.fixture(scope="module")
def env() -> gymnasium.Env:
    e = gymnasium.make(ENV_ID, family="tune")
    yield e
    e.close()


def test_registered_under_versioned_id() -> None:
    register_envs()  # idempotent
    assert ENV_ID in gymnasium.registry
    assert gymnasium.registry[ENV_ID].entry_point == "pyverify.env:LearningRulesEnv"


@pytest.mark.parametrize("family", ["refute", "tune", None])
def test_check_env_passes(family: str | None) -> None:
    e = gymnasium.make(ENV_ID, family=family)
    check_env(e.unwrapped)
    e.close()


def test_same_seed_same_rollout() -> None:
    a, b = LearningRulesEnv(), LearningRulesEnv()
    for seed in (0, 7, 123):
        oa, ia = a.reset(seed=seed, options={"family": "refute"})
        ob, ib = b.reset(seed=seed, options={"family": "refute"})
        assert oa == ob and ia["task_id"] == ib["task_id"]
        ans = json.dumps(reference_answer(ia["task_id"]))
        ra, rb = a.step(ans), b.step(ans)
        assert ra[1] == rb[1] == 1.0
        assert ra[4]["verdict"] == rb[4]["verdict"]


def test_different_seeds_reach_different_tasks() -> None:
    e = LearningRulesEnv(family="refute")
    ids = {e.reset(seed=s)[1]["task_id"] for s in range(40)}
    assert len(ids) > 5


@pytest.mark.parametrize("family", ["refute", "tune"])
def test_reference_answer_earns_one_and_garbage_zero(family: str) -> None:
    e = LearningRulesEnv(family=family)
    obs, info = e.reset(seed=3)
    assert obs in e.observation_space
    _, r, term, trunc, inf = e.step(json.dumps(reference_answer(info["task_id"])))
    assert (r, term, trunc, inf["verdict"].status) == (1.0, True, False, "valid")
    e.reset(seed=3)
    _, r, term, _, inf = e.step("{not json")
    assert r == 0.0 and term and inf["verdict"].status == "invalid"


def test_second_step_is_refused_with_zero_reward() -> None:
    e = LearningRulesEnv(family="tune")
    _, info = e.reset(seed=1)
    e.step(json.dumps(reference_answer(info["task_id"])))
    _, r, term, _, inf = e.step(json.dumps(reference_answer(info["task_id"])))
    assert r == 0.0 and term and "ended" in inf["verdict"].reason


def test_reset_options_select_family_rule_split() -> None:
    e = LearningRulesEnv()
    for s in range(10):
        _, info = e.reset(seed=s, options={"family": "refute", "split": "train"})
        assert info["family"] == "refute" and info["split"] == "train"
    with pytest.raises(InvalidArgumentError, match="family"):
        e.reset(options={"family": "nope"})
    with pytest.raises(InvalidArgumentError, match="unknown reset options"):
        e.reset(options={"colour": "red"})


def test_non_text_action_is_invalid_not_an_exception() -> None:
    e = LearningRulesEnv(family="tune")
    e.reset(seed=0)
    _, r, _, _, inf = e.step(42)  # type: ignore[arg-type]
    assert r == 0.0 and inf["verdict"].status == "invalid"


def test_render_ansi_shows_prompt_and_verdict() -> None:
    e = LearningRulesEnv(family="tune", render_mode="ansi")
    obs, _ = e.reset(seed=0)
    e.step("garbage")
    out = e.render()
    assert out is not None and out.startswith(obs) and "Verdict: invalid" in out


def test_agents_md_gymnasium_example_earns_reward_1() -> None:
    """The example in docs/AGENTS.md, run as written: its answer must be right for the task its reset gives."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "AGENTS.md").read_text(encoding="utf-8")
    section = doc.split("## The gymnasium environment", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    scope: dict[str, object] = {}
    exec(compile(code.group(1), "docs/AGENTS.md", "exec"), scope)  # noqa: S102 - our own documentation
    assert scope["reward"] == 1.0 and scope["terminated"] is True
    assert getattr(scope["info"], "get", lambda k: None)("verdict").status == "valid"  # type: ignore[attr-defined]
