"""Issue 10, item 5: many distinct tasks, deterministically (`pyverify.tasks.stream`, `tasks export --count`).

The 10 000-task figures are the export's (run once and reported in docs/AGENTS.md); these tests check the
properties on short streams: content-hashed ids, no duplicates, split by hash, determinism given the seed,
references that earn reward 1, no shortcut baseline solving a streamed task, difficulty labels computed from
what the prompt shows, and that the CLI writes each task as it is made.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyverify.cli import main
from pyverify.errors import InvalidArgumentError, UnknownNameError
from pyverify.tasks import Task, get_task, grade, reference_answer, split_of, stream, stream_with_references
from pyverify.tasks.baselines import solved_by
from pyverify.tasks.families import difficulty
from pyverify.tasks.stream import content_id, is_content_id

N = {"refute": 40, "tune": 40}


def _take(family: str, n: int, **kw: Any) -> list[tuple[Task, Any]]:
    return list(itertools.islice(stream_with_references(family, **kw), n))


@pytest.fixture(scope="module")
def streams() -> dict[str, list[tuple[Task, Any]]]:
    return {f: _take(f, n, seed=5) for f, n in N.items()}


def _given_and_asked(t: Task) -> tuple[dict[str, Any], dict[str, list[int]], str | None]:
    p = t.payload
    if t.family == "refute":
        return p["fixed"], p["variables"], p["dropped"]["name"]
    return p["instance"], p["tunable"], None


@pytest.mark.parametrize("family", ["refute", "tune"])
def test_ids_are_content_hashes_distinct_and_split_by_hash(family: str, streams: dict[str, Any]) -> None:
    pairs = streams[family]
    assert len(pairs) == N[family]
    ids = [t.id for t, _ in pairs]
    assert len(set(ids)) == len(ids)
    for t, _ in pairs:
        given_, asked, hyp = _given_and_asked(t)
        assert t.id == content_id(family, t.entry_id, given_, asked, hyp) and is_content_id(t.id)
        assert t.split == split_of(t.id) and t.seed == 5
        assert Task.from_json(json.loads(t.dumps())) == t
    assert len({t.entry_id for t, _ in pairs}) >= 5  # sources take turns: a short stream is diverse


@pytest.mark.parametrize("family", ["refute", "tune"])
def test_references_earn_one_and_no_shortcut_solves_a_streamed_task(family: str, streams: dict[str, Any]) -> None:
    for t, ref in streams[family]:
        assert grade(t, json.dumps(ref)).reward == 1.0, t.id
        assert solved_by(t) is None, t.id
        assert json.dumps(ref) not in t.dumps()


@pytest.mark.parametrize("family", ["refute", "tune"])
def test_difficulty_labels_come_from_the_prompt_not_the_answer(family: str, streams: dict[str, Any]) -> None:
    for t, ref in streams[family]:
        given_, asked, _ = _given_and_asked(t)
        d = t.payload["difficulty"]
        assert d == difficulty(given_, asked)
        assert {"dim", "digits", "asked"} <= set(d) and d["asked"] >= 1
        assert d == difficulty(given_, {k: v for k, v in asked.items()})  # the answer's values never enter


def test_deterministic_given_the_seed_and_varies_with_it(streams: dict[str, Any]) -> None:
    again = [t.to_json() for t in itertools.islice(stream("tune", seed=5), 12)]
    assert again == [t.to_json() for t, _ in streams["tune"][:12]]
    other = {t.id for t in itertools.islice(stream("tune", seed=6), 12)}
    assert not other & {t.id for t, _ in streams["tune"]}


def test_split_filter_and_keep_index() -> None:
    test_only = [t for t in itertools.islice(stream("tune", seed=2, split="test", keep=True), 5)]
    assert len(test_only) == 5 and {t.split for t in test_only} == {"test"}
    assert get_task(test_only[0].id) is test_only[0]
    assert grade(test_only[0], json.dumps(reference_answer(test_only[0].id))).reward == 1.0
    one = next(stream("refute", seed=9, rule="td0"))
    assert one.rule == "td0"


def test_unknown_content_id_says_how_to_get_it() -> None:
    with pytest.raises(UnknownNameError, match="content-hashed id"):
        get_task("tune/gradient_descent.improves/0123456789abcdef")


def test_bad_arguments_raise_at_the_call() -> None:
    with pytest.raises(UnknownNameError):
        stream("nope")
    with pytest.raises(InvalidArgumentError):
        stream("tune", seed=-1)
    with pytest.raises(InvalidArgumentError):
        stream("tune", split="dev")
    with pytest.raises(UnknownNameError):
        stream("tune", rule="no_such_rule")


@given(st.dictionaries(st.sampled_from("abcxyz"), st.integers(-99, 99).map(str), min_size=1),
       st.integers(-5, 5).map(str))
@settings(max_examples=100)
def test_content_id_is_a_function_of_content(given_: dict[str, str], other: str) -> None:
    a = content_id("tune", "e.x", given_, {"eta": []})
    assert a == content_id("tune", "e.x", dict(reversed(list(given_.items()))), {"eta": []})
    k = next(iter(given_))
    changed = {**given_, k: given_[k] + "1" if given_[k] == other else other}
    assert content_id("tune", "e.x", changed, {"eta": []}) != a
    assert content_id("refute", "e.x", given_, {"eta": []}, "h").startswith("refute/e.x/h/")


# -- the CLI ---------------------------------------------------------------------------------------------------
def test_cli_export_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "export", "--family", "tune", "--count", "7", "--seed", "5"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(x)["id"] for x in lines] == [t.id for t in itertools.islice(stream("tune", seed=5), 7)]
    assert main(["tasks", "export", "--family", "tune", "--count", "3", "--seed", "5", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in doc] == [json.loads(x)["id"] for x in lines[:3]]


@pytest.mark.parametrize("argv, match", [
    (["--count", "0"], "--count=0"),
    (["--count", "3", "--id", "tune/x/0-0"], "only one of"),
    (["--count", "3", "--rule", "no_such_rule"], "no_such_rule"),
    (["--count", "3", "--rule", "hebbian"], "only 0 distinct tune tasks"),
])
def test_cli_export_count_bad_input_is_one_line_exit_2(argv: list[str], match: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tasks", "export", "--family", "tune", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and match in err


def test_cli_export_streams_before_it_is_done() -> None:
    """Asked for 10⁶ tasks, the export has written its first task long before it could have made them all."""
    with subprocess.Popen([sys.executable, "-m", "pyverify.cli", "tasks", "export", "--family", "tune",
                           "--count", "1000000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        running = proc.poll() is None  # still running: it writes as it goes
        proc.kill()
        _, err = proc.communicate()
    assert Task.from_json(json.loads(first)).family == "tune"
    assert running
    assert err == ""  # no progress bar when stderr is not a terminal


def test_tune_stream_does_not_redraw_the_served_tasks() -> None:
    """The stream has random streams of its own: its seed-0 tasks are not the served seed-0 tasks again."""
    from pyverify.tasks import generate

    served = {(t.entry_id, json.dumps(t.payload["instance"], sort_keys=True)) for t in generate("tune", seed=0)}
    streamed = {(t.entry_id, json.dumps(t.payload["instance"], sort_keys=True))
                for t in itertools.islice(stream("tune", seed=0), 40)}
    assert not served & streamed
