// The Imagen and Gemini image models (REFERENCE §13.3): ids, families, aspect ratios.
#include <fmt/format.h>

#include <algorithm>

#include "imagen/imagen_internal.h"
#include "promptport/text.h"

namespace promptport::imagen {

const std::vector<std::string_view>& known_models() {
  static const std::vector<std::string_view> models{
      "imagen-4.0-generate-001", "imagen-4.0-fast-generate-001", "imagen-4.0-ultra-generate-001",
      "imagen-3.0-generate-002", "imagen-3.0-generate-001",      "imagen-3.0-fast-generate-001",
      "gemini-2.5-flash-image",  "gemini-3-pro-image-preview"};
  return models;
}

Model model_option(const Options& options, Diagnostics& diags) {
  std::string id(kDefaultModel);
  if (const auto it = options.find("model"); it != options.end()) {
    const std::string v = text::lower_ascii(text::trim(it->second));
    if (v.rfind("imagen-", 0) == 0 || v.rfind("gemini-", 0) == 0)
      id = v;
    else
      report(diags, Code::InvalidValue, Severity::Warning,
             fmt::format("'{}' is not an Imagen or Gemini image model id; using {}", it->second,
                         kDefaultModel),
             "model");
  }
  Model m;
  m.family = id.rfind("gemini-", 0) == 0 ? Family::Gemini : Family::Imagen;
  // Not supported on imagen-3.0-generate-002 and later (REFERENCE §13.3).
  m.negative = id == "imagen-3.0-generate-001";
  m.id = std::move(id);
  return m;
}

const std::vector<std::string>& ratios(Family family) {
  static const std::vector<std::string> imagen{"1:1", "3:4", "4:3", "9:16", "16:9"};
  static const std::vector<std::string> gemini{"1:1", "2:3",  "3:2",  "3:4",
                                               "4:3", "9:16", "16:9", "21:9"};
  return family == Family::Gemini ? gemini : imagen;
}

bool known_person_generation(std::string_view v) {
  for (std::string_view known : {"dont_allow", "allow_adult", "allow_all"})
    if (v == known) return true;
  return false;
}

}  // namespace promptport::imagen
