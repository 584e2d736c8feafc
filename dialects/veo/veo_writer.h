// Writing the Veo prompt, its --format text and the Vertex predictLongRunning body.
#pragma once

#include <optional>
#include <string>

#include "promptport/dialect.h"

namespace promptport::veo {

/// What the -O options chose; unset fields fall back to the IR's extensions.veo, then to
/// the defaults (720p, audio on).
struct Settings {
  std::string model = "veo-3.1-generate-preview";
  std::optional<std::string> resolution;
  std::optional<bool> generate_audio;
};

Emitted write(const Prompt& ir, const Settings& settings, Diagnostics& diags);

}  // namespace promptport::veo
