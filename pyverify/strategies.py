"""Hypothesis strategies for the catalog: single instances that satisfy an entry's hypotheses.

Each strategy draws from the entry's own batched sampler (so it hits the same edge regions) and
shrinks towards the first instance of the simplest batch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from .catalog import Batch, Entry
from .errors import InvalidArgumentError

__all__ = ["entry_instances", "seeds"]


def seeds() -> st.SearchStrategy[int]:
    """Seeds for the numpy generator behind every sampler."""
    return st.integers(min_value=0, max_value=2**32 - 1)


@st.composite
def entry_instances(draw: Any, entry: Entry, *, necessity: str | None = None) -> Batch:
    """One instance (a size-1 `Batch`) of `entry`, or of its relaxed sampler for `necessity`."""
    if necessity is not None and necessity not in entry.necessity:
        raise InvalidArgumentError(
            f"entry {entry.id} has no necessity sampler for {necessity!r}; "
            f"choose one of {sorted(entry.necessity)}"
        )
    sampler = entry.sample if necessity is None else entry.necessity[necessity]
    seed = draw(seeds())
    batches = [b for b in sampler(np.random.default_rng(seed), 8) if b.size > 0]
    if not batches:
        raise InvalidArgumentError(f"sampler of {entry.id} produced no instances")
    b = batches[draw(st.integers(0, len(batches) - 1))]
    i = draw(st.integers(0, b.size - 1))
    return b.take(slice(i, i + 1))
