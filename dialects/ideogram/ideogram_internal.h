// What the Ideogram dialect's files share: the v3 value lists, the quote-aware prompt
// splitter, the style_type rule, the reader and the writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::ideogram {

/// The v3 aspect ratios as W:H, in Ideogram's order (the request writes them as "16x9").
/// 10:16 and 16:10 are not reduced: they are Ideogram's names for 5:8 and 8:5.
const std::vector<std::string>& ratios();
constexpr std::string_view kDefaultRatio = "1:1";
constexpr std::int64_t kMaxSeed = 2147483647;

/// The enumerations of the v3 request, upper-case as the API spells them.
const std::vector<std::string_view>& style_types();  // AUTO GENERAL REALISTIC DESIGN FICTION
const std::vector<std::string_view>& speeds();       // TURBO DEFAULT QUALITY
const std::vector<std::string_view>& magic_prompt_values();  // AUTO ON OFF
constexpr std::string_view kMagicPromptOff = "OFF";

/// `value` (any case, trimmed) upper-cased when it is in `allowed`, else "".
std::string enum_value(std::string_view value, const std::vector<std::string_view>& allowed);

/// One piece of a prompt: a comma piece of a sentence. `quoted` says it holds quoted text
/// ("the words \"GRAND OPENING\""), which is never cut and is read as subject verbatim.
/// A sentence's final "." is not part of its last piece; see split_prompt.
struct Piece {
  std::string_view text;
  Span span;
  bool quoted = false;
  bool sentence_end = false;    ///< the last piece of its sentence
  std::string_view terminator;  ///< for sentence_end: ".", "!", "?!", ... or "" (none)
};

/// Cuts prompt text into pieces at commas (',' '，' '、'), line breaks, sentence ends (". ",
/// "! ", "? " before anything but a lower-case letter, the ideographic full stop) and at
/// the end, never inside quoted text ("..." and “...”; a '"' opens a quotation only at the
/// start or after a space or an opening bracket, and only when a closing quote follows on
/// the same line, so the inch mark of `a 12" record` stays a character). Pieces are trimmed,
/// empty ones dropped; `base` is the offset of `s` in the record (for spans).
std::vector<Piece> split_prompt(std::string_view s, std::uint32_t base);

/// The v3 style_type the style terms clearly call for, or "" when they do not:
/// REALISTIC for photographic terms (photo, photograph, photorealistic, dslr, kodak ...),
/// DESIGN for graphic-design terms (logo, vector, icon, typography, sticker, graphic design
/// ...); "" when both appear, or when a medium, movement or artist of neither kind does
/// (a watercolor photo is not clearly either).
std::string_view style_type_for(const Prompt& ir);

/// What the -O options chose (unset: the IR's extensions.ideogram, then the API default).
struct Settings {
  std::optional<std::string> rendering_speed;  ///< TURBO, DEFAULT or QUALITY
};

/// Reads one record: the prompt, then the labelled lines of the text format.
Prompt read(std::string_view text, Diagnostics& diags);

/// Writes the prompt, the text format and the v3 request (multipart fields as JSON).
Emitted write(const Prompt& ir, const Settings& settings, Diagnostics& diags);

}  // namespace promptport::ideogram
