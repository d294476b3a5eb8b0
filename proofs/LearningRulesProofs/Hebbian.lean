import LearningRules.Hebbian
import LearningRulesProofs.Vec

/-!
# Proofs for Hebbian learning

## Main statements

Proofs of the statements of `lean/LearningRules/Hebbian.lean`: `increment`, `increase`,
`incrementC`, `increaseC`, `rayleigh` and `growth`.

## Implementation notes

* `step_dot` : `⟪step η x w, x⟫ = (1 + η ⟪x, x⟫) ⟪w, x⟫`, the one fact behind the single-example
  statements; `dot_iterate` iterates it.
* The exponent `2 k` of `growth` is split by `pow_two_mul` (`r ^ (2 k) = r ^ k * r ^ k`), and the
  halved objectives by `add_div`, `sub_div` and `add_self_div_two`, all from
  `LearningRulesProofs/Algebra.lean`.
* Ring identities are proved by `generalize`-ing the dot products to atoms and normalising both
  sides with `simp only` (distributivity and the commutativity/associativity lemmas of
  `LearningRulesProofs/Algebra.lean`); positivity of products comes from `mul_pos` / `mul_nonneg`.
  No `grind` or `omega`.
* `rayleigh` rests on two Cauchy–Schwarz inequalities: the plain one (`Vec.cauchy_schwarz_sq`) and
  `cauchy_schwarz_quad` for the semi-inner product `⟪x, C y⟫` of a symmetric positive semidefinite
  `C`, proved without square roots from `0 ≤ ⟪s x - t y, C (s x - t y)⟫` (`quad_sub_smul`) at three
  choices of `(s, t)`. Identities that would need cancellation under `simp only` are stated
  cancellation-free and rearranged by `sub_add_eq_sub_of` and `le_of_add_le_add_right` (of the
  algebra layer).

## References

* D. O. Hebb, *The Organization of Behavior*, 1949.
-/

namespace LearningRules.Hebbian

open LearningRules

variable {K : Type} [Lean.Grind.Field K] [LE K] [LT K] [Std.LawfulOrderLT K]
  [Std.IsLinearOrder K] [Lean.Grind.OrderedRing K] {n : Nat}

/-- The output after one step: `⟪step η x w, x⟫ = (1 + η ⟪x, x⟫) ⟪w, x⟫`. -/
theorem step_dot (η : K) (x w : Vec K n) :
    ⟪step η x w, x⟫ = (1 + η * ⟪x, x⟫) * ⟪w, x⟫ := by
  have h1 : ⟪step η x w, x⟫ = ⟪w, x⟫ + ⟪(η * ⟪w, x⟫) • x, x⟫ :=
    Vec.dot_add_left w ((η * ⟪w, x⟫) • x) x
  have h2 : ⟪(η * ⟪w, x⟫) • x, x⟫ = (η * ⟪w, x⟫) * ⟪x, x⟫ :=
    Vec.dot_smul_left (η * ⟪w, x⟫) x x
  rw [h1, h2, add_mul, one_mul, mul_assoc, mul_comm ⟪w, x⟫ ⟪x, x⟫, mul_assoc]

/-- The output along the iterates: `⟪w_k, x⟫ = (1 + η ⟪x, x⟫)^k ⟪w_0, x⟫`. -/
theorem dot_iterate (η : K) (x : Vec K n) : ∀ (k : Nat) (w : Vec K n),
    ⟪iterate (step η x) k w, x⟫ = (1 + η * ⟪x, x⟫) ^ k * ⟪w, x⟫
  | 0, w => by
    show ⟪w, x⟫ = (1 + η * ⟪x, x⟫) ^ 0 * ⟪w, x⟫
    rw [pow_zero, one_mul]
  | k + 1, w => by
    have ih := dot_iterate η x k (step η x w)
    have hs := step_dot η x w
    show ⟪iterate (step η x) k (step η x w), x⟫ = (1 + η * ⟪x, x⟫) ^ (k + 1) * ⟪w, x⟫
    rw [ih, hs, pow_succ, mul_assoc]

/-- The exact increment of the single-example objective (identity). -/
theorem increment : increment_spec := by
  intro K _ _ _ _ _ _ n η x w
  have h := step_dot η x w
  show ⟪step η x w, x⟫ * ⟪step η x w, x⟫ / 2 - ⟪w, x⟫ * ⟪w, x⟫ / 2
    = η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x, x⟫ + η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) / 2
  rw [h]
  generalize ⟪w, x⟫ = y
  generalize ⟪x, x⟫ = s
  have e : (1 + η * s) * y * ((1 + η * s) * y)
      = η * (y * y) * s + η * (y * y) * s + η * η * (y * y) * (s * s) + y * y := by
    simp only [mul_add, mul_one, add_assoc, add_comm, add_left_comm, 
      mul_comm, mul_left_comm]
  rw [e, ← sub_div, add_sub_cancel_right, add_div, add_self_div_two]

/-- Hebbian ascent on one example (improvement); `x ≠ 0` comes from `⟪w, x⟫ ≠ 0`. -/
theorem increase : increase_spec := by
  intro K _ _ _ _ _ _ n η x w hη hy
  have hx : x ≠ 0 := fun h0 => hy (by rw [h0]; exact Vec.dot_zero_right w)
  have hinc := increment K n η x w
  have hyy : 0 < ⟪w, x⟫ * ⟪w, x⟫ := mul_self_pos hy
  have hs : 0 < ⟪x, x⟫ := Vec.dot_self_pos hx
  have h1 : 0 < η * (⟪w, x⟫ * ⟪w, x⟫) * ⟪x, x⟫ := mul_pos (mul_pos hη hyy) hs
  have h2 : 0 ≤ η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) :=
    mul_nonneg (mul_nonneg (mul_self_nonneg η) (mul_self_nonneg ⟪w, x⟫))
      (mul_self_nonneg ⟪x, x⟫)
  have h2' : 0 ≤ η * η * (⟪w, x⟫ * ⟪w, x⟫) * (⟪x, x⟫ * ⟪x, x⟫) / 2 := by
    rw [div_eq_mul_inv]
    exact mul_nonneg h2 (inv_nonneg (le_of_lt zero_lt_two))
  apply lt_of_sub_pos
  rw [hinc]
  exact add_pos_of_pos_of_nonneg h1 h2'

/-- The exact increment of the averaged objective for symmetric `C` (identity). -/
theorem incrementC : incrementC_spec := by
  intro K _ _ _ _ _ _ n η C w hC
  have e1 : Mat.mulVec C (w + η • Mat.mulVec C w)
      = Mat.mulVec C w + η • Mat.mulVec C (Mat.mulVec C w) := by
    rw [Vec.mulVec_add, Vec.mulVec_smul]
  have hsym : ⟪w, Mat.mulVec C (Mat.mulVec C w)⟫ = ⟪Mat.mulVec C w, Mat.mulVec C w⟫ :=
    Vec.dot_mulVec_of_isSymm hC w (Mat.mulVec C w)
  show ⟪w + η • Mat.mulVec C w, Mat.mulVec C (w + η • Mat.mulVec C w)⟫ / 2
      - ⟪w, Mat.mulVec C w⟫ / 2
    = η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫
      + η * η / 2 * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫
  rw [e1]
  simp only [Vec.dot_add_left, Vec.dot_add_right, Vec.dot_smul_left, Vec.dot_smul_right]
  rw [hsym]
  generalize ⟪w, Mat.mulVec C w⟫ = a
  generalize ⟪Mat.mulVec C w, Mat.mulVec C w⟫ = b
  generalize ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ = c
  have e : a + η * b + η * (b + η * c) = η * b + η * b + η * η * c + a := by
    simp only [mul_add, add_assoc, add_comm, add_left_comm, mul_assoc]
  rw [e, ← sub_div, add_sub_cancel_right, add_div, add_self_div_two]
  simp only [div_eq_mul_inv, mul_assoc, mul_comm, mul_left_comm]

/-- Hebbian ascent of the averaged objective for symmetric PSD `C` (improvement). -/
theorem increaseC : increaseC_spec := by
  intro K _ _ _ _ _ _ n η C w hC hpsd hv hη
  have hinc := incrementC K n η C w hC
  have hvv : 0 < ⟪Mat.mulVec C w, Mat.mulVec C w⟫ := Vec.dot_self_pos hv
  have hq : 0 ≤ ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ := hpsd (Mat.mulVec C w)
  have h1 : 0 < η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫ := mul_pos hη hvv
  have hηη : 0 ≤ η * η / 2 := by
    rw [div_eq_mul_inv]
    exact mul_nonneg (mul_self_nonneg η) (inv_nonneg (le_of_lt zero_lt_two))
  have h2 : 0 ≤ η * η / 2 * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ :=
    mul_nonneg hηη hq
  apply lt_of_sub_pos
  rw [hinc]
  exact add_pos_of_pos_of_nonneg h1 h2

/-- Expansion of the `C`-quadratic form along `s • x - t • y` for symmetric `C`:
`⟪s x - t y, C (s x - t y)⟫ = s s ⟪x, C x⟫ - 2 (s t) ⟪x, C y⟫ + t t ⟪y, C y⟫`. -/
theorem quad_sub_smul (C : Mat K n n) (hC : Mat.IsSymm C) (x y : Vec K n) (s t : K) :
    ⟪s • x - t • y, Mat.mulVec C (s • x - t • y)⟫
      = s * s * ⟪x, Mat.mulVec C x⟫ - 2 * (s * t) * ⟪x, Mat.mulVec C y⟫
        + t * t * ⟪y, Mat.mulVec C y⟫ := by
  have hyx : ⟪y, Mat.mulVec C x⟫ = ⟪x, Mat.mulVec C y⟫ := by
    rw [Vec.dot_mulVec_of_isSymm hC y x, Vec.dot_comm]
  rw [Vec.mulVec_sub, Vec.mulVec_smul, Vec.mulVec_smul]
  simp only [Vec.dot_sub_left, Vec.dot_sub_right, Vec.dot_smul_left, Vec.dot_smul_right]
  rw [hyx, two_mul]
  generalize ⟪x, Mat.mulVec C x⟫ = A
  generalize ⟪x, Mat.mulVec C y⟫ = B
  generalize ⟪y, Mat.mulVec C y⟫ = D
  simp only [sub_eq_add_neg, mul_add, add_mul, neg_add, neg_neg, mul_assoc, add_assoc, neg_mul,
    mul_neg, mul_comm, mul_left_comm, add_comm, add_left_comm]

/-- Cauchy–Schwarz for the semi-inner product `⟪x, C y⟫` of a symmetric positive semidefinite `C`,
squared, with no square root: `⟪x, C y⟫² ≤ ⟪x, C x⟫ ⟪y, C y⟫`. Writing `A, B, D` for the three forms,
`0 ≤ q(D, B) = D (A D - B²)` settles `D > 0`, `0 ≤ q(B, A) = A (A D - B²)` settles `A > 0`, and
`0 ≤ q(1, B) = -2 B²` settles `A = D = 0`, where `q(s, t) = ⟪s x - t y, C (s x - t y)⟫`. -/
theorem cauchy_schwarz_quad (C : Mat K n n) (hC : Mat.IsSymm C)
    (hpsd : ∀ v : Vec K n, 0 ≤ Mat.quadForm C v) (x y : Vec K n) :
    ⟪x, Mat.mulVec C y⟫ * ⟪x, Mat.mulVec C y⟫ ≤ ⟪x, Mat.mulVec C x⟫ * ⟪y, Mat.mulVec C y⟫ := by
  have q : ∀ s t : K, 0 ≤ s * s * ⟪x, Mat.mulVec C x⟫ - 2 * (s * t) * ⟪x, Mat.mulVec C y⟫
      + t * t * ⟪y, Mat.mulVec C y⟫ := by
    intro s t
    have h := hpsd (s • x - t • y)
    rw [Vec.quadForm_eq, quad_sub_smul C hC x y s t] at h
    exact h
  have hA : 0 ≤ ⟪x, Mat.mulVec C x⟫ := hpsd x
  have hD : 0 ≤ ⟪y, Mat.mulVec C y⟫ := hpsd y
  generalize ⟪x, Mat.mulVec C x⟫ = A at q hA
  generalize ⟪x, Mat.mulVec C y⟫ = B at q
  generalize ⟪y, Mat.mulVec C y⟫ = D at q hD
  cases Classical.em (D = 0) with
  | inr hD0 =>
    have hDpos : 0 < D := lt_of_le_of_ne hD (Ne.symm hD0)
    have h := q D B
    have e : D * D * A - 2 * (D * B) * B + B * B * D = D * (A * D - B * B) := by
      rw [mul_sub]
      apply sub_add_eq_sub_of
      rw [two_mul]
      simp only [mul_add, add_mul, mul_assoc, mul_comm, mul_left_comm, add_assoc, add_comm,
        add_left_comm]
    rw [e] at h
    exact le_of_mul_sub_nonneg hDpos h
  | inl hD0 =>
    subst hD0
    have h := q B (1 + A)
    have hc : 0 < 1 + 1 + A := add_pos_of_pos_of_nonneg (add_pos zero_lt_one zero_lt_one) hA
    have e : B * B * A - 2 * (B * (1 + A)) * B + (1 + A) * (1 + A) * 0
        = (1 + 1 + A) * (A * 0 - B * B) := by
      rw [mul_sub]
      apply sub_add_eq_sub_of
      rw [two_mul]
      simp only [mul_zero, zero_mul, add_zero, zero_add, mul_add, add_mul, mul_one, one_mul,
        mul_assoc, mul_comm, mul_left_comm, add_assoc, add_comm, add_left_comm]
    rw [e] at h
    exact le_of_mul_sub_nonneg hc h

/-- The two Cauchy–Schwarz inequalities of power iteration combine: for nonnegative
`a₀, a₂, a₃` with `a₁ a₁ ≤ a₀ a₂` and `a₂ a₂ ≤ a₁ a₃`, `a₁ a₂ ≤ a₀ a₃` (else
`(a₁ a₂)² = (a₁ a₁)(a₂ a₂) ≤ (a₀ a₂)(a₁ a₃) = (a₀ a₃)(a₁ a₂) < (a₁ a₂)²`). -/
theorem mul_le_mul_of_cauchy_schwarz {a₀ a₁ a₂ a₃ : K} (h₀ : 0 ≤ a₀) (h₂ : 0 ≤ a₂) (h₃ : 0 ≤ a₃)
    (hcs₁ : a₁ * a₁ ≤ a₀ * a₂) (hcs₂ : a₂ * a₂ ≤ a₁ * a₃) : a₁ * a₂ ≤ a₀ * a₃ := by
  refine Classical.byContradiction (fun hn => ?_)
  have hlt : a₀ * a₃ < a₁ * a₂ := not_le.mp hn
  have hP : 0 < a₁ * a₂ := lt_of_le_of_lt (mul_nonneg h₀ h₃) hlt
  have s1 : a₁ * a₁ * (a₂ * a₂) ≤ a₀ * a₂ * (a₂ * a₂) :=
    mul_le_mul_of_nonneg_right hcs₁ (mul_self_nonneg a₂)
  have s2 : a₀ * a₂ * (a₂ * a₂) ≤ a₀ * a₂ * (a₁ * a₃) :=
    mul_le_mul_of_nonneg_left hcs₂ (mul_nonneg h₀ h₂)
  have s3 : a₀ * a₃ * (a₁ * a₂) < a₁ * a₂ * (a₁ * a₂) := mul_lt_mul_of_pos_right hlt hP
  have e1 : a₁ * a₂ * (a₁ * a₂) = a₁ * a₁ * (a₂ * a₂) := by
    simp only [mul_assoc, mul_comm, mul_left_comm]
  have e2 : a₀ * a₂ * (a₁ * a₃) = a₀ * a₃ * (a₁ * a₂) := by
    simp only [mul_assoc, mul_comm, mul_left_comm]
  rw [e2] at s2
  rw [← e1] at s1
  exact lt_irrefl _ (lt_of_le_of_lt (le_trans s1 s2) s3)

/-- The scalar core of `rayleigh`: with `0 ≤ η`, `a₁ a₁ ≤ a₀ a₂` and `a₁ a₂ ≤ a₀ a₃`,
`a₁ (a₀ + 2 η a₁ + η η a₂) ≤ (a₁ + 2 η a₂ + η η a₃) a₀`; the difference is
`2 η (a₀ a₂ - a₁ a₁) + η η (a₀ a₃ - a₁ a₂)`. -/
theorem rayleigh_aux {a₀ a₁ a₂ a₃ η : K} (hη : 0 ≤ η) (h₁ : a₁ * a₁ ≤ a₀ * a₂)
    (h₂ : a₁ * a₂ ≤ a₀ * a₃) :
    a₁ * (a₀ + 2 * η * a₁ + η * η * a₂) ≤ (a₁ + 2 * η * a₂ + η * η * a₃) * a₀ := by
  have h2η : 0 ≤ 2 * η := mul_nonneg (le_of_lt zero_lt_two) hη
  have hS : 2 * η * (a₁ * a₁) + η * η * (a₁ * a₂) ≤ 2 * η * (a₀ * a₂) + η * η * (a₀ * a₃) :=
    add_le_add (mul_le_mul_of_nonneg_left h₁ h2η) (mul_le_mul_of_nonneg_left h₂ (mul_self_nonneg η))
  have e : a₁ * (a₀ + 2 * η * a₁ + η * η * a₂) + (2 * η * (a₀ * a₂) + η * η * (a₀ * a₃))
      = (a₁ + 2 * η * a₂ + η * η * a₃) * a₀ + (2 * η * (a₁ * a₁) + η * η * (a₁ * a₂)) := by
    simp only [mul_add, add_mul, mul_assoc, mul_comm, mul_left_comm, add_assoc, add_comm,
      add_left_comm]
  have h3 := add_le_add_left hS ((a₁ + 2 * η * a₂ + η * η * a₃) * a₀)
  rw [← e] at h3
  exact le_of_add_le_add_right h3

/-- The Rayleigh quotient never decreases under the averaged Hebbian step (improvement): with
`a₀ = ⟪w, w⟫`, `a₁ = ⟪w, C w⟫`, `a₂ = ⟪C w, C w⟫`, `a₃ = ⟪C w, C (C w)⟫`, the new squared norm is
`a₀ + 2 η a₁ + η² a₂` and the new form `a₁ + 2 η a₂ + η² a₃` (symmetry of `C`); the plain
Cauchy–Schwarz inequality gives `a₁² ≤ a₀ a₂`, the one in the `C`-semi-inner product
(`cauchy_schwarz_quad`) gives `a₂² ≤ a₁ a₃`, and `rayleigh_aux` concludes. -/
theorem rayleigh : rayleigh_spec := by
  intro K _ _ _ _ _ _ n η C w hC hpsd hη
  have hsym : ⟪w, Mat.mulVec C (Mat.mulVec C w)⟫ = ⟪Mat.mulVec C w, Mat.mulVec C w⟫ :=
    Vec.dot_mulVec_of_isSymm hC w (Mat.mulVec C w)
  have hcomm : ⟪Mat.mulVec C w, w⟫ = ⟪w, Mat.mulVec C w⟫ := Vec.dot_comm _ _
  have hN : ⟪stepC η C w, stepC η C w⟫
      = ⟪w, w⟫ + 2 * η * ⟪w, Mat.mulVec C w⟫ + η * η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫ := by
    show ⟪w + η • Mat.mulVec C w, w + η • Mat.mulVec C w⟫ = _
    simp only [Vec.dot_add_left, Vec.dot_add_right, Vec.dot_smul_left, Vec.dot_smul_right]
    rw [hcomm, two_mul]
    simp only [mul_add, add_mul, mul_assoc, mul_comm, mul_left_comm, add_assoc, add_comm,
      add_left_comm]
  have hQ : Mat.quadForm C (stepC η C w)
      = ⟪w, Mat.mulVec C w⟫ + 2 * η * ⟪Mat.mulVec C w, Mat.mulVec C w⟫
        + η * η * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ := by
    show ⟪w + η • Mat.mulVec C w, Mat.mulVec C (w + η • Mat.mulVec C w)⟫ = _
    rw [Vec.mulVec_add, Vec.mulVec_smul]
    simp only [Vec.dot_add_left, Vec.dot_add_right, Vec.dot_smul_left, Vec.dot_smul_right]
    rw [hsym, two_mul]
    simp only [mul_add, add_mul, mul_assoc, mul_comm, mul_left_comm, add_assoc, add_comm,
      add_left_comm]
  have h₁ := Vec.cauchy_schwarz_sq w (Mat.mulVec C w)
  have h₂ := cauchy_schwarz_quad C hC hpsd w (Mat.mulVec C w)
  rw [hsym] at h₂
  have h₃ : ⟪w, Mat.mulVec C w⟫ * ⟪Mat.mulVec C w, Mat.mulVec C w⟫
      ≤ ⟪w, w⟫ * ⟪Mat.mulVec C w, Mat.mulVec C (Mat.mulVec C w)⟫ :=
    mul_le_mul_of_cauchy_schwarz (Vec.dot_self_nonneg w) (Vec.dot_self_nonneg _)
      (hpsd (Mat.mulVec C w)) h₁ h₂
  rw [hN, hQ, Vec.quadForm_eq]
  exact rayleigh_aux hη h₁ h₃

/-- Instability of the Hebbian rule: geometric growth along the iterates (bound). -/
theorem growth : growth_spec := by
  intro K _ _ _ _ _ _ n η x w₀ k hη hy
  have hx : x ≠ 0 := by
    intro hx0
    apply hy
    subst hx0
    exact Vec.dot_zero_right w₀
  have hs : 0 < ⟪x, x⟫ := Vec.dot_self_pos hx
  have hηs : 0 < η * ⟪x, x⟫ := mul_pos hη hs
  have hdot := dot_iterate η x k w₀
  have hcs := Vec.cauchy_schwarz_sq (iterate (step η x) k w₀) x
  have hpow := pow_two_mul (1 + η * ⟪x, x⟫) k
  have hgt : 1 < 1 + η * ⟪x, x⟫ := by
    have h := add_lt_add_left hηs 1
    rw [add_zero] at h
    exact h
  refine ⟨hgt, hdot, ?_⟩
  rw [hdot] at hcs
  have e : (1 + η * ⟪x, x⟫) ^ k * ⟪w₀, x⟫ * ((1 + η * ⟪x, x⟫) ^ k * ⟪w₀, x⟫)
      = (1 + η * ⟪x, x⟫) ^ k * (1 + η * ⟪x, x⟫) ^ k * (⟪w₀, x⟫ * ⟪w₀, x⟫) := by
    simp only [mul_assoc, mul_comm, mul_left_comm]
  rw [hpow, ← e]
  exact hcs

end LearningRules.Hebbian
