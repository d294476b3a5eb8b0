import LearningRules.Learning

/-!
# Tabular TD(0), expected update

Temporal-difference learning (Sutton 1988) estimates the value `V : Vec K n` of the states `Fin n`
of a Markov reward process with rewards `r`, discount `γ` and transition matrix `P`. The TD(0)
update moves each value towards its one-step bootstrapped target; in expectation over the next
state this is the update `V ← V + α (T V - V)` with the Bellman operator `T V = r + γ P V`. For a
row-stochastic `P` and `0 ≤ γ < 1`, `T` is a `γ`-contraction in the max norm, and the expected
TD(0) update is a `(1 - α (1 - γ))`-contraction towards the fixed point `Vstar = T Vstar`.

## Main definitions

* `LearningRules.TD0.bellman r γ P V` : the Bellman operator `r + γ • P V`, argument order
  `(r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n)`.
* `LearningRules.TD0.step α r γ P V` : the expected TD(0) update `V + α • (bellman r γ P V - V)`,
  argument order `(α : K) (r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n)`.
* `LearningRules.TD0.RowStochastic P` : nonnegative entries and rows summing to `1`.
* `LearningRules.TD0.SupBound v e` : the max-norm bound `-e ≤ v i ≤ e` for every `i`, written
  without absolute values.

## Main statements

* `bellman_contraction_spec` (bound): for row-stochastic `P` and `0 ≤ γ`, if `V - U` is bounded by
  `e` in max norm then `bellman V - bellman U` is bounded by `γ * e`.
* `step_contraction_spec` (convergence): for `0 < α ≤ 1`, `0 ≤ γ < 1`, row-stochastic `P` and a
  fixed point `Vstar`, one update shrinks the max-norm bound on `V - Vstar` from `e` to
  `(1 - α (1 - γ)) * e`.
* `linear_rate_spec` (convergence): after `k` updates the bound is `(1 - α (1 - γ)) ^ k * e`, a
  linear rate towards `Vstar`.

## Implementation notes

This is the synchronous, expected form of tabular TD(0) (every state updated with its expected
target), the deterministic skeleton of the stochastic-approximation analysis. The max norm is
replaced by the predicate `SupBound`, so that no absolute value or maximum is needed.

## References

* R. S. Sutton, *Learning to predict by the methods of temporal differences*, Machine Learning 3,
  1988.
* R. S. Sutton and A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed., 2018, ch. 4, 6.
-/

namespace LearningRules.TD0

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The Bellman operator `r + γ • P V` of rewards `r`, discount `γ` and transitions `P`. -/
def bellman (r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n) : Vec K n :=
  r + γ • Mat.mulVec P V

/-- The expected TD(0) update `V + α • (bellman r γ P V - V)` with step size `α`. -/
def step (α : K) (r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n) : Vec K n :=
  V + α • (bellman r γ P V - V)

/-- A row-stochastic matrix: nonnegative entries, every row summing to `1`. -/
structure RowStochastic (P : Mat K n n) : Prop where
  /-- Every entry is nonnegative. -/
  nonneg : ∀ i j, 0 ≤ P i j
  /-- Every row sums to `1`. -/
  row_sum : ∀ i, Vec.finSum n (P i) = 1

/-- The max-norm bound `‖v‖∞ ≤ e`, written `-e ≤ v i ∧ v i ≤ e` for every coordinate. -/
def SupBound (v : Vec K n) (e : K) : Prop := ∀ i, -e ≤ v i ∧ v i ≤ e

/-- The Bellman operator is a `γ`-contraction in max norm: for row-stochastic `P` and `0 ≤ γ`,
`SupBound (V - U) e → SupBound (bellman V - bellman U) (γ * e)`. -/
def bellman_contraction_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (r : Vec K n) (γ : K) (P : Mat K n n) (V U : Vec K n)
    (e : K),
    RowStochastic P → 0 ≤ γ → SupBound (V - U) e →
      SupBound (bellman r γ P V - bellman r γ P U) (γ * e)

/-- One expected TD(0) update contracts towards the fixed point: for `0 < α ≤ 1`, `0 ≤ γ < 1`,
row-stochastic `P` and `bellman r γ P Vstar = Vstar`,
`SupBound (V - Vstar) e → SupBound (step α r γ P V - Vstar) ((1 - α * (1 - γ)) * e)`. -/
def step_contraction_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (α : K) (r : Vec K n) (γ : K) (P : Mat K n n)
    (V Vstar : Vec K n) (e : K),
    0 < α → α ≤ 1 → 0 ≤ γ → γ < 1 → RowStochastic P → bellman r γ P Vstar = Vstar →
      SupBound (V - Vstar) e → SupBound (step α r γ P V - Vstar) ((1 - α * (1 - γ)) * e)

/-- Linear rate of expected TD(0): under the hypotheses of `step_contraction_spec`, after `k`
updates `SupBound (iterate (step α r γ P) k V - Vstar) ((1 - α * (1 - γ)) ^ k * e)`. -/
def linear_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (α : K) (r : Vec K n) (γ : K) (P : Mat K n n)
    (V Vstar : Vec K n) (e : K),
    0 < α → α ≤ 1 → 0 ≤ γ → γ < 1 → RowStochastic P → bellman r γ P Vstar = Vstar →
      SupBound (V - Vstar) e →
      ∀ k : Nat, SupBound (iterate (step α r γ P) k V - Vstar) ((1 - α * (1 - γ)) ^ k * e)

end LearningRules.TD0
