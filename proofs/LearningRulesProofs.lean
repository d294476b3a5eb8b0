import LearningRulesProofs.Algebra
import LearningRulesProofs.Vec
import LearningRulesProofs.Learning
import LearningRulesProofs.GradientDescent
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
import LearningRulesProofs.Vectors

/-!
# LearningRulesProofs: the proofs

The aggregator of the proof library: for every statement `LearningRules.<Rule>.foo_spec` of the
spec library it imports the module that proves `theorem LearningRules.<Rule>.foo`.

## Implementation notes

The foundation lemmas about vectors, dot products and finite sums live in
`LearningRulesProofs.Vec` and are imported by every other proof module.
-/
