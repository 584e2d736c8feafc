// ComfyUI's CLIPTextEncode attention (comfy/sd1_clip.py): `(x)` multiplies the enclosing
// weight by 1.1, `(x:w)` sets the weight to w outright, `\(` and `\)` are literal, and
// everything else, `[x]` included, is text. Two passes over the text, no recursion: the
// first matches the parentheses and decides each group's weight rule, the second assigns
// every character its weight.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "comfyui/comfyui_internal.h"
#include "promptport/text.h"

namespace promptport::comfy {
namespace {

constexpr std::size_t npos = std::string_view::npos;

struct Group {
  std::size_t open = 0;
  std::size_t close = npos;       // npos while open (and for an unclosed group)
  std::size_t last_colon = npos;  // last ':' at this group's own level
  std::size_t last_child = 0;     // position of the last nested group's ')'
  std::optional<double> weight;   // set: `(x:w)`; else x1.1
};

// What each byte of the text is, after the first pass.
enum class Role : unsigned char { Text, Open, Close, Escape, Suffix };

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

// Python's float() takes surrounding spaces; text::parse_double does not.
std::optional<double> weight_number(std::string_view s) {
  return text::parse_double(text::trim(s));
}

class Reader {
 public:
  Reader(std::string_view text, std::uint32_t base, std::string_view field, Diagnostics& diags,
         std::vector<std::string>& embeddings)
      : text_(text), base_(base), field_(field), diags_(diags), embeddings_(embeddings) {}

  std::vector<kit::WeightedRun> run() {
    match();
    assign();
    flush(text_.size());
    return std::move(runs_);
  }

 private:
  Span span(std::size_t b, std::size_t e) const {
    return Span{base_ + static_cast<std::uint32_t>(b), base_ + static_cast<std::uint32_t>(e)};
  }

  void unbalanced(std::size_t at, std::string_view what) {
    report(diags_, Code::UnbalancedBracket, Severity::Warning,
           fmt::format("{}; ComfyUI reads it as a literal character", what),
           std::string(1, text_[at]), span(at, at + 1));
  }

  // Pass 1: match parentheses; a group's weight is the number after its last own-level
  // ':' when nothing nested follows that colon (ComfyUI tries float() on the text after
  // the last ':' of the whole group, which fails whenever a ')' follows).
  void match() {
    role_.assign(text_.size(), Role::Text);
    std::vector<std::size_t> stack;  // indexes into groups_
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == '\\' && i + 1 < text_.size() && (text_[i + 1] == '(' || text_[i + 1] == ')')) {
        role_[i] = Role::Escape;
        ++i;
      } else if (c == '(') {
        role_[i] = Role::Open;
        stack.push_back(groups_.size());
        Group g;
        g.open = i;
        groups_.push_back(g);
      } else if (c == ':' && !stack.empty()) {
        groups_[stack.back()].last_colon = i;
      } else if (c == ')') {
        if (stack.empty()) {
          unbalanced(i, "')' closes no '('");
          continue;
        }
        Group& g = groups_[stack.back()];
        stack.pop_back();
        g.close = i;
        role_[i] = Role::Close;
        if (!stack.empty()) groups_[stack.back()].last_child = i;
        if (g.last_colon != npos && g.last_colon > g.open + 1 &&
            (g.last_child == 0 || g.last_colon > g.last_child)) {
          g.weight = weight_number(text_.substr(g.last_colon + 1, i - g.last_colon - 1));
          if (g.weight)
            std::fill(role_.begin() + static_cast<std::ptrdiff_t>(g.last_colon),
                      role_.begin() + static_cast<std::ptrdiff_t>(i), Role::Suffix);
        }
      }
    }
    for (const std::size_t open : stack) {
      role_[groups_[open].open] = Role::Text;
      unbalanced(groups_[open].open, "'(' is never closed");
    }
  }

  // Pass 2: weights per byte, runs of equal weight merged.
  void assign() {
    std::vector<double> weights{1.0};
    std::size_t next_group = 0;
    for (std::size_t i = 0; i < text_.size(); ++i) {
      switch (role_[i]) {
        case Role::Open: {
          while (groups_[next_group].open != i) ++next_group;
          const Group& g = groups_[next_group];
          weights.push_back(g.weight ? *g.weight : weights.back() * 1.1);
          continue;
        }
        case Role::Close:
          weights.pop_back();
          continue;
        case Role::Suffix:
          continue;
        case Role::Escape:
          add(text_[i + 1], i, i + 2, weights.back());
          ++i;
          continue;
        case Role::Text:
          if (const std::size_t end = embedding_at(i); end != 0) {
            embedding(i, end, weights.back());
            i = end - 1;
            continue;
          }
          add(text_[i], i, i + 1, weights.back());
      }
    }
  }

  // End of an `embedding:name` starting at i, or 0. ComfyUI looks for the prefix at the
  // start of each space-separated word; we also accept it after a comma or a parenthesis.
  std::size_t embedding_at(std::size_t i) const {
    static constexpr std::string_view kPrefix = "embedding:";
    if (text_.compare(i, kPrefix.size(), kPrefix) != 0) return 0;
    if (i > 0 && is_name_char(text_[i - 1])) return 0;
    std::size_t end = i + kPrefix.size();
    while (end < text_.size() && role_[end] == Role::Text && is_name_char(text_[end])) ++end;
    return end > i + kPrefix.size() ? end : 0;
  }

  void embedding(std::size_t begin, std::size_t end, double weight) {
    flush(begin);
    std::string name(text_.substr(begin + 10, end - begin - 10));
    runs_.push_back(kit::WeightedRun{name, weight, span(begin, end)});
    if (std::find(embeddings_.begin(), embeddings_.end(), name) == embeddings_.end())
      embeddings_.push_back(std::move(name));
  }

  void add(char c, std::size_t begin, std::size_t end, double weight) {
    if (open_ && weight != weight_) flush(begin);
    if (!open_) {
      open_ = true;
      weight_ = weight;
      begin_ = begin;
    }
    current_ += c;
    end_ = end;
    // A run ends at a fragment separator, so that an escape in one fragment does not make
    // the spans of its neighbours inexact (kit::place_runs cuts there anyway).
    if (c == ',' || c == '\n') flush(end);
  }

  void flush(std::size_t) {
    if (!open_) return;
    runs_.push_back(kit::WeightedRun{std::move(current_), weight_, span(begin_, end_)});
    current_.clear();
    open_ = false;
  }

  std::string_view text_;
  std::uint32_t base_;
  std::string_view field_;
  Diagnostics& diags_;
  std::vector<std::string>& embeddings_;
  std::vector<Role> role_;
  std::vector<Group> groups_;
  std::vector<kit::WeightedRun> runs_;
  std::string current_;
  bool open_ = false;
  double weight_ = 1.0;
  std::size_t begin_ = 0, end_ = 0;
};

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Position of `word` standing alone (\bword\b) in s, or npos.
std::size_t find_word(std::string_view s, std::string_view word) {
  for (std::size_t at = s.find(word); at != npos; at = s.find(word, at + 1)) {
    const bool before = at == 0 || !word_char(s[at - 1]);
    const bool after = at + word.size() >= s.size() || !word_char(s[at + word.size()]);
    if (before && after) return at;
  }
  return npos;
}

}  // namespace

std::vector<kit::WeightedRun> read_attention(std::string_view text, std::uint32_t base,
                                             std::string_view field, Diagnostics& diags,
                                             std::vector<std::string>& embeddings) {
  return Reader(text, base, field, diags, embeddings).run();
}

void report_literal_syntax(std::string_view text, std::uint32_t base, std::string_view field,
                           Diagnostics& diags) {
  auto literal = [&](std::size_t at, std::size_t len, std::string_view what) {
    report(
        diags, Code::LiteralText, Severity::Warning,
        fmt::format("{} is A1111 syntax; ComfyUI's CLIPTextEncode reads it as plain text", what),
        std::string(field),
        Span{base + static_cast<std::uint32_t>(at), base + static_cast<std::uint32_t>(at + len)});
  };
  // Square brackets: [a:b:n] and [a|b] (prompt editing) told apart from [x] (emphasis).
  std::size_t emphasis = npos, editing = npos, editing_end = 0, emphasis_end = 0;
  std::vector<std::size_t> opens;
  std::vector<bool> special;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[') {
      opens.push_back(i);
      special.push_back(false);
    } else if ((c == ':' || c == '|') && !opens.empty()) {
      special.back() = true;
    } else if (c == ']' && !opens.empty()) {
      const std::size_t at = opens.back();
      const bool is_editing = special.back();
      opens.pop_back();
      special.pop_back();
      if (is_editing && (editing == npos || at < editing)) editing = at, editing_end = i + 1;
      if (!is_editing && (emphasis == npos || at < emphasis)) emphasis = at, emphasis_end = i + 1;
    }
  }
  if (emphasis == npos && !opens.empty()) emphasis = opens.front(), emphasis_end = emphasis + 1;
  if (emphasis != npos) literal(emphasis, emphasis_end - emphasis, "[x] (A1111 de-emphasis)");
  if (editing != npos)
    literal(editing, editing_end - editing, "[a:b:n] / [a|b] (prompt editing, alternation)");
  if (const std::size_t at = find_word(text, "AND"); at != npos)
    literal(at, 3, "AND (prompt composition)");
  if (const std::size_t at = find_word(text, "BREAK"); at != npos) literal(at, 5, "BREAK");
  for (std::size_t at = text.find('<'); at != npos; at = text.find('<', at + 1)) {
    const std::string_view rest = text.substr(at + 1);
    if (rest.starts_with("lora:") || rest.starts_with("lyco:") || rest.starts_with("hypernet:")) {
      const std::size_t close = text.find('>', at);
      literal(at, (close == npos ? text.size() : close + 1) - at,
              "<lora:...> (an A1111 extra network; ComfyUI loads LoRAs with LoraLoader nodes)");
      break;
    }
  }
}

std::vector<Term> negative_terms(const std::vector<kit::WeightedRun>& runs) {
  std::vector<Term> out;
  bool fragment_open = false;  // a term of the current fragment was pushed
  for (const auto& run : runs) {
    const std::string_view s = run.text;
    const bool verbatim = run.span.end - run.span.begin == s.size();
    std::size_t start = 0;
    auto piece = [&](std::size_t end) {
      std::string_view p = s.substr(start, end - start);
      const std::size_t lead = p.find_first_not_of(" \t");
      if (lead == npos) return;
      p = p.substr(lead);
      p = p.substr(0, p.find_last_not_of(" \t") + 1);
      Span sp = run.span;
      if (verbatim) {
        sp.begin = run.span.begin + static_cast<std::uint32_t>(start + lead);
        sp.end = sp.begin + static_cast<std::uint32_t>(p.size());
      }
      out.push_back(Term{std::string(p), run.weight, sp, fragment_open});
      fragment_open = true;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != ',' && s[i] != '\n' && s[i] != '\r') continue;
      piece(i);
      fragment_open = false;
      start = i + 1;
    }
    piece(s.size());
  }
  return out;
}

}  // namespace promptport::comfy
