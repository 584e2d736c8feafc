// The pieces of the Runway dialect: reading its text format, writing its prompt and its
// API request.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::runway {

/// The API model: its ratio list differs (gen3a_turbo has only two ratios).
enum class Model { Gen4Turbo, Gen3aTurbo, Gen45 };

/// The `model` option (default gen4_turbo; another value is reported and the default used).
Model model_option(const Options& options, Diagnostics& diags);

/// Reads one record: prose (with the "[camera movement]: [scene]" lead) and the text
/// format's labelled lines.
Prompt read(std::string_view text, Diagnostics& diags);

/// 0.5 when the first line starts with camera words before a colon, else 0.
double detect(std::string_view text);

/// The prompt: "Slow dolly in: A lighthouse on a cliff at dusk. Watercolor." Reports
/// weights and quality boosters it leaves out.
std::string write_prompt(const Prompt& ir, Diagnostics& diags);

using Lines = std::vector<std::pair<std::string, std::string>>;

/// Fills out.request (out.prompt must be set), returns the labelled lines of the text format
/// and adds the IR fields it carried to `carried`.
Lines write_request(const Prompt& ir, Model model, Emitted& out,
                    std::vector<std::string_view>& carried, Diagnostics& diags);

}  // namespace promptport::runway
