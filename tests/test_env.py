"""The gymnasium environment: gymnasium's own checker, determinism, rewards, registration, task selection,
attempts, prove availability and JSON-serialisable info."""

from __future__ import annotations

import json

import gymnasium
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyverify.env import ENV_ID, LearningRulesEnv, register_envs
from pyverify.errors import InvalidArgumentError, MissingDependencyError, UnknownNameError
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
        json.dumps(ra[4])  # info is JSON-serialisable


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
    assert (r, term, trunc, inf["verdict"]["status"]) == (1.0, True, False, "valid")
    e.reset(seed=3)
    _, r, term, _, inf = e.step("{not json")
    assert r == 0.0 and term and inf["verdict"]["status"] == "invalid"


def test_second_step_is_refused_with_zero_reward() -> None:
    e = LearningRulesEnv(family="tune")
    _, info = e.reset(seed=1)
    e.step(json.dumps(reference_answer(info["task_id"])))
    _, r, term, _, inf = e.step(json.dumps(reference_answer(info["task_id"])))
    assert r == 0.0 and term and "ended" in inf["verdict"]["reason"]


def test_reset_options_select_family_rule_split() -> None:
    e = LearningRulesEnv()
    for s in range(10):
        _, info = e.reset(seed=s, options={"family": "refute", "split": "train"})
        assert info["family"] == "refute" and info["split"] == "train"
    with pytest.raises(InvalidArgumentError, match="family"):
        e.reset(options={"family": "nope"})
    with pytest.raises(InvalidArgumentError, match="unknown reset options"):
        e.reset(options={"colour": "red"})
    with pytest.raises(InvalidArgumentError, match="options must be a dict"):
        e.reset(options=["family"])  # type: ignore[arg-type]


def test_non_text_action_is_invalid_not_an_exception() -> None:
    e = LearningRulesEnv(family="tune")
    e.reset(seed=0)
    _, r, _, _, inf = e.step(42)  # type: ignore[arg-type]
    assert r == 0.0 and inf["verdict"]["status"] == "invalid"


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
    info = scope["info"]
    assert isinstance(info, dict) and info["verdict"]["status"] == "valid"
    json.dumps(info)


# -- issue 10, item 6: the env as gymnasium users expect ------------------------------------------------------
def test_make_works_after_plain_import_pyverify(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a fresh interpreter: `import pyverify` alone registers the id (gymnasium >= 1.0 loads no entry points),
    and `gymnasium.make` builds the env (here over a small exported task file, so nothing is generated)."""
    import subprocess
    import sys

    from pyverify.tasks import generate

    path = tmp_path / "tasks.jsonl"
    path.write_text("".join(t.dumps() + "\n" for t in generate("tune")[:3]), encoding="utf-8")
    code = ("import json, gymnasium, pyverify\n"
            f"env = gymnasium.make({ENV_ID!r}, tasks={str(path)!r})\n"
            "obs, info = env.reset(seed=0)\n"
            "print(json.dumps([gymnasium.__version__, info['task_id']]))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    version, tid = json.loads(proc.stdout.strip().splitlines()[-1])
    assert tid.startswith("tune/") and int(version.split(".")[0]) >= 1


def test_reset_task_id_picks_exactly_that_task() -> None:
    from pyverify.tasks import generate

    e = LearningRulesEnv()
    for t in generate("refute")[:3] + generate("tune")[:3]:
        obs, info = e.reset(options={"task_id": t.id})
        assert info["task_id"] == t.id and obs == t.prompt
        _, r, term, _, inf = e.step(json.dumps(reference_answer(t)))
        assert (r, term, inf["verdict"]["status"]) == (1.0, True, "valid")
    t = generate("tune", split="test")[0]
    with pytest.raises(InvalidArgumentError, match="split='test'"):
        e.reset(options={"task_id": t.id, "split": "train"})
    with pytest.raises(UnknownNameError):
        e.reset(options={"task_id": "refute/no.such_entry/h"})
    with pytest.raises(InvalidArgumentError, match="not both"):
        e.reset(options={"task_id": t.id, "index": 0})
    with pytest.raises(InvalidArgumentError, match="task id"):
        e.reset(options={"task_id": 7})


def test_walk_a_split_in_order() -> None:
    """The documented walk: `task_ids(split=...)` lists the selection; `index` k resets to its k-th task."""
    e = LearningRulesEnv(family="refute")
    ids = e.task_ids(split="test")
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 0
    seen = []
    for k in range(len(ids)):
        _, info = e.reset(options={"split": "test", "index": k})
        assert info["split"] == "test"
        seen.append(info["task_id"])
    assert seen == ids
    with pytest.raises(InvalidArgumentError, match=f"this selection has {len(ids)} tasks"):
        e.reset(options={"split": "test", "index": len(ids)})
    with pytest.raises(InvalidArgumentError, match="non-negative"):
        e.reset(options={"index": -1})


def _answers(task_id: str, pattern: list[bool]) -> list[str]:
    right = json.dumps(reference_answer(task_id))
    return [right if ok else '{"wrong": "1"}' for ok in pattern]


@given(max_attempts=st.integers(1, 4), pattern=st.lists(st.booleans(), min_size=1, max_size=5),
       seed=st.integers(0, 50))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_max_attempts_episode_ends_on_success_or_after_the_last_attempt(max_attempts: int, pattern: list[bool],
                                                                        seed: int) -> None:
    e = _TUNE_ENV[0]
    e.max_attempts = max_attempts
    _, info = e.reset(seed=seed)
    json.dumps(info)
    total, ended_at = 0.0, None
    for n, ans in enumerate(_answers(info["task_id"], pattern), 1):
        obs, r, term, trunc, inf = e.step(ans)
        json.dumps(inf)
        assert not trunc and obs in e.observation_space
        if ended_at is not None:  # after the end: refused
            assert r == 0.0 and term and "ended" in inf["verdict"]["reason"]
            continue
        total += float(r)
        assert inf["attempt"] == n and inf["max_attempts"] == max_attempts
        if r == 1.0:
            assert term and obs.startswith("Accepted")
        else:
            assert obs.startswith("Not accepted (invalid): ") and inf["verdict"]["reason"] in obs
            assert term == (n == max_attempts)
        if term:
            ended_at = n
    first_ok = next((n for n, ok in enumerate(pattern, 1) if ok), None)
    want_end = min(x for x in (first_ok, max_attempts) if x is not None)
    assert total == (1.0 if first_ok is not None and first_ok <= max_attempts else 0.0)
    assert ended_at == (want_end if want_end <= len(pattern) else None)


_TUNE_ENV = [LearningRulesEnv(family="tune")]


def test_wrong_answer_feedback_is_the_graders_reason_and_more_attempts_follow() -> None:
    e = LearningRulesEnv(family="tune", max_attempts=2)
    _, info = e.reset(seed=4)
    obs, r, term, _, inf = e.step('{"eta": "0"}')
    assert (r, term) == (0.0, False) and inf["verdict"]["reason"] in obs and "1 left" in obs
    obs, r, term, _, inf = e.step(json.dumps(reference_answer(info["task_id"])))
    assert (r, term, inf["attempt"]) == (1.0, True, 2)


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "2"])
def test_max_attempts_must_be_a_positive_int(bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="max_attempts"):
        LearningRulesEnv(family="tune", max_attempts=bad)  # type: ignore[arg-type]


def test_without_lean_family_none_draws_no_prove_and_prove_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyverify.env as env_mod

    monkeypatch.setattr(env_mod, "prove_unavailable", lambda: "Lean not checked: no toolchain found (lake)")
    e = LearningRulesEnv()
    assert {e.reset(seed=s)[1]["family"] for s in range(60)} == {"refute", "tune"}
    assert not any(t.startswith("prove/") for t in e.task_ids())
    with pytest.raises(MissingDependencyError, match="family='prove' needs a Lean toolchain.*lake"):
        e.reset(options={"family": "prove"})
    with pytest.raises(MissingDependencyError, match="lake"):
        gymnasium.make(ENV_ID, family="prove")
    with pytest.raises(MissingDependencyError, match="lake"):
        e.reset(options={"task_id": "prove/gradient_descent.improves"})


def test_with_lean_family_none_includes_prove(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyverify.env as env_mod

    monkeypatch.setattr(env_mod, "prove_unavailable", lambda: None)
    e = LearningRulesEnv()
    assert any(t.startswith("prove/") for t in e.task_ids())
    _, info = e.reset(options={"family": "prove", "index": 0})
    assert info["family"] == "prove"


def test_this_machine_reports_prove_availability_consistently() -> None:
    """Here (no `lake`), the real check says what is missing; with a toolchain it says nothing."""
    import shutil

    from pyverify.env import prove_unavailable

    why = prove_unavailable()
    if shutil.which("lake") is None:
        assert why is not None and "lake" in why
        with pytest.raises(MissingDependencyError, match="lake"):
            LearningRulesEnv(family="prove")
    else:
        assert why is None or "LearningRules" in why or "lean" in why


def test_env_over_exported_tasks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`tasks=` takes a file written by `pyverify tasks export --count`; their references earn 1."""
    import itertools

    from pyverify.tasks import stream_with_references

    pairs = list(itertools.islice(stream_with_references("tune", seed=11), 6))
    path = tmp_path / "t.jsonl"
    path.write_text("".join(t.dumps() + "\n" for t, _ in pairs), encoding="utf-8")
    e = LearningRulesEnv(tasks=path, max_attempts=2)
    assert sorted(e.task_ids()) == sorted(t.id for t, _ in pairs)
    for k, (t, ref) in enumerate(sorted(pairs, key=lambda p: p[0].id)):
        _, info = e.reset(options={"index": k})
        assert info["task_id"] == t.id
        assert e.step(json.dumps(ref))[1] == 1.0
    with pytest.raises(UnknownNameError, match="not among this env's 6 tasks"):
        e.reset(options={"task_id": "tune/gradient_descent.improves/0-0"})
    with pytest.raises(InvalidArgumentError, match="cannot be read"):
        LearningRulesEnv(tasks=tmp_path / "missing.jsonl")
    (tmp_path / "bad.jsonl").write_text(pairs[0][0].dumps() + "\n{oops\n", encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match="line 2"):
        LearningRulesEnv(tasks=tmp_path / "bad.jsonl")
    with pytest.raises(InvalidArgumentError, match="duplicate task id"):
        LearningRulesEnv(tasks=[pairs[0][0], pairs[0][0]])


@pytest.mark.parametrize("section", ["## The gymnasium environment", "## Many tasks"])
def test_agents_md_examples_run(section: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Every Python example of these docs/AGENTS.md sections runs as written (in a scratch directory)."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "AGENTS.md").read_text(encoding="utf-8")
    body = doc.split(section, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", body, re.S)
    assert blocks
    monkeypatch.chdir(tmp_path)
    for n, code in enumerate(blocks):
        exec(compile(code, f"docs/AGENTS.md {section} #{n}", "exec"), {})  # noqa: S102 - our own documentation
