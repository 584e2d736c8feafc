// The sd reader. Order as in A1111: comments, extra networks, AND, prompt editing, attention.
#include "sd/sd_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "promptport/kit.h"
#include "sd/sd_attention.h"
#include "sd/sd_infotext.h"
#include "sd/sd_networks.h"
#include "sd/sd_schedule.h"

namespace promptport::sd {
namespace {

constexpr std::uint32_t kEnd = std::numeric_limits<std::uint32_t>::max();

// Syntax that stands before the term after `at` (AND, BREAK, an edit that resolves to nothing).
struct Marker {
  std::uint32_t at;
  std::string syntax;
};

// A prompt-editing construct with the word it is glued to: `[fe|]male` is one group.
struct Group {
  Span span;
  std::string syntax;
};

struct Unit {
  std::string text;
  double weight;
  int group;  // index in groups_, or -1
  std::uint32_t begin, end;
};

// The negative prompt's placement, mirroring kit::place_runs (cut at commas and line breaks,
// trimmed, later runs of a fragment joined) without classifying: there is no negative camera
// slot, so a camera word must keep its own words.
void place_negative(Prompt& ir, const std::vector<kit::WeightedRun>& runs) {
  bool first = true;
  for (const auto& run : runs) {
    const std::string& s = run.text;
    const bool verbatim = run.span.end - run.span.begin == s.size();
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
      std::size_t b = start, e = end;
      while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
      while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
      if (b == e) return;
      Span span = run.span;
      if (verbatim)
        span = {run.span.begin + static_cast<std::uint32_t>(b),
                run.span.begin + static_cast<std::uint32_t>(e)};
      ir.negative.push_back(Term{s.substr(b, e - b), run.weight, span, !first});
      first = false;
    };
    for (std::size_t i = 0; i < s.size();) {
      std::size_t sep = 0;
      if (s[i] == ',' || s[i] == '\n' || s[i] == '\r') sep = 1;
      if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0) sep = 3;
      if (!sep) {
        ++i;
        continue;
      }
      flush(i);
      first = true;
      i += sep;
      start = i;
    }
    flush(s.size());
  }
}

// A construct's text is one term even when it holds commas or line breaks: they are hidden
// from the fragment cutter as private-use characters and put back after placement.
constexpr std::string_view kSeparators[] = {",", "\n", "\r", "\xEF\xBC\x8C", "\xE3\x80\x81"};
constexpr std::string_view kHidden[] = {"\xEE\x80\x80", "\xEE\x80\x81", "\xEE\x80\x82",
                                        "\xEE\x80\x83", "\xEE\x80\x84"};

std::string replace_all(std::string s, const std::string_view (&from)[5],
                        const std::string_view (&to)[5]) {
  for (std::size_t k = 0; k < 5; ++k)
    for (std::size_t at = s.find(from[k]); at != std::string::npos;
         at = s.find(from[k], at + to[k].size()))
      s.replace(at, from[k].size(), to[k]);
  return s;
}

std::string hide_separators(const std::string& s) { return replace_all(s, kSeparators, kHidden); }

template <typename T>
void restore_separators(std::vector<T>& terms, std::size_t from) {
  for (std::size_t i = from; i < terms.size(); ++i)
    if (terms[i].text.find("\xEE\x80") != std::string::npos)
      terms[i].text = replace_all(terms[i].text, kHidden, kSeparators);
}

class Reader {
 public:
  Reader(Prompt& ir, Diagnostics& diags) : ir_(ir), diags_(diags) {}

  void positive(const Mapped& m) {
    negative_ = false;
    field_ = "subject";
    // AND (uppercase, whole word) splits sub-prompts; each may end in ":weight".
    std::string pending;  // the weight of the previous sub-prompt, written before its AND
    std::size_t start = 0;
    const std::string& s = m.text;
    for (std::size_t i = 0;; ++i) {
      const bool at_end = i >= s.size();
      const bool is_and =
          !at_end && s.compare(i, 3, "AND") == 0 && !word_before(s, i) && !word_at(s, i + 3);
      if (!at_end && !is_and) continue;
      std::string weight;
      const std::size_t end = strip_weight(s, start, at_end ? s.size() : i, weight);
      if (start > 0)
        markers_.push_back({m.source[start - 3], pending.empty() ? "AND" : pending + " AND"});
      read_part(m, start, end);
      pending = weight.empty() ? "" : ":" + weight;
      if (at_end) break;
      start = i + 3;
      i += 2;
    }
    if (!pending.empty()) markers_.push_back({kEnd, pending});
    finish();
  }

  void negative(const Mapped& m) {
    negative_ = true;
    field_ = "negative";
    read_part(m, 0, m.text.size());
    finish();
  }

  nlohmann::json entries = nlohmann::json::array();

 private:
  // A sub-prompt [b, e) may end in `\s*:\s*[-+]?(\d+\.?|\d*\.\d+)\s*`; returns its text end.
  static std::size_t strip_weight(const std::string& s, std::size_t b, std::size_t e,
                                  std::string& weight) {
    std::size_t k = e;
    while (k > b && is_space(s[k - 1])) --k;
    const std::size_t num_end = k;
    while (k > b && (s[k - 1] == '.' || (s[k - 1] >= '0' && s[k - 1] <= '9'))) --k;
    const std::string_view num(s.data() + k, num_end - k);
    const std::size_t dots = static_cast<std::size_t>(std::count(num.begin(), num.end(), '.'));
    if (num.empty() || dots > 1 || num == ".") return e;
    if (k > b && (s[k - 1] == '+' || s[k - 1] == '-')) --k;
    const std::size_t num_begin = k;
    while (k > b && is_space(s[k - 1])) --k;
    if (k == b || s[k - 1] != ':') return e;
    weight = s.substr(num_begin, num_end - num_begin);
    --k;
    while (k > b && is_space(s[k - 1])) --k;
    return k;
  }

  // Prompt editing, then attention, then placement, for m.text[b, e).
  void read_part(const Mapped& m, std::size_t b, std::size_t e) {
    const Resolved res = resolve_schedule(std::string_view(m.text).substr(b, e - b));
    auto rec = [&](std::size_t r) { return m.source[b + res.source[r]]; };  // resolved -> record
    if (!res.ok && !literal_reported_) {
      literal_reported_ = true;
      report(diags_, Code::LiteralText, Severity::Warning,
             "A1111 cannot read this prompt's [a:b:n] / [a|b] syntax (a '|' outside brackets or "
             "a trailing backslash): it uses the text as written, so brackets are attention only",
             field_, m.span(b, e));
    }
    // Groups: each construct widened over the word it is glued to, touching ones merged.
    const std::string& r = res.text;
    auto glue = [&](char c) {
      return !is_space(c) && c != ',' && c != '(' && c != ')' && c != '[' && c != ']' &&
             c != '\\' && c != ':';
    };
    struct Range {
      std::size_t b, e;    // resolved text
      std::size_t sb, se;  // sub-prompt text, without removed network tags and comments
      Span span;           // record
    };
    std::vector<Range> ranges;
    std::size_t ci = 0;  // construct cursor
    for (const Construct& c : res.constructs) {
      std::size_t rb = c.begin, re = c.end;
      const std::size_t floor = ranges.empty() ? 0 : ranges.back().e;
      while (rb > floor && glue(r[rb - 1])) --rb;
      while (re < r.size() && glue(r[re]) &&
             (ci + 1 >= res.constructs.size() || re < res.constructs[ci + 1].begin))
        ++re;
      const Span cs{m.source[b + c.src_begin], m.source[b + c.src_end - 1] + 1};
      Span span = cs;
      std::size_t sb = c.src_begin, se = c.src_end;
      if (rb < c.begin) span.begin = rec(rb), sb = res.source[rb];
      if (re > c.end) span.end = rec(re - 1) + 1, se = res.source[re - 1] + 1;
      if (!ranges.empty() && ranges.back().e >= rb) {
        ranges.back().e = re;
        ranges.back().se = se;
        ranges.back().span.end = span.end;
      } else {
        ranges.push_back({rb, re, sb, se, span});
      }
      ++ci;
    }
    const std::size_t first_group = groups_.size();
    for (const Range& g : ranges) {
      // A line break in a construct is a space to CLIP; the prompt is written on one line.
      std::string syntax = m.text.substr(b + g.sb, g.se - g.sb);
      std::replace_if(
          syntax.begin(), syntax.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
      groups_.push_back({g.span, std::move(syntax)});
    }
    auto group_at = [&](std::size_t pos, std::size_t& cursor) -> int {
      while (cursor < ranges.size() && ranges[cursor].e <= pos) ++cursor;
      if (cursor < ranges.size() && ranges[cursor].b <= pos && pos < ranges[cursor].e)
        return static_cast<int>(first_group + cursor);
      return -1;
    };

    const Attention att = parse_attention(r);
    for (const auto& issue : att.issues) {
      const Span span{rec(issue.begin), rec(issue.end - 1) + 1};
      switch (issue.kind) {
        case AttentionIssue::Kind::Unclosed:
          report(diags_, Code::UnbalancedBracket, Severity::Warning,
                 fmt::format("'{}' is never closed; A1111 closes it at the end of the prompt",
                             r[issue.begin]),
                 std::string(1, r[issue.begin]), span);
          break;
        case AttentionIssue::Kind::Stray:
          report(diags_, Code::UnbalancedBracket, Severity::Warning,
                 fmt::format("'{}' closes nothing; A1111 reads it as text", r[issue.begin]),
                 std::string(1, r[issue.begin]), span);
          break;
        case AttentionIssue::Kind::BadWeight:
          report(diags_, Code::InvalidValue, Severity::Warning,
                 fmt::format("'{}' is not a weight; kept as text",
                             r.substr(issue.begin, issue.end - issue.begin)),
                 field_, span);
          break;
        case AttentionIssue::Kind::BreakInBrackets:
          report(diags_, Code::LiteralText, Severity::Warning,
                 "BREAK inside brackets is no chunk break in A1111: it reads the word BREAK with "
                 "a negative weight",
                 field_, span);
          break;
      }
    }

    std::vector<Unit> units;
    auto push = [&](Unit u) {
      if (u.text.empty()) return;
      if (!units.empty()) {
        Unit& last = units.back();
        const char tail = last.text.back();
        const bool cut = tail == ',' || tail == '\n' || tail == '\r' ||
                         (last.text.size() >= 3 &&
                          (last.text.compare(last.text.size() - 3, 3, "\xEF\xBC\x8C") == 0 ||
                           last.text.compare(last.text.size() - 3, 3, "\xE3\x80\x81") == 0));
        // A group is one term whatever its inner weights: its syntax says them. Its weight
        // is that of its first visible text.
        if (u.group >= 0 && last.group == u.group) {
          if (last.text.find_first_not_of(" \t\r\n") == std::string::npos) last.weight = u.weight;
          last.text += u.text;
          last.end = u.end;
          return;
        }
        if (last.weight == u.weight && last.group == u.group && !cut) {
          last.text += u.text;
          last.end = u.end;
          return;
        }
      }
      units.push_back(std::move(u));
    };
    auto flush = [&]() {
      std::vector<kit::WeightedRun> runs;
      for (Unit& u : units) {
        const Span span =
            u.group >= 0 ? groups_[static_cast<std::size_t>(u.group)].span : Span{u.begin, u.end};
        if (u.group >= 0) {
          std::replace_if(
              u.text.begin(), u.text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
          u.text = hide_separators(u.text);
        }
        runs.push_back({std::move(u.text), u.weight, span});
      }
      units.clear();
      const std::size_t sizes[] = {ir_.subject.size(), ir_.style.size(), ir_.camera.terms.size(),
                                   ir_.negative.size()};
      if (negative_)
        place_negative(ir_, runs);
      else
        kit::place_runs(ir_, runs);
      restore_separators(ir_.subject, sizes[0]);
      restore_separators(ir_.style, sizes[1]);
      restore_separators(ir_.camera.terms, sizes[2]);
      restore_separators(ir_.negative, sizes[3]);
    };
    std::size_t cursor = 0;
    for (const AttentionPiece& p : att.pieces) {
      const int g0 = group_at(p.begin, cursor);
      if (p.is_break) {
        if (g0 >= 0) continue;  // written back as part of its construct
        flush();
        markers_.push_back({rec(p.begin), "BREAK"});
        continue;
      }
      if (p.text.size() != p.end - p.begin) {  // an escape: one unit
        push({p.text, p.weight, g0, rec(p.begin), rec(p.end - 1) + 1});
        continue;
      }
      // Plain text: cut where the group changes and after a fragment separator, so that each
      // run's span covers one fragment. (Text around a removed network tag stays one run, as
      // in A1111: "face<lora:x:1> simple" is "face simple".)
      std::size_t start = p.begin;
      int g = g0;
      for (std::size_t k = p.begin + 1; k <= p.end; ++k) {
        const int gk = k < p.end ? group_at(k, cursor) : g;
        const char before = r[k - 1];
        const bool sep = before == ',' || before == '\n' || before == '\r';
        if (k < p.end && gk == g && !sep) continue;
        push({r.substr(start, k - start), p.weight, g, rec(start), rec(k - 1) + 1});
        start = k;
        g = gk;
      }
    }
    flush();
  }

  struct Slot {
    std::uint32_t begin;
    const char* field;
    std::size_t index;
  };

  template <typename T>
  static void collect(std::vector<Slot>& out, const std::vector<T>& terms, const char* field) {
    for (std::size_t i = 0; i < terms.size(); ++i)
      if (terms[i].span) out.push_back({terms[i].span->begin, field, i});
  }

  const Term& term(const Slot& s) const {
    const std::string_view f = s.field;
    if (f == "subject") return ir_.subject[s.index];
    if (f == "style") return ir_.style[s.index];
    if (f == "camera.terms") return ir_.camera.terms[s.index];
    return ir_.negative[s.index];
  }

  // Turns groups and markers into extensions.sd.inline entries (field, index, syntax, text).
  void finish() {
    std::vector<Slot> slots;
    if (negative_) {
      collect(slots, ir_.negative, "negative");
    } else {
      collect(slots, ir_.subject, "subject");
      collect(slots, ir_.style, "style");
      collect(slots, ir_.camera.terms, "camera.terms");
    }
    std::stable_sort(slots.begin(), slots.end(),
                     [](const Slot& a, const Slot& b) { return a.begin < b.begin; });
    struct Entry {
      std::uint32_t at;
      nlohmann::json json;
    };
    std::vector<Entry> out;
    auto before = [&](std::uint32_t at, const std::string& syntax) {
      const auto it = std::lower_bound(slots.begin(), slots.end(), at,
                                       [](const Slot& s, std::uint32_t v) { return s.begin < v; });
      nlohmann::json e;
      if (it == slots.end())
        e = {{"field", field_}, {"index", negative_ ? ir_.negative.size() : ir_.subject.size()}};
      else
        e = {{"field", it->field}, {"index", it->index}};
      e["syntax"] = syntax;
      e["text"] = "";
      out.push_back({at, std::move(e)});
    };
    for (const Group& g : groups_) {
      const auto it = std::lower_bound(slots.begin(), slots.end(), g.span.begin,
                                       [](const Slot& s, std::uint32_t v) { return s.begin < v; });
      auto same = [&](const Slot& s) {
        const Term& t = term(s);
        return t.span && *t.span == g.span;
      };
      if (it == slots.end() || !same(*it)) {
        before(g.span.begin, g.syntax);
        continue;
      }
      std::size_t count = 0;
      for (auto j = it; j != slots.end() && j->begin == g.span.begin; ++j)
        if (same(*j) && std::string_view(j->field) == it->field) ++count;
      nlohmann::json e = {{"field", it->field},
                          {"index", it->index},
                          {"syntax", g.syntax},
                          {"text", term(*it).text}};
      if (count > 1) e["count"] = count;
      out.push_back({g.span.begin, std::move(e)});
    }
    for (const Marker& mk : markers_) before(mk.at, mk.syntax);
    std::stable_sort(out.begin(), out.end(),
                     [](const Entry& a, const Entry& b) { return a.at < b.at; });
    for (auto& e : out) entries.push_back(std::move(e.json));
    groups_.clear();
    markers_.clear();
  }

  Prompt& ir_;
  Diagnostics& diags_;
  bool negative_ = false;
  std::string field_ = "subject";
  bool literal_reported_ = false;
  std::vector<Group> groups_;
  std::vector<Marker> markers_;
};

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  Record record = split_record(text);
  for (const auto& c : record.comments) ir.extensions["sd"]["comments"].push_back(c);
  read_networks(take_networks(record.positive), ir, diags);
  // A1111 reads extra networks in the positive prompt only: in the negative they are words.
  {
    Mapped copy = record.negative;
    for (const Network& n : take_networks(copy))
      report(diags, Code::LiteralText, Severity::Warning,
             fmt::format("{} in the negative prompt is read as words by A1111, not loaded", n.tag),
             "negative", n.span);
  }
  Reader reader(ir, diags);
  reader.positive(record.positive);
  reader.negative(record.negative);
  if (!reader.entries.empty()) ir.extensions["sd"]["inline"] = std::move(reader.entries);
  read_parameters(record, ir, diags);
  return ir;
}

double own_weight(std::string_view syntax) {
  const Resolved res = resolve_schedule(syntax);
  for (const AttentionPiece& p : parse_attention(res.text).pieces)
    if (!p.is_break && p.text.find_first_not_of(" \t\n\r,") != std::string::npos) return p.weight;
  return 1.0;
}

}  // namespace promptport::sd
