// Reading Veo prose and the labelled lines of its --format text.
#pragma once

#include <string_view>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport::veo {

/// One record: the prose (camera words, dialogue, SFX and ambient sentences included) and
/// the lines Negative prompt, Aspect ratio, Duration, Seed, Camera, Resolution, Audio.
Prompt read(std::string_view text, Diagnostics& diags);

}  // namespace promptport::veo
