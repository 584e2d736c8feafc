// Internal to dialects/dalle: the two OpenAI image models, the reader and the writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::dalle {

/// One size of the model's `size` list and the ratio it stands for.
struct Size {
  std::string_view ratio;  ///< reduced: "7:4"
  std::string_view size;   ///< the API value: "1792x1024"
};

/// What one model of POST /v1/images/generations accepts (REFERENCE §13.1-13.2).
struct Model {
  std::string_view id;        ///< the request's `model`: "dall-e-3"
  std::string_view label;     ///< for messages: "DALL·E 3"
  std::size_t max_chars = 0;  ///< prompt limit in characters
  std::vector<Size> sizes;    ///< the first is the API default, when `size` is omitted
  std::vector<std::string_view> qualities;
  bool style = false;      ///< `style` vivid|natural (DALL·E 3 only)
  bool gpt_image = false;  ///< background, output_format, moderation (gpt-image-1)
};

const Model& dall_e_3();
const Model& gpt_image_1();

/// The `model` option: dall-e-3 (default) or gpt-image-1; another value is an invalid-value
/// warning (field "model") and dall-e-3 is used.
const Model& model_option(const Options& options, Diagnostics& diags);

/// The model's size for a reduced ratio, or nullptr.
const Size* size_for_ratio(const Model& model, std::string_view ratio);

/// The ratio of a size listed by either model ("1792x1024" -> "7:4"), or "".
std::string_view listed_size_ratio(std::string_view size);

/// `quality` as the model takes it: the value itself when the model has it, else the
/// other model's nearest (hd <-> high, standard <-> medium, low -> standard); "" when the
/// model's default stands for it (auto on DALL·E 3) or the value is unknown.
std::string_view quality_for(const Model& model, std::string_view quality);

/// Values the reader accepts for each labelled line (lower case).
bool known_quality(std::string_view v);
bool known_style(std::string_view v);
bool known_background(std::string_view v);
bool known_output_format(std::string_view v);
bool known_moderation(std::string_view v);

/// The sentences people put before a DALL·E 3 prompt to stop it rewriting the prompt. The
/// first is the one Azure documents; its wording is what `-O as-is=on` writes.
const std::vector<std::string_view>& no_rewrite_prefixes();

/// Length of the no-rewrite prefix `text` starts with (case-insensitive, any run of white
/// space matching any other), or 0.
std::size_t prefix_length(std::string_view text);

/// Unicode code points in valid UTF-8 (what OpenAI's character limits count).
std::size_t code_points(std::string_view s);

double detect(std::string_view text);
Prompt read(std::string_view text, Diagnostics& diags);

/// What `-O` chose for the writer.
struct Settings {
  const Model* model = nullptr;
  bool as_is = false;  ///< `-O as-is=on`: write the no-rewrite prefix
};
Settings settings(const Options& options, Diagnostics& diags);
Emitted write(const Prompt& ir, const Settings& settings, Diagnostics& diags);

}  // namespace promptport::dalle
