import LearningRules.Learning

/-!
# Tabular TD(0): the sampled update, its expectation, and the expected update

Temporal-difference learning (Sutton 1988) estimates the value `V : Vec K n` of the states `Fin n`
of a Markov reward process with rewards `r`, discount `γ` and transition matrix `P`. Sutton's TD(0)
observes one transition `s → s'` with reward `r s` and updates only the visited state,
`V(s) ← V(s) + α (r s + γ V(s') - V(s))` (`sampledStep`). Averaged exactly over `s ~ d` and
`s' ~ P(s, ·)` this is the `d`-weighted expected update `V + α D (T V - V)` with `D = diag d` and the
Bellman operator `T V = r + γ P V` (`sampled_expectation_spec`).

The definition `step` is a different, deterministic object: the *synchronous* expected update
`V ← V + α (T V - V)`, every state moved at once by its expected target (damped value iteration;
the `d`-weighted update with `d` replaced by the all-ones vector). For a row-stochastic `P` and
`0 ≤ γ`, `T` is a `γ`-Lipschitz map in the max norm, and `step` shrinks the max-norm distance to a
fixed point `Vstar = T Vstar` by the factor `1 - α (1 - γ)`, which is below `1` (a contraction)
exactly when `γ < 1` (for `α > 0`).

## Main definitions

* `LearningRules.TD0.bellman r γ P V` : the Bellman operator `r + γ • P V`, argument order
  `(r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n)`.
* `LearningRules.TD0.step α r γ P V` : the synchronous expected update
  `V + α • (bellman r γ P V - V)` (damped value iteration), argument order
  `(α : K) (r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n)`.
* `LearningRules.TD0.sampledStep α rew γ s s' V` : Sutton's sampled TD(0) update after the
  transition `s → s'` with reward `rew`, argument order `(α rew γ : K) (s s' : Fin n) (V : Vec K n)`.
* `LearningRules.TD0.expectedSampledStep α d r γ P V` : the exact average of
  `sampledStep α (r s) γ s s' V` over `s ~ d`, `s' ~ P(s, ·)`.
* `LearningRules.TD0.weightedStep α d r γ P V` : the `d`-weighted expected update
  `V + α D (bellman r γ P V - V)`.
* `LearningRules.TD0.RowStochastic P` : nonnegative entries and rows summing to `1`.
* `LearningRules.TD0.Stationary d P` : `dᵀ P = dᵀ`.
* `LearningRules.TD0.diagMul d v` : `D v` with `D = diag d`; `LearningRules.TD0.dNormSq d v` : the
  weighted squared norm `‖v‖²_D = ⟪v, D v⟫ = Σ_i d i * v i ^ 2`.
* `LearningRules.TD0.tdMat d γ P` : the matrix `D (γ P - I)`.
* `LearningRules.TD0.linA Φ d γ P`, `LearningRules.TD0.linB Φ d r` : linear TD(0) with features
  `Φ : Mat K n k`, `A = Φᵀ D (γ P - I) Φ` and `b = Φᵀ D r`;
  `LearningRules.TD0.linStep α Φ d r γ P θ` : the expected step `θ + α (A θ + b)`.
* `LearningRules.TD0.SupBound v e` : the max-norm bound `-e ≤ v i ≤ e` for every `i`, written
  without absolute values.

## Main statements

* `sampled_expectation_spec` (identity): for `Σ d = 1` and rows of `P` summing to `1`, the exact
  expectation of the sampled TD(0) update is the `d`-weighted expected update.
* `stationary_nonexpansive_spec` (bound): for row-stochastic `P` and a stationary `d ≥ 0`,
  `‖P v‖²_D ≤ ‖v‖²_D`.
* `key_lemma_spec` (bound): under the same hypotheses and `0 ≤ γ`,
  `⟪v, D (γ P - I) v⟫ ≤ -(1 - γ) ‖v‖²_D` (Tsitsiklis and Van Roy, 1997).
* `linear_negdef_spec` (bound): for `0 ≤ γ < 1` and a stationary `d > 0`, `⟪θ, A θ⟫ < 0` whenever
  `Φ θ ≠ 0`.
* `linear_toward_fixed_point_spec` (improvement): at a TD fixed point `A θstar + b = 0`, the
  expected linear TD(0) step from `θ` has a negative component along `θ - θstar`.
* `bellman_contraction_spec` (bound): for row-stochastic `P` and `0 ≤ γ`, if `V - U` is bounded by
  `e` in max norm then `bellman V - bellman U` is bounded by `γ * e`.
* `step_contraction_spec` (convergence): for `0 < α ≤ 1`, `0 ≤ γ`, row-stochastic `P` and a
  fixed point `Vstar`, one synchronous expected update shrinks the max-norm bound on `V - Vstar`
  from `e` to `(1 - α (1 - γ)) * e`.
* `linear_rate_spec` (convergence): after `k` updates the bound is `(1 - α (1 - γ)) ^ k * e`, a
  linear rate towards `Vstar` when `γ < 1`.

## Implementation notes

Expectations are exact finite averages `Σ_s d s Σ_s' P s s' (…)`, as elsewhere in the library; no
probability theory is needed. The reward of a transition from `s` is `r s`; a random reward with
mean `r s` has the same expectation by linearity. The max norm is replaced by the predicate
`SupBound`, so that no absolute value or maximum is needed. The hypothesis `γ < 1` is not part of
`step_contraction_spec` and `linear_rate_spec`: their bounds hold for every `γ ≥ 0`, and `γ < 1` is
what makes the factor `1 - α (1 - γ)` smaller than `1`.

## References

* R. S. Sutton, *Learning to predict by the methods of temporal differences*, Machine Learning 3,
  1988.
* R. S. Sutton and A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed., 2018, ch. 4, 6.
* J. N. Tsitsiklis and B. Van Roy, *An analysis of temporal-difference learning with function
  approximation*, IEEE Transactions on Automatic Control 42(5), 1997, Lemma 1 and the proof of
  Theorem 1.
-/

namespace LearningRules.TD0

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The Bellman operator `r + γ • P V` of rewards `r`, discount `γ` and transitions `P`. -/
def bellman (r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n) : Vec K n :=
  r + γ • Mat.mulVec P V

/-- The synchronous expected TD(0) update `V + α • (bellman r γ P V - V)` with step size `α`:
every state moves at once towards its expected one-step target (damped value iteration). This is
not Sutton's sampled update (`sampledStep`), which changes one visited state per transition. -/
def step (α : K) (r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n) : Vec K n :=
  V + α • (bellman r γ P V - V)

/-- Sutton's sampled TD(0) update after observing the transition `s → s'` with reward `rew`:
`V(s) ← V(s) + α (rew + γ V(s') - V(s))`; every other state keeps its value. -/
def sampledStep (α rew γ : K) (s s' : Fin n) (V : Vec K n) : Vec K n :=
  fun i => if i = s then V s + α * (rew + γ * V s' - V s) else V i

/-- The expectation of the sampled TD(0) update over `s ~ d`, `s' ~ P(s, ·)` with reward `r s`,
as the exact finite average `Σ_s d s * Σ_s' P s s' * sampledStep α (r s) γ s s' V`. -/
def expectedSampledStep (α : K) (d r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n) :
    Vec K n :=
  fun i => Vec.finSum n (fun s =>
    d s * Vec.finSum n (fun s' => P s s' * sampledStep α (r s) γ s s' V i))

/-- The `d`-weighted expected TD(0) update `V + α D (bellman r γ P V - V)` with `D = diag d`:
state `i` moves by `α * (d i * (bellman r γ P V i - V i))`. -/
def weightedStep (α : K) (d r : Vec K n) (γ : K) (P : Mat K n n) (V : Vec K n) : Vec K n :=
  fun i => V i + α * (d i * (bellman r γ P V i - V i))

/-- A row-stochastic matrix: nonnegative entries, every row summing to `1`. -/
structure RowStochastic (P : Mat K n n) : Prop where
  /-- Every entry is nonnegative. -/
  nonneg : ∀ i j, 0 ≤ P i j
  /-- Every row sums to `1`. -/
  row_sum : ∀ i, Vec.finSum n (P i) = 1

/-- A stationary distribution of `P`: `Σ_i d i * P i j = d j` for every `j`, i.e. `dᵀ P = dᵀ`. -/
def Stationary (d : Vec K n) (P : Mat K n n) : Prop :=
  ∀ j, Vec.finSum n (fun i => d i * P i j) = d j

/-- The diagonal matrix `D = diag d` applied to `v`: `(D v) i = d i * v i`. -/
def diagMul (d v : Vec K n) : Vec K n := fun i => d i * v i

/-- The `d`-weighted squared norm `‖v‖²_D = ⟪v, D v⟫ = Σ_i d i * v i ^ 2` (no square root). -/
def dNormSq (d v : Vec K n) : K := ⟪v, diagMul d v⟫

/-- The matrix `D (γ P - I)` with `D = diag d`: entries `d i * (γ * P i j - I i j)`. -/
def tdMat (d : Vec K n) (γ : K) (P : Mat K n n) : Mat K n n :=
  fun i j => d i * (γ * P i j - Mat.id i j)

/-- The matrix of linear TD(0) with features `Φ` (row `i` the features of state `i`):
`A = Φᵀ D (γ P - I) Φ`. -/
def linA {k : Nat} (Φ : Mat K n k) (d : Vec K n) (γ : K) (P : Mat K n n) : Mat K k k :=
  Mat.mul (Mat.transpose Φ) (Mat.mul (tdMat d γ P) Φ)

/-- The vector of linear TD(0): `b = Φᵀ D r`. -/
def linB {k : Nat} (Φ : Mat K n k) (d r : Vec K n) : Vec K k :=
  Mat.mulVec (Mat.transpose Φ) (diagMul d r)

/-- The expected linear TD(0) step `θ + α (A θ + b)` with `A = linA Φ d γ P` and `b = linB Φ d r`:
the average over `s ~ d`, `s' ~ P(s, ·)` of `θ + α (r s + γ ⟪φ s', θ⟫ - ⟪φ s, θ⟫) φ s`. -/
def linStep {k : Nat} (α : K) (Φ : Mat K n k) (d r : Vec K n) (γ : K) (P : Mat K n n)
    (θ : Vec K k) : Vec K k :=
  θ + α • (Mat.mulVec (linA Φ d γ P) θ + linB Φ d r)

/-- The max-norm bound `‖v‖∞ ≤ e`, written `-e ≤ v i ∧ v i ≤ e` for every coordinate. -/
def SupBound (v : Vec K n) (e : K) : Prop := ∀ i, -e ≤ v i ∧ v i ≤ e

/-- The expectation of Sutton's sampled TD(0) update is the `d`-weighted expected update: if
`Σ_s d s = 1` and every row of `P` sums to `1`, then
`expectedSampledStep α d r γ P V = weightedStep α d r γ P V`, i.e.
`E_{s ~ d, s' ~ P(s, ·)} [sampledStep α (r s) γ s s' V] = V + α D (bellman r γ P V - V)`. -/
def sampled_expectation_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (α : K) (d r : Vec K n) (γ : K) (P : Mat K n n)
    (V : Vec K n),
    Vec.finSum n d = 1 → (∀ i, Vec.finSum n (P i) = 1) →
      expectedSampledStep α d r γ P V = weightedStep α d r γ P V

/-- A row-stochastic `P` does not expand the `d`-weighted norm of a stationary distribution
`d ≥ 0`: `‖P v‖²_D ≤ ‖v‖²_D` (Jensen's inequality `(Σ_j P i j v j)² ≤ Σ_j P i j v j ^ 2` for each
row, then `dᵀ P = dᵀ`). -/
def stationary_nonexpansive_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (d : Vec K n) (P : Mat K n n) (v : Vec K n),
    RowStochastic P → (∀ i, 0 ≤ d i) → Stationary d P →
      dNormSq d (Mat.mulVec P v) ≤ dNormSq d v

/-- The key lemma of Tsitsiklis and Van Roy (1997): for `0 ≤ γ`, row-stochastic `P` and a
stationary distribution `d ≥ 0`, `⟪v, D (γ P - I) v⟫ ≤ -(1 - γ) ‖v‖²_D`, written
`⟪v, diagMul d (γ • P v - v)⟫ ≤ -(1 - γ) * dNormSq d v`. For `γ < 1` the matrix `D (γ P - I)` is
negative definite on vectors with `‖v‖²_D > 0`. -/
def key_lemma_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (d : Vec K n) (γ : K) (P : Mat K n n) (v : Vec K n),
    0 ≤ γ → RowStochastic P → (∀ i, 0 ≤ d i) → Stationary d P →
      ⟪v, diagMul d (γ • Mat.mulVec P v - v)⟫ ≤ -(1 - γ) * dNormSq d v

/-- Linear TD(0): for `0 ≤ γ < 1`, row-stochastic `P` and a stationary distribution `d > 0`, the
matrix `A = Φᵀ D (γ P - I) Φ` is negative definite on every `θ` with `Φ θ ≠ 0`:
`⟪θ, A θ⟫ ≤ -(1 - γ) ‖Φ θ‖²_D < 0` (Tsitsiklis and Van Roy, 1997). -/
def linear_negdef_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n k : Nat) (Φ : Mat K n k) (d : Vec K n) (γ : K) (P : Mat K n n)
    (θ : Vec K k),
    0 ≤ γ → γ < 1 → RowStochastic P → (∀ i, 0 < d i) → Stationary d P → Mat.mulVec Φ θ ≠ 0 →
      ⟪θ, Mat.mulVec (linA Φ d γ P) θ⟫ < 0

/-- The expected linear TD(0) step moves toward the TD fixed point: with `A = linA Φ d γ P`,
`b = linB Φ d r` and `θstar` a TD fixed point (`A θstar + b = 0`), under the hypotheses of
`linear_negdef_spec`, for `0 < α` and `Φ (θ - θstar) ≠ 0` the step has a negative component along
`θ - θstar`: `⟪θ - θstar, linStep α Φ d r γ P θ - θ⟫ < 0` (the step is `α A (θ - θstar)`). -/
def linear_toward_fixed_point_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n k : Nat) (α : K) (Φ : Mat K n k) (d r : Vec K n) (γ : K)
    (P : Mat K n n) (θ θstar : Vec K k),
    0 < α → 0 ≤ γ → γ < 1 → RowStochastic P → (∀ i, 0 < d i) → Stationary d P →
      Mat.mulVec (linA Φ d γ P) θstar + linB Φ d r = 0 → Mat.mulVec Φ (θ - θstar) ≠ 0 →
      ⟪θ - θstar, linStep α Φ d r γ P θ - θ⟫ < 0

/-- The Bellman operator is a `γ`-contraction in max norm: for row-stochastic `P` and `0 ≤ γ`,
`SupBound (V - U) e → SupBound (bellman V - bellman U) (γ * e)`. -/
def bellman_contraction_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (r : Vec K n) (γ : K) (P : Mat K n n) (V U : Vec K n)
    (e : K),
    RowStochastic P → 0 ≤ γ → SupBound (V - U) e →
      SupBound (bellman r γ P V - bellman r γ P U) (γ * e)

/-- One synchronous expected TD(0) update contracts towards the fixed point: for `0 < α ≤ 1`,
`0 ≤ γ`, row-stochastic `P` and `bellman r γ P Vstar = Vstar`,
`SupBound (V - Vstar) e → SupBound (step α r γ P V - Vstar) ((1 - α * (1 - γ)) * e)`. The bound
holds for every `γ ≥ 0`; the factor `1 - α (1 - γ)` is below `1` (a contraction) exactly when
`γ < 1`. -/
def step_contraction_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (α : K) (r : Vec K n) (γ : K) (P : Mat K n n)
    (V Vstar : Vec K n) (e : K),
    0 < α → α ≤ 1 → 0 ≤ γ → RowStochastic P → bellman r γ P Vstar = Vstar →
      SupBound (V - Vstar) e → SupBound (step α r γ P V - Vstar) ((1 - α * (1 - γ)) * e)

/-- Linear rate of synchronous expected TD(0): under the hypotheses of `step_contraction_spec`,
after `k` updates `SupBound (iterate (step α r γ P) k V - Vstar) ((1 - α * (1 - γ)) ^ k * e)`; for
`γ < 1` the factor is below `1` and the bound decays geometrically. -/
def linear_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (α : K) (r : Vec K n) (γ : K) (P : Mat K n n)
    (V Vstar : Vec K n) (e : K),
    0 < α → α ≤ 1 → 0 ≤ γ → RowStochastic P → bellman r γ P Vstar = Vstar →
      SupBound (V - Vstar) e →
      ∀ k : Nat, SupBound (iterate (step α r γ P) k V - Vstar) ((1 - α * (1 - γ)) ^ k * e)

end LearningRules.TD0
