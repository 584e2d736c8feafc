// The sd reader: an A1111 prompt or infotext block into the IR.
#pragma once

#include <string_view>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport::sd {

/// Reads a record (README "Reading", steps 1 to 7).
Prompt read(std::string_view text, Diagnostics& diags);

/// The weight A1111 gives the first visible text of `syntax` read alone: the writer uses it
/// to know how much of a term's weight an inline construct already says.
double own_weight(std::string_view syntax);

}  // namespace promptport::sd
