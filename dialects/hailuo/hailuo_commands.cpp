// Hailuo's fifteen bracket camera commands (REFERENCE §10.1) and the canonical moves they
// stand for; the scanner that finds `[...]` in a prompt; detection.
#include <array>

#include "hailuo/hailuo_internal.h"
#include "promptport/text.h"

namespace promptport::hailuo {
namespace {

struct Command {
  std::string_view words;  // as Hailuo spells it
  std::string_view move;   // canonical move
};

// [Shake] is a shaking camera: the canonical `handheld` is the nearest move and the only
// one Hailuo's [Shake] is written for.
constexpr std::array<Command, 15> kCommands{{
    {"Truck left", "truck-left"},
    {"Truck right", "truck-right"},
    {"Pan left", "pan-left"},
    {"Pan right", "pan-right"},
    {"Push in", "dolly-in"},
    {"Pull out", "dolly-out"},
    {"Pedestal up", "pedestal-up"},
    {"Pedestal down", "pedestal-down"},
    {"Tilt up", "tilt-up"},
    {"Tilt down", "tilt-down"},
    {"Zoom in", "zoom-in"},
    {"Zoom out", "zoom-out"},
    {"Shake", "handheld"},
    {"Tracking shot", "tracking"},
    {"Static shot", "static"},
}};

// Lower case, runs of spaces and tabs squeezed to one: "Pan  Left" -> "pan left".
std::string squeezed(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : text::trim(s)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool double_dash_flag_at(std::string_view t, std::size_t i) {
  return i + 2 < t.size() && t[i] == '-' && t[i + 1] == '-' && t[i + 2] >= 'a' && t[i + 2] <= 'z';
}

}  // namespace

std::optional<std::string_view> command_move(std::string_view words) {
  const std::string key = squeezed(words);
  for (const Command& c : kCommands)
    if (squeezed(c.words) == key) return c.move;
  return std::nullopt;
}

std::string_view move_command(std::string_view move) {
  for (const Command& c : kCommands)
    if (c.move == move) return c.words;
  return {};
}

bool Bracket::command() const {
  if (items.empty()) return false;
  for (const auto& i : items)
    if (!i.move) return false;
  return true;
}

Scan scan(std::string_view text, std::uint32_t base) {
  Scan out;
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[') {
      if (open != std::string_view::npos) out.unclosed.push_back(base + open);
      open = i;
    } else if (c == ']') {
      if (open == std::string_view::npos) {
        out.unopened.push_back(base + static_cast<std::uint32_t>(i));
        continue;
      }
      Bracket b;
      b.span =
          Span{base + static_cast<std::uint32_t>(open), base + static_cast<std::uint32_t>(i + 1)};
      const std::string_view inner = text.substr(open + 1, i - open - 1);
      for (const auto& piece :
           text::split_fragments(inner, base + static_cast<std::uint32_t>(open + 1)))
        b.items.push_back({piece.text, piece.span, command_move(piece.text)});
      out.brackets.push_back(std::move(b));
      open = std::string_view::npos;
    }
  }
  if (open != std::string_view::npos) out.unclosed.push_back(base + open);
  return out;
}

// A bracket of commands only is Hailuo's own syntax; Seedance's shot labels ("[Low-angle
// shot]") and A1111's de-emphasis ("[blurry]") are other brackets. Inline `--flags` belong
// to Midjourney or Seedance, which then win.
double detect(std::string_view t) {
  if (t.find('[') == std::string_view::npos) return 0;
  const Scan s = scan(t);
  std::size_t commands = 0, others = 0;
  for (const auto& b : s.brackets) (b.command() ? commands : others) += 1;
  if (commands == 0) return 0;
  bool flags = false;
  for (std::size_t i = 0; i < t.size() && !flags; ++i) flags = double_dash_flag_at(t, i);
  if (flags) return 0.4;
  return others == 0 ? 0.9 : 0.6;
}

}  // namespace promptport::hailuo
