// Writing the Sora brief, its --format text and the POST /v1/videos body.
#pragma once

#include <string>

#include "promptport/dialect.h"

namespace promptport::sora {

Emitted write(const Prompt& ir, const std::string& model, Diagnostics& diags);

}  // namespace promptport::sora
