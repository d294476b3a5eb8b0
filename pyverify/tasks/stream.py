"""Many tasks, deterministically: an endless stream of distinct refute and tune tasks drawn from the samplers.

`generate` serves a fixed, curated set (one refute task per (entry, hypothesis), four tune tasks per entry and
seed, with names for ids). `stream(family, seed=S)` goes on drawing from the same samplers, as many tasks as
asked (`pyverify tasks export --family F --count N --seed S`):

* ``refute``: round r = 0, 1, … draws `ROUND_SAMPLES` instances from every (entry, hypothesis)'s necessity
  sampler with ``SeedSequence([S, r, crc32(entry), crc32(hypothesis)])``, keeps those on which every remaining
  hypothesis holds and the conclusion fails (exact arithmetic), and turns up to `PER_ROUND` of them into tasks
  as the served ones are made (`families.refute_candidate`: the first of `MAX_SPLITS` splits into given and
  asked parts that no shortcut baseline solves, the reference graded valid). Sources take turns; one that
  adds nothing for `IDLE_ROUNDS` rounds in a row is retired, and the stream ends when none is left.
* ``tune``: seeds S, S+1, … each draw `TUNE_POOL` instances per entry with
  ``SeedSequence([seed, crc32(entry), STREAM_SALT])`` and make tasks as the served ones are made
  (`families.tune_candidates`: a random rational rescaling, the exact optimum graded valid, no shortcut
  baseline solving it), up to `TUNE_PER_SEED` per entry and seed; entries take turns.

Both draw from random streams of their own (the served refute tasks come from ``default_rng(0)``, the served
tune tasks from ``SeedSequence([seed, crc32(entry)])``), so a streamed task repeats a served one only by
chance, and then under another id: evaluate on the served set or on an export, not on a mix.
* ``prove``: the served prove tasks (one per catalog entry; there is nothing to sample).

Every refute and tune task's id is a content hash, ``refute/<entry>/<hypothesis>/<h>`` and
``tune/<entry>/<h>`` with ``h`` the first 16 hex digits of the sha256 of the entry, the dropped hypothesis, the
given numbers and the asked shapes (`content_id`): a task drawn twice (from two seeds, or twice in one
stream) has one id and is yielded once, and its split (`split_of(id)`) is a function of its content, so the
same instance never lands in both splits. The ``seed`` field records the stream seed that produced it.
Difficulty labels (``payload["difficulty"]``: ``dim``, ``digits``, ``conditioning``, ``asked``) are computed
from what the prompt shows, never from the answer.

The stream is lazy: a task is yielded as soon as it is made, and nothing is kept unless ``keep=True``, which
indexes each task (and its reference) so that `get_task`/`reference_answer` find it in this process.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import deque
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from ..backend import get_backend
from ..catalog import Entry, entries_for
from . import families
from .baselines import MAX_OTHERS
from .model import Task

__all__ = ["stream", "stream_with_references", "content_id", "is_content_id", "ROUND_SAMPLES", "PER_ROUND", "MAX_SPLITS",
           "IDLE_ROUNDS", "TUNE_PER_SEED", "IDLE_SEEDS"]

#: Instances drawn per (entry, hypothesis) and refute round.
ROUND_SAMPLES = 16
#: New tasks taken per (entry, hypothesis) and refute round (sources take turns, so a short stream is diverse).
PER_ROUND = 4
#: Splits of a counterexample into given and asked parts tried per streamed candidate (the most natural first).
MAX_SPLITS = 6
#: A refute source (entry, hypothesis) is retired after this many rounds in a row without a new task.
IDLE_ROUNDS = 6
#: Tune tasks taken per entry and seed (from `families.TUNE_POOL` draws).
TUNE_PER_SEED = 16
#: The tune stream ends after this many seeds in a row without a new task.
IDLE_SEEDS = 4
HASH_CHARS = 16
#: Appended to the tune seed sequence, so streamed tune draws are not the served ones (`generate`) again.
STREAM_SALT = 1


def content_id(family: str, entry_id: str, given: Mapping[str, Any], asked: Mapping[str, Sequence[int]],
               hypothesis: str | None = None) -> str:
    """The content-hashed id of a refute (with the dropped `hypothesis`) or tune task: the sha256 of the
    canonical JSON of what defines it (entry, hypothesis, the given numbers, the asked keys and shapes)."""
    doc = {"family": family, "entry": entry_id, "hypothesis": hypothesis, "given": given,
           "asked": {k: list(v) for k, v in asked.items()}}
    h = hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=True).encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"refute/{entry_id}/{hypothesis}/{h}" if family == "refute" else f"{family}/{entry_id}/{h}"


def is_content_id(task_id: str) -> bool:
    """Whether `task_id` ends in a content hash (a streamed task) rather than a served name."""
    tail = task_id.rpartition("/")[2]
    fam = task_id.partition("/")[0]
    depth = task_id.count("/")
    return (len(tail) == HASH_CHARS and all(c in "0123456789abcdef" for c in tail)
            and ((fam == "tune" and depth == 2) or (fam == "refute" and depth == 3)))


class _Digests:
    """A set of strings kept as 16-byte digests (a long stream's memory stays small)."""

    def __init__(self) -> None:
        self._d: set[bytes] = set()

    def __contains__(self, s: object) -> bool:
        return isinstance(s, str) and hashlib.blake2b(s.encode("utf-8"), digest_size=16).digest() in self._d

    def add(self, s: str) -> None:
        self._d.add(hashlib.blake2b(s.encode("utf-8"), digest_size=16).digest())


def _check(family: str, seed: int, split: str | None) -> None:
    families.check_selection(family, seed, split)


def stream_with_references(family: str, *, seed: int = 0, rule: str | None = None, entry_id: str | None = None,
                           split: str | None = None, keep: bool = False) -> Iterator[tuple[Task, Any]]:
    """``(task, reference answer)`` pairs of distinct tasks, lazily (see the module docstring); the reference
    is ``None`` for prove tasks. Filters: `rule`, `entry_id`, `split`. Bad arguments raise at the call."""
    _check(family, seed, split)
    entries = entries_for(rule=rule, entry_id=entry_id)  # raises on an unknown rule or entry
    return _stream(family, int(seed), entries, split, keep)


def stream(family: str, *, seed: int = 0, rule: str | None = None, entry_id: str | None = None,
           split: str | None = None, keep: bool = False) -> Iterator[Task]:
    """Distinct tasks of `family` drawn from the entries' samplers, lazily and deterministically given `seed`
    (see the module docstring). ``itertools.islice(stream("tune", seed=0), 10_000)`` gives 10 000 of them."""
    return (t for t, _ in stream_with_references(family, seed=seed, rule=rule, entry_id=entry_id, split=split,
                                                 keep=keep))


def _stream(family: str, seed: int, entries: list[Entry], split: str | None,
            keep: bool) -> Iterator[tuple[Task, Any]]:
    if family == "prove":
        ids = {e.id for e in entries}
        for t in families.generate("prove", split=split):
            if t.entry_id in ids:
                yield t, None
        return
    source = _refute_stream(seed, entries) if family == "refute" else _tune_stream(seed, entries)
    seen: set[str] = set()
    for task, ref in source:
        if task.id in seen:
            continue
        seen.add(task.id)
        if split is not None and task.split != split:
            continue
        if keep:
            families.index_task(task, ref)
        yield task, ref


def _refute_sources(entries: list[Entry]) -> list[tuple[Entry, str]]:
    out = []
    for e in entries:
        if not e.exact:
            continue
        for h in e.hypotheses:
            if h.name in e.necessity and not families.remaining_are_full(e, h.name):
                out.append((e, h.name))
    return out


def _counterexamples(e: Entry, hypothesis: str, rng: np.random.Generator) -> Iterator[dict[str, Any]]:
    """Instances of the necessity sampler on which every other hypothesis holds and the conclusion fails."""
    from ..checking import _hypotheses_hold, evaluate

    bk = get_backend("exact")
    others = [h.name for h in e.hypotheses if h.name != hypothesis]
    for batch in e.necessity[hypothesis](rng, ROUND_SAMPLES):
        n = batch.size
        if n == 0:
            continue
        inst = batch.to(bk)
        ok = _hypotheses_hold(e, others, inst, bk, e.tolerance, n)
        holds, _ = evaluate(e.conclusion(inst, bk), bk, e.tolerance, n)
        for i in np.flatnonzero(ok & ~holds).tolist():
            yield batch.instance(int(i))


def _refute_round(e: Entry, h: str, seed: int, r: int, dom: dict[str, dict[str, Any]], refs: deque[dict[str, Any]],
                  tried: _Digests) -> Iterator[tuple[Task, Any]]:
    """The new tasks of one (entry, hypothesis) in round `r`, at most `PER_ROUND`."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, r, zlib.crc32(e.id.encode()), zlib.crc32(h.encode())]))
    try:
        cxs = list(_counterexamples(e, h, rng))
    except Exception:  # a sampler or rule failing on a draw: nothing this round
        return
    made = 0
    for inst in cxs:
        if made >= PER_ROUND:
            return
        key = json.dumps([e.id, h, inst], sort_keys=True)
        if key in tried:
            continue
        tried.add(key)

        def make_id(fixed: dict[str, Any], var: dict[str, list[int]]) -> str:
            return content_id("refute", e.id, fixed, var, h)

        try:
            task, ref, _ = families.refute_candidate(e, h, inst, dom, make_id, list(refs), seed, MAX_SPLITS)
        except Exception:  # a candidate the rule code cannot handle: skip it
            continue
        if task is None or ref is None:
            continue
        refs.append(ref)
        made += 1
        yield task, ref


def _refute_stream(seed: int, entries: list[Entry]) -> Iterator[tuple[Task, Any]]:
    active = _refute_sources(entries)
    idle = {(e.id, h): 0 for e, h in active}
    refs: dict[str, deque[dict[str, Any]]] = {}
    tried = _Digests()
    doms: dict[str, dict[str, dict[str, Any]]] = {}
    for e, _ in active:
        if e.id not in doms:
            try:
                doms[e.id] = families.entry_domain(e)
            except Exception:  # a broken sampler: the entry serves no streamed refute task
                doms[e.id] = {}
                active = [(e2, h2) for e2, h2 in active if e2.id != e.id]
    r = 0
    while active:
        gens = [(e, h, _refute_round(e, h, seed, r, doms[e.id], refs.setdefault(e.id, deque(maxlen=MAX_OTHERS)),
                                     tried)) for e, h in active]
        made = {(e.id, h): 0 for e, h, _ in gens}
        while gens:  # sources take turns, one task each
            for item in list(gens):
                e, h, g = item
                nxt = next(g, None)
                if nxt is None:
                    gens.remove(item)
                    continue
                made[(e.id, h)] += 1
                yield nxt
        for e, h in list(active):
            idle[(e.id, h)] = 0 if made[(e.id, h)] else idle[(e.id, h)] + 1
            if idle[(e.id, h)] >= IDLE_ROUNDS:
                active.remove((e, h))
        r += 1


def _tune_stream(seed: int, entries: list[Entry]) -> Iterator[tuple[Task, Any]]:
    from .objectives import objective_for

    tunable = [e for e in entries if e.exact and objective_for(e.id) is not None]
    refs = {e.id: deque[dict[str, Any]](maxlen=MAX_OTHERS) for e in tunable}
    seen = {e.id: _Digests() for e in tunable}
    idle = 0
    s = seed
    while tunable and idle < IDLE_SEEDS:
        gens = [_tune_entry_stream(e, s, refs[e.id], seen[e.id]) for e in tunable]
        taken = [0] * len(gens)
        live = list(range(len(gens)))
        made = 0
        while live:  # entries take turns, one task each
            for j in list(live):
                try:
                    item = next(gens[j])
                except StopIteration:
                    live.remove(j)
                    continue
                except Exception:  # a sampler or rule failing on this seed: the entry sits this seed out
                    live.remove(j)
                    continue
                made += 1
                taken[j] += 1
                if taken[j] >= TUNE_PER_SEED:
                    live.remove(j)
                yield item
        idle = 0 if made else idle + 1
        s += 1


def _tune_entry_stream(e: Entry, seed: int, refs: deque[dict[str, Any]],
                       seen: _Digests) -> Iterator[tuple[Task, Any]]:
    def make_id(fixed: dict[str, Any], shapes: dict[str, list[int]]) -> str:
        return content_id("tune", e.id, fixed, shapes)

    yield from families.tune_candidates(e, seed, make_id, refs, seen, skip=lambda key, why: None,
                                        salt=(STREAM_SALT,))
