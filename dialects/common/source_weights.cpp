// Which weighting model the IR's weights are in.
#include "common/source_weights.h"

namespace promptport::dialects {

WeightModel source_weight_model(const Prompt& ir, WeightModel fallback) {
  if (!ir.source || ir.source->dialect.empty()) return fallback;
  const Dialect* d = builtin_registry().find(ir.source->dialect);
  return d ? d->capabilities().weight_model : fallback;
}

}  // namespace promptport::dialects
