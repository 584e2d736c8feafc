// Pieces of the ComfyUI dialect shared between its files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/dialect.h"
#include "promptport/ir.h"
#include "promptport/kit.h"

namespace promptport::comfy {

/// CLIPTextEncode's attention syntax read into weighted runs (equal neighbours merged).
/// `base` is the offset of `text` in the record; `field` ("subject" or "negative") names
/// the diagnostics. `embedding:name` becomes a run of its own whose text is the bare name,
/// and the name is appended to `embeddings` (once).
std::vector<kit::WeightedRun> read_attention(std::string_view text, std::uint32_t base,
                                             std::string_view field, Diagnostics& diags,
                                             std::vector<std::string>& embeddings);

/// One literal-text warning per kind of A1111 syntax that ComfyUI reads as plain text
/// ([x], [a:b:n], AND, BREAK, <lora:...>).
void report_literal_syntax(std::string_view text, std::uint32_t base, std::string_view field,
                           Diagnostics& diags);

/// Negative runs as negative terms: cut at commas and line breaks like kit::place_runs, but
/// nothing is classified (a negative "close up" stays the words the user wrote).
std::vector<Term> negative_terms(const std::vector<kit::WeightedRun>& runs);

/// The prompt box text: terms as `(text:w)` with absolute weights, `embedding:` restored.
std::string write_terms(const Prompt& ir, Diagnostics& diags);
std::string write_negative(const Prompt& ir);

/// The sampler settings and checkpoint the graph uses, and where they came from.
struct Settings {
  std::string checkpoint;
  std::string sampler;            ///< "" when nothing given (the graph uses euler)
  std::string scheduler;          ///< "" when nothing given (the graph uses normal)
  bool checkpoint_known = false;  ///< from the IR or -O checkpoint, not the default
  int width = 1024;
  int height = 1024;
  bool size_known = false;  ///< from params, not the default
};

/// Reads extensions.comfyui / extensions.sd and the options into Settings; appends the
/// extension keys it used to `carried`.
Settings settings(const Prompt& ir, const Options& options, Diagnostics& diags,
                  std::vector<std::string_view>& carried);

/// The POST /prompt body: {"prompt": {"1": {"class_type": ..., "inputs": {...}}, ...}}.
nlohmann::json api_prompt(const Prompt& ir, const Settings& s, const std::string& positive,
                          const std::string& negative, Diagnostics& diags);

}  // namespace promptport::comfy
