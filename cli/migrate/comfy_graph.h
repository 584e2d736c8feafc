// The prompt of a ComfyUI image: its `prompt` PNG chunk is the API graph that made it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace promptport::migrate {

struct ComfyGraphText {
  /// The comfyui dialect's text format, which `parse --from comfyui` reads in full:
  /// "POS\nNegative prompt: NEG\nSteps: 20\nCFG: 7\nSeed: 5\nSize: 512x768\nSampler: euler\n
  /// Scheduler: normal\nCheckpoint: model.safetensors" (lines only for settings found).
  std::string text;
  std::string error;               ///< why no prompt could be read ("" when `text` is set)
  std::vector<std::string> notes;  ///< what was read with a choice (several samplers...)
};

/// Reads the sampler's prompts and settings from the JSON of an API graph
/// ({"3": {"class_type": "KSampler", "inputs": {...}}, ...}; links are [node_id, output]).
ComfyGraphText comfy_graph_text(std::string_view json);

}  // namespace promptport::migrate
