// The models Krea serves, by the dialect that writes for them, and the -O model= lookup.
#include <fmt/format.h>

#include <algorithm>

#include "krea/krea_internal.h"
#include "promptport/text.h"

namespace promptport::krea {
namespace {

// Aliases `-O model=` also takes (the registry resolves them to these dialects).
struct Alias {
  std::string_view alias;
  std::string_view dialect;
};
const std::vector<Alias>& aliases() {
  static const std::vector<Alias> a{
      {"gemini", "imagen"}, {"gpt-image", "dalle"}, {"minimax", "hailuo"}};
  return a;
}

const Model* model_of(std::string_view dialect) {
  for (const Model& m : models())
    if (m.dialect == dialect) return &m;
  return nullptr;
}

std::string names() {
  std::string out;
  for (const Model& m : models()) out += (out.empty() ? "" : ", ") + std::string(m.dialect);
  return out;
}

}  // namespace

const std::vector<Model>& models() {
  // Endpoints from Krea's API reference (docs.krea.ai, openapi.json) as listed by public
  // clients [S]: for each family, the model its promptport dialect writes by default.
  static const std::vector<Model> m{
      {"flux", "/generate/image/bfl/flux-1.1-pro"},
      {"ideogram", "/generate/image/ideogram/ideogram-3"},
      {"imagen", "/generate/image/google/imagen-4"},
      {"dalle", "/generate/image/openai/gpt-image"},
      {"kling", "/generate/video/kling/kling-2.1"},
      {"hailuo", "/generate/video/minimax/hailuo-02"},
      {"wan", "/generate/video/alibaba/wan-2.2"},
      {"luma", "/generate/video/luma/ray-2"},
      {"runway", "/generate/video/runway/gen-4-video"},
      {"veo", "/generate/video/google/veo-3.1"},
      {"seedance", "/generate/video/bytedance/seedance-1.0-pro"},
  };
  return m;
}

std::string model_values() {
  std::string out;
  for (const Model& m : models()) {
    out += (out.empty() ? "" : "|") + std::string(m.dialect);
    for (const Alias& a : aliases())
      if (a.dialect == m.dialect) out += "|" + std::string(a.alias);
  }
  return out;
}

Resolved resolve(const Options& options, Diagnostics& diags) {
  const Registry& registry = builtin_registry();
  std::string wanted(kDefaultModel);
  if (const auto it = options.find("model"); it != options.end())
    wanted = text::lower_ascii(text::trim(it->second));
  // The registry knows aliases (gemini, minimax ...); Krea's table is by dialect name, and
  // only its dialects are proxied, so `model=krea` can never pick Krea itself.
  const Dialect* d = registry.find(wanted);
  const Model* m = d ? model_of(d->name()) : nullptr;
  if (d && m) return {d, m};
  const bool krea_model =
      model_of(wanted) != nullptr || std::any_of(aliases().begin(), aliases().end(),
                                                 [&](const Alias& a) { return a.alias == wanted; });
  report(diags, Code::InvalidValue, Severity::Warning,
         krea_model ? fmt::format("Krea model '{}' has no dialect in this build of promptport; "
                                  "writing for flux instead",
                                  wanted)
                    : fmt::format("Krea model '{}' is not one promptport writes through Krea "
                                  "({}); writing for flux instead",
                                  wanted, names()),
         "model");
  return {registry.find(kDefaultModel), model_of(kDefaultModel)};
}

Options underlying_options(const Options& options) {
  Options out = options;
  out.erase("model");
  return out;
}

}  // namespace promptport::krea
