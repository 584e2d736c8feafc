// Which weighting model the IR's weights are in: the model of the dialect it was read from.
#pragma once

#include "promptport/dialect.h"
#include "promptport/ir.h"

namespace promptport::dialects {

/// The weight model of `ir.source->dialect` (looked up in the built-in registry), or
/// `fallback` when the IR names no known source: a hand-written IR is read in the
/// writer's own model.
WeightModel source_weight_model(const Prompt& ir, WeightModel fallback);

}  // namespace promptport::dialects
