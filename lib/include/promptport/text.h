/// Text utilities for dialect authors: UTF-8 checks, ICU normalisation, trimming, numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/ir.h"

namespace promptport::text {

/// Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and
/// code points above U+10FFFF are invalid), or nullopt when `s` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

/// Offset of the first control character no prompt means to hold (U+0000–U+001F but tab,
/// line feed and a carriage return before a line feed; U+007F), or nullopt when there is none.
std::optional<std::size_t> first_control_char(std::string_view s);

/// NFC form of valid UTF-8 (ASCII returns unchanged without calling ICU).
std::string nfc(std::string_view s);

/// Case-folded form for vocabulary lookups (ICU full case folding; ASCII fast path).
std::string fold(std::string_view s);

/// Replaces full-width and ideographic punctuation used as separators (，、；：！？（）
/// and U+3000) by their ASCII forms followed, where they separate, by a space. Byte
/// offsets change, so dialects call it on text whose spans they no longer need, or map back.
std::string ascii_punctuation(std::string_view s);

std::string_view trim(std::string_view s);
bool is_ascii(std::string_view s);
std::string lower_ascii(std::string_view s);

/// A piece of `s` with its byte span relative to `base`.
struct Piece {
  std::string_view text;
  Span span;
};

/// Splits on ',' and full-width '，' / '、', trimming each piece; empty pieces are dropped.
/// `base` is the offset of `s` in the source (spans are source offsets).
std::vector<Piece> split_fragments(std::string_view s, std::uint32_t base = 0);

/// Strict number parsing: the whole string must be the number. No exceptions.
std::optional<double> parse_double(std::string_view s);  ///< rejects nan/inf
std::optional<std::int64_t> parse_int(std::string_view s);

/// Formats a number the short way: 2 -> "2", 0.5 -> "0.5", 1.25 -> "1.25" (up to 6 digits).
std::string format_number(double v);

/// Reduces "W:H" (positive integers); nullopt when not of that shape.
std::optional<std::string> reduce_ratio(std::int64_t w, std::int64_t h);

/// Levenshtein distance (bytes); for "did you mean" on short names.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` within `max_distance` edits, or "" when none is.
std::string_view closest(std::string_view word, const std::vector<std::string_view>& candidates,
                         std::size_t max_distance = 2);

}  // namespace promptport::text
