// Flux prose reader: sentences and comma pieces back into the IR, template phrases first.
#include <algorithm>

#include "flux/flux_phrases.h"
#include "flux/flux_prose.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::flux {
namespace {

struct Sentence {
  std::string_view body;        // without its terminator
  std::string_view terminator;  // ".", "!", "...", "" (end of text or line)
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

bool starts_at(std::string_view s, std::size_t i, std::string_view what) {
  return s.substr(i, what.size()) == what;
}

constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";
constexpr std::string_view kIdeographicStop = "\xE3\x80\x82";

// Sentence ends: . ! ? (runs such as "..." included, and a closing quote or bracket) before
// a space and anything but a lower-case letter, or at the end; a newline; an ideographic
// full stop. "Dr. who" and "D.C. at night" stay whole because a lower-case word follows.
std::vector<Sentence> split_sentences(std::string_view s) {
  std::vector<Sentence> out;
  std::size_t start = 0;
  auto push = [&](std::size_t body_end, std::size_t term_end) {
    const std::string_view body = text::trim(s.substr(start, body_end - start));
    if (!body.empty()) out.push_back({body, s.substr(body_end, term_end - body_end)});
    start = term_end;
  };
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\n' || c == '\r') {
      push(i, i);
      start = ++i;
      continue;
    }
    if (starts_at(s, i, kIdeographicStop)) {
      push(i, i + kIdeographicStop.size());
      i = start;
      continue;
    }
    if (c == '.' || c == '!' || c == '?') {
      std::size_t j = i;
      while (j < s.size() && (s[j] == '.' || s[j] == '!' || s[j] == '?')) ++j;
      // a closing quote or bracket belongs to the sentence it ends: 'He said "Stop." Then'
      if (j < s.size() && (s[j] == '"' || s[j] == ')' || s[j] == '\''))
        ++j;
      else if (starts_at(s, j, kCloseCurly))
        j += kCloseCurly.size();
      std::size_t k = j;
      while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
      const bool boundary = k == s.size() || (k > j && !(s[k] >= 'a' && s[k] <= 'z'));
      if (boundary) {
        push(i, j);
        i = j;
        continue;
      }
      i = j;
      continue;
    }
    ++i;
  }
  push(s.size(), s.size());
  return out;
}

// Comma pieces (',' '，' '、'), trimmed (also of a trailing ';' or ':', which the writer
// never ends a term with), empty ones dropped. Quoted text is split too: the
// writer joins the pieces with ", " again, so the words come back unchanged.
std::vector<std::string_view> split_pieces(std::string_view s) {
  std::vector<std::string_view> out;
  for (const auto& piece : text::split_fragments(s)) {
    std::string_view p = piece.text;
    while (!p.empty() && (p.back() == ';' || p.back() == ':'))
      p = text::trim(p.substr(0, p.size() - 1));
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

bool same_item(const StyleTerm& a, const StyleTerm& b) {
  return clause_of(a) == clause_of(b) && equals_ci(a.text, b.text);
}

// The writer's prompt is one line: tabs, line breaks and runs of spaces become one space.
void one_line(std::string& s) {
  std::size_t out = 0;
  for (char c : s) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    if (c == ' ' && out > 0 && s[out - 1] == ' ') continue;
    s[out++] = c;
  }
  s.resize(out);
}

class ProseReader {
 public:
  ProseReader(std::string_view source, std::uint32_t base, Prompt& ir)
      : source_(source), base_(base), ir_(ir) {}

  void read() {
    const std::vector<Sentence> sentences = split_sentences(source_);
    struct Range {
      std::size_t begin, end;
    };
    std::vector<Range> subjects;
    for (const Sentence& s : sentences) {
      const std::size_t before = ir_.subject.size();
      read_sentence(s.body);
      subjects.push_back({before, ir_.subject.size()});
    }
    // A sentence's end mark stays on its last subject piece when more subject follows or
    // the mark says more than "." — the writer adds a plain final period itself.
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      if (subjects[i].begin == subjects[i].end || sentences[i].terminator.empty()) continue;
      bool later = false;
      for (std::size_t j = i + 1; j < sentences.size() && !later; ++j)
        later = subjects[j].begin != subjects[j].end;
      if (later || sentences[i].terminator != ".")
        ir_.subject[subjects[i].end - 1].text += sentences[i].terminator;
    }
    canonicalize();
  }

 private:
  Span span_of(std::string_view piece) const {
    const auto offset = static_cast<std::uint32_t>(piece.data() - source_.data());
    return Span{base_ + offset, base_ + offset + static_cast<std::uint32_t>(piece.size())};
  }

  bool inside_source(std::string_view v) const {
    return !v.empty() && v.data() >= source_.data() &&
           v.data() + v.size() <= source_.data() + source_.size();
  }

  void read_sentence(std::string_view body) {
    const std::vector<std::string_view> pieces = split_pieces(body);
    bool camera_context = false;
    std::vector<ReadItem> items;
    for (std::size_t i = 0; i < pieces.size();) {
      if (read_camera(pieces[i], camera_context)) {
        ++i;
        continue;
      }
      items.clear();
      if (const std::size_t n = read_clause(pieces, i, items)) {
        const Span whole{span_of(pieces[i]).begin, span_of(pieces[i + n - 1]).end};
        for (auto& item : items) {
          const Span span = inside_source(item.source) ? span_of(item.source) : whole;
          // "rendered in his iconic style" is written as "with his iconic style": keep the
          // form the writer reads back.
          StyleTerm t;
          t.text = std::move(item.text);
          t.kind = item.kind;
          std::vector<ReadItem> again = reread(t);
          if (again.empty()) again.push_back({std::move(t.text), t.kind, {}});
          for (auto& a : again) add_style(std::move(a.text), a.kind, span);
        }
        i += n;
        continue;
      }
      place(pieces[i], i == 0);
      ++i;
    }
  }

  void add_style(std::string text, StyleKind kind, Span span) {
    StyleTerm t;
    t.text = std::move(text);
    t.kind = kind;
    t.span = span;
    ir_.style.push_back(std::move(t));
  }

  void camera_term(std::string_view piece) {
    ir_.camera.terms.push_back(Term{std::string(piece), 1.0, span_of(piece)});
  }

  // The camera sentence: "A close-up shot from a low angle", "Seen from ...", "Shot with a
  // 35mm lens", ", with a 35mm lens". A slot already filled keeps the piece verbatim in
  // camera.terms, as kit::place_fragment does.
  bool read_camera(std::string_view piece, bool& context) {
    std::string_view rest;
    if (starts_with_ci(piece, "a "))
      rest = piece.substr(2);
    else if (starts_with_ci(piece, "an "))
      rest = piece.substr(3);
    if (!rest.empty()) {
      std::string_view shot_part = rest, angle_part;
      if (const std::size_t from = rest.find(" from "); from != std::string_view::npos) {
        shot_part = rest.substr(0, from);
        angle_part = rest.substr(from + 6);
      }
      const std::string_view shot = shot_from_text(shot_part);
      const std::string_view angle = angle_part.empty() ? "" : angle_from_text(angle_part);
      if (!shot.empty() && (angle_part.empty() || !angle.empty())) {
        context = true;
        if (ir_.camera.shot.empty() && (angle.empty() || ir_.camera.angle.empty())) {
          ir_.camera.shot = std::string(shot);
          if (!angle.empty()) ir_.camera.angle = std::string(angle);
        } else {
          camera_term(piece);
        }
        return true;
      }
    }
    if (starts_with_ci(piece, "seen from ")) {
      const std::string_view angle = angle_from_text(text::trim(piece.substr(10)));
      if (angle.empty()) return false;
      context = true;
      if (ir_.camera.angle.empty())
        ir_.camera.angle = std::string(angle);
      else
        camera_term(piece);
      return true;
    }
    std::string_view lens;
    if (starts_with_ci(piece, "shot with ")) {
      lens = lens_value(piece.substr(10));
    } else if (starts_with_ci(piece, "with a ") || starts_with_ci(piece, "with an ")) {
      const std::string_view phrase = piece.substr(5);
      if (ends_with_ci(phrase, " lens") ||
          (context && text::lower_ascii(phrase).find("lens") != std::string::npos))
        lens = lens_value(phrase);
    }
    if (lens.empty()) return false;
    context = true;
    if (ir_.camera.lens.empty())
      ir_.camera.lens = std::string(lens);
    else
      camera_term(piece);
    return true;
  }

  // Anything else goes through the shared vocabulary. A style word is then put in the form
  // its clause would write and read back, so that writing this IR and reading it again
  // gives the same terms ("golden hour" -> "golden hour lighting", "by X and Y" -> X, Y).
  void place(std::string_view piece, bool sentence_start) {
    const std::size_t styles = ir_.style.size();
    kit::place_fragment(ir_, piece, span_of(piece));
    if (ir_.style.size() == styles) return;
    StyleTerm term = std::move(ir_.style.back());
    ir_.style.pop_back();
    if (sentence_start && term.kind != StyleKind::Artist && is_upper(term.text[0]) &&
        std::none_of(term.text.begin() + 1, term.text.end(), is_upper))
      term.text[0] = static_cast<char>(term.text[0] - 'A' + 'a');
    if (vocab::is_quality_booster(term.text)) {
      ir_.style.push_back(std::move(term));  // the writer drops it: kept for other targets
      return;
    }
    std::vector<ReadItem> items = reread(term);
    if (items.empty()) {
      ir_.style.push_back(std::move(term));
      return;
    }
    for (auto& item : items) add_style(std::move(item.text), item.kind, *term.span);
  }

  // What the writer normalizes, normalized here too: one-line terms, no final period,
  // each style once and in clause order (medium, film, artist, aesthetic, light), capitals
  // where its sentences start, and the lens without "lens".
  void canonicalize() {
    for (auto& t : ir_.subject) one_line(t.text);
    for (auto& t : ir_.style) one_line(t.text);
    for (auto& t : ir_.camera.terms) one_line(t.text);
    one_line(ir_.camera.lens);
    // A piece of bare punctuation ("?", "!") says nothing; the writer leaves it out.
    std::erase_if(ir_.subject, [](const Term& t) { return bare_punctuation(t.text); });
    if (!ir_.subject.empty()) {
      std::string& last = ir_.subject.back().text;
      if (last.size() > 1 && last.back() == '.' && last[last.size() - 2] != '.') last.pop_back();
    }
    for (std::size_t i = 0; i < ir_.style.size(); ++i)
      for (std::size_t j = ir_.style.size(); j-- > i + 1;)
        if (same_item(ir_.style[i], ir_.style[j]))
          ir_.style.erase(ir_.style.begin() + static_cast<std::ptrdiff_t>(j));
    std::stable_sort(ir_.style.begin(), ir_.style.end(), [](const auto& a, const auto& b) {
      return static_cast<int>(clause_of(a)) < static_cast<int>(clause_of(b));
    });
    for (std::size_t i = 0; i < ir_.subject.size(); ++i)
      if (i == 0 || ends_sentence(ir_.subject[i - 1].text)) upper_first(ir_.subject[i].text);
    Camera& cam = ir_.camera;
    if (!cam.lens.empty()) cam.lens = std::string(lens_value(cam.lens));
    if (cam.shot.empty() && cam.angle.empty() && cam.lens.empty() && !cam.terms.empty())
      upper_first(cam.terms.front().text);
  }

  std::string_view source_;
  std::uint32_t base_;
  Prompt& ir_;
};

}  // namespace

void read_prose(std::string_view prose, std::uint32_t base, Prompt& ir) {
  ProseReader(prose, base, ir).read();
}

}  // namespace promptport::flux
