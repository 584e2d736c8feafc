// The compel syntax reader: weights, groups, quotes, escapes, .swap(), .blend()/.and().
//
// Two linear passes, no recursion: the first matches brackets with a stack, the second walks
// the text with a stack of open groups, so a prompt of 10^5 nested parentheses costs what a
// flat one does.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "invokeai/invokeai_internal.h"
#include "promptport/text.h"

namespace promptport::invokeai {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Characters compel lets a backslash escape.
bool escapable(char c) {
  return c == '(' || c == ')' || c == '"' || c == ',' || c == '.' || c == '+' || c == '-' ||
         c == '=';
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters that end a word in compel (its non_syntax_word excludes them).
bool breaks_word(char c) {
  return c == '(' || c == ')' || c == '"' || c == ',' || c == '.' || c == '=';
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// Weights are products over nesting levels; a hostile prompt must not reach infinity.
constexpr double kMaxWeight = 1e6;

// What follows a group, a quote or a word.
struct Suffix {
  enum class Kind { None, Weight, Swap, Construct } kind = Kind::None;
  double multiplier = 1.0;
  std::size_t end = 0;    // where reading resumes (Weight, None)
  std::size_t paren = 0;  // the operator's '(' (Swap, Construct)
};

class Reader {
 public:
  Reader(std::string_view text, std::uint32_t base, std::string_view field, Diagnostics& diags)
      : s_(text), base_(base), field_(field), diags_(diags) {}

  Syntax run() {
    match();
    walk();
    return std::move(out_);
  }

 private:
  enum class FrameKind { Group, Swap, Construct };
  struct Frame {
    FrameKind kind;
    std::size_t close;        // position of the closing ')' or '"'
    double weight;            // weight inside
    std::size_t resume;       // where to go on after the close
    std::size_t begin;        // Swap: start of the construct in the source
    std::size_t pieces = 0;   // Swap: out_.pieces.size() when it opened
    bool options = false;     // Swap: past the comma that starts its options
    bool literal_op = false;  // Group: followed by a .blend()/.and() that is not top level
  };

  Span span(std::size_t b, std::size_t e) const {
    return Span{base_ + static_cast<std::uint32_t>(b), base_ + static_cast<std::uint32_t>(e)};
  }

  // Pass 1: a '(' matches the next free ')' unless a quote opened in between; a '"' closes
  // the open quote (brackets opened inside it and still open stay unmatched) or opens one.
  void match() {
    match_.assign(s_.size(), -1);
    std::vector<std::size_t> stack;
    std::size_t open_quotes = 0;
    for (std::size_t i = 0; i < s_.size(); ++i) {
      const char c = s_[i];
      if (c == '\\' && i + 1 < s_.size() && escapable(s_[i + 1])) {
        ++i;
      } else if (c == '(') {
        stack.push_back(i);
      } else if (c == ')') {
        if (!stack.empty() && s_[stack.back()] == '(') {
          pair(stack.back(), i);
          stack.pop_back();
        }
      } else if (c == '"') {
        if (open_quotes == 0) {
          stack.push_back(i);
          ++open_quotes;
          continue;
        }
        while (s_[stack.back()] != '"') stack.pop_back();
        pair(stack.back(), i);
        stack.pop_back();
        --open_quotes;
      }
    }
  }

  void pair(std::size_t open, std::size_t close) {
    match_[open] = static_cast<std::int64_t>(close);
    match_[close] = static_cast<std::int64_t>(open);
  }

  bool matched(std::size_t i) const { return i < s_.size() && match_[i] >= 0; }
  std::size_t partner(std::size_t i) const { return static_cast<std::size_t>(match_[i]); }

  bool at(std::size_t i, std::string_view what) const { return s_.substr(i, what.size()) == what; }

  // `+++` or `--` at i: compel's 1.1^n and 0.9^n.
  std::size_t sign_run(std::size_t i, double& multiplier) const {
    if (i >= s_.size() || (s_[i] != '+' && s_[i] != '-')) return 0;
    std::size_t j = i;
    while (j < s_.size() && s_[j] == s_[i]) ++j;
    multiplier = std::pow(s_[i] == '+' ? 1.1 : 0.9, static_cast<double>(j - i));
    return j - i;
  }

  // compel's number after a group: 1, 1.3, 1., .5 (a sign would be read as + or - first).
  std::size_t number(std::size_t i, double& value) const {
    std::size_t j = i;
    while (j < s_.size() && digit(s_[j])) ++j;
    const bool whole = j > i;
    if (j < s_.size() && s_[j] == '.' && (whole || (j + 1 < s_.size() && digit(s_[j + 1])))) {
      ++j;
      while (j < s_.size() && digit(s_[j])) ++j;
    }
    if (j == i) return 0;
    value = text::parse_double(s_.substr(i, j - i)).value_or(1.0);
    return j - i;
  }

  // `.attend(1.2)`, `.attend(++)`: the explicit form of a weight.
  std::size_t attend(std::size_t i, double& multiplier) const {
    if (!at(i, ".attend(") || !matched(i + 7)) return 0;
    const std::size_t close = partner(i + 7), arg = i + 8;
    std::size_t n = sign_run(arg, multiplier);
    if (n == 0) n = number(arg, multiplier);
    if (n == 0 || arg + n != close) return 0;
    return close + 1 - i;
  }

  Suffix suffix(std::size_t i, bool group) const {
    Suffix out;
    out.end = i;
    std::size_t n = sign_run(i, out.multiplier);
    if (n == 0 && group) n = number(i, out.multiplier);
    if (n == 0) n = attend(i, out.multiplier);
    if (n > 0) {
      out.kind = Suffix::Kind::Weight;
      out.end = i + n;
      return out;
    }
    out.multiplier = 1.0;
    if (at(i, ".swap(") && matched(i + 5)) {
      out.kind = Suffix::Kind::Swap;
      out.paren = i + 5;
    } else if (group) {
      for (std::string_view op : {".blend(", ".and(", ".add("}) {
        if (at(i, op) && matched(i + op.size() - 1)) {
          out.kind = Suffix::Kind::Construct;
          out.paren = i + op.size() - 1;
        }
      }
    }
    return out;
  }

  double current() const { return frames_.empty() ? 1.0 : frames_.back().weight; }

  double scaled(double w, double multiplier) {
    const double r = w * multiplier;
    if (r <= kMaxWeight) return r;
    if (!clamped_) {
      clamped_ = true;
      report(diags_, Code::OutOfRange, Severity::Warning,
             fmt::format("nested weights exceed {}; capped there", text::format_number(kMaxWeight)),
             std::string(field_));
    }
    return kMaxWeight;
  }

  // Text goes into the open run while the weight stays the same (compel fuses such
  // fragments too). A group boundary separates words, as compel joins fragments with ' '.
  void append(std::string_view t, std::size_t b, std::size_t e, double weight) {
    if (have_run_ && run_.weight != weight) flush();
    if (!have_run_) {
      run_ = Run{std::string(), weight, span(b, e)};
      have_run_ = true;
    } else if (boundary_ && !run_.text.empty() && !t.empty()) {
      const bool before = space(run_.text.back()), after = space(t.front());
      if (!before && !after) run_.text += ' ';
      while (before && !t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    }
    boundary_ = false;
    run_.text += t;
    run_.span.end = base_ + static_cast<std::uint32_t>(e);
  }

  void flush() {
    if (have_run_) out_.pieces.push_back(Piece{Piece::Kind::Text, std::move(run_), {}});
    have_run_ = false;
    run_ = Run{};
  }

  void marker(Piece::Kind kind, std::string syntax = {}) {
    flush();
    Piece p;
    p.kind = kind;
    p.syntax = std::move(syntax);
    out_.pieces.push_back(std::move(p));
  }

  // Each stray bracket is reported, up to a few: a hostile prompt gets one summary.
  static constexpr std::size_t kMaxBracketReports = 8;

  void unbalanced(std::size_t i) {
    if (++unbalanced_ > kMaxBracketReports) return;
    const char c = s_[i];
    const char* what = c == '('   ? "'(' is never closed"
                       : c == ')' ? "')' closes nothing"
                                  : "'\"' is never closed";
    report(diags_, Code::UnbalancedBracket, Severity::Warning,
           fmt::format("{}; compel reads it as a literal character", what), std::string(field_),
           span(i, i + 1));
  }

  // `(x:1.2)` is AUTOMATIC1111's weight; compel keeps it as the text "x:1.2".
  void check_a1111(std::size_t open, std::size_t close) {
    if (a1111_reported_ || s_[open] != '(') return;
    std::size_t j = close;
    while (j > open + 1 && space(s_[j - 1])) --j;
    std::size_t k = j;
    while (k > open + 1 && (digit(s_[k - 1]) || s_[k - 1] == '.')) --k;
    if (k == j) return;
    while (k > open + 1 && space(s_[k - 1])) --k;
    if (k <= open + 1 || s_[k - 1] != ':') return;
    a1111_reported_ = true;
    report(diags_, Code::LiteralText, Severity::Warning,
           "(text:1.2) is AUTOMATIC1111 syntax; compel reads it as plain text (write (text)1.2)",
           std::string(field_), span(open, close + 1));
  }

  // Pass 2.
  void walk() {
    std::size_t i = 0;
    while (i < s_.size()) {
      if (!frames_.empty() && i >= frames_.back().close) {
        i = std::max(i + 1, close_frame());
        continue;
      }
      const char c = s_[i];
      if (c == '(' || c == '"') {
        i = open(i);
      } else if (c == ')') {
        unbalanced(i);
        append(")", i, i + 1, current());
        ++i;
      } else if (c == ',' && !frames_.empty() && frames_.back().kind == FrameKind::Construct) {
        marker(Piece::Kind::Cut);  // between the prompts of a blend
        ++i;
      } else if (c == ',' && !frames_.empty() && frames_.back().kind == FrameKind::Swap) {
        frames_.back().options = true;  // `, s_start=0.1` ... is part of the syntax only
        i = frames_.back().close;
      } else if (space(c) || c == ',' || c == '.' || c == '=' ||
                 ((c == '+' || c == '-') && !continues_word(i))) {
        append(s_.substr(i, 1), i, i + 1, current());
        ++i;
      } else {
        i = word(i);
      }
    }
    while (!frames_.empty()) close_frame();  // every frame closes before the end; be safe
    flush();
    if (unbalanced_ > kMaxBracketReports)
      report(diags_, Code::UnbalancedBracket, Severity::Warning,
             fmt::format("{} more unbalanced brackets, read as literal characters",
                         unbalanced_ - kMaxBracketReports),
             std::string(field_));
  }

  // A '+' or '-' belongs to a word when a word character follows it ("well-lit", "a+b").
  bool continues_word(std::size_t i) const {
    return i + 1 < s_.size() && !space(s_[i + 1]) && !breaks_word(s_[i + 1]) && s_[i + 1] != '+' &&
           s_[i + 1] != '-';
  }

  std::size_t open(std::size_t i) {
    if (!matched(i)) {
      unbalanced(i);
      append(s_.substr(i, 1), i, i + 1, current());
      return i + 1;
    }
    const std::size_t close = partner(i);
    const Suffix sx = suffix(close + 1, true);
    if (sx.kind == Suffix::Kind::Construct && frames_.empty() && s_[i] == '(') {
      const std::size_t end = partner(sx.paren) + 1;
      marker(Piece::Kind::ConstructBegin, std::string(s_.substr(i, end - i)));
      out_.pieces.back().run.span = span(i, end);
      frames_.push_back(Frame{FrameKind::Construct, close, 1.0, end, i});
      return i + 1;
    }
    if (sx.kind == Suffix::Kind::Swap) return open_swap(i, sx.paren);
    if (sx.kind == Suffix::Kind::None) check_a1111(i, close);
    boundary_ = true;
    frames_.push_back(Frame{FrameKind::Group, close, scaled(current(), sx.multiplier),
                            sx.kind == Suffix::Kind::Weight ? sx.end : close + 1, i});
    if (sx.kind == Suffix::Kind::Construct) {
      frames_.back().literal_op = true;
      frames_.back().resume = partner(sx.paren) + 1;
    }
    return i + 1;
  }

  // The target (from `begin` to the '.') is only in the syntax: the IR holds the
  // replacement, which is what the image shows.
  std::size_t open_swap(std::size_t begin, std::size_t paren) {
    flush();
    const std::size_t close = partner(paren);
    frames_.push_back(Frame{FrameKind::Swap, close, current(), close + 1, begin});
    frames_.back().pieces = out_.pieces.size();
    return paren + 1;
  }

  std::size_t close_frame() {
    Frame f = frames_.back();
    frames_.pop_back();
    if (f.kind == FrameKind::Group) {
      boundary_ = true;
      if (f.literal_op) {
        // `.blend(...)` inside a group: compel has no meaning for it there; kept as text.
        append(s_.substr(f.close + 1, f.resume - f.close - 1), f.close + 1, f.resume, current());
      }
      return f.resume;
    }
    if (f.kind == FrameKind::Construct) {
      marker(Piece::Kind::ConstructEnd);
      return f.resume;
    }
    // Swap: the replacement's runs become one run, kept apart from its neighbours.
    flush();
    std::string joined;
    for (std::size_t k = f.pieces; k < out_.pieces.size(); ++k) {
      const std::string_view t = text::trim(out_.pieces[k].run.text);
      if (t.empty()) continue;
      if (!joined.empty()) joined += ' ';
      joined += t;
    }
    out_.pieces.resize(f.pieces);
    for (char& ch : joined)
      if (ch == ',' || ch == '\n' || ch == '\r') ch = ' ';  // one term, never cut
    Piece p;
    p.kind = Piece::Kind::Swap;
    p.run = Run{std::move(joined), f.weight, span(f.begin, f.close + 1)};
    p.syntax = std::string(s_.substr(f.begin, f.close + 1 - f.begin));
    out_.pieces.push_back(std::move(p));
    boundary_ = true;
    return f.resume;
  }

  // A word, its escapes resolved, and what follows it: `word++`, `word.swap(x)`,
  // `withLora(name, 0.8)`.
  std::size_t word(std::size_t i) {
    std::string w;
    std::size_t j = i;
    while (j < s_.size()) {
      const char c = s_[j];
      if (c == '\\' && j + 1 < s_.size() && escapable(s_[j + 1])) {
        w += s_[j + 1];
        j += 2;
      } else if (space(c) || breaks_word(c) || ((c == '+' || c == '-') && !continues_word(j))) {
        break;
      } else {
        w += c;
        ++j;
      }
    }
    if ((w == "withLora" || w == "useLora") && j < s_.size() && s_[j] == '(' && matched(j)) {
      if (const std::size_t end = lora(j); end != 0) return end;
    }
    const Suffix sx = suffix(j, false);
    if (sx.kind == Suffix::Kind::Swap) return open_swap(i, sx.paren);
    if (sx.kind == Suffix::Kind::Weight) {
      append(w, i, sx.end, scaled(current(), sx.multiplier));
      boundary_ = true;
      return sx.end;
    }
    append(w, i, j, current());
    return j;
  }

  // `withLora(name)` or `withLora(name, 0.8)`: compel's LoRA syntax (InvokeAI 2.3).
  std::size_t lora(std::size_t paren) {
    const std::size_t close = partner(paren);
    const std::string_view inside = s_.substr(paren + 1, close - paren - 1);
    const std::size_t comma = inside.find(',');
    const std::string_view name = text::trim(inside.substr(0, comma));
    double weight = 1.0;
    if (comma != npos) {
      const auto w = text::parse_double(text::trim(inside.substr(comma + 1)));
      if (!w) return 0;
      weight = *w;
    }
    if (name.empty() || name.find_first_of(" \t\"()") != npos) return 0;
    out_.loras.push_back(Lora{std::string(name), weight});
    boundary_ = true;
    return close + 1;
  }

  std::string_view s_;
  std::uint32_t base_;
  std::string_view field_;
  Diagnostics& diags_;
  std::vector<std::int64_t> match_;
  std::vector<Frame> frames_;
  Syntax out_;
  Run run_;
  bool have_run_ = false;
  bool boundary_ = false;
  bool clamped_ = false;
  std::size_t unbalanced_ = 0;
  bool a1111_reported_ = false;
};

}  // namespace

Syntax read_syntax(std::string_view text, std::uint32_t base, std::string_view field,
                   Diagnostics& diags) {
  return Reader(text, base, field, diags).run();
}

}  // namespace promptport::invokeai
