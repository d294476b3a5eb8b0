"""refute and tune grading: correct answers earn 1; wrong, malformed or out-of-range ones earn 0 with a reason.

Property tests draw tasks from the live catalog (whatever entries exist) and answers from hypothesis
strategies; the grader must never raise.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyverify.tasks import Task, generate, grade, reference_answer, skipped
from pyverify.tasks.answers import MAX_ANSWER_CHARS, MAX_DIGITS

REFUTE = generate("refute")
TUNE = generate("tune")
NUMERIC = REFUTE + TUNE
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ok(v: Any) -> bool:
    return v.status == "valid" and v.reward == 1.0


def _zero(v: Any, *words: str) -> None:
    assert v.reward == 0.0 and v.status == "invalid", v
    assert v.reason, v
    for w in words:
        assert w.lower() in v.reason.lower(), (w, v.reason)


def test_catalog_yields_numeric_tasks() -> None:
    assert len(REFUTE) >= 3 and len(TUNE) >= 3
    assert {t.family for t in REFUTE} == {"refute"} and {t.family for t in TUNE} == {"tune"}


@pytest.mark.parametrize("task", NUMERIC, ids=lambda t: t.id)
def test_reference_answer_earns_one(task: Task) -> None:
    v = grade(task, json.dumps(reference_answer(task)))
    assert _ok(v), v
    if task.family == "tune":
        assert v.backed_by == task.lean_proof  # the theorem that backs the reward
    # the same through the JSON task form (as the stdio server and batch workers see it)
    assert _ok(grade(task.to_json(), json.dumps(reference_answer(task))))


@given(st.sampled_from(NUMERIC), st.data())
@SETTINGS
def test_changing_one_number_never_raises_and_is_judged_exactly(task: Task, data: st.DataObject) -> None:
    ref = reference_answer(task)
    key = data.draw(st.sampled_from(sorted(ref)))
    num = data.draw(st.integers(-10**6, 10**6))
    den = data.draw(st.integers(1, 10**6))

    def put(v: Any) -> Any:
        return [put(v[0]), *v[1:]] if isinstance(v, list) and v else (v if isinstance(v, list) else f"{num}/{den}")

    v = grade(task, json.dumps({**ref, key: put(ref[key])}))
    assert v.status in ("valid", "invalid"), v
    assert v.reward in (0.0, 1.0) and (v.reward == 1.0) == (v.status == "valid")
    if v.status == "invalid":
        assert v.reason


@given(st.sampled_from(NUMERIC), st.sampled_from(["NaN", "Infinity", "-Infinity"]))
@SETTINGS
def test_nan_and_infinity_are_invalid(task: Task, const: str) -> None:
    ref = reference_answer(task)
    key = sorted(ref)[0]
    text = json.dumps({**ref, key: "@"}).replace('"@"', const)
    _zero(grade(task, text), "not allowed")
    _zero(grade(task, json.dumps({**ref, key: const.lower()})))  # as a string it is no rational either


@given(st.sampled_from(NUMERIC), st.integers(MAX_DIGITS + 1, 5000))
@SETTINGS
def test_huge_integers_are_invalid(task: Task, digits: int) -> None:
    ref = reference_answer(task)
    key = sorted(ref)[0]
    big = "9" * digits

    def put(v: Any, leaf: str) -> Any:
        return [put(v[0], leaf), *v[1:]] if isinstance(v, list) and v else leaf

    _zero(grade(task, json.dumps({**ref, key: put(ref[key], big)})), "digits")
    _zero(grade(task, json.dumps({**ref, key: put(ref[key], "1/" + big)})), "digits")
    bare = json.dumps({**ref, key: put(ref[key], "@")}).replace('"@"', big)
    _zero(grade(task, bare), "JSON number")


def test_a_million_digit_answer_is_rejected_cheaply() -> None:
    task = TUNE[0]
    _zero(grade(task, '{"x": "' + "1" * 10**6 + '"}'), str(MAX_ANSWER_CHARS))


@given(st.sampled_from(NUMERIC), st.one_of(st.text(max_size=40), st.binary(max_size=40),
                                          st.sampled_from(["", "{", "[]", "null", "1", '"x"', "{]", "[" * 5000])))
@SETTINGS
def test_garbage_is_invalid(task: Task, junk: Any) -> None:
    v = grade(task, junk)
    assert v.status == "invalid" and v.reward == 0.0 and v.reason


@given(st.sampled_from(NUMERIC), st.data())
@SETTINGS
def test_wrong_shapes_and_keys_are_invalid(task: Task, data: st.DataObject) -> None:
    ref = reference_answer(task)
    key = data.draw(st.sampled_from(sorted(ref)))
    how = data.draw(st.sampled_from(["drop", "extra", "wrap", "unwrap", "longer"]))
    bad = dict(ref)
    if how == "drop":
        del bad[key]
        words: tuple[str, ...] = ("missing",)
    elif how == "extra":
        bad["zz_extra"] = "1"
        words = ("unexpected",)
    elif how == "wrap":
        bad[key] = [ref[key]]
        words = ()
    elif how == "unwrap":
        bad[key] = "1" if isinstance(ref[key], list) else ["1"]
        words = ()
    else:
        bad[key] = ref[key] + [ref[key][-1]] if isinstance(ref[key], list) else [ref[key], ref[key]]
        words = ()
    _zero(grade(task, json.dumps(bad)), *words)


@pytest.mark.parametrize("value", [0.5, 1, True, None, {"p": 1}, "1e3", " 1", "1/0", "0x10", "1.5e2", "½", "--1"])
def test_non_rational_leaves_are_invalid(value: Any) -> None:
    task = TUNE[0]
    ref = reference_answer(task)
    key = sorted(ref)[0]

    def put(v: Any) -> Any:
        return [put(v[0]), *v[1:]] if isinstance(v, list) and v else value

    _zero(grade(task, json.dumps({**ref, key: put(ref[key])})))


def _exact_decimal(v: str) -> str | None:
    """The exact decimal string of the rational `v` ("p/q" or an integer), or None when q has a prime factor
    other than 2 and 5 (no finite decimal)."""
    from fractions import Fraction

    fr = Fraction(v)
    q, twos, fives = fr.denominator, 0, 0
    while q % 2 == 0:
        q, twos = q // 2, twos + 1
    while q % 5 == 0:
        q, fives = q // 5, fives + 1
    if q != 1:
        return None
    digits = max(twos, fives)
    scaled = fr * 10**digits
    assert scaled.denominator == 1
    sign, n = ("-" if scaled < 0 else ""), abs(scaled.numerator)
    whole, frac = divmod(n, 10**digits) if digits else (n, 0)
    return f"{sign}{whole}" + (f".{frac:0{digits}d}" if digits else "")


def test_decimal_strings_are_exact() -> None:
    """"0.5" is exactly 1/2: a tune answer written as its exact decimal grades like the fraction."""
    from fractions import Fraction

    checked = 0
    for task in TUNE:
        ref = reference_answer(task)
        dec = {k: _exact_decimal(v) if isinstance(v, str) else None for k, v in ref.items()}
        if any(d is None for d in dec.values()):
            continue
        assert all(Fraction(str(d)) == Fraction(v) for d, v in zip(dec.values(), ref.values()))
        assert _ok(grade(task, json.dumps(dec))), (ref, dec)
        checked += 1
    assert checked >= 1, "no tune reference with a finite decimal form: build one for this test"


def test_refute_violating_a_remaining_hypothesis_names_it() -> None:
    """Scaling a counterexample is judged again from scratch; a failed hypothesis is named in the reason."""
    seen = 0
    for task in REFUTE:
        for h in task.payload["remaining"]:
            # the reference itself holds every remaining hypothesis
            assert _ok(grade(task, json.dumps(reference_answer(task))))
        v = grade(task, json.dumps({k: _neg(v) for k, v in reference_answer(task).items()}))
        if v.status == "invalid" and "hypothesis" in v.reason:
            assert any(repr(h["name"]) in v.reason for h in task.payload["remaining"])
            seen += 1
    assert seen >= 1


def _neg(v: Any) -> Any:
    if isinstance(v, list):
        return [_neg(x) for x in v]
    return v[1:] if v.startswith("-") else ("-" + v if v != "0" else "-1")


def test_tune_out_of_range_hyperparameter_is_invalid_and_names_a_hypothesis() -> None:
    hits = 0
    for task in TUNE:
        for probe in ("0", "-1", "1000000"):
            bad = {k: _fill(s, probe) for k, s in task.payload["tunable"].items()}
            v = grade(task, json.dumps(bad))
            assert v.status in ("valid", "invalid"), v
            if v.status == "invalid":
                assert "hypothesis" in v.reason or "domain" in v.reason
                hits += 1
    assert hits >= len(TUNE)  # generation drops tasks where every probe is accepted


def _fill(shape: list[int], leaf: str) -> Any:
    return leaf if not shape else [_fill(shape[1:], leaf) for _ in range(shape[0])]


def test_malformed_task_is_invalid_not_an_exception() -> None:
    assert grade({"id": "x"}, "{}").status == "invalid"
    assert grade(42, "{}").status == "invalid"
    t = TUNE[0].to_json()
    t["payload"] = {"broken": True}
    v = grade(t, json.dumps(reference_answer(TUNE[0])))
    assert v.status == "internal_error" and v.reward == 0.0


def test_strengthened_hypothesis_rejects_non_symmetric_curvature() -> None:
    """Gradient descent's `smooth` is graded in full: an asymmetric A is refused even if the sampled check holds."""
    from pyverify.tasks.families import open_refute_task

    opened = [open_refute_task(t.entry_id, t.payload["dropped"]["name"]) for t in REFUTE
              if t.rule == "gradient_descent" and any(h["name"] == "smooth" for h in t.payload["remaining"])]
    opened.sort(key=lambda tr: tr[0].payload["variables"].get("A") != [2, 2])
    if not opened:
        pytest.skip("no gradient-descent refute task keeps `smooth` in this catalog")
    from pyverify.tasks.domains import exact_psd, exact_symmetric
    import numpy as np
    import flint

    M = np.array([[flint.fmpq(1), flint.fmpq(2)], [flint.fmpq(0), flint.fmpq(1)]], dtype=object)
    assert not exact_symmetric(M)
    assert exact_psd(np.array([[flint.fmpq(2), flint.fmpq(1)], [flint.fmpq(1), flint.fmpq(1)]], dtype=object))
    assert not exact_psd(np.array([[flint.fmpq(1), flint.fmpq(2)], [flint.fmpq(2), flint.fmpq(1)]], dtype=object))
    task, ref = opened[0]
    n = task.payload["variables"]["A"][0]
    bad = dict(ref)
    bad["A"] = [["1" if i == j else ("5" if j > i else "0") for j in range(n)] for i in range(n)]
    v = grade(task, json.dumps(bad))
    if n > 1:
        _zero(v, "symmetric")
    bad = dict(ref)
    bad["L"] = "-1"
    _zero(grade(task, json.dumps(bad)), "smooth")


@pytest.mark.parametrize(("task_id", "change", "hypothesis"), [
    # full checks as the catalog states them (`Hypothesis.sampled` False):
    # (C + Cᵀ)/2 = M Mᵀ fails for M = 7 when C = 1
    ("refute/hebbian.increaseC/eta_pos", {"M": [["7"]]}, "psd"),
    # (1/m) Σ ξ ξᵀ = c I fails for the directions {1, 2} with c = 1
    ("refute/perturbation.mean_two_point/sigma_ne_zero", {"dirs": [["1"], ["2"]]}, "second_moment"),
    # the symmetric part of W₂ B = -1 is not ≥ α for any α > 0
    ("refute/feedback_alignment.improves/step_pos", {"B": [["-1"]]}, "alignment"),
    # sampled hypotheses graded by their full form (`domains.STRENGTHEN`):
    # IsLSmooth of Lnew = ½⟪w, A w⟫ - ⟪b, w⟫ with A = 1 needs L ≥ 1
    ("refute/ewc.improves/lam_nonneg", {"L": "1/2"}, "smooth"),
    # CurvatureBound with W = 1, lam = 1/2 needs L ≥ 3/2
    ("refute/predictive_coding.energy_decrease/step_pos", {"L": "1"}, "curvature"),
    # QuadBound A L with A = 1 needs L ≥ 1
    ("refute/quadratic.improves/step_pos", {"L": "1/2"}, "quad_bound"),
    # F = ½⟪w, diag(2, 9) w⟫ - ⟪(-8, 1), w⟫ has infimum -289/18, so F* = -16 is no lower bound
    ("refute/gradient_descent.pl_rate/step_pos", {"Fstar": "-16"}, "lower"),
    # ... and satisfies PL only for μ ≤ λ_min = 2
    ("refute/gradient_descent.pl_rate/step_pos", {"mu": "3"}, "pl"),
    # the six sample curvatures average 7/3, so A = 2 makes meanGrad something other than F's gradient
    ("refute/sgd.expected_improves/step_pos", {"A": [["2"]]}, "smooth"),
])
def test_trusted_hypotheses_are_enforced_on_every_key(task_id: str, change: dict[str, Any], hypothesis: str) -> None:
    """Hypotheses decided in full on an agent's instance (an exact check, or a registered full form of a
    sampled one) are enforced by grading, on a refute task that asks for the whole instance (served tasks
    give part of it; this one opens every key to the change)."""
    from pyverify.tasks.families import open_refute_task

    _, entry_id, hyp = task_id.split("/")
    task, ref = open_refute_task(entry_id, hyp)
    assert _ok(grade(task, json.dumps(ref)))
    _zero(grade(task, json.dumps({**ref, **change})), hypothesis)


def test_sampled_hypotheses_say_where_they_are_checked() -> None:
    """`sampled=True` marks a check at chosen points only; its text must say where ("checked along …")."""
    from pyverify.catalog import catalog, get_entry
    from pyverify.tasks.domains import sampled_only

    sampled = [(e, h) for e in catalog() for h in e.hypotheses if h.sampled]
    assert sampled
    for e, h in sampled:
        assert "checked" in h.text, (e.id, h.name, h.text)
        assert not sampled_only(e, h), f"{e.id}: {h.name} has no full form in domains.STRENGTHEN"  # as AGENTS.md says
    # and a refute task never keeps one that has no full form
    for task in REFUTE:
        entry = get_entry(task.entry_id)
        kept = {h["name"] for h in task.payload["remaining"]}
        assert not [h.name for h in entry.hypotheses if h.name in kept and sampled_only(entry, h)], task.id


def test_every_necessity_counterexample_is_genuine_under_the_full_checks() -> None:
    """A counterexample from `check_necessity` must satisfy the remaining hypotheses in full, not only the
    catalog's sampled checks: otherwise the necessity table claims a hypothesis is needed when it is not
    (perturbation.expected_improves once listed `symm`, which its full smoothness hypothesis implies)."""
    generate("refute")
    refused = {k: v for k, v in skipped().items() if "not accepted by the grader" in v}
    assert refused == {}


def test_quadratic_form_checks_use_the_symmetric_part() -> None:
    """The full checks decide `∀ x` statements about ⟪x, A x⟫, which only see (A + Aᵀ)/2."""
    import flint
    import numpy as np

    from pyverify.tasks.domains import curvature_bound, quad_form_bound

    def arr(rows: list[list[int]]) -> Any:  # one instance: a batch of one matrix
        return np.array([[[flint.fmpq(v) for v in r] for r in rows]], dtype=object)

    def num(v: Any) -> Any:
        return np.array([flint.fmpq(v)], dtype=object)

    psd, bound = quad_form_bound("A"), quad_form_bound("A", "L")
    assert psd({"A": arr([[0, 1], [-1, 0]])}) is None  # skew: ⟪x, A x⟫ = 0 for every x
    assert psd({"A": arr([[1, 3], [0, 1]])}) is not None  # symmetric part [[1, 3/2], [3/2, 1]] is indefinite
    assert bound({"A": arr([[2, 0], [0, 1]]), "L": num(2)}) is None
    assert bound({"A": arr([[2, 0], [0, 1]]), "L": num(flint.fmpq(3, 2))}) is not None
    assert bound({"A": arr([[1, 2], [0, 1]]), "L": num(2)}) is None  # eigenvalues of the symmetric part: 0, 2
    curv = curvature_bound("W", "lam", "L")
    W = arr([[1, 1]])  # WᵀW has eigenvalues 0 and 2
    assert curv({"W": W, "lam": num(1), "L": num(3)}) is None
    assert curv({"W": W, "lam": num(1), "L": num(flint.fmpq(29, 10))}) is not None


def test_lower_pl_and_sgd_smoothness_are_decided_exactly() -> None:
    """The bordered-matrix test decides `∀ w, q(w) ≥ 0` for a quadratic q, including unbounded ones."""
    import flint
    import numpy as np

    from pyverify.tasks.domains import quadratic_lower, quadratic_pl, sgd_smooth

    def q(value: Any) -> Any:  # a batch of one instance of rationals, any shape
        return np.vectorize(flint.fmpq, otypes=[object])(np.array([value], dtype=object))

    def one(v: Any) -> Any:
        return np.array([flint.fmpq(v)], dtype=object)

    lower = quadratic_lower()
    half_square = {"A": q([[1]]), "b": q([0])}  # F w = w²/2, infimum 0
    assert lower({**half_square, "Fstar": one(0)}) is None
    assert lower({**half_square, "Fstar": one(flint.fmpq(1, 100))}) is not None
    assert lower({"A": q([[0]]), "b": q([1]), "Fstar": one(-10**6)}) is not None  # F w = -w: unbounded below
    assert lower({"A": q([[0]]), "b": q([0]), "Fstar": one(0)}) is None  # F = 0
    pl = quadratic_pl()
    square = {"A": q([[2]]), "b": q([0]), "Fstar": one(0)}  # F w = w², ⟪∇F, ∇F⟫ = 4w²
    assert pl({**square, "mu": one(2)}) is None
    assert pl({**square, "mu": one(flint.fmpq(5, 2))}) is not None
    smooth = sgd_smooth()
    two = {"As": q([[[2]], [[4]]]), "bs": q([[1], [3]]), "b": q([2])}  # sample means 3 and 2
    assert smooth({**two, "A": q([[3]]), "L": one(3)}) is None
    assert smooth({**two, "A": q([[3]]), "L": one(2)}) is not None
    assert smooth({**two, "A": q([[2]]), "L": one(5)}) is not None


@pytest.mark.parametrize("family, rule", [("tune", "gradient_descent"), ("tune", "sgd"),
                                          ("refute", "gradient_descent"), ("refute", "sgd")])
def test_a_verdict_does_not_depend_on_answers_graded_before(family: str, rule: str) -> None:
    """Regression: trajectory caches keyed by the id of a fresh instance dict (and checked against the shared
    w₀) served a stale trajectory, computed for another answer's η, once the dict's id was reused: the
    reference answer's neighbour then came back `internal_error`. A verdict must be a function of (task,
    answer) alone."""
    from pyverify.tasks.budget import adversarial_answers

    tasks = generate(family, rule=rule)
    assert tasks, f"no {family} tasks for {rule}"
    for t in tasks:
        answers = [*adversarial_answers(t.to_json()), json.dumps(reference_answer(t))]
        shared = [grade(t, a) for a in answers]  # one Task object, graded in sequence
        fresh = [grade(t.to_json(), a) for a in reversed(answers)][::-1]  # a fresh task per answer, other order
        assert [(v.status, v.reason) for v in shared] == [(v.status, v.reason) for v in fresh], t.id
        assert shared[-1].reward == 1.0, (t.id, shared[-1].reason)
        assert not any(v.status == "internal_error" for v in shared), t.id
