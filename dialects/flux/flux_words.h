// Small ASCII word helpers for the Flux phrase rules (internal to dialects/flux).
#pragma once

#include <span>
#include <string_view>

namespace promptport::flux {

inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || is_upper(c); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool equals_ci(std::string_view a, std::string_view b);

inline bool one_of(std::string_view word, std::span<const std::string_view> list) {
  for (auto w : list)
    if (equals_ci(word, w)) return true;
  return false;
}

/// Calls f(word) for each word, splitting on spaces and hyphens ("neon-lit" -> neon, lit).
template <typename F>
void for_each_word(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '-') ++j;
    if (j > i) f(s.substr(i, j - i));
    i = j;
  }
}

inline std::string_view last_word(std::string_view s) {
  std::string_view last;
  for_each_word(s, [&](std::string_view w) { last = w; });
  return last;
}

}  // namespace promptport::flux
