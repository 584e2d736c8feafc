// The BFL request body for a Flux prompt, and the settings lines of Flux's text format.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::flux {

/// The BFL endpoint family: dev and pro take width/height, ultra an aspect ratio.
enum class Model { Dev, Pro, Ultra };

/// The `model` option (default pro; another value is reported and pro is used).
Model model_option(const Options& options, Diagnostics& diags);

/// Fills out.request (out.prompt must be set) and returns the labelled lines of the text
/// format (Aspect ratio, Size, Seed, Steps, Guidance, Raw); reports every setting, reference,
/// LoRA and extension it cannot carry.
std::vector<std::pair<std::string, std::string>> write_request(const Prompt& ir, Model model,
                                                               Emitted& out, Diagnostics& diags);

}  // namespace promptport::flux
