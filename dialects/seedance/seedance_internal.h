// What the Seedance dialect's files share: the platform's allowed values, the inline flags,
// the shot labels of multi-shot prompts, the reader, the writer and detection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::seedance {

constexpr std::string_view kDefaultModel = "seedance-1-0-pro-250528";
constexpr std::int64_t kMaxSeed = 4294967295;  // --seed -1 ... 2^32-1; -1 is "random"
constexpr double kFps = 24;                    // the only documented --fps value

/// Ratios the writer snaps to (REFERENCE §9.1). 9:21 is read without a warning and written
/// when the IR asks for exactly that ratio, but never snapped to: it is unconfirmed.
const std::vector<std::string>& ratios();
const std::vector<double>& durations();          // 2 ... 12 whole seconds (Seedance 1.0)
const std::vector<std::int64_t>& resolutions();  // 480, 720, 1080 (p)

/// The canonical name of an inline flag (short forms and any case accepted: "rt", "RATIO" ->
/// "ratio"; "fps" and "framepersecond" -> "fps"), or "" when Seedance does not know it.
std::string_view flag_name(std::string_view written);

/// Lines of a resolution value: "1080p" -> 1080 (any case), "4k" -> 2160, "2k" -> 1440;
/// nullopt for anything else.
std::optional<std::int64_t> resolution_lines(std::string_view value);

/// Where the inline flags start in a prompt: the first `--name` (an ASCII letter after the
/// dashes) at the start or after whitespace; the prompt's size when there is none.
std::size_t flag_region(std::string_view prompt);

/// What reading the flag region leaves to the reader: --camerafixed (applied after the
/// prose, so a static move the prose names is not doubled) and words that were neither a
/// flag nor its value (read as prose, after a text-after-parameters warning).
struct FlagsRead {
  std::optional<bool> camerafixed;
  std::optional<Span> camerafixed_span;                           ///< the flag and its value
  std::vector<std::pair<std::string_view, std::uint32_t>> stray;  ///< text, offset in record
};

/// Reads `--name value` pairs of the region (at offset `base` in the record) into `ir`.
FlagsRead read_flags(std::string_view region, std::uint32_t base, Prompt& ir, Diagnostics& diags);

/// True when `content` (the text inside one pair of square brackets) is one of Hailuo's
/// fifteen camera commands, or up to three of them separated by commas.
bool hailuo_command(std::string_view content);

/// A shot label of a multi-shot prompt found in prose: `[Low-angle shot]` at `begin`
/// (the '[') up to `end` (one past the ']').
struct Label {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view content;  ///< trimmed text between the brackets
};

/// The shot labels of `prose` in order: a bracket pair (no nested brackets or line break
/// inside, 1-80 bytes of content) that starts the text or a sentence, or whose content is
/// a camera phrase wherever it stands. Other brackets are text.
std::vector<Label> find_labels(std::string_view prose);

/// Where a shot starts: the size of each IR list when its label was read. Kept in
/// extensions.seedance.inline as {"field": "subject", "index": <subject>, "syntax":
/// "[label]", "text": "", "starts": {<field>: <start>, ...}} (zero starts left out).
struct Starts {
  std::size_t subject = 0, motion = 0, style = 0, camera_terms = 0, camera_moves = 0, dialogue = 0,
              sfx = 0, ambience = 0;
};
struct Shot {
  std::string syntax;  ///< "[Low-angle shot]", as written
  Starts starts;
};

Starts starts_of(const Prompt& ir);
nlohmann::json shot_json(const Shot& shot);
/// nullopt when `entry` is not a well-formed shot entry.
std::optional<Shot> shot_of(const nlohmann::json& entry);

/// The prompt's prose without the flags: one segment per shot (scene, style, camera and, with
/// `with_audio`, audio sentences of the shot's slice of each IR list), each label written in
/// front of its shot while it still names a camera item of the IR (else an
/// approximated-syntax info). Shot size, angle and lens no label names go to the first
/// segment. `camerafixed`: with `static_may_be_flag`, the IR's camera is a lone static move
/// (the only one, not a label's), which the caller also writes as --camerafixed true.
struct Prose {
  std::string text;
  bool camerafixed = false;
};
Prose write_prose(const Prompt& ir, bool with_audio, bool static_may_be_flag, Diagnostics& diags);

/// Reads one record: prose with shot labels, the inline flags, then labelled lines.
Prompt read(std::string_view text, Diagnostics& diags);

/// The chosen model and resolution (options); see seedance.cpp.
struct Settings {
  std::string model = std::string(kDefaultModel);
  std::optional<std::int64_t> resolution;  ///< -O resolution, in lines (p)
};

/// Writes the prompt with its inline flags, the request body and the text format.
Emitted write(const Prompt& ir, const Settings& settings, Diagnostics& diags);

/// Whether the model generates sound (1.5 pro and 2.0), so audio stays in the prompt.
bool model_has_audio(std::string_view model);

double detect(std::string_view text);

}  // namespace promptport::seedance
