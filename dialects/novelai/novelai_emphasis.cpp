// NovelAI emphasis: `{x}` multiplies by 1.05 and `[x]` divides by 1.05 per level; V4's
// numerical emphasis `1.5::x ::` sets the weight of x (times the braces around it, which
// is our reading: NovelAI does not document the combination). No escapes exist. One pass
// with a stack of open brackets, so no input can drive recursion.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "novelai/novelai_internal.h"
#include "promptport/text.h"

namespace promptport::nai {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool digit(char c) { return c >= '0' && c <= '9'; }
bool word_char(char c) {
  return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// `w::` starting at i (a signed decimal right before `::`): the weight and the position
// after the `::`.
std::optional<std::pair<double, std::size_t>> numeric_open(std::string_view s, std::size_t i) {
  if (i > 0 && word_char(s[i - 1])) return std::nullopt;
  std::size_t j = i;
  if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
  const std::size_t digits = j;
  while (j < s.size() && (digit(s[j]) || s[j] == '.')) ++j;
  if (j == digits || s.compare(j, 2, "::") != 0) return std::nullopt;
  const auto w = text::parse_double(s.substr(i, j - i));
  if (!w) return std::nullopt;
  return std::pair{*w, j + 2};
}

class Reader {
 public:
  Reader(std::string_view text, std::uint32_t base, std::string_view field, Diagnostics& diags)
      : text_(text), base_(base), field_(field), diags_(diags) {}

  std::vector<kit::WeightedRun> run() {
    for (std::size_t i = 0; i < text_.size();) i = step(i);
    flush();
    for (const std::size_t at : opens_)
      unbalanced(at,
                 fmt::format("'{}' is never closed; it weighs the rest of the prompt", text_[at]));
    if (numeric_)
      unbalanced(numeric_at_,
                 "numerical emphasis is never closed with '::'; it weighs the rest "
                 "of the prompt");
    return std::move(runs_);
  }

 private:
  Span span(std::size_t b, std::size_t e) const {
    return Span{base_ + static_cast<std::uint32_t>(b), base_ + static_cast<std::uint32_t>(e)};
  }

  void unbalanced(std::size_t at, std::string message) {
    // The field is the bracket itself, as every dialect reports it.
    const std::string bracket = text_.compare(at, 2, "::") == 0 ? "::" : std::string(1, text_[at]);
    report(diags_, Code::UnbalancedBracket, Severity::Warning, std::move(message), bracket,
           span(at, at + bracket.size()));
  }

  // Thousands of braces would overflow to infinity; nobody means more than 1.05^1000.
  double weight() const {
    return numeric_.value_or(1.0) * std::pow(1.05, std::clamp(level_, -1000, 1000));
  }

  std::size_t step(std::size_t i) {
    const char c = text_[i];
    if (c == '{' || c == '[') {
      opens_.push_back(i);
      level_ += c == '{' ? 1 : -1;
      return i + 1;
    }
    if (c == '}' || c == ']') {
      const char open = c == '}' ? '{' : '[';
      if (!opens_.empty() && text_[opens_.back()] == open) {
        opens_.pop_back();
        level_ -= c == '}' ? 1 : -1;
        return i + 1;
      }
      unbalanced(i, fmt::format("'{}' closes no '{}'; kept as text", c, open));
      add(i, i + 1);
      return i + 1;
    }
    if (c == ':' && numeric_ && text_.compare(i, 2, "::") == 0) {
      numeric_.reset();
      return i + 2;
    }
    if (c == '-' || c == '+' || c == '.' || digit(c)) {
      if (const auto open = numeric_open(text_, i)) {
        numeric_ = open->first;
        numeric_at_ = i;
        return open->second;
      }
    }
    add(i, i + 1);
    return i + 1;
  }

  void add(std::size_t begin, std::size_t end) {
    const double w = weight();
    if (open_ && w != weight_) flush();
    if (!open_) {
      open_ = true;
      weight_ = w;
      begin_ = begin;
    }
    current_.append(text_.substr(begin, end - begin));
    end_ = end;
    if (text_[begin] == ',' || text_[begin] == '\n') flush();
  }

  void flush() {
    if (!open_) return;
    runs_.push_back(kit::WeightedRun{std::move(current_), weight_, span(begin_, end_)});
    current_.clear();
    open_ = false;
  }

  std::string_view text_;
  std::uint32_t base_;
  std::string_view field_;
  Diagnostics& diags_;
  std::vector<std::size_t> opens_;
  int level_ = 0;
  std::optional<double> numeric_;
  std::size_t numeric_at_ = 0;
  std::vector<kit::WeightedRun> runs_;
  std::string current_;
  bool open_ = false;
  double weight_ = 1.0;
  std::size_t begin_ = 0, end_ = 0;
};

// `(x:1.2)` anywhere: A1111's weight syntax, which NovelAI reads as text.
std::optional<Span> a1111_weight(std::string_view s) {
  for (std::size_t close = s.find(')'); close != npos; close = s.find(')', close + 1)) {
    std::size_t j = close;
    while (j > 0 && (digit(s[j - 1]) || s[j - 1] == '.' || s[j - 1] == ' ')) --j;
    if (j == close || j == 0 || s[j - 1] != ':') continue;
    const std::size_t open = s.rfind('(', j);
    if (open != npos)
      return Span{static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(close + 1)};
  }
  return std::nullopt;
}

}  // namespace

std::vector<kit::WeightedRun> read_emphasis(std::string_view text, std::uint32_t base,
                                            std::string_view field, Diagnostics& diags) {
  if (const auto at = a1111_weight(text))
    report(diags, Code::LiteralText, Severity::Warning,
           "(x:1.2) is A1111 weight syntax; NovelAI reads it as plain text (its emphasis is "
           "{x}, [x] or 1.2::x ::)",
           std::string(field), Span{base + at->begin, base + at->end});
  return Reader(text, base, field, diags).run();
}

}  // namespace promptport::nai
