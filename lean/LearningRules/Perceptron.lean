import LearningRules.Learning

/-!
# The perceptron and Novikoff's mistake bound

Rosenblatt's perceptron (1958) classifies `x` by the sign of `⟪w, x⟫`. On a labelled sample
`(x, y)` with `y = 1` or `y = -1` it makes a *mistake* when `y ⟪w, x⟫ ≤ 0`, and then updates
`w ← w + y • x`. Novikoff (1962) proved that on data separable with margin `γ` by a direction `u`
(`γ ≤ y ⟪u, x⟫` for every sample) and of squared radius `R2` (`⟪x, x⟫ ≤ R2`), the number `k` of
mistake updates from `w = 0` is bounded: `k γ² ≤ R2 ⟪u, u⟫` (that is `k ≤ R² ‖u‖² / γ²`).

## Main definitions

* `LearningRules.Perceptron.update x y w` : the update `w + y • x`, argument order
  `(x : Vec K n) (y : K) (w : Vec K n)`.
* `LearningRules.Perceptron.IsMistake x y w` : `y * ⟪w, x⟫ ≤ 0`.
* `LearningRules.Perceptron.IsLabels ys`, `Separable xs ys u γ`, `Bounded xs R2` : the data
  hypotheses (labels `± 1`, margin `γ` along `u`, squared radius `R2`); the data set is
  `xs : Fin m → Vec K n`, `ys : Fin m → K`.
* `LearningRules.Perceptron.run xs ys l w` : the weights after the updates on the samples with
  indices `l : List (Fin m)`, in order, from `w`.
* `LearningRules.Perceptron.IsMistakeSeq xs ys l w` : every update of `run xs ys l w` is made on a
  mistake of the current weights.
* `LearningRules.Perceptron.visit xs ys st i`, `schedule m fuel`, `train fuel xs ys w` : the
  executable training loop: `fuel` cyclic passes over the indices `0, …, m - 1`, updating on each
  mistake; `train` returns the final weights and the number of updates, argument order
  `(fuel : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n)`.

## Main statements

* `inner_growth_spec` (bound): after `k` updates from `0` on separable data (mistakes or not),
  `k γ ≤ ⟪w_k, u⟫`.
* `norm_growth_spec` (bound): after `k` mistake updates from `0` on data of squared radius `R2`
  with labels `± 1`, `⟪w_k, w_k⟫ ≤ k R2`.
* `mistake_bound_spec` (bound): Novikoff's bound, `k γ γ ≤ R2 ⟪u, u⟫` for any sequence of `k`
  mistake updates from `0`.
* `convergence_spec` (convergence): the number of updates made by `train` from `0`, whatever the
  fuel, satisfies `updates * γ * γ ≤ R2 * ⟪u, u⟫`; so after finitely many updates the perceptron
  makes no more mistakes.
* `train_separates_spec` (convergence): with more than `R2 ⟪u, u⟫ / γ²` passes
  (`R2 * ⟪u, u⟫ < fuel * γ * γ`), the weights returned by `train fuel xs ys 0` separate the data:
  `0 < ys i * ⟪w, xs i⟫` for every sample `i` (training has stopped making mistakes).

## Implementation notes

A run is modelled by the list of the indices of its updates, so that every proof is an induction on
that list. Novikoff's bound is stated in squared form, with `u` not normalised, since an ordered
field has no square roots. Counts are read in `K` through `LearningRules.Vec.natCast` (core Lean
registers no global cast `Nat → K` for a `Lean.Grind` field). `train` needs `[DecidableLE K]` for
the mistake test.

`train_separates_spec` needs no hypothesis `0 ≤ R2`: with at least one sample, `Bounded xs R2`
already gives `0 ≤ ⟪x_0, x_0⟫ ≤ R2`, and with none the conclusion is empty. Its argument: each pass
makes an update or none; a pass with none is a fixed point whose weights classify every sample
correctly, and at most `R2 ⟪u, u⟫ / γ²` updates happen in all (`convergence_spec`), so with more
passes than that some pass makes none.

## References

* F. Rosenblatt, *The perceptron: a probabilistic model for information storage and organization in
  the brain*, Psychological Review 65(6), 1958.
* A. B. J. Novikoff, *On convergence proofs on perceptrons*, Symposium on the Mathematical Theory of
  Automata, 1962.
-/

namespace LearningRules.Perceptron

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m n : Nat}

/-- The perceptron update `w + y • x` on the sample `(x, y)`. -/
def update (x : Vec K n) (y : K) (w : Vec K n) : Vec K n := w + y • x

/-- The weights `w` make a mistake on `(x, y)`: `y * ⟪w, x⟫ ≤ 0`. -/
def IsMistake (x : Vec K n) (y : K) (w : Vec K n) : Prop := y * ⟪w, x⟫ ≤ 0

/-- Every label is `1` or `-1`. -/
def IsLabels (ys : Fin m → K) : Prop := ∀ i, ys i = 1 ∨ ys i = -1

/-- The data are separated by the direction `u` with margin `γ`: `γ ≤ ys i * ⟪u, xs i⟫`. -/
def Separable (xs : Fin m → Vec K n) (ys : Fin m → K) (u : Vec K n) (γ : K) : Prop :=
  ∀ i, γ ≤ ys i * ⟪u, xs i⟫

/-- Every input has squared norm at most `R2`: `⟪xs i, xs i⟫ ≤ R2`. -/
def Bounded (xs : Fin m → Vec K n) (R2 : K) : Prop := ∀ i, ⟪xs i, xs i⟫ ≤ R2

/-- The weights after updating on the samples with indices `l`, in order, starting from `w`. -/
def run (xs : Fin m → Vec K n) (ys : Fin m → K) : List (Fin m) → Vec K n → Vec K n
  | [], w => w
  | i :: l, w => run xs ys l (update (xs i) (ys i) w)

/-- Every update of `run xs ys l w` is made on a mistake of the weights current at that time. -/
def IsMistakeSeq (xs : Fin m → Vec K n) (ys : Fin m → K) : List (Fin m) → Vec K n → Prop
  | [], _ => True
  | i :: l, w => IsMistake (xs i) (ys i) w ∧ IsMistakeSeq xs ys l (update (xs i) (ys i) w)

section Train

variable [DecidableLE K]

/-- Visit sample `i` with state `(w, c)`: on a mistake, update `w` and count the update; otherwise
keep `(w, c)`. -/
def visit (xs : Fin m → Vec K n) (ys : Fin m → K) (st : Vec K n × Nat) (i : Fin m) :
    Vec K n × Nat :=
  if ys i * ⟪st.1, xs i⟫ ≤ 0 then (update (xs i) (ys i) st.1, st.2 + 1) else st

/-- The visiting order of `fuel` cyclic passes over the indices `0, …, m - 1`. -/
def schedule (m : Nat) : Nat → List (Fin m)
  | 0 => []
  | fuel + 1 => List.finRange m ++ schedule m fuel

/-- Perceptron training: `fuel` cyclic passes over the data from `w`, updating on every mistake.
Returns the final weights and the number of updates made. -/
def train (fuel : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K) (w : Vec K n) : Vec K n × Nat :=
  (schedule m fuel).foldl (visit xs ys) (w, 0)

end Train

/-- Inner-product growth: on data separable with margin `γ` along `u`, after the `k` updates of any
index list `l` from `0`, `k γ ≤ ⟪w_k, u⟫` (`k = l.length`; mistakes are not needed). -/
def inner_growth_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K) (u : Vec K n)
    (γ : K) (l : List (Fin m)),
    Separable xs ys u γ → Vec.natCast (K := K) l.length * γ ≤ ⟪run xs ys l 0, u⟫

/-- Norm growth: with labels `± 1` and squared radius `R2`, after `k` mistake updates from `0`,
`⟪w_k, w_k⟫ ≤ k R2`. -/
def norm_growth_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K) (R2 : K)
    (l : List (Fin m)),
    IsLabels ys → Bounded xs R2 → IsMistakeSeq xs ys l 0 →
      ⟪run xs ys l 0, run xs ys l 0⟫ ≤ Vec.natCast (K := K) l.length * R2

/-- Novikoff's mistake bound: with labels `± 1`, margin `0 < γ` along `u` and squared radius
`0 ≤ R2`, any sequence of `k` mistake updates from `0` satisfies `k γ γ ≤ R2 ⟪u, u⟫`. -/
def mistake_bound_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (xs : Fin m → Vec K n) (ys : Fin m → K) (u : Vec K n)
    (γ R2 : K) (l : List (Fin m)),
    IsLabels ys → Separable xs ys u γ → 0 < γ → Bounded xs R2 → 0 ≤ R2 →
      IsMistakeSeq xs ys l 0 → Vec.natCast (K := K) l.length * γ * γ ≤ R2 * ⟪u, u⟫

/-- Convergence of training: under the hypotheses of Novikoff's bound, the number of updates that
`train fuel xs ys 0` makes satisfies `updates * γ * γ ≤ R2 * ⟪u, u⟫`, for every `fuel`. -/
def convergence_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [DecidableLE K] (m n : Nat) (xs : Fin m → Vec K n)
    (ys : Fin m → K) (u : Vec K n) (γ R2 : K) (fuel : Nat),
    IsLabels ys → Separable xs ys u γ → 0 < γ → Bounded xs R2 → 0 ≤ R2 →
      Vec.natCast (K := K) (train fuel xs ys 0).2 * γ * γ ≤ R2 * ⟪u, u⟫

/-- Termination of training: under the hypotheses of Novikoff's bound (labels `± 1`, margin
`0 < γ` along `u`, squared radius `R2`), if the number of passes exceeds `R2 ⟪u, u⟫ / γ²`, written
`R2 * ⟪u, u⟫ < fuel * γ * γ`, then the weights `w` returned by `train fuel xs ys 0` separate the
data: `0 < ys i * ⟪w, xs i⟫` for every sample `i`. (`0 ≤ R2` is not assumed: it follows from
`Bounded xs R2` when there is a sample.) -/
def train_separates_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] [DecidableLE K] (m n : Nat) (xs : Fin m → Vec K n)
    (ys : Fin m → K) (u : Vec K n) (γ R2 : K) (fuel : Nat),
    IsLabels ys → Separable xs ys u γ → 0 < γ → Bounded xs R2 →
    R2 * ⟪u, u⟫ < Vec.natCast (K := K) fuel * γ * γ →
      ∀ i, 0 < ys i * ⟪(train fuel xs ys 0).1, xs i⟫

end LearningRules.Perceptron
