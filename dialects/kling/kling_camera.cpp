// Canonical moves -> Kling `camera_control`. Kling names its rotation axes after the axis
// they turn about, not the way film does: its `pan` turns about x (the view goes up or
// down, a film "tilt") and its `tilt` about y (left or right, a film "pan"). REFERENCE §4.1.
#include "kling/kling_camera.h"

#include <array>
#include <string_view>

namespace promptport::kling {
namespace {

struct Axis {
  std::string_view move;  // canonical move
  std::string_view key;   // config key it turns
  int sign;               // direction of the film move on Kling's axis
};

// The sign conventions of REFERENCE §4.1: horizontal/vertical negative = left/down; pan
// negative = down; tilt negative = left; roll negative = counter-clockwise; zoom negative
// = narrower view (a zoom in).
constexpr std::array<Axis, 12> kAxes{{
    {"truck-left", "horizontal", -1},
    {"truck-right", "horizontal", +1},
    {"pedestal-down", "vertical", -1},
    {"pedestal-up", "vertical", +1},
    {"tilt-down", "pan", -1},
    {"tilt-up", "pan", +1},
    {"pan-left", "tilt", -1},
    {"pan-right", "tilt", +1},
    {"roll-left", "roll", -1},
    {"roll-right", "roll", +1},
    {"zoom-in", "zoom", -1},
    {"zoom-out", "zoom", +1},
}};

// Every key, always written: Kling wants the whole config with exactly one non-zero value.
constexpr std::array<std::string_view, 6> kKeys{"horizontal", "vertical", "pan",
                                                "tilt",       "roll",     "zoom"};

bool has(const std::vector<CameraMove>& moves, std::string_view a, std::string_view b = {}) {
  for (const auto& m : moves)
    if (m.move == a || (!b.empty() && m.move == b)) return true;
  return false;
}

}  // namespace

int axis_value(const CameraMove& move) {
  if (move.speed == "slow") return 3;
  if (move.speed == "fast") return 8;
  return 5;
}

std::optional<nlohmann::json> camera_control(const std::vector<CameraMove>& moves) {
  if (moves.size() == 1) {
    for (const Axis& axis : kAxes) {
      if (moves.front().move != axis.move) continue;
      nlohmann::json config = nlohmann::json::object();
      for (auto key : kKeys) config[std::string(key)] = 0;
      config[std::string(axis.key)] = axis.sign * axis_value(moves.front());
      return nlohmann::json{{"type", "simple"}, {"config", std::move(config)}};
    }
    return std::nullopt;
  }
  // The presets take no config, so a speed on their moves has nowhere to go; the Camera
  // line of the text format keeps it.
  if (moves.size() == 2) {
    if (has(moves, "pedestal-down", "crane-down") && has(moves, "dolly-out"))
      return nlohmann::json{{"type", "down_back"}};
    if (has(moves, "dolly-in") && has(moves, "tilt-up"))
      return nlohmann::json{{"type", "forward_up"}};
  }
  return std::nullopt;
}

}  // namespace promptport::kling
