// Pika's -camera values (REFERENCE §11.1): one type per prompt, zoom in|out, pan with one
// or two non-conflicting directions, rotate clockwise|counterclockwise; and the canonical
// moves they stand for. Pika's "pan up" turns the view up: a film tilt.
#include <array>

#include "pika/pika_internal.h"

namespace promptport::pika {
namespace {

struct Direction {
  std::string_view word;
  std::string_view move;
  bool vertical;
};

constexpr std::array<Direction, 4> kDirections{{
    {"up", "tilt-up", true},
    {"down", "tilt-down", true},
    {"left", "pan-left", false},
    {"right", "pan-right", false},
}};

const Direction* direction(std::string_view word) {
  for (const auto& d : kDirections)
    if (d.word == word) return &d;
  return nullptr;
}

struct Near {
  std::string_view move;
  std::string_view words;
};

// Moves -camera has no word for, written as the nearest it has (an approximation).
constexpr std::array<Near, 8> kNear{{
    {"dolly-in", "zoom in"},
    {"dolly-out", "zoom out"},
    {"truck-left", "pan left"},
    {"truck-right", "pan right"},
    {"pedestal-up", "pan up"},
    {"pedestal-down", "pan down"},
    {"crane-up", "pan up"},
    {"crane-down", "pan down"},
}};

}  // namespace

std::optional<CameraValue> read_camera(const std::vector<std::string>& words) {
  if (words.empty()) return std::nullopt;
  const std::string& type = words[0];
  if (type == "zoom" && words.size() >= 2) {
    if (words[1] == "in") return CameraValue{{"zoom-in"}, 2};
    if (words[1] == "out") return CameraValue{{"zoom-out"}, 2};
    return std::nullopt;
  }
  if (type == "rotate" && words.size() >= 2) {
    const std::string& w = words[1];
    if (w == "clockwise" || w == "cw") return CameraValue{{"roll-right"}, 2};
    if (w == "counterclockwise" || w == "counter-clockwise" || w == "anticlockwise" ||
        w == "anti-clockwise" || w == "ccw" || w == "acw")
      return CameraValue{{"roll-left"}, 2};
    return std::nullopt;
  }
  if (type != "pan") return std::nullopt;
  CameraValue v;
  v.used = 1;
  bool vertical = false, horizontal = false;
  for (std::size_t i = 1; i < words.size() && i < 3; ++i) {
    const Direction* d = direction(words[i]);
    if (!d) break;
    // Two directions on one axis (up down, left left) conflict.
    if ((d->vertical && vertical) || (!d->vertical && horizontal)) return std::nullopt;
    (d->vertical ? vertical : horizontal) = true;
    v.moves.emplace_back(d->move);
    ++v.used;
  }
  if (v.moves.empty()) return std::nullopt;
  return v;
}

std::string_view pan_direction(std::string_view move, bool& vertical) {
  for (const auto& d : kDirections)
    if (d.move == move) {
      vertical = d.vertical;
      return d.word;
    }
  return {};
}

std::string camera_words(std::string_view move, bool& exact) {
  exact = true;
  bool vertical = false;
  if (const std::string_view d = pan_direction(move, vertical); !d.empty())
    return "pan " + std::string(d);
  if (move == "zoom-in") return "zoom in";
  if (move == "zoom-out") return "zoom out";
  if (move == "roll-right") return "rotate clockwise";
  if (move == "roll-left") return "rotate counterclockwise";
  exact = false;
  for (const auto& n : kNear)
    if (n.move == move) return std::string(n.words);
  return {};
}

}  // namespace promptport::pika
