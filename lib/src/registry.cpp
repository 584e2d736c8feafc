// The dialect registry: lookup by name or alias, and "did you mean" suggestions.
#include <algorithm>
#include <stdexcept>

#include "promptport/dialect.h"
#include "promptport/text.h"

namespace promptport {

std::string_view to_string(WeightModel model) {
  switch (model) {
    case WeightModel::None:
      return "none";
    case WeightModel::Relative:
      return "relative";
    case WeightModel::Scale:
      return "scale";
  }
  return "none";
}

std::vector<std::string> Dialect::expand(std::string_view text, Diagnostics&) const {
  return {std::string(text)};
}

void Registry::add(std::unique_ptr<Dialect> dialect) {
  if (!dialect) throw std::logic_error("Registry::add: null dialect");
  std::vector<std::string_view> names = dialect->aliases();
  names.push_back(dialect->name());
  for (auto name : names)
    if (find(name))
      throw std::logic_error("Registry::add: duplicate dialect name " + std::string(name));
  dialects_.push_back(std::move(dialect));
}

const Dialect* Registry::find(std::string_view name_or_alias) const {
  const std::string wanted = text::lower_ascii(name_or_alias);
  for (const auto& d : dialects_) {
    if (d->name() == wanted) return d.get();
    for (auto alias : d->aliases())
      if (alias == wanted) return d.get();
  }
  return nullptr;
}

std::vector<const Dialect*> Registry::all() const {
  std::vector<const Dialect*> out;
  out.reserve(dialects_.size());
  for (const auto& d : dialects_) out.push_back(d.get());
  return out;
}

std::string Registry::suggest(std::string_view unknown) const {
  const std::string wanted = text::lower_ascii(unknown);
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, wanted.size() / 3) + 1;
  auto consider = [&](std::string_view candidate) {
    const std::size_t d = text::edit_distance(wanted, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  };
  for (const auto& d : dialects_) {
    consider(d->name());
    for (auto alias : d->aliases()) consider(alias);
  }
  return best;
}

}  // namespace promptport
