"""Generating the three task families from the catalog, deterministically.

* ``prove``: one task per catalog entry; the statement is the spec's Lean source text (read from
  `lean/`), with the definitions it uses. Seed-independent.
* ``refute``: one task per (exact entry, hypothesis) for which `check_necessity` (seed
  `NECESSITY_SEED`, `NECESSITY_SAMPLES` instances) found an exact counterexample. The task gives part of
  that counterexample (``payload["fixed"]``) and asks for the rest (``payload["variables"]``): the keys the
  dropped hypothesis reads, else one key, else two (`_free_sets`), the first split that no shortcut baseline
  (`pyverify.tasks.baselines`) solves. Seed-independent.
* ``tune``: up to `TUNE_PER_ENTRY` instances per entry with an objective (`pyverify.tasks.objectives`),
  drawn from the entry's sampler with ``SeedSequence([seed, crc32(entry id)])``, diversified by a symmetry
  of the entry (a random rational scale), with the hyperparameters removed. The task asks for the
  hyperparameters that optimise the entry's quantity; the reference is the exact optimum (or a point within
  tolerance of an unattained supremum). A candidate that a shortcut baseline (a constant, the instance
  copied back, random rationals, an earlier candidate's reference) solves is not served.

Every task's reference answer is graded at generation time and the task is dropped, with a reason in
`skipped()`, unless it earns reward 1. Refute and tune prompts carry the Lean statement, the definitions it
uses and the meaning of every instance symbol (`glossary`); difficulty labels (dimension, digits,
conditioning) are in ``payload["difficulty"]``, never the sampler's region label.
References are kept in this process only (`reference_answer`), never in the task.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, Callable, Iterator, Mapping, MutableSequence, Protocol, Sequence

import numpy as np

from ..backend import get_backend
from ..catalog import Entry, entries_for, get_entry
from ..checking import NecessityResult, check_necessity
from ..errors import InvalidArgumentError, MissingDependencyError, UnknownNameError
from ..lean.sources import project_root
from . import domains
from .answers import read_variables, shape_of
from .grading import grade
from .lean_source import nat_binders, spec_context, spec_source
from .model import FAMILIES, SPLITS, Task, split_of
from .objectives import NOT_TUNABLE, TOLERANCE, objective_for
from .render import numeric_answer_format, prove_answer_format, render_prompt

__all__ = ["generate", "get_task", "reference_answer", "skipped", "difficulty", "index_task", "refute_candidate",
           "refute_task", "tune_candidates", "tune_task", "entry_domain", "sampler_layout", "NECESSITY_SEED",
           "NECESSITY_SAMPLES", "TUNE_PER_ENTRY", "TUNE_MAX_LEAVES"]

NECESSITY_SEED = 0
NECESSITY_SAMPLES = 64
TUNE_PER_ENTRY = 4
TUNE_POOL = 64
TUNE_MAX_LEAVES = 24
DOMAIN_SAMPLES = 32

_TASKS: dict[tuple[str, int], list[Task]] = {}
#: Tasks made outside `generate` (a stream with ``keep=True``, `index_task`), by id.
_INDEX: dict[str, Task] = {}
_REFERENCE: dict[str, dict[str, Any] | str] = {}
_SKIPPED: dict[str, str] = {}
_NECESSITY: dict[str, list[NecessityResult]] = {}


def _finish(task: Task) -> Task:
    task.prompt = render_prompt(task)
    return task


def _nat_keys(entry: Entry, keys: list[str]) -> list[str]:
    try:
        nats = nat_binders(spec_source(entry.lean_spec))
    except InvalidArgumentError:
        nats = set()
    nats |= set(domains.NAT_NAMES)
    return [k for k in keys if k in nats]


_DOMAIN: dict[str, dict[str, dict[str, Any]]] = {}


def entry_domain(entry: Entry) -> dict[str, dict[str, Any]]:
    """The constraints every instance of the entry's sampler and necessity samplers meets (cached)."""
    if entry.id not in _DOMAIN:
        batches: list[Any] = []
        for sampler in [entry.sample, *entry.necessity.values()]:
            rng = np.random.default_rng(NECESSITY_SEED)
            batches.extend(b for b in sampler(rng, DOMAIN_SAMPLES) if b.size > 0)
        keys = list(batches[0].data) if batches else []
        _DOMAIN[entry.id] = domains.infer_domain(batches, _nat_keys(entry, keys))
    return _DOMAIN[entry.id]


#: Seeds of the draws `sampler_layout` looks at (more draws: fewer equal-by-chance dimensions).
LAYOUT_SEEDS = (0, 1, 2, 3)
_LAYOUT: dict[tuple[str, str | None], dict[str, Any]] = {}


def sampler_layout(entry: Entry, hypothesis: str | None = None) -> dict[str, Any]:
    """The layout of the instances an entry's sampler draws (`hypothesis` None) or the necessity sampler of
    `hypothesis` draws, from `DOMAIN_SAMPLES` draws per seed of `LAYOUT_SEEDS` (cached): ``order``, the keys in
    the order the sampler gives them; ``ndim``, each key's number of axes; ``same``, groups of ``(key, axis)``
    whose lengths were equal in every draw (one dimension of the model, such as ``n`` for ``A`` and ``w``).
    Raises `InvalidArgumentError` when the sampler draws nothing or draws keys in more than one order."""
    ck = (entry.id, hypothesis)
    if ck not in _LAYOUT:
        sampler = entry.sample if hypothesis is None else entry.necessity[hypothesis]
        orders: set[tuple[str, ...]] = set()
        sizes: dict[tuple[str, int], list[int]] = {}
        ndim: dict[str, set[int]] = {}
        for sd in LAYOUT_SEEDS:
            for b in sampler(np.random.default_rng(sd), DOMAIN_SAMPLES):
                if b.size == 0:
                    continue
                orders.add(tuple(b.data))
                for k, q in b.data.items():
                    ndim.setdefault(k, set()).add(len(q.shape) - 1)
                    for ax, n in enumerate(q.shape[1:]):
                        sizes.setdefault((k, ax), []).append(int(n))
        if len(orders) != 1 or any(len(v) != 1 for v in ndim.values()):
            raise InvalidArgumentError(f"the sampler of {entry.id}" + (f" without {hypothesis!r}" if hypothesis else "")
                                       + " draws instances of more than one layout")
        groups: dict[tuple[int, ...], list[tuple[str, int]]] = {}
        for ka, ns in sizes.items():
            groups.setdefault(tuple(ns), []).append(ka)
        _LAYOUT[ck] = {"order": list(next(iter(orders))), "ndim": {k: next(iter(v)) for k, v in ndim.items()},
                       "same": [g for g in groups.values() if len(g) > 1]}
    return _LAYOUT[ck]


class _Touched(Exception):
    pass


class _Poison:
    """A value that raises when used in arithmetic or comparisons (to see what a hypothesis reads)."""

    def _touch(self, *args: Any) -> Any:
        raise _Touched()

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _touch
    __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = __lt__ = __le__ = __gt__ = __ge__ = _touch
    __eq__ = __ne__ = __bool__ = __float__ = __int__ = __index__ = _touch  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]


def _reads(entry: Entry, hyp: Any, x: dict[str, Any], keys: tuple[str, ...]) -> bool:
    """Whether hypothesis `hyp` reads any of `keys` (evaluated with those values poisoned)."""
    from ..backend import get_backend

    bk = get_backend("exact")
    y = dict(x)
    for k in keys:
        arr = np.empty(x[k].shape, dtype=object)
        for idx in np.ndindex(arr.shape):
            arr[idx] = _Poison()
        y[k] = arr
    try:
        for rel in hyp.relations(y, bk):
            np.asarray(rel.lhs == rel.rhs)
    except _Touched:
        return True
    except Exception:
        return True  # cannot tell: assume it does
    return False


# -- prove -----------------------------------------------------------------------------------------
def _prove_tasks() -> list[Task]:
    try:
        project_root()
    except InvalidArgumentError as exc:  # without the Lean sources there is no statement to serve
        raise MissingDependencyError(f"prove tasks need the Lean sources (lean/, lakefile.lean): {exc}") from exc
    out = []
    for e in entries_for():
        try:
            spec = spec_source(e.lean_spec)
        except InvalidArgumentError as exc:
            _SKIPPED[f"prove/{e.id}"] = str(exc)
            continue
        ctx = [(c.doc + "\n" + c.text).strip() for c in spec_context(spec)]
        spec_text = (spec.doc + "\n" + spec.text).strip()
        tid = f"prove/{e.id}"
        out.append(_finish(Task(
            id=tid, family="prove", rule=e.rule, entry_id=e.id, split=split_of(tid), seed=0,
            lean_spec=e.lean_spec, lean_proof=e.lean_proof,
            statement=f"{e.statement}\n\n{spec_text}",
            prompt="",
            payload={"in_words": e.statement, "spec_file": spec.file, "spec_line": spec.line, "spec_text": spec_text,
                     "context": ctx},
            answer_format=prove_answer_format(e.lean_spec),
        )))
    return out


# -- refute ----------------------------------------------------------------------------------------
def necessity(entry: Entry) -> list[NecessityResult]:
    """`check_necessity` of an entry, cached per process (an entry whose code fails yields no results)."""
    if entry.id not in _NECESSITY:
        try:
            _NECESSITY[entry.id] = check_necessity(entry, NECESSITY_SAMPLES, NECESSITY_SEED)
        except Exception as exc:  # a broken catalog entry must not break task generation
            _SKIPPED[f"refute/{entry.id}"] = f"check_necessity failed: {type(exc).__name__}: {exc}"
            _NECESSITY[entry.id] = []
    return _NECESSITY[entry.id]


def _hyps(entry: Entry, names: list[str] | None = None) -> list[dict[str, str]]:
    out = []
    for h in entry.hypotheses:
        if names is None or h.name in names:
            d = {"name": h.name, "text": h.text}
            full = domains.strengthened_text(entry, h.name)
            if full:
                d["graded"] = full
            out.append(d)
    return out


def _exact(inst: dict[str, Any]) -> dict[str, Any]:
    """A JSON instance (rational strings) as batch-of-one exact arrays."""
    x, err = read_variables(inst, {k: shape_of(v) for k, v in inst.items()})
    if err:
        raise InvalidArgumentError(f"malformed instance: {err}")
    return x


def difficulty(given: Mapping[str, Any], asked: Mapping[str, Sequence[int]] | None = None) -> dict[str, Any]:
    """Difficulty labels of a task, computed from what the prompt shows and never from the answer: `dim`, the
    largest axis of any given or asked array; `digits`, the digits of the given numbers; `conditioning`, the
    (float) condition number of the first given square matrix, where there is one; `asked`, the number of
    answer leaves (`asked`: answer key -> shape)."""
    dims = [n for v in given.values() for n in shape_of(v)] + [n for s in (asked or {}).values() for n in s]
    digits = 0
    cond: float | None = None
    for v in given.values():
        arr = np.asarray(v, dtype=object)
        digits += sum(len(str(q).lstrip("-").replace("/", "")) for q in arr.reshape(-1).tolist())
        if cond is None and arr.ndim == 2 and arr.shape[0] == arr.shape[1] and arr.shape[0] > 0:
            from fractions import Fraction

            M = np.array([[float(Fraction(q)) for q in row] for row in arr.tolist()])
            c = float(np.linalg.cond(M))
            cond = round(c, 3) if np.isfinite(c) else None
    out: dict[str, Any] = {"dim": max(dims, default=1), "digits": digits}
    if cond is not None:
        out["conditioning"] = cond
    if asked is not None:
        out["asked"] = sum(int(np.prod(s, dtype=np.int64)) for s in asked.values())
    return out


def _free_sets(e: Entry, dropped: Any, inst: dict[str, Any]) -> list[tuple[str, ...]]:
    """Candidate sets of answer keys for a refute task, most natural first: the keys the dropped hypothesis
    reads, then single keys (largest first), then pairs. The rest of the counterexample is given."""
    keys = list(inst)
    x = _exact(inst)
    read = tuple(k for k in keys if _reads(e, dropped, x, (k,)))
    size = {k: int(np.prod(shape_of(inst[k]), dtype=np.int64)) for k in keys}
    singles = sorted(keys, key=lambda k: (-size[k], keys.index(k)))
    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]
    out: list[tuple[str, ...]] = []
    for cand in [read, *[(k,) for k in singles], *pairs]:
        cand = tuple(k for k in keys if k in cand)
        if cand and len(cand) < len(keys) and cand not in out:
            out.append(cand)
    return out


def _same_refs(entry_id: str) -> list[dict[str, Any]]:
    return [r2 for t2, r2 in _REFERENCE.items() if t2.startswith(f"refute/{entry_id}/") and isinstance(r2, dict)]


def remaining_are_full(e: Entry, hypothesis: str) -> list[str]:
    """The remaining hypotheses (without `hypothesis`) that are only sampled checks: a refute task needs none."""
    return [h.name for h in e.hypotheses if h.name != hypothesis and domains.sampled_only(e, h)]


def refute_task(e: Entry, hypothesis: str, fixed: dict[str, Any], var: dict[str, list[int]], order: list[str],
                dom: Mapping[str, dict[str, Any]], tid: str, seed: int) -> Task:
    """The refute task of (entry, dropped `hypothesis`) giving `fixed` and asking for `var` (key -> shape), the
    instance's keys in `order`: the one builder of served, streamed and rebuilt (`pyverify.tasks.content`)
    refute tasks, so a task is a function of exactly these arguments (`seed` is recorded, never read)."""
    dropped = next(h for h in e.hypotheses if h.name == hypothesis)
    others = [h.name for h in e.hypotheses if h.name != hypothesis]
    return _finish(Task(
        id=tid, family="refute", rule=e.rule, entry_id=e.id, split=split_of(tid), seed=seed,
        lean_spec=e.lean_spec, lean_proof=e.lean_proof,
        statement=f"{e.statement} Without the hypothesis {hypothesis!r} ({dropped.text}) it is false.",
        prompt="",
        payload={"property": e.statement, "dropped": _hyps(e, [dropped.name])[0],
                 "remaining": _hyps(e, others), "fixed": fixed, "variables": var,
                 "order": list(order), "domain": {k: d for k, d in dom.items() if k in var},
                 "difficulty": difficulty(fixed, var), **_context(e, list(order))},
        answer_format=numeric_answer_format(var),
    ))


def refute_candidate(e: Entry, hypothesis: str, inst: dict[str, Any], dom: dict[str, dict[str, Any]],
                     make_id: Callable[[dict[str, Any], dict[str, list[int]]], str],
                     refs: Sequence[Mapping[str, Any]], seed: int = NECESSITY_SEED, max_splits: int | None = None,
                     ) -> tuple[Task | None, dict[str, Any] | None, str]:
    """A refute task from one exact counterexample `inst` of (entry, dropped `hypothesis`): the first split into
    given and asked keys (`_free_sets`) whose reference is accepted and that no shortcut baseline solves (`refs`:
    reference answers of other tasks of the entry, for ``other-reference``). ``(task, reference, "")``, or
    ``(None, None, why)``. `make_id(fixed, variables)` names the task; `max_splits` bounds the splits tried."""
    from .baselines import solved_by

    shapes = {k: list(shape_of(v)) for k, v in inst.items()}
    if any(0 in s for s in shapes.values()):
        return None, None, "the counterexample holds empty arrays, whose shape JSON cannot carry"
    dropped = next(h for h in e.hypotheses if h.name == hypothesis)
    weak = remaining_are_full(e, hypothesis)
    if weak:
        return None, None, (f"remaining hypotheses {weak} are only sampled checks (no full form in "
                            "pyverify.tasks.domains.STRENGTHEN), so an answer could satisfy them falsely")
    why = "no split of the counterexample into given and asked parts"
    for free in _free_sets(e, dropped, inst)[:max_splits]:
        fixed = {k: v for k, v in inst.items() if k not in free}
        var = {k: shapes[k] for k in free}
        tid = make_id(fixed, var)
        task = refute_task(e, hypothesis, fixed, var, list(inst), dom, tid, seed)
        ref = {k: inst[k] for k in free}
        v = grade(task, json.dumps(ref))
        if v.status != "valid":
            return None, None, f"the counterexample is not accepted by the grader: {v.status}: {v.reason}"
        same = [r2 for r2 in refs if set(r2) == set(ref)]
        policy = solved_by(task, same)
        if policy is not None:
            why = f"every split of the counterexample is solved by a shortcut (last: {policy} with {list(free)} asked)"
            continue
        return task, ref, ""
    return None, None, why


def _refute_tasks() -> list[Task]:
    out = []
    for e in entries_for():
        if not e.exact:
            continue
        for r in necessity(e):
            if r.demonstration:  # refutes a claim no theorem makes: not a dropped-hypothesis task
                continue
            tid = f"refute/{e.id}/{r.hypothesis}"
            if r.status != "counterexample" or r.counterexample is None:
                _SKIPPED[tid] = f"necessity check: {r.status} ({r.message or 'no counterexample'})"
                continue
            try:
                dom = entry_domain(e)
            except Exception as exc:
                _SKIPPED[tid] = f"sampling the entry's domain failed: {type(exc).__name__}: {exc}"
                continue
            inst = r.counterexample["instance"]
            task, ref, why = refute_candidate(e, r.hypothesis, inst, dom, lambda fixed, var: tid,
                                              _same_refs(e.id))
            if task is None or ref is None:
                _SKIPPED[tid] = why
                continue
            _REFERENCE[tid] = ref
            out.append(task)
    return _drop_cross_solved(out)


def open_refute_task(entry_id: str, hypothesis: str) -> tuple[Task, dict[str, Any]]:
    """A refute task for (entry, dropped hypothesis) that asks for the whole instance, with its reference
    (the necessity counterexample). Not served (a whole-instance task is open to constant fills); used to
    test the grader's hypothesis checks on every key."""
    e = get_entry(entry_id)
    r = next((r for r in necessity(e) if r.hypothesis == hypothesis and not r.demonstration
              and r.counterexample is not None), None)
    if r is None or r.counterexample is None:
        raise UnknownNameError(f"no necessity counterexample for {entry_id} without {hypothesis!r}")
    inst = r.counterexample["instance"]
    shapes = {k: list(shape_of(v)) for k, v in inst.items()}
    dropped = next(h for h in e.hypotheses if h.name == hypothesis)
    tid = f"refute/{e.id}/{hypothesis}"
    task = _finish(Task(
        id=tid, family="refute", rule=e.rule, entry_id=e.id, split=split_of(tid), seed=NECESSITY_SEED,
        lean_spec=e.lean_spec, lean_proof=e.lean_proof, statement=e.statement, prompt="",
        payload={"property": e.statement, "dropped": _hyps(e, [hypothesis])[0],
                 "remaining": _hyps(e, [h.name for h in e.hypotheses if h.name != dropped.name]), "fixed": {},
                 "variables": shapes, "order": list(inst), "domain": entry_domain(e),
                 "difficulty": difficulty({}, shapes), **_context(e, list(inst))},
        answer_format=numeric_answer_format(shapes)))
    return task, json.loads(json.dumps(inst))


def _drop_cross_solved(tasks: list[Task]) -> list[Task]:
    """Drop every task that the reference answer of another served task of the same entry solves."""
    kept = []
    for t in tasks:
        ref = _REFERENCE[t.id]
        for u in tasks:
            if u is t or u.entry_id != t.entry_id or set(_REFERENCE[u.id]) != set(ref):
                continue
            if grade(t, json.dumps(_REFERENCE[u.id])).reward > 0:
                _SKIPPED[t.id] = f"the reference answer of {u.id} solves it (a shortcut)"
                break
        else:
            kept.append(t)
    for t in tasks:
        if t not in kept:
            _REFERENCE.pop(t.id, None)
    return kept


_CONTEXT: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}


def _context(e: Entry, keys: list[str]) -> dict[str, Any]:
    """The definitions the spec uses (Lean source) and the meaning of every instance symbol (cached per entry
    and keys; a fresh copy each call)."""
    key = (e.id, tuple(keys))
    if key not in _CONTEXT:
        _CONTEXT[key] = _context_uncached(e, keys)
    c = _CONTEXT[key]
    return {"spec_text": c["spec_text"], "context": list(c["context"]), "symbols": dict(c["symbols"])}


def _context_uncached(e: Entry, keys: list[str]) -> dict[str, Any]:
    from .glossary import symbols

    try:
        spec = spec_source(e.lean_spec)
        spec_text = (spec.doc + "\n" + spec.text).strip()
        ctx = [(c.doc + "\n" + c.text).strip() for c in spec_context(spec)]
    except (InvalidArgumentError, OSError):
        spec_text, ctx = "", []
    return {"spec_text": spec_text, "context": ctx, "symbols": symbols(e, keys)}


# -- tune ------------------------------------------------------------------------------------------
def _leaves(batch: Any) -> int:
    return sum(int(np.prod(q.shape[1:], dtype=np.int64)) for q in batch.data.values())


def _tune_tasks(seed: int) -> list[Task]:
    out: list[Task] = []
    for e in entries_for():
        if not e.exact:
            continue
        try:
            out.extend(_tune_entry(e, seed))
        except Exception as exc:  # a broken catalog entry must not break task generation
            _SKIPPED[f"tune/{e.id}/{seed}"] = f"generation failed: {type(exc).__name__}: {exc}"
    return out


def _str_tree(v: Any) -> Any:
    if isinstance(v, (list, tuple, np.ndarray)):
        return [_str_tree(u) for u in v]
    return str(v)


def _tune_entry(e: Entry, seed: int, count: int = TUNE_PER_ENTRY) -> list[Task]:
    out: list[Task] = []
    for task, ref in tune_candidates(e, seed, lambda fixed, shapes: f"tune/{e.id}/{seed}-{len(out)}", [], set()):
        _REFERENCE[task.id] = ref
        out.append(task)
        if len(out) >= count:
            break
    return out


class Seen(Protocol):
    """What `tune_candidates` needs of its `seen` set of instance contents (a `set[str]` will do)."""

    def __contains__(self, s: object, /) -> bool: ...

    def add(self, s: str, /) -> None: ...


def tune_task(e: Entry, fixed: dict[str, Any], shapes: dict[str, list[int]], order: list[str],
              dom: Mapping[str, dict[str, Any]], attained: bool, tid: str, seed: int) -> Task:
    """The tune task of entry `e` on the instance `fixed` asking for the hyperparameters `shapes` (key ->
    shape), the instance's keys in `order`, `attained` whether the optimum is attained (`Optimum.attained`,
    computed from the instance): the one builder of served, streamed and rebuilt (`pyverify.tasks.content`)
    tune tasks (`seed` is recorded, never read). The entry must have an objective (`objective_for`)."""
    obj = objective_for(e.id)
    if obj is None:
        raise InvalidArgumentError(f"{e.id} has no tune objective")
    return _finish(Task(
        id=tid, family="tune", rule=e.rule, entry_id=e.id, split=split_of(tid), seed=seed,
        lean_spec=e.lean_spec, lean_proof=e.lean_proof,
        statement=e.statement, prompt="",
        payload={"property": e.statement, "hypotheses": _hyps(e), "instance": fixed, "tunable": shapes,
                 "order": list(order), "domain": {k2: d for k2, d in dom.items() if k2 in shapes},
                 "objective": {"quantity": obj.text, "sense": obj.sense, "tolerance": TOLERANCE,
                               "attained": attained, "source": obj.source},
                 "difficulty": difficulty(fixed, shapes), **_context(e, list(order))},
        answer_format=numeric_answer_format(shapes),
    ))


def tune_candidates(e: Entry, seed: int, make_id: Callable[[dict[str, Any], dict[str, list[int]]], str],
                    refs: MutableSequence[dict[str, Any]], seen: Seen, pool: int = TUNE_POOL,
                    skip: Callable[[str, str], None] | None = None,
                    salt: tuple[int, ...] = ()) -> Iterator[tuple[Task, dict[str, Any]]]:
    """Tune tasks of one entry from `pool` instances of its sampler drawn with ``SeedSequence([seed, crc32(id),
    *salt])`` (the served tasks have no salt; `pyverify.tasks.stream` draws its own),
    each with its reference (the exact optimum), in a deterministic order. A candidate is dropped when its
    instance content is in `seen` (which it joins), when its optimum is not graded valid, or when a shortcut
    baseline solves it (``other-reference`` tries `refs`, which every candidate's reference joins).
    `make_id(instance, tunable shapes)` names a task; `skip(key, why)` records why an entry or candidate is dropped."""
    from .baselines import solved_by

    note = skip if skip is not None else _SKIPPED.__setitem__
    obj = objective_for(e.id)
    if obj is None and e.id not in NOT_TUNABLE:
        return  # no hyperparameters to tune
    if obj is None:
        note(f"tune/{e.id}/{seed}", "no tune tasks: " + NOT_TUNABLE[e.id])
        return
    rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(e.id.encode()), *salt]))
    batches = [b for b in e.sample(rng, pool) if b.size > 0]
    batches = [b for b in batches if all(0 not in q.shape[1:] for q in b.data.values())]
    if not batches:
        return
    keys = list(batches[0].data)
    tun = tuple(k for k in keys if k in obj.keys)
    if set(tun) != set(obj.keys):
        note(f"tune/{e.id}/{seed}", f"the objective's keys {obj.keys} are not all instance keys {keys}")
        return
    small = [(bi, i) for bi, b in enumerate(batches) if _leaves(b) <= TUNE_MAX_LEAVES for i in range(b.size)]
    if not small:
        least = min(_leaves(b) for b in batches)
        small = [(bi, i) for bi, b in enumerate(batches) if _leaves(b) == least for i in range(b.size)]
    dom = entry_domain(e)
    for k in rng.permutation(len(small)).tolist():
        bi, i = small[k]
        b = batches[bi]
        inst = b.instance(i)
        fixed = {k2: v for k2, v in inst.items() if k2 not in tun}
        if obj.diversify is not None:
            fixed = obj.diversify(fixed, rng)
        content = json.dumps(fixed, sort_keys=True)
        if content in seen:
            continue
        seen.add(content)
        exact_inst = _exact({k2: (fixed[k2] if k2 in fixed else inst[k2]) for k2 in keys})
        weak = [h.name for h in e.hypotheses if domains.sampled_only(e, h) and _reads(e, h, exact_inst, tun)]
        if weak:
            note(f"tune/{e.id}/{seed}", f"hypotheses {weak} are only sampled checks and depend on "
                                        f"{', '.join(tun)}, so an answer could satisfy them falsely")
            return
        try:
            opt = obj.optimum(exact_inst)
        except (ArithmeticError, ValueError, ZeroDivisionError):
            opt = None
        if opt is None:
            continue
        shapes = {k2: list(shape_of(inst[k2])) for k2 in tun}
        tid = make_id(fixed, shapes)
        task = tune_task(e, fixed, shapes, keys, dom, opt.attained, tid, seed)
        ref = {k2: _str_tree(opt.argopt[k2]) for k2 in tun}
        v = grade(task, json.dumps(ref))
        if v.status != "valid":
            note(tid, f"the optimum's hyperparameters are not accepted: {v.status}: {v.reason}")
            continue
        policy = solved_by(task, refs)
        refs.append(ref)
        if policy is not None:
            continue
        yield task, ref


# -- public ----------------------------------------------------------------------------------------
#: How many tune seeds a process keeps generated at once (the oldest is dropped first): a server that resolves
#: ``tune/<entry>/<seed>-<k>`` ids for any seed a client names must not grow without bound.
MAX_CACHED_TUNE_SEEDS = 8


def _all(family: str, seed: int) -> list[Task]:
    key = (family, seed if family == "tune" else 0)
    if key not in _TASKS:
        if family == "prove":
            _TASKS[key] = _prove_tasks()
        elif family == "refute":
            _TASKS[key] = _refute_tasks()
        else:
            tune_keys = [k for k in _TASKS if k[0] == "tune"]  # insertion order: oldest first
            for old in tune_keys[: max(0, len(tune_keys) - MAX_CACHED_TUNE_SEEDS + 1)]:
                for t in _TASKS.pop(old):
                    _REFERENCE.pop(t.id, None)
            _TASKS[key] = _tune_tasks(seed)
    return _TASKS[key]


def check_selection(family: str, seed: int, split: str | None) -> None:
    """Raise the error that names what is wrong with a (family, seed, split) selection of tasks."""
    if family not in FAMILIES:
        raise UnknownNameError(f"unknown task family {family!r}; choose one of {', '.join(FAMILIES)}")
    if split is not None and split not in SPLITS:
        raise InvalidArgumentError(f"split={split!r} is not one of {', '.join(SPLITS)}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidArgumentError(f"seed={seed!r} must be a non-negative integer")


def generate(family: str, *, rule: str | None = None, split: str | None = None, seed: int = 0,
             entry_id: str | None = None) -> list[Task]:
    """The tasks of one family, filtered by rule, split and entry id (shared per process: do not mutate)."""
    check_selection(family, seed, split)
    selected = entries_for(rule=rule, entry_id=entry_id)
    ids = {e.id for e in selected}
    return [t for t in _all(family, int(seed))
            if t.entry_id in ids and (split is None or t.split == split)]


def get_task(task_id: str) -> Task:
    """The task with this id (tune ids carry their seed: ``tune/<entry>/<seed>-<k>``)."""
    if not isinstance(task_id, str) or "/" not in task_id:
        raise UnknownNameError(f"task id {task_id!r} is malformed; ids look like prove/<entry>, "
                               "refute/<entry>/<hypothesis> or tune/<entry>/<seed>-<k>")
    if task_id in _INDEX:
        return _INDEX[task_id]
    family, _, rest = task_id.partition("/")
    from .stream import is_content_id

    if is_content_id(task_id):
        raise UnknownNameError(
            f"task {task_id!r} has a content-hashed id (a task from `pyverify tasks export --count` or "
            "pyverify.tasks.stream) and is not known in this process; grade the task object itself "
            "(grade(Task.from_json(obj), answer), or send the object to check_one/check_batch/the server, which "
            "bind it by rebuilding it from its content), serve the exported file (LearningRulesEnv(tasks=path)), or make "
            "this process generate it again with stream(..., seed=<its seed>, keep=True)")
    seed = 0
    if family == "tune":
        tail = rest.rpartition("/")[2]
        try:
            seed = int(tail.partition("-")[0])
        except ValueError:
            raise UnknownNameError(f"task id {task_id!r}: a tune id ends in /<seed>-<k>") from None
        if seed < 0:
            raise UnknownNameError(f"task id {task_id!r}: the seed must be non-negative")
    if family not in FAMILIES:
        raise UnknownNameError(f"task id {task_id!r}: unknown family {family!r}; choose one of {', '.join(FAMILIES)}")
    for t in _all(family, seed):
        if t.id == task_id:
            return t
    why = _SKIPPED.get(task_id)
    raise UnknownNameError(f"no task {task_id!r}" + (f" (skipped: {why})" if why else "")
                           + "; run `pyverify tasks list --family " + family + "` to see the ids")


def reference_answer(task: Task | str) -> Any:
    """A known-correct answer for a refute or tune task (regenerated in this process if needed)."""
    tid = task if isinstance(task, str) else task.id
    if tid not in _REFERENCE:
        get_task(tid)
    if tid not in _REFERENCE:
        raise UnknownNameError(f"no reference answer for {tid!r} (prove tasks have their reference proof in proofs/)")
    return json.loads(json.dumps(_REFERENCE[tid]))


def index_task(task: Task, reference: Any = None) -> None:
    """Make `get_task` (and, with a `reference`, `reference_answer`) find `task` in this process."""
    _INDEX[task.id] = task
    if reference is not None:
        _REFERENCE[task.id] = json.loads(json.dumps(reference))


def skipped() -> dict[str, str]:
    """Tasks not generated in this process so far, with the reason (for diagnostics)."""
    return dict(_SKIPPED)


def entry_of(task: Task) -> Entry:
    return get_entry(task.entry_id)
