// What the Pika dialect's files share: the inline single-dash flags, the -camera values,
// the reader and the writer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"
#include "promptport/text.h"

namespace promptport::pika {

// Ranges (REFERENCE §11): -motion 0-4, -fps 8-24, -gs the API's 5-25 (the bot's range is
// unconfirmed), the 2.x API's aspect ratios, durations and resolutions.
constexpr int kMinMotion = 0, kMaxMotion = 4;
constexpr int kMinFps = 8, kMaxFps = 24;
constexpr double kMinGuidance = 5, kMaxGuidance = 25;
const std::vector<std::string>& ratios();  // 16:9, 9:16, 1:1, 4:5, 5:4, 3:2, 2:3
const std::vector<double>& durations();    // 5, 10

/// One inline flag as written: `-ar 16:9`, `-neg "blurry, text"`, `-camera pan left`.
struct Flag {
  std::string name;                ///< lower case, without the dash
  Span span;                       ///< the flag and its value
  Span name_span;                  ///< "-ar"
  std::vector<text::Piece> words;  ///< the value's words (for a quoted value: the quote's text)
  bool quoted = false;
  bool unterminated = false;  ///< an opening quote without its closing quote
  /// The value as one string: the words joined with one space, or the quoted text.
  std::string value;
  Span value_span;
};

/// A prompt cut into its prose, its flags and any text between or after the flags.
struct Lexed {
  std::string_view prose;  ///< before the first known flag
  Span prose_span;
  std::vector<Flag> flags;
  std::vector<text::Piece> stray;  ///< words that belong to no flag
};

/// Cuts `text` (offset `base` in the record). The parameters start at the first known flag
/// (a word "-ar", "-neg", ... after a space); from there every "-word" is a flag.
Lexed lex(std::string_view text, std::uint32_t base = 0);

/// Whether `name` is one of the bot's flags (ar, neg, motion, camera, gs, fps, seed, hide).
bool known_flag(std::string_view name);
/// Every known flag name, for "did you mean".
const std::vector<std::string_view>& flag_names();

/// How likely `text` is a Pika prompt: single-dash flags, and no Midjourney `--flags`.
double detect(std::string_view text);

/// The canonical moves of a -camera value ("pan up left" -> tilt-up, pan-left) and how
/// many of `words` (lower case) it used; nullopt when the value is not one Pika has.
struct CameraValue {
  std::vector<std::string> moves;
  std::size_t used = 0;
};
std::optional<CameraValue> read_camera(const std::vector<std::string>& words);

/// The -camera words for a canonical move: "pan left", "zoom in", "rotate clockwise";
/// `exact` is false for a near equivalent (a push in written as zoom in). "" when Pika has
/// none.
std::string camera_words(std::string_view move, bool& exact);

/// The pan direction of a move -camera says exactly ("up" for tilt-up, "left" for pan-left),
/// "" for others; `vertical` says which axis.
std::string_view pan_direction(std::string_view move, bool& vertical);

/// Reads one record: prose, inline flags, then the labelled lines (Negative prompt, Aspect
/// ratio, Duration, Seed, Camera, Resolution).
Prompt read(std::string_view text, Diagnostics& diags);

/// Writes the prompt with inline flags, the Pika 2.x request and the text format.
Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags);

}  // namespace promptport::pika
