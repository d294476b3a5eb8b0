import LearningRules.FreeEnergy
import LearningRulesProofs.Vec

/-!
# Proofs for the free energy and Gibbs' inequality

## Main statements

Proofs of the statements of `lean/LearningRules/FreeEnergy.lean`: `gibbs`,
`free_energy_ge_surprise` and `free_energy_eq_posterior`.

## Implementation notes

* `inv_pos'`, `div_pos'` : positivity of `a⁻¹` and `a / b`, from
  `Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_left` and `Lean.Grind.Field.mul_inv_cancel`.
* `log_div` : `log (a / b) = log a - log b` for positive `a`, `b`, from `LogLike.log_mul` applied
  to `(a / b) * b = a`.
* `sub_le_mul_log_div` : `a - b ≤ a log (a / b)` for positive `a`, `b`, from
  `log (b / a) ≤ b / a - 1`; summing it gives Gibbs' inequality.
* `posDist_posterior` : the posterior of a positive joint is a distribution with full support.

## References

* J. W. Gibbs, 1902; K. Friston, 2010.
-/

namespace LearningRules.FreeEnergy

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K]

/-- The inverse of a positive element is positive. -/
theorem inv_pos' {a : K} (ha : 0 < a) : 0 < a⁻¹ := by
  refine Classical.byContradiction (fun hn => ?_)
  have h1 : a⁻¹ ≤ 0 := by grind
  have h2 : a * a⁻¹ ≤ a * 0 := Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_left h1 (by grind)
  have h3 : a * a⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel (by grind)
  grind

/-- A quotient of positive elements is positive. -/
theorem div_pos' {a b : K} (ha : 0 < a) (hb : 0 < b) : 0 < a / b := by
  rw [Lean.Grind.Field.div_eq_mul_inv]
  exact Lean.Grind.OrderedRing.mul_pos ha (inv_pos' hb)

/-- A finite sum of positive terms over a nonempty index set is positive. -/
theorem finSum_pos : ∀ (m : Nat) (f : Fin m → K), 0 < m → (∀ i, 0 < f i) →
    0 < Vec.finSum m f
  | 0, _, hm, _ => absurd hm (Nat.lt_irrefl 0)
  | k + 1, f, _, hf => by
    rw [Vec.finSum_succ]
    have h0 : 0 < f 0 := hf 0
    have hrest : 0 ≤ Vec.finSum k (fun i => f i.succ) :=
      Vec.finSum_nonneg (fun i => by
        have hi : 0 < f i.succ := hf i.succ
        show 0 ≤ f i.succ
        grind)
    grind

variable [LogLike K]

/-- The logarithm of a quotient: `log (a / b) = log a - log b` for positive `a`, `b`. -/
theorem log_div {a b : K} (ha : 0 < a) (hb : 0 < b) :
    LogLike.log (a / b) = LogLike.log a - LogLike.log b := by
  have hab : 0 < a / b := div_pos' ha hb
  have h1 : LogLike.log (a / b * b) = LogLike.log (a / b) + LogLike.log b :=
    LogLike.log_mul (a / b) b hab hb
  have h2 : a / b * b = a := by
    have hbi : b * b⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel (by grind)
    rw [Lean.Grind.Field.div_eq_mul_inv]
    grind
  rw [h2] at h1
  grind

/-- The pointwise Gibbs bound `a - b ≤ a log (a / b)` for positive `a`, `b`. -/
theorem sub_le_mul_log_div {a b : K} (ha : 0 < a) (hb : 0 < b) :
    a - b ≤ a * LogLike.log (a / b) := by
  have hba : 0 < b / a := div_pos' hb ha
  have h1 : LogLike.log (b / a) ≤ b / a - 1 := LogLike.log_le_sub_one (b / a) hba
  have h2 : LogLike.log (a / b) = LogLike.log a - LogLike.log b := log_div ha hb
  have h3 : LogLike.log (b / a) = LogLike.log b - LogLike.log a := log_div hb ha
  have h4 : a * LogLike.log (b / a) ≤ a * (b / a - 1) :=
    Lean.Grind.OrderedRing.mul_le_mul_of_nonneg_left h1 (by grind)
  have h5 : a * (b / a - 1) = b - a := by
    have hai : a * a⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel (by grind)
    rw [Lean.Grind.Field.div_eq_mul_inv]
    grind
  rw [h3, h5] at h4
  rw [h2]
  grind

/-- Gibbs' inequality `0 ≤ KL(q ‖ p)` (bound). -/
theorem gibbs : gibbs_spec := by
  intro K _ _ _ _ _ _ _ m q p hq hp
  have hle : Vec.finSum m (fun i => q i - p i)
      ≤ Vec.finSum m (fun i => q i * LogLike.log (q i / p i)) :=
    Vec.finSum_le_finSum (fun i => sub_le_mul_log_div (hq.pos i) (hp.pos i))
  have hsub : Vec.finSum m (fun i => q i - p i) = Vec.finSum m q - Vec.finSum m p :=
    Vec.finSum_sub m q p
  have hq1 : Vec.finSum m q = 1 := hq.sum_one
  have hp1 : Vec.finSum m p = 1 := hp.sum_one
  show 0 ≤ Vec.finSum m (fun i => q i * LogLike.log (q i / p i))
  grind

/-- The posterior of a positive joint on a nonempty set is a distribution with full support. -/
theorem posDist_posterior {m : Nat} {pxz : Vec K m} (hm : 0 < m) (hpos : ∀ i, 0 < pxz i) :
    PosDist (posterior pxz) := by
  have hpx : 0 < evidence pxz := finSum_pos m pxz hm hpos
  refine ⟨fun i => div_pos' (hpos i) hpx, ?_⟩
  have hinv : evidence pxz * (evidence pxz)⁻¹ = 1 := Lean.Grind.Field.mul_inv_cancel (by grind)
  have h1 : ∀ i, posterior pxz i = pxz i * (evidence pxz)⁻¹ :=
    fun i => Lean.Grind.Field.div_eq_mul_inv (pxz i) (evidence pxz)
  have h2 : Vec.finSum m (fun i => pxz i * (evidence pxz)⁻¹)
      = Vec.finSum m (fun i => pxz i) * (evidence pxz)⁻¹ :=
    Vec.finSum_mul_right m (fun i => pxz i) (evidence pxz)⁻¹
  show Vec.finSum m (fun i => posterior pxz i) = 1
  rw [Vec.finSum_congr h1, h2]
  exact hinv

/-- The free energy bounds the surprise from above (bound). -/
theorem free_energy_ge_surprise : free_energy_ge_surprise_spec := by
  intro K _ _ _ _ _ _ _ m q pxz hq hpos
  have hm : 0 < m := by
    refine Nat.pos_of_ne_zero (fun h0 => ?_)
    subst h0
    have h01 : (0 : K) = 1 := hq.sum_one
    exact Lean.Grind.Field.zero_ne_one h01
  have hpx : 0 < evidence pxz := finSum_pos m pxz hm hpos
  have hpost : PosDist (posterior pxz) := posDist_posterior hm hpos
  have hkl : 0 ≤ kl q (posterior pxz) := gibbs K m q (posterior pxz) hq hpost
  have hterm : ∀ i, q i * LogLike.log (q i / pxz i)
      = q i * LogLike.log (q i / posterior pxz i) - q i * LogLike.log (evidence pxz) := by
    intro i
    have h1 : LogLike.log (q i / pxz i) = LogLike.log (q i) - LogLike.log (pxz i) :=
      log_div (hq.pos i) (hpos i)
    have h2 : LogLike.log (q i / posterior pxz i)
        = LogLike.log (q i) - LogLike.log (posterior pxz i) :=
      log_div (hq.pos i) (hpost.pos i)
    have h3 : LogLike.log (posterior pxz i) = LogLike.log (pxz i) - LogLike.log (evidence pxz) :=
      log_div (hpos i) hpx
    rw [h1, h2, h3]
    grind
  have e1 : Vec.finSum m (fun i => q i * LogLike.log (q i / posterior pxz i)
        - q i * LogLike.log (evidence pxz))
      = Vec.finSum m (fun i => q i * LogLike.log (q i / posterior pxz i))
        - Vec.finSum m (fun i => q i * LogLike.log (evidence pxz)) :=
    Vec.finSum_sub m (fun i => q i * LogLike.log (q i / posterior pxz i))
      (fun i => q i * LogLike.log (evidence pxz))
  have e2 : Vec.finSum m (fun i => q i * LogLike.log (evidence pxz))
      = Vec.finSum m (fun i => q i) * LogLike.log (evidence pxz) :=
    Vec.finSum_mul_right m (fun i => q i) (LogLike.log (evidence pxz))
  have hq1 : Vec.finSum m (fun i => q i) = 1 := hq.sum_one
  have hkl' : 0 ≤ Vec.finSum m (fun i => q i * LogLike.log (q i / posterior pxz i)) := hkl
  show -LogLike.log (evidence pxz) ≤ Vec.finSum m (fun i => q i * LogLike.log (q i / pxz i))
  rw [Vec.finSum_congr hterm, e1, e2, hq1]
  grind

/-- At the exact posterior the free energy equals the surprise (identity). -/
theorem free_energy_eq_posterior : free_energy_eq_posterior_spec := by
  intro K _ _ _ _ _ _ _ m pxz hm hpos
  have hpx : 0 < evidence pxz := finSum_pos m pxz hm hpos
  have hpost : PosDist (posterior pxz) := posDist_posterior hm hpos
  have hterm : ∀ i, posterior pxz i * LogLike.log (posterior pxz i / pxz i)
      = posterior pxz i * -LogLike.log (evidence pxz) := by
    intro i
    have h1 : LogLike.log (posterior pxz i / pxz i)
        = LogLike.log (posterior pxz i) - LogLike.log (pxz i) :=
      log_div (hpost.pos i) (hpos i)
    have h2 : LogLike.log (posterior pxz i) = LogLike.log (pxz i) - LogLike.log (evidence pxz) :=
      log_div (hpos i) hpx
    rw [h1, h2]
    grind
  have e1 : Vec.finSum m (fun i => posterior pxz i * -LogLike.log (evidence pxz))
      = Vec.finSum m (fun i => posterior pxz i) * -LogLike.log (evidence pxz) :=
    Vec.finSum_mul_right m (fun i => posterior pxz i) (-LogLike.log (evidence pxz))
  have hs : Vec.finSum m (fun i => posterior pxz i) = 1 := hpost.sum_one
  show Vec.finSum m (fun i => posterior pxz i * LogLike.log (posterior pxz i / pxz i))
    = -LogLike.log (evidence pxz)
  rw [Vec.finSum_congr hterm, e1, hs]
  grind

end LearningRules.FreeEnergy
