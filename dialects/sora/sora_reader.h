// Reading a Sora 2 brief and the labelled lines of its --format text.
#pragma once

#include <string_view>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport::sora {

/// One record: the prose with its Cinematography, Dialogue, SFX and Background sound parts,
/// then the lines Negative prompt, Aspect ratio, Duration, Seed, Camera.
Prompt read(std::string_view text, Diagnostics& diags);

}  // namespace promptport::sora
