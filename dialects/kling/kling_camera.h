// Kling's `camera_control`: which canonical camera moves it can say, and how.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "promptport/ir.h"

namespace promptport::kling {

/// Kling's `simple` axis value for a move's speed: 3 slow, 5 unstated, 8 fast.
int axis_value(const CameraMove& move);

/// The `camera_control` object for these moves, or nullopt when Kling has none for them
/// (then the moves stay in the prose). Only exactly one move that turns one `simple` axis,
/// or exactly the two moves of the `down_back` / `forward_up` presets, map; the object then
/// carries every move.
std::optional<nlohmann::json> camera_control(const std::vector<CameraMove>& moves);

}  // namespace promptport::kling
