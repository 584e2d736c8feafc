// What the Krea proxy's files share: the models Krea serves and how `-O model=` finds the
// dialect that writes for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::krea {

/// A model family Krea's API serves, by the promptport dialect that writes its prompts, and
/// the Krea endpoint (under https://api.krea.ai) of the model that dialect writes for.
struct Model {
  std::string_view dialect;   ///< "flux"
  std::string_view endpoint;  ///< "/generate/image/bfl/flux-1.1-pro"
};

/// Every model family, in the order `promptport dialects krea` lists them; the first (flux)
/// is the default.
const std::vector<Model>& models();
constexpr std::string_view kDefaultModel = "flux";

/// "flux|ideogram|imagen|gemini|..." : the names and aliases `-O model=` takes.
std::string model_values();

/// The dialect that `-O model=` picks and its Krea model, looked up by name in the
/// built-in registry when called (never while the registry is being built). A name that is
/// not a Krea model, or whose dialect this build does not have, gets one invalid-value
/// warning (field "model") and Flux is used. `dialect` is null only if even Flux is missing.
struct Resolved {
  const Dialect* dialect = nullptr;
  const Model* model = nullptr;
};
Resolved resolve(const Options& options, Diagnostics& diags);

/// The options for the underlying dialect: all but `model`, which is Krea's.
Options underlying_options(const Options& options);

}  // namespace promptport::krea
