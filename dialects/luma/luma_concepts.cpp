// Luma's camera concept keys (REFERENCE §6.1, the Ray2 concept list) and the canonical
// moves and angles of the IR they stand for.
#include <algorithm>

#include "luma/luma_internal.h"

namespace promptport::luma {
namespace {

struct Pair {
  std::string_view canonical;
  std::string_view key;
};

constexpr Pair kMoves[] = {
    {"pan-left", "pan_left"},       {"pan-right", "pan_right"},
    {"tilt-up", "tilt_up"},         {"tilt-down", "tilt_down"},
    {"truck-left", "truck_left"},   {"truck-right", "truck_right"},
    {"pedestal-up", "pedestal_up"}, {"pedestal-down", "pedestal_down"},
    {"roll-left", "roll_left"},     {"roll-right", "roll_right"},
    {"zoom-in", "zoom_in"},         {"zoom-out", "zoom_out"},
    {"dolly-in", "push_in"},        {"dolly-out", "pull_out"},
    {"orbit-left", "orbit_left"},   {"orbit-right", "orbit_right"},
    {"crane-up", "crane_up"},       {"crane-down", "crane_down"},
    {"dolly-zoom", "dolly_zoom"},   {"static", "static"},
    {"handheld", "handheld"},       {"aerial", "aerial"},
};

constexpr Pair kAngles[] = {
    {"overhead", "overhead"},
    {"high-angle", "high_angle"},
    {"low-angle", "low_angle"},
    {"eye-level", "eye_level"},
    {"pov", "pov"},
    {"over-the-shoulder", "over_the_shoulder"},
};

// Keys Luma lists that have no canonical move or angle: kept as camera words.
constexpr std::string_view kWordKeys[] = {"aerial_drone", "bolt_cam", "elevator_doors",
                                          "tiny_planet",  "selfie",   "ground_level"};

template <std::size_t N>
std::string_view key_of(const Pair (&table)[N], std::string_view canonical) {
  for (const auto& p : table)
    if (p.canonical == canonical) return p.key;
  return {};
}

template <std::size_t N>
std::string_view canonical_of(const Pair (&table)[N], std::string_view key) {
  for (const auto& p : table)
    if (p.key == key) return p.canonical;
  return {};
}

}  // namespace

std::string_view move_concept(std::string_view move) { return key_of(kMoves, move); }

std::string_view angle_concept(std::string_view angle) { return key_of(kAngles, angle); }

std::vector<std::string> concepts(const Camera& camera) {
  std::vector<std::string> out;
  auto add = [&](std::string_view key) {
    if (!key.empty() && std::find(out.begin(), out.end(), key) == out.end()) out.emplace_back(key);
  };
  for (const auto& m : camera.moves) add(move_concept(m.move));
  add(angle_concept(camera.angle));
  // Camera words a Concepts line brought in ("bolt cam") go back as their keys.
  for (const auto& t : camera.terms) {
    std::string key;
    for (char c : t.text) key += c == ' ' ? '_' : (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
    for (auto w : kWordKeys)
      if (w == key) add(w);
  }
  return out;
}

std::optional<ConceptMeaning> concept_meaning(std::string_view key) {
  if (auto m = canonical_of(kMoves, key); !m.empty())
    return ConceptMeaning{ConceptMeaning::Kind::Move, std::string(m)};
  if (auto a = canonical_of(kAngles, key); !a.empty())
    return ConceptMeaning{ConceptMeaning::Kind::Angle, std::string(a)};
  for (auto w : kWordKeys)
    if (w == key) {
      std::string words(key);
      std::replace(words.begin(), words.end(), '_', ' ');
      return ConceptMeaning{ConceptMeaning::Kind::Words, words};
    }
  return std::nullopt;
}

}  // namespace promptport::luma
