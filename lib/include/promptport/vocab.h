/// The shared vocabulary that places words in the IR: style kinds, camera shot sizes,
/// angles, lens terms, canonical moves and motion verbs. The tables are data files in
/// lib/vocab/, compiled into the library and indexed on first use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "promptport/ir.h"

namespace promptport::vocab {

enum class Slot {
  Subject,     ///< not a style or camera phrase: what is shown
  Style,       ///< a style phrase; see `kind`
  Shot,        ///< camera shot size; `canonical` is the IR value ("close-up")
  Angle,       ///< camera angle; `canonical` is the IR value ("low-angle")
  Lens,        ///< lens words; `canonical` is the lens text ("35mm", "fisheye")
  Move,        ///< camera move; `canonical` is the move ("dolly-in"), `speed` if stated
  CameraTerm,  ///< camera words with no canonical slot ("shallow depth of field")
};

struct Placement {
  Slot slot = Slot::Subject;
  StyleKind kind = StyleKind::Other;  ///< for Slot::Style
  std::string canonical;              ///< for Shot/Angle/Lens/Move
  std::string speed;                  ///< for Move: "", "slow" or "fast"
};

/// Places one prompt fragment (a comma-separated piece, trimmed, any case). Fragments
/// that are mostly style words ("post processed 4k", "by Greg Rutkowski", "golden hour")
/// become Style; a fragment that describes a thing stays Subject.
Placement classify(std::string_view fragment);

/// True for SD/MJ quality boosters that prose models ignore or misread ("8k",
/// "masterpiece", "trending on artstation", "highly detailed", "best quality").
bool is_quality_booster(std::string_view fragment);

/// The prose a sentence-reading model needs for a danbooru-style tag ("1girl" -> "a girl",
/// "2boys" -> "two boys", "solo" -> "alone"); nullopt when the tag reads fine as it is.
/// Underscores read as spaces; case-insensitive.
std::optional<std::string> tag_prose(std::string_view tag);

/// True when the (lower-case) word is a motion verb ("walks", "turning", "flows").
bool is_motion_verb(std::string_view word);

/// Canonical move for a phrase ("push in", "slow dolly in", "pan to the left"), if any.
std::optional<Placement> camera_move(std::string_view phrase);

/// Phrases a writer uses for canonical values. shot_phrase: a noun phrase without article
/// ("close-up shot", "extreme wide shot"); angle_phrase: text that reads after "from"
/// ("a low angle", "directly overhead", "over the shoulder", "a worm's-eye view");
/// move_phrase: "dolly in", "pan left", "orbit left". Empty if the value is unknown.
std::string_view shot_phrase(std::string_view canonical);
std::string_view angle_phrase(std::string_view canonical);
std::string_view move_phrase(std::string_view canonical);

}  // namespace promptport::vocab
