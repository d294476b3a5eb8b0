import LearningRulesProofs.Algebra
import LearningRulesProofs.Vec
import LearningRulesProofs.Learning
import LearningRulesProofs.GradientDescent
import LearningRulesProofs.GradientDescentNesterov
import LearningRulesProofs.Quadratic
import LearningRulesProofs.SGD
import LearningRulesProofs.Hebbian
import LearningRulesProofs.Oja
import LearningRulesProofs.Perturbation
import LearningRulesProofs.FeedbackAlignment
import LearningRulesProofs.FreeEnergy
import LearningRulesProofs.LMS
import LearningRulesProofs.EWC
import LearningRulesProofs.PredictiveCoding
import LearningRulesProofs.Perceptron
import LearningRulesProofs.TD0

/-!
# LearningRulesProofs: the proofs

The aggregator of the proof library: for every statement `LearningRules.<Rule>.foo_spec` of the
spec library it imports the module that proves `theorem LearningRules.<Rule>.foo`.

## Implementation notes

The foundation lemmas about vectors, dot products and finite sums live in
`LearningRulesProofs.Vec` and are imported by every other proof module; the ordered-field lemmas
they rest on live in `LearningRulesProofs.Algebra`.

The `#guard` test vectors (`LearningRulesProofs.Vectors`) are not imported here: they are a test of
the definitions, not part of the proof library. `lake build` still builds them, through the
library's `globs` (every module under `proofs/LearningRulesProofs/`).
-/
