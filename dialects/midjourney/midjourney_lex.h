// Lexing for Midjourney prompts: dashes, whitespace, URLs, tokens and parameter starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace promptport::mj {

/// Bytes of one dash unit at s[i]: '-' (1), en dash, em dash or minus sign (3), else 0.
inline std::size_t dash_unit(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '-') return 1;
  if (i + 3 <= s.size() && s[i] == '\xE2') {
    const char b1 = s[i + 1], b2 = s[i + 2];
    if (b1 == '\x80' && (b2 == '\x93' || b2 == '\x94')) return 3;  // – —
    if (b1 == '\x88' && b2 == '\x92') return 3;                    // −
  }
  return 0;
}

/// Bytes of a parameter dash run at s[i] ("--", "—", "–", "−", "——"...), 0 when there is
/// none. A single ASCII hyphen is not one: "-ar" is Pika's syntax and "-" is prose.
inline std::size_t param_dashes(std::string_view s, std::size_t i) {
  std::size_t j = i, units = 0;
  bool wide = false;
  while (std::size_t u = dash_unit(s, j)) {
    wide = wide || u == 3;
    j += u;
    ++units;
  }
  return (units >= 2 || wide) ? j - i : 0;
}

inline bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// Bytes of whitespace at s[i]: ASCII space and controls, ideographic space; else 0. A
/// no-break space joins words, as its name says (and as text::trim treats it).
inline std::size_t space_at(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == '\xE3' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
  return 0;
}

/// The URL inside a token (`https://x`, `<https://x>`, `https://x,`), or "" when the token
/// is not one.
inline std::string_view url_of(std::string_view token) {
  while (!token.empty() && (token.back() == ',' || token.back() == ';')) token.remove_suffix(1);
  if (!token.empty() && token.front() == '<') {  // Discord's <url>, both brackets or none
    if (token.size() < 2 || token.back() != '>') return {};
    token = token.substr(1, token.size() - 2);
  }
  auto starts = [&](std::string_view p) {
    if (token.size() <= p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (lower(token[i]) != p[i]) return false;
    return true;
  };
  return starts("https://") || starts("http://") ? token : std::string_view{};
}

/// A term that starts like a parameter ("--xyz", "—no way") or an image URL was glued to a
/// separator in the source; written after a space it would read as one, so it is glued again.
inline bool param_like(std::string_view t) {
  const std::size_t d = param_dashes(t, 0);
  if (d > 0 && d < t.size() && is_ascii_letter(t[d])) return true;
  std::size_t end = 0;
  while (end < t.size() && !space_at(t, end)) ++end;
  return !url_of(t.substr(0, end)).empty();
}

/// A whitespace-separated piece of a prompt line, or a piece of one cut at a glued parameter
/// ("cgi--ar" is "cgi" and "--ar").
struct Token {
  std::string_view text;
  std::uint32_t begin = 0;  ///< byte offset in the line
  bool param = false;       ///< starts a parameter: dashes followed by an ASCII letter
  std::uint32_t end() const { return begin + static_cast<std::uint32_t>(text.size()); }
};

/// Splits a line into tokens. A parameter starts at dashes after whitespace (any name), or
/// glued to a word when the name is a known one ("watercolor—ar 9:16", "1920--h 1080"); a
/// single em dash glued to a word must be followed by a known name of two letters or more
/// other than "no", since "yes—no" is prose.
std::vector<Token> tokenize(std::string_view line);

/// A --sref item: a URL, a numeric style code or `random`, with an optional `::weight`.
struct StyleRef {
  std::string_view uri;
  std::optional<double> weight;
};
std::optional<StyleRef> style_ref_of(std::string_view token);

}  // namespace promptport::mj
