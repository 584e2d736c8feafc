// Detection: the strongest A1111 sign found decides the score.
#include "sd/sd_detect.h"

#include <algorithm>

#include "sd/sd_attention.h"
#include "sd/sd_infotext.h"

namespace promptport::sd {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// `:1.2)` with optional spaces, after a `(` somewhere before it.
bool has_weight(std::string_view t) {
  const std::size_t open = t.find('(');
  if (open == std::string_view::npos) return false;
  for (std::size_t i = t.find(':', open); i != std::string_view::npos; i = t.find(':', i + 1)) {
    std::size_t j = i + 1;
    while (j < t.size() && t[j] == ' ') ++j;
    const std::size_t b = j;
    while (j < t.size() && (digit(t[j]) || t[j] == '.')) ++j;
    while (j < t.size() && t[j] == ' ') ++j;
    if (j > b && j < t.size() && t[j] == ')') return true;
  }
  return false;
}

bool has_word(std::string_view t, std::string_view w) {
  for (std::size_t i = t.find(w); i != std::string_view::npos; i = t.find(w, i + 1))
    if (!word_before(t, i) && !word_at(t, i + w.size())) return true;
  return false;
}

// `[a:b:0.5]`, `[a:10]` or `[a|b]`: a bracket with a `|`, or ending in `:number]`.
bool has_editing(std::string_view t) {
  for (std::size_t i = t.find('['); i != std::string_view::npos; i = t.find('[', i + 1)) {
    const std::size_t close = t.find_first_of("[]", i + 1);
    if (close == std::string_view::npos || t[close] != ']') continue;
    const std::string_view inner = t.substr(i + 1, close - i - 1);
    if (inner.find('|') != std::string_view::npos) return true;
    std::size_t j = inner.size();
    while (j > 0 && inner[j - 1] == ' ') --j;
    const std::size_t e = j;
    while (j > 0 && (digit(inner[j - 1]) || inner[j - 1] == '.')) --j;
    while (j > 0 && inner[j - 1] == ' ') --j;
    if (e > j && j > 0 && inner[j - 1] == ':') return true;
  }
  return false;
}

// `(word)` with nothing but word characters and spaces inside.
bool has_paren_word(std::string_view t) {
  for (std::size_t i = t.find('('); i != std::string_view::npos; i = t.find('(', i + 1)) {
    std::size_t j = i + 1;
    while (j < t.size() && (is_word_byte(t[j]) || t[j] == ' ' || t[j] == '-')) ++j;
    if (j > i + 1 && j < t.size() && t[j] == ')') return true;
  }
  return false;
}

}  // namespace

double detect(std::string_view t) {
  double score = 0;
  auto at_least = [&](double s) { score = std::max(score, s); };
  std::size_t last = t.find_last_not_of(" \t\r\n");
  if (last != std::string_view::npos) {
    const std::size_t nl = t.find_last_of('\n', last);
    const std::size_t b = nl == std::string_view::npos ? 0 : nl + 1;
    const std::string_view line = t.substr(b, last + 1 - b);
    bool whole = false;
    if (is_parameter_line(line) && read_pairs(line, whole).size() >= 2) at_least(0.97);
  }
  if (t.find("<lora:") != std::string_view::npos || t.find("<lyco:") != std::string_view::npos ||
      t.find("<hypernet:") != std::string_view::npos)
    at_least(0.9);
  if (has_weight(t)) at_least(0.85);
  if (has_word(t, "BREAK") || has_word(t, "AND") || has_editing(t)) at_least(0.8);
  if (t.find("Negative prompt:") != std::string_view::npos) at_least(0.7);
  if (t.find("((") != std::string_view::npos || t.find("[[") != std::string_view::npos ||
      has_paren_word(t))
    at_least(0.6);
  // ComfyUI's embedding:name must win over the weights both dialects share.
  if (t.find("embedding:") != std::string_view::npos) score = std::min(score, 0.85);
  return score;
}

}  // namespace promptport::sd
