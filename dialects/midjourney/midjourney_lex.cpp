// Lexing for Midjourney prompts: tokens, glued parameters, --sref items, and detection.
#include "midjourney_lex.h"

#include <array>

#include "midjourney_internal.h"
#include "midjourney_params.h"
#include "promptport/text.h"

namespace promptport::mj {
namespace {

// The lower-cased ASCII letters at s[i] (up to 16), for name lookups without allocating.
struct Letters {
  std::array<char, 16> buf{};
  std::size_t size = 0;
  std::string_view view() const { return {buf.data(), size}; }
};

Letters letters_at(std::string_view s, std::size_t i) {
  Letters l;
  while (i < s.size() && is_ascii_letter(s[i])) {
    if (l.size == l.buf.size()) return Letters{};  // longer than any known name
    l.buf[l.size++] = lower(s[i++]);
  }
  return l;
}

bool glued_param_at(std::string_view s, std::size_t i, std::size_t dashes) {
  const Letters name = letters_at(s, i + dashes);
  if (name.size == 0 || !find_param(name.view())) return false;
  const bool single_wide = dashes == 3 && s[i] == '\xE2';  // one em/en dash, not "---"
  return !(single_wide && (name.size < 2 || name.view() == "no"));
}

std::size_t dash_run(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (std::size_t u = dash_unit(s, j)) j += u;
  return j - i;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(32);
  auto push = [&](std::size_t b, std::size_t e) {
    Token t{s.substr(b, e - b), static_cast<std::uint32_t>(b), false};
    const std::size_t d = param_dashes(t.text, 0);
    t.param = d > 0 && d < t.text.size() && is_ascii_letter(t.text[d]);
    out.push_back(t);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::size_t w = space_at(s, i)) {
      i += w;
      continue;
    }
    std::size_t start = i, j = i;
    // Inside a parameter token any further parameter starts ("—pa--inting"), so that a value
    // never begins with dashes that would read as a parameter once written back with a space.
    bool in_param = false;
    while (j < s.size()) {
      // Most bytes are neither space nor dash: skip them without the multi-byte checks.
      const auto c = static_cast<unsigned char>(s[j]);
      if (c > ' ' && c != '-' && c != 0xE2 && c != 0xE3) {
        ++j;
        continue;
      }
      if (space_at(s, j)) break;
      if (std::size_t run = dash_run(s, j)) {
        const std::size_t d = param_dashes(s, j);
        const bool letter = d == run && j + d < s.size() && is_ascii_letter(s[j + d]);
        if (j == start) {
          in_param = letter;
        } else if (letter && (in_param || glued_param_at(s, j, d))) {
          push(start, j);
          start = j;
          in_param = true;
        }
        j += run;
        continue;
      }
      ++j;
    }
    push(start, j);
    i = j;
  }
  return out;
}

std::optional<StyleRef> style_ref_of(std::string_view token) {
  while (!token.empty() && token.back() == ',') token.remove_suffix(1);
  StyleRef ref;
  const std::size_t colons = token.rfind("::");
  std::string_view base = token;
  if (colons != std::string_view::npos && colons > 0) {
    auto w = text::parse_double(token.substr(colons + 2));
    if (!w) return std::nullopt;
    ref.weight = *w;
    base = token.substr(0, colons);
  }
  if (std::string_view url = url_of(base); !url.empty()) {
    ref.uri = url;
    return ref;
  }
  bool digits = !base.empty();
  for (char c : base) digits = digits && is_digit(c);
  if (digits || text::lower_ascii(base) == "random") {
    ref.uri = base;
    return ref;
  }
  return std::nullopt;
}

// Cheap signals, strongest first: a known parameter, a `::` weight, a bare `::`, a
// permutation group, a leading image URL. `--seed` alone is weak: Seedance has it too.
namespace {

// True when "::" at `k` follows a bare number that starts a fragment ("1.5::", ", -1::"):
// NovelAI V4 numeric emphasis, where Midjourney writes the weight after the "::".
bool number_before(std::string_view s, std::size_t k) {
  std::size_t i = k;
  while (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.')) --i;
  if (i == k) return false;
  if (i > 0 && s[i - 1] == '-') --i;
  return i == 0 || s[i - 1] == ' ' || s[i - 1] == ',' || s[i - 1] == '{' || s[i - 1] == '[' ||
         s[i - 1] == '(';
}

}  // namespace

double detect_score(std::string_view s) {
  double score = 0.05;
  for (const Token& t : tokenize(s)) {
    if (t.param) {
      const std::size_t d = param_dashes(t.text, 0);
      const Letters name = letters_at(t.text, d);
      if (const ParamSpec* spec = find_param(name.view())) {
        if (spec->key != "seed") return 0.95;
        score = std::max(score, 0.6);
      }
    }
  }
  // NovelAI's "1.5::red hair ::" weighs what follows; its closing "::" is not Midjourney's.
  bool numeric_emphasis = false;
  for (std::size_t k = s.find("::"); k != std::string_view::npos && !numeric_emphasis;
       k = s.find("::", k + 2))
    numeric_emphasis = number_before(s, k);
  for (std::size_t k = numeric_emphasis ? s.npos : s.find("::"); k != std::string_view::npos;
       k = s.find("::", k + 2)) {
    const char next = k + 2 < s.size() ? s[k + 2] : ' ';
    score = std::max(score, is_digit(next) || next == '-' || next == '.' ? 0.9 : 0.7);
  }
  const std::size_t open = s.find('{');
  if (open != std::string_view::npos) {
    const std::size_t close = s.find('}', open);
    if (close != std::string_view::npos && s.substr(open, close - open).find(',') != s.npos)
      score = std::max(score, 0.5);
  }
  std::size_t first = 0;
  while (first < s.size() && space_at(s, first)) ++first;
  if (!url_of(s.substr(first, s.find(' ', first) - first)).empty()) score = std::max(score, 0.3);
  return score;
}

}  // namespace promptport::mj
