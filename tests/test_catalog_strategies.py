"""Every catalog entry's hypothesis strategy yields instances that satisfy its hypotheses, and the
conclusion holds on them: exactly (python-flint fmpq) where the entry is rational, in float64 otherwise."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyverify.catalog import Batch, Entry, catalog
from pyverify.checking import evaluate
from pyverify.backend import get_backend

ENTRIES = catalog()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_strategy_instances_satisfy_hypotheses_and_conclusion(entry: Entry, data: st.DataObject) -> None:
    batch: Batch = data.draw(entry.strategy())
    assert batch.size == 1
    bk = get_backend("exact" if entry.exact else "float64")
    inst = batch.to(bk)
    tol = entry.tolerance
    for h in entry.hypotheses:
        holds, _ = evaluate(h.relations(inst, bk), bk, tol, 1)
        assert bool(holds[0]), (h.name, batch.instance(0))
    holds, margin = evaluate(entry.conclusion(inst, bk), bk, tol, 1)
    assert bool(holds[0]) and margin[0] >= 0, batch.instance(0)


@settings(max_examples=1, deadline=None)
@given(data=st.data())
def test_necessity_strategy_rejects_unknown_hypothesis_names(data: st.DataObject) -> None:
    from pyverify.errors import InvalidArgumentError
    from pyverify.strategies import entry_instances

    with pytest.raises(InvalidArgumentError, match="no necessity sampler"):
        data.draw(entry_instances(ENTRIES[0], necessity="no_such_hypothesis"))
