// Internal to dialects/imagen: the Imagen and Gemini image models, the reader and the writer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::imagen {

/// The request shape: Imagen's predict body, or Gemini's generateContent.
enum class Family { Imagen, Gemini };

struct Model {
  std::string id;  ///< "imagen-4.0-generate-001"; it names the endpoint, not a body field
  Family family = Family::Imagen;
  bool negative = false;  ///< `negativePrompt` (imagen-3.0-generate-001 only)
};

inline constexpr std::string_view kDefaultModel = "imagen-4.0-generate-001";
/// The prompt limit of the Imagen models, in tokens (REFERENCE §13.3).
inline constexpr std::size_t kMaxTokens = 480;

/// The model ids `promptport dialects imagen` lists (any other imagen-* or gemini-* id is
/// taken too, by its family).
const std::vector<std::string_view>& known_models();

/// The `model` option: an imagen-* or gemini-* id (default imagen-4.0-generate-001); anything
/// else is an invalid-value warning (field "model") and the default is used.
Model model_option(const Options& options, Diagnostics& diags);

/// `aspectRatio` values: 5 for Imagen, 8 for the Gemini image models.
const std::vector<std::string>& ratios(Family family);

/// `personGeneration` values.
bool known_person_generation(std::string_view v);

double detect(std::string_view text);
Prompt read(std::string_view text, Diagnostics& diags);
Emitted write(const Prompt& ir, const Model& model, Diagnostics& diags);

}  // namespace promptport::imagen
