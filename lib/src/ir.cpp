// Names of IR enumerations and content equality of prompts.
#include "promptport/ir.h"

#include <array>
#include <cmath>
#include <utility>

namespace promptport {
namespace {

constexpr std::array<std::pair<StyleKind, std::string_view>, 9> kStyleKinds{{
    {StyleKind::Medium, "medium"},
    {StyleKind::Artist, "artist"},
    {StyleKind::Movement, "movement"},
    {StyleKind::Aesthetic, "aesthetic"},
    {StyleKind::Lighting, "lighting"},
    {StyleKind::Color, "color"},
    {StyleKind::Mood, "mood"},
    {StyleKind::Quality, "quality"},
    {StyleKind::Other, "other"},
}};

constexpr std::array<std::pair<ReferenceKind, std::string_view>, 4> kReferenceKinds{{
    {ReferenceKind::Image, "image"},
    {ReferenceKind::Style, "style"},
    {ReferenceKind::Character, "character"},
    {ReferenceKind::Omni, "omni"},
}};

// Weights and numbers travel through text forms with limited digits, so equality is
// approximate at the precision the IR promises (1e-6).
bool close(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(a)); }

bool close(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || close(*a, *b);
}

bool same_terms(const std::vector<Term>& a, const std::vector<Term>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].text != b[i].text || !close(a[i].weight, b[i].weight) || a[i].joined != b[i].joined)
      return false;
  return true;
}

bool same_style(const std::vector<StyleTerm>& a, const std::vector<StyleTerm>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].text != b[i].text || a[i].kind != b[i].kind || !close(a[i].weight, b[i].weight) ||
        a[i].joined != b[i].joined)
      return false;
  return true;
}

bool same_camera(const Camera& a, const Camera& b) {
  if (a.shot != b.shot || a.angle != b.angle || a.lens != b.lens) return false;
  if (a.moves.size() != b.moves.size()) return false;
  for (std::size_t i = 0; i < a.moves.size(); ++i)
    if (a.moves[i].move != b.moves[i].move || a.moves[i].speed != b.moves[i].speed) return false;
  return same_terms(a.terms, b.terms);
}

bool same_params(const Params& a, const Params& b) {
  return a.aspect_ratio == b.aspect_ratio && a.width == b.width && a.height == b.height &&
         a.seed == b.seed && close(a.duration_s, b.duration_s) && a.steps == b.steps &&
         close(a.guidance, b.guidance) && a.quality == b.quality;
}

bool same_references(const std::vector<Reference>& a, const std::vector<Reference>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].uri != b[i].uri || !close(a[i].weight, b[i].weight))
      return false;
  return true;
}

bool same_json(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) return close(a.get<double>(), b.get<double>());
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !same_json(*it, *other)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

}  // namespace

std::string_view to_string(StyleKind kind) {
  for (const auto& [k, name] : kStyleKinds)
    if (k == kind) return name;
  return "other";
}

std::optional<StyleKind> style_kind_from_string(std::string_view name) {
  for (const auto& [k, n] : kStyleKinds)
    if (n == name) return k;
  return std::nullopt;
}

std::string_view to_string(ReferenceKind kind) {
  for (const auto& [k, name] : kReferenceKinds)
    if (k == kind) return name;
  return "image";
}

std::optional<ReferenceKind> reference_kind_from_string(std::string_view name) {
  for (const auto& [k, n] : kReferenceKinds)
    if (n == name) return k;
  return std::nullopt;
}

bool same_content(const Prompt& a, const Prompt& b) {
  if (a.version != b.version || !same_terms(a.subject, b.subject) ||
      !same_style(a.style, b.style) || !same_camera(a.camera, b.camera) ||
      !same_terms(a.motion, b.motion) || a.motion_intensity != b.motion_intensity ||
      !same_terms(a.negative, b.negative) || !same_params(a.params, b.params) ||
      !same_references(a.references, b.references))
    return false;
  if (a.loras.size() != b.loras.size()) return false;
  for (std::size_t i = 0; i < a.loras.size(); ++i)
    if (a.loras[i].name != b.loras[i].name || !close(a.loras[i].weight, b.loras[i].weight))
      return false;
  if (a.audio.sfx != b.audio.sfx || a.audio.ambience != b.audio.ambience ||
      a.audio.dialogue.size() != b.audio.dialogue.size())
    return false;
  for (std::size_t i = 0; i < a.audio.dialogue.size(); ++i)
    if (a.audio.dialogue[i].speaker != b.audio.dialogue[i].speaker ||
        a.audio.dialogue[i].line != b.audio.dialogue[i].line)
      return false;
  return same_json(a.extensions, b.extensions);
}

}  // namespace promptport
