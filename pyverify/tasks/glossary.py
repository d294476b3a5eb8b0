"""The meaning of every symbol in a task's instance, per rule (shown in refute and tune prompts).

A task must be solvable from its prompt alone: the prompt carries the Lean definitions its statement uses
(`lean_source.spec_context`) and, from here, what each instance key is in the Lean statement's terms.
Arrays are row-major nested lists; a matrix ``M`` is a list of rows and ``M v`` is the matrix-vector
product; ``⟪u, v⟫`` is the dot product. `symbols` raises nothing: a key without an entry here is reported
as such (a test requires every served key to have one).
"""

from __future__ import annotations

from typing import Any

__all__ = ["GLOSSARY", "ENTRY_GLOSSARY", "symbols", "MISSING"]

MISSING = "(no description)"

_QUAD = {
    "A": "the matrix of the quadratic loss F w = ½⟪w, A w⟫ - ⟪b, w⟫ (Quadratic.loss A b); its gradient is "
         "Quadratic.grad A b w = A w - b",
    "b": "the linear term of the quadratic loss F w = ½⟪w, A w⟫ - ⟪b, w⟫",
    "w": "the current weights (the point where the step is taken)",
    "L": "the smoothness constant claimed for the loss (IsLSmooth F grad L)",
    "eta": "the step size η",
}

#: rule -> key -> meaning.
GLOSSARY: dict[str, dict[str, str]] = {
    "gradient_descent": {
        **_QUAD,
        "mu": "the Polyak–Łojasiewicz constant μ (PL: 2μ(F w - F*) ≤ ⟪∇F w, ∇F w⟫ for all w)",
        "Fstar": "F*, a claimed lower bound of F (F* ≤ F w for all w)",
        "T": "the number of iterations (a natural number): gradient-descent steps, or for nesterov_rate the run length "
             "(the bound is checked at every k ≤ T)",
        "xstar": "the point x* the convergence statements compare with (F* = F x*): any comparator in convex_rate, a "
                 "minimiser of F (∀ y, F x* ≤ F y) where the statement asks for one",
    },
    "quadratic": {
        **_QUAD,
        "L": "the bound of QuadBound A L: ⟪x, A x⟫ ≤ L⟪x, x⟫ for all x",
        "v": "a second point (the statement compares F at w and at v)",
    },
    "ewc": {
        "A": "the matrix of the new task's loss Lnew w = ½⟪w, A w⟫ - ⟪b, w⟫",
        "b": "the linear term of the new task's loss Lnew w = ½⟪w, A w⟫ - ⟪b, w⟫",
        "L": "the smoothness constant claimed for Lnew",
        "lam": "the EWC penalty weight lam: totalLoss w = Lnew w + lam/2 Σ_i fisher_i (w_i - wstar_i)²",
        "fisher": "the diagonal Fisher information, one weight per coordinate",
        "Fmax": "an upper bound on every fisher_i (FisherBound)",
        "wstar": "the old task's optimum, where the penalty is centred",
        "w": "the current weights",
        "v": "a second point (smoothness is checked between w and v)",
        "eta": "the step size η of the gradient step on the total loss",
        "h": "the diagonal Hessian of the old task's loss diagQuad h g c w = ½ Σ_i h_i w_i² - ⟪g, w⟫ + c, also used "
             "as the Fisher diagonal of the penalty",
        "g": "the linear term of the old task's loss diagQuad h g c w = ½ Σ_i h_i w_i² - ⟪g, w⟫ + c",
        "c": "the constant term of the old task's loss diagQuad h g c w = ½ Σ_i h_i w_i² - ⟪g, w⟫ + c",
    },
    "feedback_alignment": {
        "eta": "the step size η",
        "B": "the fixed random feedback matrix that replaces W2ᵀ in the update of W1",
        "W1": "the first-layer weights (updated: W1' = W1 - η (B e) xᵀ)",
        "W2": "the second-layer weights (fixed during the step)",
        "x": "the input vector",
        "y": "the target vector; the error is e = W2 (W1 x) - y and the loss ½⟪e, e⟫",
        "alpha": "the alignment constant α of AlignmentBound W2 B α: α⟪v, v⟫ ≤ ⟪v, W2 (B v)⟫ for all v",
        "beta": "the feedback gain β of FeedbackGain W2 B β: ⟪W2 (B v), W2 (B v)⟫ ≤ β⟪v, v⟫ for all v",
    },
    "hebbian": {
        "eta": "the learning rate η (Hebbian step w' = w + η ⟪w, x⟫ x)",
        "x": "the input vector",
        "w": "the weights",
        "C": "the input correlation matrix (averaged step w' = w + η C w)",
        "M": "a witness that C is positive semi-definite: (C + Cᵀ)/2 = M Mᵀ",
    },
    "learning": {
        "e": "a sequence of errors e(0), e(1), … (a vector: e(k) is entry k)",
        "rho": "the claimed contraction factor ρ",
    },
    "lms": {
        "eta": "the step size η (LMS step w' = w + η (error x y w) x; averaged step on a data set "
               "w' = w + (η/m) Σ_i (error (xs i) (ys i) w) xs i; see the definitions)",
        "x": "the input vector",
        "y": "the target (a scalar)",
        "w": "the weights (for the data-set statements: the current weights, or w₀ where iterates start)",
        "xs": "the inputs of the data set, one sample x_i per row (m rows); R = corr xs = (1/m) Σ x_i x_iᵀ",
        "ys": "the targets of the data set, one per sample; p = crossCorr xs ys = (1/m) Σ y_i x_i",
        "d": "a displacement: the statement compares mse at w and at w + d",
        "wstar": "a reference point w⋆ (the statement bounds mse w - mse w⋆; for the minimiser R w⋆ = p this is "
                 "the excess loss)",
        "mu": "the claimed lower bound μ of the quadratic form: μ⟪v, v⟫ ≤ ⟪v, R v⟫ for all v",
        "L": "the claimed upper bound L of the quadratic form: ⟪v, R v⟫ ≤ L⟪v, v⟫ for all v",
    },
    "oja": {
        "eta": "the learning rate η (Oja step w' = w + η ⟪w, x⟫ (x - ⟪w, x⟫ w); averaged map with input "
               "correlation C: w' = w + η (C w - ⟪w, C w⟫ w))",
        "x": "the input vector",
        "w": "the weights",
        "C": "the input correlation matrix of the averaged Oja map w ↦ w + η (C w - ⟪w, C w⟫ w)",
        "lam": "the eigenvalue λ claimed for w: C w = λ w",
    },
    "perceptron": {
        "xs": "the data points, one per row",
        "ys": "the labels (±1), one per data point",
        "u": "a separating direction: ys_i ⟪u, xs_i⟫ ≥ γ for all i",
        "gamma": "the margin γ of the data along u",
        "R2": "a bound on the squared norms: ⟪xs_i, xs_i⟫ ≤ R2",
        "S": "a one-hot selection matrix: row k picks the data point updated at step k",
        "fuel": "the number of passes allowed to the training loop (a natural number)",
    },
    "perturbation": {
        **_QUAD,
        "sigma": "the perturbation size σ",
        "c": "the second-moment constant c of the directions: (1/m) Σ ξ_i ξ_iᵀ = c I",
        "dirs": "the perturbation directions ξ_i, one per row (m rows)",
        "half": "half of a symmetric direction set: the directions are ±half_i",
        "xi": "a perturbation direction ξ",
        "W": "the weight matrix of the linear layer y = W x (node perturbation)",
        "x": "the input vector of the linear layer",
        "length": "the list length n for the Rademacher enumeration",
        "two_pow": "2^n, the claimed number of Rademacher vectors",
        "g": "the vector g whose Rademacher estimator ĝ ξ = ⟪g, ξ⟫ ξ is averaged over all ξ ∈ {±1}^n",
    },
    "predictive_coding": {
        "W": "the generative weights: the prediction of x is W mu",
        "lam": "the prior precision λ: energy = ½⟪x - W mu, x - W mu⟫ + λ/2 ⟪mu - mu0, mu - mu0⟫",
        "mu0": "the prior mean",
        "x": "the observation (energy, grad, step); in the two-layer entries (netGrad, bpError, …) the network's "
             "input",
        "mu": "the latent state (inference updates it); in the two-layer entries the hidden value node μ",
        "W1": "the first-layer weights of the two-layer network (hidden prediction W1 x)",
        "W2": "the second-layer weights of the two-layer network (output prediction W2 mu)",
        "y": "the target the output layer is clamped to (two-layer entries); δ = y - W2 W1 x is backprop's error",
        "gamma": "the inference step size γ (mu' = mu - γ grad W λ mu0 x mu)",
        "L": "the curvature bound claimed for WᵀW + λ I (CurvatureBound W λ L)",
    },
    "sgd": {
        "As": "the per-sample curvature matrices: sample i has gradient g_i(w) = As_i w - bs_i",
        "bs": "the per-sample linear terms (one row per sample)",
        "A": "the matrix of F w = ½⟪w, A w⟫ - ⟪b, w⟫ + c",
        "b": "the linear term of F",
        "c": "the constant term of F",
        "w": "the current weights",
        "L": "the smoothness constant claimed for F (with gradient map meanGrad)",
        "eta": "the step size η",
        "sigma2": "σ², the claimed bound on the oracle variance: variance grads w ≤ σ² at every w",
        "Fstar": "F*, a claimed lower bound of F (F* ≤ F w for all w)",
        "T": "the number of SGD steps (a natural number); the statement looks at the iterates w_k, k < T",
        "G": "the m sample gradients at the point, one row per sample (Lean: grads = fun i _ => G i)",
        "batch": "the minibatch size: the number of samples drawn with replacement (a natural number)",
    },
    "td0": {
        "P": "the transition matrix of the Markov reward process (row i: the next-state distribution)",
        "r": "the reward vector",
        "gamma": "the discount factor γ; the Bellman operator is T V = r + γ P V",
        "alpha": "the step size α (of the expected TD(0) update V' = V + α (T V - V), of the sampled update, or of "
                 "the linear-TD step θ' = θ + α (A θ + b))",
        "V": "the current value estimate",
        "Vstar": "the claimed fixed point V* (bellman r γ P V* = V*)",
        "U": "a second value function (the contraction compares V and U)",
        "e": "a bound on the sup-norm distance: ‖V - U‖∞ ≤ e (or ‖V - V*‖∞ ≤ e)",
        "d": "the state distribution the sampled update draws s from (weights d s, one per state)",
        "v": "a value function (a vector with one entry per state)",
        "Phi": "the feature matrix Φ of linear TD(0) (row i: the features of state i)",
        "theta": "the linear-TD parameters θ (the value estimate is Φ θ)",
        "thetastar": "the claimed TD fixed point θ* (A θ* + b = 0 with A = Φᵀ D(γP - I)Φ, b = Φᵀ D r)",
    },
}


#: Per-entry meanings, where a key means something else than in the rest of its rule (looked up first).
ENTRY_GLOSSARY: dict[str, dict[str, str]] = {
    "gradient_descent.nesterov_rate": {
        "w": "the start w₀ of Nesterov's method (x₀ = y₀ = w₀, t₀ = 1)",
        "T": "the run length: the bound is checked at every iterate x_k with k ≤ T (a natural number)",
        "xstar": "a minimiser x* of F (∀ y, F x* ≤ F y); F* = F x*",
    },
    "quadratic.beyond_edge": {
        "v": "an eigenvector of A: A v = λ v (the direction whose component of w_k - w* is followed)",
        "lam": "the eigenvalue λ of A along v, with 2 < η λ (beyond the edge of stability 2/η)",
        "wstar": "the stationary point w*: A w* = b",
        "w": "the starting weights w₀ of the GD iterates w_{k+1} = w_k - η (A w_k - b)",
        "T": "the number of GD steps: the statement is checked at every k = 0 … T",
    },
}


def symbols(entry: Any, keys: list[str]) -> dict[str, str]:
    """The meaning of each key of an instance of `entry` (its entry's glossary first, then its rule's)."""
    table = {**GLOSSARY.get(entry.rule, {}), **ENTRY_GLOSSARY.get(entry.id, {})}
    return {k: table.get(k, MISSING) for k in keys}
