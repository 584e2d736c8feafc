// The clauses of the Flux template's style sentences: writing a list, and reading it back.
#include <algorithm>
#include <array>
#include <cstdint>

#include "flux/flux_phrases.h"
#include "flux/flux_words.h"
#include "promptport/recent_cache.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::flux {
namespace {

struct Opener {
  std::string_view prefix;
  Clause clause;
  bool as_form;  // "rendered as": countable media carry an article
};
constexpr std::array<Opener, 8> kOpeners{{
    {"rendered in ", Clause::Medium, false},
    {"rendered as ", Clause::Medium, true},
    {"shot on ", Clause::ShotOn, false},
    {"in the style of ", Clause::Artist, false},
    {"with an ", Clause::Aesthetic, false},
    {"with a ", Clause::Aesthetic, false},
    {"with ", Clause::Aesthetic, false},  // "with his signature style"
    {"with ", Clause::Light, false},
}};

// "his iconic style" takes no article.
bool has_determiner(std::string_view s) {
  static constexpr std::array<std::string_view, 13> kDeterminers{
      "a", "an", "the", "his", "her", "its", "their", "my", "our", "your", "this", "that", "these"};
  return one_of(s.substr(0, s.find(' ')), kDeterminers);
}

// Head words that neighbouring light items share: "epic and mystical mood".
constexpr std::array<std::string_view, 6> kSharedHeads{"mood",  "atmosphere", "lighting",
                                                       "light", "colors",     "colours"};

// The shared head word of a two-word item ("epic mood"), else "".
std::string_view shared_head(std::string_view item) {
  const std::size_t space = item.find(' ');
  if (space == std::string_view::npos || space == 0 || item.rfind(' ') != space) return {};
  const std::string_view head = item.substr(space + 1);
  return one_of(head, kSharedHeads) ? head : std::string_view{};
}

// Reads the items of one clause. The writer joins items as "a", "a and b" or "a, b and c";
// an item may itself contain " and " ("black and white palette"), so a split at " and " is
// taken only where both sides are items the writer could have written.
class ClauseReader {
 public:
  ClauseReader(Clause clause, bool as_form) : clause_(clause), as_form_(as_form) {}

  // texts: the rest of the opening piece, then the following pieces of the clause.
  bool read(std::span<const std::string_view> texts, std::vector<ReadItem>& out) const {
    if (clause_ == Clause::Light && read_shared(texts, out)) return true;
    std::vector<ReadItem> items;
    if (texts.size() == 1) {
      const std::string_view t = texts[0];
      if (t.empty()) return false;
      if (!split(t, items)) {
        // Prose such as "with vibrant, swirling brushstrokes" is no light clause: the
        // writer would have said "with vibrant colors".
        if (clause_ == Clause::Light && !written_form(item(t))) return false;
        add(t, items);
      }
    } else {
      if (!split(texts[0], items)) {
        if (clause_ == Clause::Light && !written_form(item(texts[0]))) return false;
        add(texts[0], items);
      }
      for (std::size_t k = 1; k + 1 < texts.size(); ++k) {
        if (!good(texts[k])) return false;
        add(texts[k], items);
      }
      // An Oxford comma ("a, b, and c") puts the final "and" at the start of the last piece.
      const std::string_view last = texts.back();
      if (starts_with_ci(last, "and ")) {
        const std::string_view rest = text::trim(last.substr(4));
        if (!good(rest)) return false;
        add(rest, items);
      } else if (!split(last, items)) {
        return false;
      }
    }
    for (auto& r : items) out.push_back(std::move(r));
    return true;
  }

 private:
  // The item as the clause holds it (without the article the writer adds).
  std::string_view item(std::string_view s) const {
    s = text::trim(s);
    if (as_form_) {
      const std::string_view bare = strip_article(s);
      if (bare.size() != s.size() && medium_form(bare) == MediumForm::Countable) return bare;
    }
    return s;
  }

  bool written_form(std::string_view s) const {
    if (s.empty() || vocab::is_quality_booster(s)) return false;  // the writer drops those
    switch (clause_) {
      case Clause::Medium:
      case Clause::ShotOn:
      case Clause::Aesthetic:
        return vocab::classify(s).slot == vocab::Slot::Style;
      case Clause::Artist:
        return name_like(s);
      case Clause::Light: {
        const auto k = light_kind(s);
        return k && light_item(*k, s) == s;
      }
    }
    return false;
  }

  // Ends in its head word ("volumetric lighting", not "volumetric lighting and black"):
  // the writer puts head words last.
  bool strong(std::string_view s) const {
    return clause_ != Clause::Light || !head_kind(s) || head_kind(last_word(s));
  }

  bool good(std::string_view s) const {
    const std::string_view v = item(s);
    if (!written_form(v)) return false;
    for (std::size_t at = v.find(" and "); at != std::string_view::npos;
         at = v.find(" and ", at + 5))
      if (written_form(item(v.substr(0, at))) && written_form(item(v.substr(at + 5))))
        return false;  // it would have been read as two items
    return true;
  }

  // "a and b" (or "a and b and c" in prose): every part a good item, else the best split in
  // two (both sides good; head words last preferred; leftmost first).
  bool split(std::string_view s, std::vector<ReadItem>& items) const {
    std::vector<std::string_view> parts;
    std::size_t from = 0;
    for (std::size_t at = s.find(" and "); at != std::string_view::npos;
         at = s.find(" and ", at + 5)) {
      parts.push_back(s.substr(from, at - from));
      from = at + 5;
    }
    if (parts.empty()) return false;
    parts.push_back(s.substr(from));
    if (std::all_of(parts.begin(), parts.end(), [&](auto p) { return good(p); })) {
      for (auto p : parts) add(p, items);
      return true;
    }
    std::size_t best = std::string_view::npos;
    bool best_strong = false;
    for (std::size_t at = s.find(" and "); at != std::string_view::npos;
         at = s.find(" and ", at + 5)) {
      const std::string_view l = s.substr(0, at), r = s.substr(at + 5);
      if (!good(l) || !good(r)) continue;
      const bool st = strong(item(l)) && strong(item(r));
      if (best == std::string_view::npos || (st && !best_strong)) {
        best = at;
        best_strong = st;
      }
    }
    if (best == std::string_view::npos) return false;
    add(s.substr(0, best), items);
    add(s.substr(best + 5), items);
    return true;
  }

  // "creepy, ominous and haunting mood": words that are no item alone take the head word
  // of the item after them. False unless some word did, so other lists read as before.
  bool read_shared(std::span<const std::string_view> texts, std::vector<ReadItem>& out) const {
    struct Word {
      std::string_view text;
      std::size_t piece;
    };
    std::vector<Word> words;
    for (std::size_t k = 0; k < texts.size(); ++k) {
      std::string_view t = text::trim(texts[k]);
      if (k > 0 && starts_with_ci(t, "and ")) t = text::trim(t.substr(4));
      for (std::size_t at = t.find(" and "); at != std::string_view::npos; at = t.find(" and ")) {
        words.push_back({text::trim(t.substr(0, at)), k});
        t = t.substr(at + 5);
      }
      words.push_back({text::trim(t), k});
    }
    std::vector<ReadItem> items;
    std::vector<Word> pending;
    bool shared = false;
    for (const Word& w : words) {
      if (w.text.empty()) return false;
      if (!written_form(w.text)) {
        pending.push_back(w);
        continue;
      }
      const std::string_view head = shared_head(w.text);
      if (!pending.empty() && head.empty()) {
        // An item with its own "and" ("black and gold scheme") is one item.
        if (pending.size() != 1 || pending[0].piece != w.piece) return false;
        const char* begin = pending[0].text.data();
        const std::string_view whole(
            begin, static_cast<std::size_t>(w.text.data() + w.text.size() - begin));
        if (!written_form(whole)) return false;
        pending.clear();
        add(whole, items);
        continue;
      }
      // Heads are shared between one-word style words only ("epic mood"), so that "with
      // moss, lichen, and motes of light" stays prose.
      for (const Word& m : pending) {
        const std::string full = std::string(m.text) + " " + std::string(head);
        if (m.text.find(' ') != std::string_view::npos || head_kind(m.text) ||
            vocab::classify(m.text).slot != vocab::Slot::Style ||
            vocab::is_quality_booster(m.text) || !written_form(full))
          return false;
        add(full, items, m.text);
      }
      shared = shared || !pending.empty();
      pending.clear();
      add(w.text, items);
    }
    if (!pending.empty() || !shared) return false;
    for (auto& r : items) out.push_back(std::move(r));
    return true;
  }

  void add(std::string_view s, std::vector<ReadItem>& out) const { add(s, out, item(s)); }

  // source: the part of the input the item came from.
  void add(std::string_view s, std::vector<ReadItem>& out, std::string_view source) const {
    const std::string_view v = item(s);
    StyleTerm t;
    t.text = std::string(v);
    switch (clause_) {
      case Clause::Medium:
      case Clause::ShotOn:
        t.kind = StyleKind::Medium;
        break;
      case Clause::Artist:
        t.kind = StyleKind::Artist;
        break;
      case Clause::Aesthetic:
        t.kind = aesthetic_kind(v);
        break;
      case Clause::Light:
        t.kind = light_kind(v).value_or(StyleKind::Quality);
        break;
    }
    out.push_back({clause_item(t), t.kind, source});
  }

  Clause clause_;
  bool as_form_;
};

std::size_t find_ci(std::string_view s, std::string_view what, std::size_t from = 0) {
  for (std::size_t at = from; at + what.size() <= s.size(); ++at)
    if (equals_ci(s.substr(at, what.size()), what)) return at;
  return std::string_view::npos;
}

constexpr std::size_t kNoTail = static_cast<std::size_t>(-1);

// Light items after an aesthetic clause in its sentence: `first` (the rest of the piece
// after "aesthetic and ", which must read) and pieces[from..], the longest run that reads.
// Returns how many of those pieces it took, or kNoTail when `first` does not read.
std::size_t read_light_tail(std::span<const std::string_view> pieces, std::string_view first,
                            std::size_t from, std::size_t run_end, std::vector<ReadItem>& out) {
  const ClauseReader reader(Clause::Light, false);
  std::vector<std::string_view> texts;
  // end: one past the last piece taken, longest first; after `first` no piece may do.
  const std::size_t lowest = first.empty() ? from + 1 : from;
  for (std::size_t end = run_end; end >= lowest; --end) {
    texts.clear();
    if (!first.empty()) texts.push_back(first);
    for (std::size_t k = from; k < end; ++k) texts.push_back(pieces[k]);
    if (reader.read(texts, out)) return end - from;
    if (end == lowest) break;
  }
  return first.empty() ? 0 : kNoTail;
}

// join_and, with neighbours that end in the same shared head word written once:
// "epic mood", "mystical mood", "soft light" -> "epic and mystical mood and soft light".
std::string join_light(const std::vector<std::string>& items) {
  std::vector<std::string> groups;
  for (std::size_t i = 0; i < items.size();) {
    const std::string_view head = shared_head(items[i]);
    std::size_t j = i + 1;
    while (!head.empty() && j < items.size() && shared_head(items[j]) == head) ++j;
    if (j - i < 2) {
      groups.push_back(items[i++]);
      continue;
    }
    std::vector<std::string> modifiers;
    for (; i < j; ++i) modifiers.push_back(items[i].substr(0, items[i].size() - head.size() - 1));
    groups.push_back(join_and(modifiers) + " " + std::string(head));
  }
  return join_and(groups);
}

std::string write_run(Clause clause, const std::vector<std::string>& items, bool share = true) {
  switch (clause) {
    case Clause::Medium: {
      bool as_form = false;
      for (const auto& i : items) as_form = as_form || medium_form(i) != MediumForm::Material;
      if (!as_form) return "rendered in " + join_and(items);
      std::vector<std::string> with_articles;
      for (const auto& i : items) {
        if (medium_form(i) == MediumForm::Countable && strip_article(i).size() == i.size())
          with_articles.push_back(std::string(article(i)) + " " + i);
        else
          with_articles.push_back(i);
      }
      return "rendered as " + join_and(with_articles);
    }
    case Clause::ShotOn:
      return "shot on " + join_and(items);
    case Clause::Artist:
      return "in the style of " + join_and(items);
    case Clause::Aesthetic: {
      std::string out = "with ";
      if (!has_determiner(items.front())) out += std::string(article(items.front())) + " ";
      out += join_and(items);
      if (!ends_with_ci(items.back(), "style")) out += " aesthetic";
      return out;
    }
    case Clause::Light:
      return "with " + (share ? join_light(items) : join_and(items));
  }
  return {};
}

// Reads a written clause (its pieces joined by ", "); false unless all of it is read.
bool read_written(std::string_view clause, std::vector<ReadItem>& read) {
  std::vector<std::string_view> pieces;
  for (std::size_t at = clause.find(", "); at != std::string_view::npos; at = clause.find(", ")) {
    pieces.push_back(clause.substr(0, at));
    clause.remove_prefix(at + 2);
  }
  pieces.push_back(clause);
  for (std::size_t i = 0; i < pieces.size();) {
    const std::size_t n = read_clause(pieces, i, read);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool reads_back(const std::string& clause, const std::vector<std::string>& items) {
  std::vector<ReadItem> read;
  if (!read_written(clause, read) || read.size() != items.size()) return false;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (read[i].text != items[i]) return false;
  return true;
}

bool read_single(Clause clause, const std::string& item, std::vector<ReadItem>& out) {
  return read_written(write_run(clause, {item}), out) && !out.empty();
}

}  // namespace

std::string fold_light(const std::string& aesthetic, const std::string& light) {
  if (!starts_with_ci(light, "with ")) return {};
  const std::string_view body = std::string_view(light).substr(5);
  const bool list = aesthetic.find(" and ") != std::string::npos ||
                    body.find(" and ") != std::string_view::npos ||
                    body.find(", ") != std::string_view::npos;
  std::string out = aesthetic + (list ? ", " : " and ") + std::string(body);
  std::vector<ReadItem> want, got;
  if (!read_written(aesthetic, want) || !read_written(light, want) || !read_written(out, got) ||
      got.size() != want.size())
    return {};
  for (std::size_t i = 0; i < got.size(); ++i)
    if (got[i].text != want[i].text || got[i].kind != want[i].kind) return {};
  return out;
}

namespace {

std::string write_clause_uncached(Clause clause, const std::vector<std::string>& given);

}  // namespace

std::string write_clause(Clause clause, const std::vector<std::string>& given) {
  if (given.empty()) return {};
  if (given.size() == 1 && given[0].find(" and ") == std::string::npos)
    return write_clause_uncached(clause, given);
  std::string key(1, static_cast<char>('0' + static_cast<int>(clause)));
  for (const auto& item : given) {
    key += '\0';
    key += item;
  }
  // Writing a list reads it back (several times when it must be cut into runs), and the
  // same lists come back prompt after prompt ("in the style of Greg Rutkowski and Alphonse
  // Mucha"): a small fixed-size cache per thread remembers the last results. Only lists
  // that need the reader go through it.
  thread_local RecentCache<std::string, 1024> cache;
  return cache.get(key, [&] { return write_clause_uncached(clause, given); });
}

namespace {

std::string write_clause_uncached(Clause clause, const std::vector<std::string>& given) {
  // Each item as the reader takes it alone: "Charlie Bowater and Craig Mullins" is two
  // names; then the list reads back item by item.
  std::vector<std::string> items;
  for (const auto& item : given) {
    std::vector<ReadItem> read;
    if (item.find(" and ") != std::string::npos && read_single(clause, item, read) &&
        read.size() > 1)
      for (auto& r : read) items.push_back(std::move(r.text));
    else
      items.push_back(item);
  }
  // The shortest form that reads back: shared head words, then each item whole.
  auto written = [&](const std::vector<std::string>& run) -> std::string {
    std::string text = write_run(clause, run);
    if (run.size() == 1 || reads_back(text, run)) return text;
    if (clause == Clause::Light && reads_back(text = write_run(clause, run, false), run))
      return text;
    return {};
  };
  if (std::string whole = written(items); !whole.empty()) return whole;
  // Greedy runs that each read back; a list that cannot be read as one becomes several
  // clauses ("in the style of A and B, in the style of the film Blade Runner").
  std::string out;
  std::vector<std::string> run;
  std::string run_text;
  auto flush = [&] {
    if (run.empty()) return;
    if (!out.empty()) out += ", ";
    out += run_text;
  };
  for (const auto& item : items) {
    run.push_back(item);
    std::string text = written(run);
    if (text.empty()) {
      run.pop_back();
      flush();
      run = {item};
      text = written(run);
    }
    run_text = std::move(text);
  }
  flush();
  return out;
}

}  // namespace

std::vector<ReadItem> reread(const StyleTerm& term) {
  std::vector<ReadItem> out;
  if (!read_written(write_clause(clause_of(term), {clause_item(term)}), out)) out.clear();
  return out;
}

bool starts_clause(std::string_view piece) {
  for (const auto& o : kOpeners)
    if (starts_with_ci(piece, o.prefix)) return true;
  return starts_with_ci(piece, "seen from ") || starts_with_ci(piece, "shot with ");
}

std::size_t read_clause(std::span<const std::string_view> pieces, std::size_t i,
                        std::vector<ReadItem>& out) {
  if (i >= pieces.size()) return 0;
  const std::string_view first = pieces[i];
  if (!starts_with_ci(first, "rendered ") && !starts_with_ci(first, "in the style of ") &&
      !starts_with_ci(first, "with ") && !starts_with_ci(first, "shot on "))
    return 0;
  std::size_t run_end = i + 1;
  while (run_end < pieces.size() && !starts_clause(pieces[run_end])) ++run_end;
  std::vector<std::string_view> texts;
  for (const auto& o : kOpeners) {
    if (!starts_with_ci(first, o.prefix)) continue;
    if (o.prefix == "with a " && starts_with_ci(first, "with an ")) continue;
    if (o.clause == Clause::Aesthetic && o.prefix == "with " &&
        (starts_with_ci(first, "with a ") || starts_with_ci(first, "with an ") ||
         !has_determiner(first.substr(5))))
      continue;
    const ClauseReader reader(o.clause, o.as_form);
    // The longest list that reads as the writer's join_and wins.
    for (std::size_t e = run_end; e-- > i;) {
      texts.assign(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                   pieces.begin() + static_cast<std::ptrdiff_t>(e) + 1);
      texts[0] = text::trim(first.substr(o.prefix.size()));
      if (o.clause != Clause::Aesthetic) {
        if (reader.read(texts, out)) return e - i + 1;
        continue;
      }
      // "with a X aesthetic" or "with a X style", maybe followed by light items: "with a X
      // aesthetic and soft light", "with a X aesthetic, soft light and eerie mood".
      std::string_view& last = texts.back();
      const std::string_view whole_last = last;
      if (ends_with_ci(last, " aesthetic") || ends_with_ci(last, "style")) {
        if (ends_with_ci(last, " aesthetic")) last = text::trim(last.substr(0, last.size() - 10));
        if (last.empty() || !reader.read(texts, out)) continue;
        return e - i + 1 + read_light_tail(pieces, {}, e + 1, run_end, out);
      }
      for (auto end : {std::string_view(" aesthetic and "), std::string_view("style and ")}) {
        for (std::size_t at = find_ci(whole_last, end); at != std::string_view::npos;
             at = find_ci(whole_last, end, at + 1)) {
          const bool style_word = end.front() != ' ';
          last = text::trim(whole_last.substr(0, style_word ? at + 5 : at));
          const std::string_view tail = text::trim(whole_last.substr(at + end.size()));
          std::vector<ReadItem> read;
          if (last.empty() || tail.empty() || !reader.read(texts, read)) continue;
          const std::size_t n = read_light_tail(pieces, tail, e + 1, run_end, read);
          if (n == kNoTail) continue;
          for (auto& r : read) out.push_back(std::move(r));
          return e - i + 1 + n;
        }
      }
    }
  }
  return 0;
}

}  // namespace promptport::flux
