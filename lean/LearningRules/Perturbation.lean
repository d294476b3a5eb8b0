import LearningRules.Quadratic

/-!
# Weight and node perturbation

Perturbation learning estimates a gradient from loss values alone: perturb the weights along a
random direction `ξ` by `σ`, measure the change of the loss, and move along `ξ` in proportion
(weight perturbation: Widrow & Lehr 1990; REINFORCE-style estimators: Williams 1992; node
perturbation of a layer's outputs: Fiete & Seung 2006). For a quadratic loss the finite differences
are exact, and averaging over a finite direction set with second moment `E[ξ ξᵀ] = c I` recovers
`c` times the gradient.

## Main definitions

* `LearningRules.Perturbation.twoPoint F σ w ξ` : the symmetric estimator
  `((F (w + σ ξ) - F (w - σ ξ)) / (2 σ)) • ξ`.
* `LearningRules.Perturbation.onePoint F σ w ξ` : the one-sided estimator
  `((F (w + σ ξ) - F w) / σ) • ξ`.
* `LearningRules.Perturbation.count m` : the number `m` read in `K`, `Σ i < m, 1`.
* `LearningRules.Perturbation.average v` : the mean `(1/m) Σ i, v i` of a family of vectors.
* `LearningRules.Perturbation.pmAverage half f` : the mean of `f` over the symmetric set
  `{± half i}` of `2m` directions, `(1/(2m)) Σ i, (f (half i) + f (-half i))`.
* `LearningRules.Perturbation.variance v` : `(1/m) Σ i, ⟪v i - mean, v i - mean⟫`.
* `LearningRules.Perturbation.SecondMoment dirs c` : `(1/m) Σ i, ⟪v, ξ_i⟫ ξ_i = c • v` for all `v`.
* `LearningRules.Perturbation.PMSecondMoment half c` : the same over the symmetric set `{± half i}`.
* `LearningRules.Perturbation.CubicMomentZero dirs A` : `(1/m) Σ i, ⟪ξ_i, A ξ_i⟫ ξ_i = 0` (true
  for every symmetric family `{± ξ}`).
* `LearningRules.Perturbation.meanUpdate dirs F σ η w` : the expected update
  `w - η • average (twoPoint F σ w ξ_i)`.
* `LearningRules.Perturbation.nodeStep F σ η W x ξ` : node perturbation of a linear layer `y = W x`:
  `W i j - η * (twoPoint F σ (W x) ξ) i * x j`.
* `LearningRules.Perturbation.consSign s ξ` : the vector `(s, ξ 0, …, ξ (n-1))`.
* `LearningRules.Perturbation.signExtend l` : `[(1, ξ), (-1, ξ) for ξ in l]`, flattened in order.
* `LearningRules.Perturbation.rademacher n` : the Rademacher set `{±1}^n` as a list of its `2^n`
  vectors: `[()]` for `n = 0` and `signExtend (rademacher n)` for `n + 1` (so for `n = 2`:
  `[(1, 1), (-1, 1), (1, -1), (-1, -1)]`).
* `LearningRules.Perturbation.listSum f l` : `Σ_{ξ ∈ l} f ξ` for a scalar `f`.
* `LearningRules.Perturbation.listAverage l f` : the mean `(1/|l|) Σ_{ξ ∈ l} f ξ` of a
  vector-valued `f` over a list of directions.
* `LearningRules.Perturbation.listMean l f` : the mean `(1/|l|) Σ_{ξ ∈ l} f ξ` of a scalar `f`
  over a list of directions.

## Main statements

* `two_point_quadratic_spec` (identity): for a quadratic loss with symmetric `A` and `σ ≠ 0`, the
  two-point estimator is exactly `⟪∇F w, ξ⟫ • ξ`.
* `one_point_quadratic_spec` (identity): for a quadratic loss with symmetric `A` and `σ ≠ 0`, the
  one-point estimator is exactly `(⟪∇F w, ξ⟫ + σ/2 ⟪ξ, A ξ⟫) • ξ` (exact Taylor expansion).
* `one_point_pair_spec` (identity): the one-point estimators at `ξ` and `-ξ` add up to
  `(2 ⟪∇F w, ξ⟫) • ξ`: the `σ`-term is even in `ξ` and cancels.
* `mean_two_point_spec` (identity): with `SecondMoment dirs c`, the mean two-point estimate is
  `c • ∇F w` (unbiased up to the factor `c`; `c = 1` for Rademacher directions, `c = 1/n` for
  the coordinate set).
* `mean_one_point_spec` (identity): over a symmetric set with `PMSecondMoment half c`, the mean
  one-point estimate is `c • ∇F w`.
* `coordinate_second_moment_spec` (identity): the coordinate set `{± e_i}` satisfies
  `PMSecondMoment` with `c = 1/n`.
* `expected_improves_spec` (improvement): the expected update is the gradient-descent step with
  step size `η c`, and under `StepBound (η c) L` and `L`-smoothness it strictly lowers the loss.
* `variance_eq_spec` (identity): for `m ≥ 1`, the variance is the mean of squares minus the square of
  the mean.
* `two_point_variance_spec` (identity): for the two-point estimator under `SecondMoment dirs c`,
  the variance is `(1/m) Σ ⟪g, ξ_i⟫² ⟪ξ_i, ξ_i⟫ - c² ⟪g, g⟫`.
* `one_point_variance_spec` (identity): for the one-point estimator under `SecondMoment dirs c`
  and `CubicMomentZero dirs A` (e.g. any symmetric family), the mean is `c • g` and the
  variance is `(1/m) Σ (⟪g, ξ_i⟫ + σ/2 ⟪ξ_i, A ξ_i⟫)² ⟪ξ_i, ξ_i⟫ - c² ⟪g, g⟫`: the two-point
  variance plus the extra noise of the `σ`-term.
* `node_two_point_spec` (identity): perturbing the outputs `y = W x` of a linear layer with a
  quadratic output loss gives the output gradient exactly, and the node-perturbation weight
  step is `W - η (⟪∇_y, ξ⟫ ξ) xᵀ`.
* `rademacher_length_spec` (identity): the Rademacher set has `2^n` elements.
* `rademacher_second_moment_spec` (identity): the Rademacher set has second moment `c = 1`,
  `(1/2^n) Σ_{ξ ∈ {±1}^n} ⟪v, ξ⟫ ξ = v`.
* `rademacher_unbiased_spec` (identity): averaged over the Rademacher set, the two-point estimate
  on a quadratic loss equals `∇F w` exactly (the estimator is unbiased).
* `rademacher_estimator_second_moment_spec` (identity): the Rademacher estimator
  `ĝ ξ = ⟪g, ξ⟫ • ξ` has `E ⟪ĝ, ĝ⟫ = n ⟪g, g⟫` over `{±1}^n` (exact average).
* `sgd_expected_descent_spec` (improvement): for an `L`-smooth `F`, the step `w - η ĝ ξ` averaged
  over `{±1}^n` has `E F ≤ F w - η (1 - L η n / 2) ⟪∇F w, ∇F w⟫`, hence `E F < F w` for `0 < η`,
  `η L n < 2` and `∇F w ≠ 0`: the step bound shrinks like `1/n`.

## Implementation notes

A symmetric set of directions is given by its half `half : Fin m → Vec K n` and means over it are
taken pairwise (`pmAverage`), which avoids reindexing a sum by the involution `ξ ↦ -ξ`. The number
`m` is read in `K` as `count m = Σ i < m, 1` (core has no global cast `Nat → K` for these classes).
Variances are taken over a family `dirs : Fin m → Vec K n`; for the one-point estimator the family
is assumed to have vanishing cubic moment `CubicMomentZero dirs A`, which every symmetric family
(listing `ξ` and `-ξ` equally often) satisfies, so that its mean is `c • ∇F w` as in
`mean_one_point_spec`.
The Rademacher set `{±1}^n` is enumerated as a list (`rademacher`), built recursively so that its
second moment is proved by induction on `n`; means over it are `listAverage` (vectors) and
`listMean` (scalars), with `listSum` recursive on the list.

## References

* B. Widrow and M. A. Lehr, "30 years of adaptive neural networks", *Proc. IEEE* 78, 1990.
* R. J. Williams, "Simple statistical gradient-following algorithms for connectionist
  reinforcement learning", *Machine Learning* 8, 1992.
* I. R. Fiete and H. S. Seung, "Gradient learning in spiking neural networks by dynamic
  perturbation of conductances", *Physical Review Letters* 97, 2006.
-/

namespace LearningRules.Perturbation

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {m n : Nat}

/-- The symmetric two-point estimator `((F (w + σ ξ) - F (w - σ ξ)) / (2 σ)) • ξ`. -/
def twoPoint (F : Vec K n → K) (σ : K) (w ξ : Vec K n) : Vec K n :=
  ((F (w + σ • ξ) - F (w - σ • ξ)) / (2 * σ)) • ξ

/-- The one-sided estimator `((F (w + σ ξ) - F w) / σ) • ξ`. -/
def onePoint (F : Vec K n → K) (σ : K) (w ξ : Vec K n) : Vec K n :=
  ((F (w + σ • ξ) - F w) / σ) • ξ

/-- The number `m` as an element of `K`: `Σ i < m, 1`. -/
def count (m : Nat) : K := Vec.finSum m (fun _ => 1)

/-- The mean `(1/m) Σ i, v i` of a finite family of vectors. -/
def average (v : Fin m → Vec K n) : Vec K n := (count (K := K) m)⁻¹ • Vec.sumFam m v

/-- The mean of `f` over the symmetric set `{± half i}`:
`(1/(2m)) Σ i, (f (half i) + f (-half i))`. -/
def pmAverage (half : Fin m → Vec K n) (f : Vec K n → Vec K n) : Vec K n :=
  (2 * count (K := K) m)⁻¹ • Vec.sumFam m (fun i => f (half i) + f ((-1 : K) • half i))

/-- The variance `(1/m) Σ i, ⟪v i - mean, v i - mean⟫` of a finite family of vectors. -/
def variance (v : Fin m → Vec K n) : K :=
  (count m)⁻¹ * Vec.finSum m (fun i => ⟪v i - average v, v i - average v⟫)

/-- The expected perturbation update `w - η • average_i (twoPoint F σ w ξ_i)`. -/
def meanUpdate (dirs : Fin m → Vec K n) (F : Vec K n → K) (σ η : K) (w : Vec K n) : Vec K n :=
  w - η • average (fun i => twoPoint F σ w (dirs i))

/-- Node perturbation of a linear layer `y = W x`: perturb the outputs along `ξ`, then update
`W i j - η * (twoPoint F σ (W x) ξ) i * x j`. -/
def nodeStep {p : Nat} (F : Vec K p → K) (σ η : K) (W : Mat K p n) (x : Vec K n)
    (ξ : Vec K p) : Mat K p n :=
  fun i j => W i j - η * twoPoint F σ (Mat.mulVec W x) ξ i * x j

/-- The second-moment condition of a direction set: `(1/m) Σ i, ⟪v, ξ_i⟫ ξ_i = c • v`. -/
structure SecondMoment (dirs : Fin m → Vec K n) (c : K) : Prop where
  /-- The averaged outer product `(1/m) Σ ξ_i ξ_iᵀ` is `c` times the identity. -/
  average_outer : ∀ v : Vec K n, average (fun i => ⟪v, dirs i⟫ • dirs i) = c • v

/-- The second-moment condition of the symmetric set `{± half i}`:
`(1/(2m)) Σ i, (⟪v, ξ_i⟫ ξ_i + ⟪v, -ξ_i⟫ (-ξ_i)) = c • v`. -/
structure PMSecondMoment (half : Fin m → Vec K n) (c : K) : Prop where
  /-- The averaged outer product over `{± half i}` is `c` times the identity. -/
  average_outer : ∀ v : Vec K n, pmAverage half (fun ξ => ⟪v, ξ⟫ • ξ) = c • v

/-- The cubic moment of a direction family along the quadratic form of `A` vanishes:
`(1/m) Σ i, ⟪ξ_i, A ξ_i⟫ ξ_i = 0`. Every symmetric family `{± ξ}` satisfies it (the summand is odd
in `ξ`); a one-sided family such as the basis `{e_i}` in general does not. -/
structure CubicMomentZero (dirs : Fin m → Vec K n) (A : Mat K n n) : Prop where
  /-- The mean of `⟪ξ_i, A ξ_i⟫ • ξ_i` over the family is zero. -/
  average_cubic : average (fun i => ⟪dirs i, Mat.mulVec A (dirs i)⟫ • dirs i) = 0

/-- The vector `(s, ξ 0, …, ξ (n-1))`: the sign (or any scalar) `s` put in front of `ξ`. -/
def consSign (s : K) (ξ : Vec K n) : Vec K (n + 1) :=
  fun i => Fin.cases (motive := fun _ => K) s ξ i

/-- Both sign extensions of every vector of a list, in order:
`[(1, ξ₁), (-1, ξ₁), (1, ξ₂), (-1, ξ₂), …]` for `l = [ξ₁, ξ₂, …]`. -/
def signExtend : List (Vec K n) → List (Vec K (n + 1))
  | [] => []
  | ξ :: l => consSign 1 ξ :: consSign (-1) ξ :: signExtend l

/-- The Rademacher set `{±1}^n`, all `2^n` sign vectors, as a list: the single empty vector for
`n = 0`, and `signExtend` of the set for `n` for `n + 1`. -/
def rademacher : (n : Nat) → List (Vec K n)
  | 0 => [Vec.zero]
  | n + 1 => signExtend (rademacher n)

/-- The sum `Σ_{ξ ∈ l} f ξ` of a scalar function over a list of directions (duplicates counted). -/
def listSum (f : Vec K n → K) : List (Vec K n) → K
  | [] => 0
  | ξ :: l => f ξ + listSum f l

/-- The mean `(1/|l|) Σ_{ξ ∈ l} f ξ` of a vector-valued function over a list of directions, with
`|l|` read in `K` as `count l.length`. -/
def listAverage (l : List (Vec K n)) (f : Vec K n → Vec K n) : Vec K n :=
  fun j => (count (K := K) l.length)⁻¹ * listSum (fun ξ => f ξ j) l

/-- The mean `(1/|l|) Σ_{ξ ∈ l} f ξ` of a scalar function over a list of directions, with `|l|` read
in `K` as `count l.length` (the scalar counterpart of `listAverage`). -/
def listMean (l : List (Vec K n)) (f : Vec K n → K) : K :=
  (count (K := K) l.length)⁻¹ * listSum f l

/-- Exactness on quadratics: for symmetric `A` and `σ ≠ 0`,
`twoPoint (Quadratic.loss A b) σ w ξ = ⟪Quadratic.grad A b w, ξ⟫ • ξ`. -/
def two_point_quadratic_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b : Vec K n) (σ : K) (w ξ : Vec K n),
    Mat.IsSymm A → σ ≠ 0 →
    twoPoint (Quadratic.loss A b) σ w ξ = ⟪Quadratic.grad A b w, ξ⟫ • ξ

/-- Exact Taylor expansion of the one-point estimator on quadratics: for symmetric `A` and
`σ ≠ 0`, `onePoint (Quadratic.loss A b) σ w ξ = (⟪Quadratic.grad A b w, ξ⟫ + σ/2 ⟪ξ, A ξ⟫) • ξ`. -/
def one_point_quadratic_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b : Vec K n) (σ : K) (w ξ : Vec K n),
    Mat.IsSymm A → σ ≠ 0 →
    onePoint (Quadratic.loss A b) σ w ξ
      = (⟪Quadratic.grad A b w, ξ⟫ + σ / 2 * ⟪ξ, Mat.mulVec A ξ⟫) • ξ

/-- The one-point estimators at `ξ` and `-ξ` add up to `(2 ⟪∇F w, ξ⟫) • ξ` on a quadratic. -/
def one_point_pair_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b : Vec K n) (σ : K) (w ξ : Vec K n),
    Mat.IsSymm A → σ ≠ 0 →
    onePoint (Quadratic.loss A b) σ w ξ + onePoint (Quadratic.loss A b) σ w ((-1 : K) • ξ)
      = (2 * ⟪Quadratic.grad A b w, ξ⟫) • ξ

/-- Unbiasedness up to `c`: with `SecondMoment dirs c`, the mean two-point estimate is
`c • Quadratic.grad A b w`. -/
def mean_two_point_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (dirs : Fin m → Vec K n) (c : K) (A : Mat K n n)
    (b : Vec K n) (σ : K) (w : Vec K n),
    SecondMoment dirs c → Mat.IsSymm A → σ ≠ 0 →
    average (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i)) = c • Quadratic.grad A b w

/-- Over a symmetric set with `PMSecondMoment half c`, the mean one-point estimate is
`c • Quadratic.grad A b w`: the `σ`-dependent term cancels between `ξ` and `-ξ`. -/
def mean_one_point_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (half : Fin m → Vec K n) (c : K) (A : Mat K n n)
    (b : Vec K n) (σ : K) (w : Vec K n),
    PMSecondMoment half c → Mat.IsSymm A → σ ≠ 0 →
    pmAverage half (onePoint (Quadratic.loss A b) σ w) = c • Quadratic.grad A b w

/-- The coordinate set `{± e_i}` has second moment `c = 1/n`. -/
def coordinate_second_moment_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat),
    PMSecondMoment (fun i : Fin n => (Vec.basis i : Vec K n)) (count n)⁻¹

/-- The expected update is gradient descent with step `η c`, and under `L`-smoothness,
`StepBound (η c) L` and a nonzero gradient it strictly lowers the quadratic loss. -/
def expected_improves_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (dirs : Fin m → Vec K n) (c : K) (A : Mat K n n)
    (b : Vec K n) (σ η L : K) (w : Vec K n),
    SecondMoment dirs c → Mat.IsSymm A → σ ≠ 0 →
    GradientDescent.IsLSmooth (Quadratic.loss A b) (Quadratic.grad A b) L →
    GradientDescent.StepBound (η * c) L → Quadratic.grad A b w ≠ 0 →
    meanUpdate dirs (Quadratic.loss A b) σ η w
        = GradientDescent.step (Quadratic.grad A b) (η * c) w ∧
      Improves (Quadratic.loss A b) (meanUpdate dirs (Quadratic.loss A b) σ η) w

/-- Variance as mean of squares minus square of the mean (for `m ≥ 1`):
`variance v = (1/m) Σ ⟪v i, v i⟫ - ⟪average v, average v⟫`. -/
def variance_eq_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (v : Fin m → Vec K n),
    0 < m →
    variance v = (count m)⁻¹ * Vec.finSum m (fun i => ⟪v i, v i⟫) - ⟪average v, average v⟫

/-- The exact variance of the two-point estimator under `SecondMoment dirs c` (for `m ≥ 1`):
`(1/m) Σ ⟪g, ξ_i⟫² ⟪ξ_i, ξ_i⟫ - c² ⟪g, g⟫` with `g = Quadratic.grad A b w`. -/
def two_point_variance_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (dirs : Fin m → Vec K n) (c : K) (A : Mat K n n)
    (b : Vec K n) (σ : K) (w : Vec K n),
    0 < m → SecondMoment dirs c → Mat.IsSymm A → σ ≠ 0 →
    variance (fun i => twoPoint (Quadratic.loss A b) σ w (dirs i))
      = (count m)⁻¹ * Vec.finSum m (fun i =>
          ⟪Quadratic.grad A b w, dirs i⟫ * ⟪Quadratic.grad A b w, dirs i⟫ * ⟪dirs i, dirs i⟫)
        - c * c * ⟪Quadratic.grad A b w, Quadratic.grad A b w⟫

/-- The exact variance of the one-point estimator under `SecondMoment dirs c` and
`CubicMomentZero dirs A` (for `m ≥ 1`): with `g = Quadratic.grad A b w` the mean of the estimates
is `c • g`, and their variance is
`(1/m) Σ (⟪g, ξ_i⟫ + σ/2 ⟪ξ_i, A ξ_i⟫)² ⟪ξ_i, ξ_i⟫ - c² ⟪g, g⟫`. -/
def one_point_variance_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (m n : Nat) (dirs : Fin m → Vec K n) (c : K) (A : Mat K n n)
    (b : Vec K n) (σ : K) (w : Vec K n),
    0 < m → SecondMoment dirs c → CubicMomentZero dirs A → Mat.IsSymm A → σ ≠ 0 →
    average (fun i => onePoint (Quadratic.loss A b) σ w (dirs i)) = c • Quadratic.grad A b w ∧
    variance (fun i => onePoint (Quadratic.loss A b) σ w (dirs i))
      = (count m)⁻¹ * Vec.finSum m (fun i =>
          (⟪Quadratic.grad A b w, dirs i⟫ + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫)
            * (⟪Quadratic.grad A b w, dirs i⟫ + σ / 2 * ⟪dirs i, Mat.mulVec A (dirs i)⟫)
            * ⟪dirs i, dirs i⟫)
        - c * c * ⟪Quadratic.grad A b w, Quadratic.grad A b w⟫

/-- Node perturbation is exact for a quadratic output loss: perturbing the outputs `y = W x` gives
`⟪∇_y, ξ⟫ • ξ` with `∇_y = Quadratic.grad A b (W x)`, and the weight step is
`W i j - η * (⟪∇_y, ξ⟫ * ξ i) * x j`. -/
def node_two_point_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n p : Nat) (A : Mat K p p) (b : Vec K p) (σ η : K)
    (W : Mat K p n) (x : Vec K n) (ξ : Vec K p),
    Mat.IsSymm A → σ ≠ 0 →
    twoPoint (Quadratic.loss A b) σ (Mat.mulVec W x) ξ
        = ⟪Quadratic.grad A b (Mat.mulVec W x), ξ⟫ • ξ ∧
      nodeStep (Quadratic.loss A b) σ η W x ξ
        = (fun i j => W i j - η * (⟪Quadratic.grad A b (Mat.mulVec W x), ξ⟫ * ξ i) * x j :
            Mat K p n)

/-- The Rademacher set `{±1}^n` has `2^n` elements. -/
def rademacher_length_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat),
    (rademacher (K := K) n).length = 2 ^ n

/-- Second moment `1` of the Rademacher set: `(1/2^n) Σ_{ξ ∈ {±1}^n} ⟪v, ξ⟫ ξ = v` for every `v`. -/
def rademacher_second_moment_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (v : Vec K n),
    listAverage (rademacher n) (fun ξ => ⟪v, ξ⟫ • ξ) = v

/-- Unbiasedness over the Rademacher set: for a quadratic loss with symmetric `A` and `σ ≠ 0`, the
two-point estimate averaged over `{±1}^n` is exactly the gradient `Quadratic.grad A b w`. -/
def rademacher_unbiased_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (A : Mat K n n) (b : Vec K n) (σ : K) (w : Vec K n),
    Mat.IsSymm A → σ ≠ 0 →
    listAverage (rademacher n) (twoPoint (Quadratic.loss A b) σ w) = Quadratic.grad A b w

/-- Second moment of the Rademacher gradient estimator `ĝ ξ = ⟪g, ξ⟫ • ξ`: its mean squared norm
over `{±1}^n` is `n ⟪g, g⟫` (exact average; `n` read in `K` as `count n`). With the unbiasedness
`E ĝ = g` (`rademacher_second_moment_spec`) its variance is `(n - 1) ⟪g, g⟫`. -/
def rademacher_estimator_second_moment_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (g : Vec K n),
    listMean (rademacher n) (fun ξ => ⟪⟪g, ξ⟫ • ξ, ⟪g, ξ⟫ • ξ⟫) = count n * ⟪g, g⟫

/-- Perturbation SGD descends in expectation: for an `L`-smooth `F` (descent-lemma form), one step
`w - η ĝ ξ` with the Rademacher estimator `ĝ ξ = ⟪grad w, ξ⟫ • ξ`, averaged over all `ξ ∈ {±1}^n`,
satisfies `E F(w - η ĝ) ≤ F w - η (1 - L η n / 2) ⟪grad w, grad w⟫`; so for `0 < η`, `η L n < 2` and
`grad w ≠ 0` it is strictly below `F w`. The admissible step shrinks like `1/n` (against `η L < 2`
for exact gradient descent) because `E ⟪ĝ, ĝ⟫ = n ⟪g, g⟫`. -/
def sgd_expected_descent_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (n : Nat) (F : Vec K n → K) (grad : Vec K n → Vec K n) (L η : K)
    (w : Vec K n),
    GradientDescent.IsLSmooth F grad L → 0 < η → η * L * count n < 2 → grad w ≠ 0 →
    listMean (rademacher n) (fun ξ => F (w - η • (⟪grad w, ξ⟫ • ξ)))
        ≤ F w - η * (1 - L * η * count n / 2) * ⟪grad w, grad w⟫ ∧
      listMean (rademacher n) (fun ξ => F (w - η • (⟪grad w, ξ⟫ • ξ))) < F w

end LearningRules.Perturbation
