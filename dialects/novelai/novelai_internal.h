// Pieces of the NovelAI dialect shared between its files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/dialect.h"
#include "promptport/ir.h"
#include "promptport/kit.h"

namespace promptport::nai {

enum class Model { V45, V4, V3 };

/// `-O model=v4.5|v4|v3` (default v4.5); an unknown value is reported and gives the default.
Model model_option(const Options& options, Diagnostics& diags);
std::string_view model_id(Model model);  ///< the API id: "nai-diffusion-4-5-full"

/// NovelAI emphasis read into weighted runs: `{}` x1.05 and `[]` /1.05 per level, V4
/// `w::text ::`. Runs end at commas and line breaks; equal neighbours merge.
std::vector<kit::WeightedRun> read_emphasis(std::string_view text, std::uint32_t base,
                                            std::string_view field, Diagnostics& diags);

/// Places positive runs: `artist:name` -> artist style term, `rating:x` ->
/// extensions.novelai.rating, danbooru camera tags -> camera, the rest via the vocabulary.
void place_positive(Prompt& ir, const std::vector<kit::WeightedRun>& runs);
/// Negative runs as negative terms, unclassified.
void place_negative(Prompt& ir, const std::vector<kit::WeightedRun>& runs);

/// The danbooru tag for a canonical shot or angle ("medium" -> "upper body"), "" if none;
/// `exact` is false when the tag is only near the value (reported as approximated).
struct Tag {
  std::string_view tag;
  bool exact = true;
};
Tag shot_tag(std::string_view shot);
Tag angle_tag(std::string_view angle);
/// Danbooru tags the shared vocabulary does not know ("straight-on", "portrait").
bool read_camera_tag(std::string_view fragment, Camera& camera);

/// The prompt and the Undesired Content in NovelAI syntax.
struct Written {
  std::string prompt;
  std::string negative;
};
Written write_prompt(const Prompt& ir, Model model, Diagnostics& diags);

/// Width and height for the request, and whether the prompt said anything about size.
struct Size {
  int width = 832;
  int height = 1216;
  bool known = false;
};
Size size_for(const Prompt& ir, Diagnostics& diags);

/// The sampler id ("k_euler_ancestral") from extensions.novelai.sampler or a mapped
/// A1111/ComfyUI name, "" when none; appends the extension key it used to `carried`.
std::string sampler_for(const Prompt& ir, std::vector<std::string_view>& carried,
                        Diagnostics& diags);

}  // namespace promptport::nai
