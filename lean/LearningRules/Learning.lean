import LearningRules.Vec

/-!
# The vocabulary of learning

## Main definitions

* A *rule* is a map from state to state, `W → W`; a rule that depends on a sample `s` is a function
  `s → W → W`, and is applied to a fixed sample or averaged over a finite sample set.
* `LearningRules.Improves F rule w` : one step of `rule` from `w` strictly improves the loss `F`,
  i.e. `F (rule w) < F w` (the project's `ΔF > 0`, with the sign convention "a loss decreases").
* `LearningRules.iterate rule k w` : the `k`-th iterate `rule^[k] w`.
* `LearningRules.pow` is not needed: powers `ρ ^ k` are core's `HPow K Nat K` from `Lean.Grind.Semiring`.

## Main statements

* `LearningRules.linear_rate_spec` : a linear (geometric) rate. If `0 ≤ ρ` and
  `e (k+1) ≤ ρ * e k` for every `k`, then `e k ≤ ρ ^ k * e 0` for every `k`.

## Implementation notes

Every later convergence statement (GD under Polyak–Łojasiewicz, LMS on a repeated example, TD(0))
reduces to `linear_rate_spec`, proved once by induction on `k`.
-/

namespace LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- One step of `rule` from `w` strictly lowers the loss `F`: `F (rule w) < F w` (ΔF > 0). -/
def Improves {W : Type} (F : W → K) (rule : W → W) (w : W) : Prop := F (rule w) < F w

/-- The `k`-th iterate `rule^[k] w` of a rule. -/
def iterate {W : Type} (rule : W → W) : Nat → W → W
  | 0, w => w
  | k + 1, w => iterate rule k (rule w)

/-- Linear rate: from `0 ≤ ρ` and `e (k+1) ≤ ρ * e k` for all `k`, `e k ≤ ρ ^ k * e 0` for all `k`. -/
def linear_rate_spec : Prop :=
  ∀ (K : Type) [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K] [Std.IsLinearOrder K]
    [Lean.Grind.OrderedRing K] (e : Nat → K) (ρ : K),
    0 ≤ ρ → (∀ k, e (k + 1) ≤ ρ * e k) → ∀ k, e k ≤ ρ ^ k * e 0

end LearningRules
