// A1111 attention: `(x)` ×1.1, `[x]` ÷1.1, `(x:w)` ×w, escapes, BREAK (parse_prompt_attention).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace promptport::sd {

/// One token of text with its final weight. `begin`/`end` are byte offsets in the parsed
/// string; `text` may be shorter than that range (an escape `\(` gives "(").
struct AttentionPiece {
  std::string text;
  double weight = 1.0;
  std::uint32_t begin = 0, end = 0;
  bool is_break = false;  ///< a BREAK that ends a chunk (text "BREAK", weight unused)
};

struct AttentionIssue {
  enum class Kind { Unclosed, Stray, BadWeight, BreakInBrackets } kind;
  std::uint32_t begin = 0, end = 0;
};

struct Attention {
  std::vector<AttentionPiece> pieces;  ///< in order, unmerged, empty pieces left out
  std::vector<AttentionIssue> issues;
};

/// Reads `s` as A1111's parse_prompt_attention does (see README "Attention"), without its
/// quadratic range multiplication. Weights are rounded to 10 decimals.
Attention parse_attention(std::string_view s);

/// True for bytes that Python's `\w` matches in UTF-8 text: ASCII letters, digits, '_',
/// and (approximately) every non-ASCII byte.
/// Inline: it runs once per byte of every prompt.
inline bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

/// Python's `\b` tests in UTF-8 text: is the character ending before `i` / starting at `i`
/// a word character (letters, digits, '_'; non-ASCII punctuation and symbol blocks are not)?
bool word_before(std::string_view s, std::size_t i);
bool word_at(std::string_view s, std::size_t i);

/// True for the whitespace Python's `\s` matches in ASCII.
bool is_space(char c);

}  // namespace promptport::sd
