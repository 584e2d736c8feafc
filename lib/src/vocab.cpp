// The shared vocabulary's rules: places prompt fragments and says canonical camera values.
#include "promptport/vocab.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/recent_cache.h"
#include "promptport/text.h"
#include "vocab_index.h"

namespace promptport::vocab {
namespace {

using std::string_view;
// The index's types, tags and helpers are the vocabulary of every rule below.
using namespace detail;

// ---------------------------------------------------------------------------------------
// Word shapes and verb endings.

bool is_number(string_view s) {  // 1.8, 16, 2.0
  const std::size_t dot = s.find('.');
  if (dot == string_view::npos) return all_digits(s) && s.size() <= 3;
  return dot <= 2 && all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
}

bool is_resolution(string_view w) {  // 4k, 8k, 16k (not "40k")
  return w.size() >= 2 && w.back() == 'k' &&
         in(w.substr(0, w.size() - 1), {"2", "4", "5", "6", "8", "10", "12", "16"});
}

bool is_focal_length(string_view w) {  // 35mm, 200mm
  return w.size() >= 3 && w.size() <= 6 && w.ends_with("mm") &&
         all_digits(w.substr(0, w.size() - 2));
}

bool is_aperture(string_view w) {  // f/1.8, f2.8, f/16
  if (w.size() < 2 || w[0] != 'f') return false;
  w.remove_prefix(w[1] == '/' ? 2 : 1);
  return is_number(w);
}

// True when `w` or a base form of it ("running" -> run, "flies" -> fly) satisfies is_base.
template <typename F>
bool any_base(string_view w, F&& is_base) {
  if (is_base(w)) return true;
  if (w.size() > 40) return false;
  std::array<char, 48> buf;
  auto ends = [&](string_view s) { return w.size() > s.size() + 1 && w.ends_with(s); };
  auto cut = [&](std::size_t k, string_view add = {}) {
    const std::size_t m = w.size() - k;
    if (k >= w.size() || m + add.size() > buf.size()) return false;
    std::copy(add.begin(), add.end(), std::copy(w.begin(), w.begin() + m, buf.begin()));
    return is_base(string_view(buf.data(), m + add.size()));
  };
  auto undouble = [&](std::size_t k) {
    const std::size_t m = w.size() - k;
    return m >= 3 && w[m - 1] == w[m - 2] && is_base(w.substr(0, m - 1));
  };
  if (ends("ies") && cut(3, "y")) return true;
  if (ends("es") && cut(2)) return true;
  if (ends("s") && !ends("ss") && cut(1)) return true;
  if (ends("ying") && cut(4, "ie")) return true;
  if (ends("ing") && (cut(3) || cut(3, "e") || undouble(3))) return true;
  if (ends("ied") && cut(3, "y")) return true;
  return ends("ed") && (cut(2) || cut(1) || undouble(2));
}

// ---------------------------------------------------------------------------------------
// Camera moves: "[the camera] [slowly] <verb> [to the] <direction> [around the subject]
// [shot]". `strict` refuses a bare "pan", "crane" or "drone", which are more often things.

std::optional<Placement> move_of(const Frag& f, std::size_t b, std::size_t e, bool strict) {
  bool context = false, filler = false;
  if (e - b >= 2 && f.word(b) == "the" && f.word(b + 1) == "camera") b += 2, context = true;
  if (e > b && f.word(b) == "camera") ++b, context = true;
  std::array<string_view, 12> w{};
  std::size_t k = 0;
  string_view speed;
  for (std::size_t i = b; i < e; ++i) {
    if (f.has(i, kSlow | kFast)) {
      speed = f.has(i, kSlow) ? "slow" : "fast";
    } else if (!f.has(i, kNeutral)) {
      if (k == w.size() || f.word(i) == "+") return std::nullopt;
      const bool alias = f.has(i, kDirection) && !f.info[i]->canonical().empty();
      w[k++] = alias ? f.info[i]->canonical() : f.word(i);
    }
  }
  const Tables& t = tables();
  if (k == 0 || !any_base(w[0], [&](string_view v) { return t.move_verbs.find(v) != nullptr; }))
    return std::nullopt;
  auto tagged = [&](string_view x, std::uint16_t tag) {
    const Entry* en = f.find(x);
    return en != nullptr && (en->tags & tag) != 0;
  };
  std::size_t j = 1;  // drop "to the" before a direction: "pan to the left"
  for (std::size_t i = 1; i < k; ++i) {
    std::size_t q = i;
    while (q < k && tagged(w[q], kTo)) ++q;
    if (q > i && q < k && tagged(w[q], kDirection)) i = q;
    w[j++] = w[i];
  }
  k = j;
  if (k >= 3 && tagged(w[k - 1], kObject)) {  // "around the subject"
    const std::size_t p = w[k - 2] == "the" ? k - 2 : k - 1;
    if (p >= 2 && tagged(w[p - 1], kObjectPrep)) k = p - 1, filler = true;
  }
  std::array<char, 160> key;  // <verb base> + " rest": the rest is written after a gap
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      if (k < 2 || !tagged(w[k - 1], kFiller)) break;
      --k, filler = true;
    }
    char* r = key.data() + 48;
    for (std::size_t i = 1; i < k; ++i) {
      if (r + w[i].size() + 1 > key.data() + key.size()) return std::nullopt;
      *r++ = ' ';
      r = std::copy(w[i].begin(), w[i].end(), r);
    }
    const Entry* hit = nullptr;
    std::size_t verb_len = 0;  // of the base form found
    any_base(w[0], [&](string_view base) {
      if (base.size() > 48) return false;
      char* out = std::copy_backward(base.begin(), base.end(), key.data() + 48);
      hit = f.find(string_view(out, static_cast<std::size_t>(r - out)));
      verb_len = base.size();
      return hit != nullptr && hit->camera == Slot::Move;
    });
    if (hit == nullptr || hit->camera != Slot::Move) continue;
    if (strict && k == 1 && !context && speed.empty() && !filler && !tagged(w[0], kBareMove))
      return std::nullopt;
    // "her face tilted upwards" is a pose, not a move
    if (strict && !context && w[0].ends_with("ed") && verb_len < w[0].size()) return std::nullopt;
    Placement p;
    p.slot = Slot::Move;
    p.canonical = std::string(hit->canonical());
    p.speed = std::string(speed);
    return p;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Segmentation: a fragment made entirely of known phrases ("octane render and unreal
// engine", "8k octane render", "peter mohrbacher james jean").

struct Result {
  Placement p;
  bool booster = false;
};

Result style(StyleKind kind, bool booster = false) {
  Result r;
  r.p.slot = Slot::Style;
  r.p.kind = kind;
  r.booster = booster && kind == StyleKind::Quality;  // "detailed light" is lighting
  return r;
}

Result camera(Slot slot, string_view canonical = {}) {
  Result r;
  r.p.slot = slot;
  r.p.canonical = std::string(canonical);
  return r;
}

struct Seg {
  bool covered = false;         // every word is part of a known phrase or a connector
  bool ok = false;              // covered, with at least one style or camera part
  std::array<int, 9> counts{};  // style parts per StyleKind
  int style = 0, boosters = 0, modifiers = 0, camera = 0;
  int last_kind = -1;  // kind of the last part when it is a style phrase of several words
  std::string lens;    // canonical lens text when every camera part is a lens
};

Seg segment(const Frag& f, std::size_t b, std::size_t e, bool allow_camera) {
  Seg s;
  if (e <= b || e - b > 16) return s;
  for (std::size_t i = b; i < e; ++i) {  // cheap rejection of ordinary descriptions
    const string_view x = f.word(i);
    if (!f.in_phrase[i] && !f.has(i, kConnector) && !is_resolution(x) && !is_focal_length(x) &&
        !is_aperture(x))
      return s;
  }
  const std::size_t max_words = tables().max_words;
  std::array<std::uint8_t, 17> len{};
  std::array<bool, 17> ok{};
  ok[e - b] = true;
  for (std::size_t i = e; i-- > b;) {
    const std::size_t r = i - b;
    for (std::size_t l = std::min(max_words, e - i); l >= 1 && !ok[r]; --l) {
      if (!ok[r + l]) continue;
      bool good = false;
      if (l == 1) {
        const string_view x = f.word(i);
        good = is_resolution(x) ||
               (allow_camera && (is_focal_length(x) || is_aperture(x) || x == "lens")) ||
               (f.has(i, kConnector) && i != b && i + 1 != e);
      }
      if (!good) {
        const Entry* en = l == 1 ? f.info[i] : f.find(f.span(i, i + l));
        good = en != nullptr &&
               (en->kind >= 0 || en->modifier ||
                (allow_camera && en->camera != Slot::Subject && en->camera != Slot::Move));
      }
      if (good) ok[r] = true, len[r] = static_cast<std::uint8_t>(l);
    }
  }
  if (!ok[0]) return s;
  s.covered = true;
  bool lens_only = true;
  auto add_lens = [&](string_view text) { (s.lens.empty() ? s.lens : s.lens += ' ') += text; };
  for (std::size_t i = b; i < e; i += len[i - b]) {
    const std::size_t l = len[i - b];
    const string_view x = f.word(i);
    const Entry* en = l == 1 ? f.info[i] : f.find(f.span(i, i + l));
    const bool known =
        en != nullptr && (en->kind >= 0 || en->modifier || en->camera != Slot::Subject);
    if (!known && is_resolution(x)) {
      ++s.style, ++s.boosters, ++s.counts[static_cast<int>(StyleKind::Quality)];
    } else if (!known && (is_focal_length(x) || is_aperture(x) || x == "lens")) {
      ++s.camera;
      if (x != "lens") add_lens(x);
    } else if (!known) {
      // a connector
    } else if (en->kind >= 0) {
      ++s.style, ++s.counts[en->kind];
      if (en->booster) ++s.boosters;
      if (i + l == e && l > 1) s.last_kind = en->kind;
    } else if (en->modifier) {
      ++s.modifiers;
    } else {
      ++s.camera;
      if (en->camera == Slot::Lens)
        add_lens(en->canonical());
      else
        lens_only = false;
    }
  }
  if (!lens_only || s.style > 0 || s.modifiers > 0) s.lens.clear();
  s.ok = s.style > 0 || s.camera > 0;
  return s;
}

// The kind of the most parts, ties going to the more specific kind; quality only when
// nothing else is there.
StyleKind majority_kind(const Seg& s) {
  StyleKind best = StyleKind::Quality;
  int most = 0;
  for (StyleKind k :
       {StyleKind::Artist, StyleKind::Medium, StyleKind::Movement, StyleKind::Lighting,
        StyleKind::Color, StyleKind::Aesthetic, StyleKind::Mood, StyleKind::Other}) {
    const int c = s.counts[static_cast<int>(k)];
    if (c > most) most = c, best = k;
  }
  return best;
}

// An artist anywhere wins; a fragment ending in a head noun ("neon pastel colours",
// "photographic dramatic lighting") takes the kind of its last phrase or of the head.
Result covered_style(const Frag& f, std::size_t e, const Seg& s) {
  StyleKind kind = majority_kind(s);
  if (s.counts[static_cast<int>(StyleKind::Artist)] > 0) {
    kind = StyleKind::Artist;
  } else if (f.has(e - 1, kHead) && f.info[e - 1]->head == Head::Fixed &&
             f.info[e - 1]->head_kind != StyleKind::Quality) {
    kind = s.last_kind >= 0 ? static_cast<StyleKind>(s.last_kind) : f.info[e - 1]->head_kind;
  }
  return style(kind, s.boosters == s.style);
}

// ---------------------------------------------------------------------------------------
// Rules.

// Short fragments ending in a style head noun: "soft cinematic lighting", "pastel color
// palette", "renaissance painting", "mike mignola style".
std::optional<Result> head_rule(const Frag& f, std::size_t b, std::size_t e) {
  if (e - b >= 2 && (f.word(b) == "a" || f.word(b) == "an")) ++b;
  if (e - b < 2 || e - b > 4 || !f.has(e - 1, kHead)) return std::nullopt;
  const Head head = f.info[e - 1]->head;
  const StyleKind kind = f.info[e - 1]->head_kind;
  const Seg s = segment(f, b, e - 1, false);
  if (!s.covered) {  // "wild style", "cuphead style": one or two unknown words
    if (head != Head::Style || e - b > 3) return std::nullopt;
    for (std::size_t i = b; i + 1 < e; ++i)
      if (f.word(i) == "+" || f.has(i, kStop) || all_digits(f.word(i))) return std::nullopt;
    return style(StyleKind::Other);
  }
  if (s.counts[static_cast<int>(StyleKind::Artist)] > 0) return style(StyleKind::Artist);
  if (head == Head::Fixed) {
    const bool detail = kind == StyleKind::Quality && f.word(e - 1) != "composition";
    return style(kind, detail && s.boosters == s.style);
  }
  if (s.style == 0) return style(kind);
  return style(majority_kind(s), s.boosters == s.style);
}

// A style phrase alone: exact (after "a"/"an" for a medium), all known words, or a head.
std::optional<Result> style_only(const Frag& f, std::size_t b, std::size_t e) {
  if (e <= b) return std::nullopt;
  if (const Entry* en = f.find(f.span(b, e)); en != nullptr && en->kind >= 0)
    return style(static_cast<StyleKind>(en->kind), en->booster);
  if (e - b >= 2 && (f.word(b) == "a" || f.word(b) == "an"))
    if (const Entry* en = f.find(f.span(b + 1, e));
        en != nullptr && (en->kind == static_cast<int>(StyleKind::Medium) || en->booster))
      return style(static_cast<StyleKind>(en->kind), en->booster);
  const Seg s = segment(f, b, e, false);
  if (s.ok) return covered_style(f, e, s);
  return head_rule(f, b, e);
}

// "greg rutkowski", "renato muccillo and andreas rocha": names of one to four words.
bool names(const Frag& f, std::size_t b, std::size_t e) {
  if (e <= b || e - b > 12) return false;
  std::size_t len = 0;
  for (std::size_t i = b; i < e; ++i) {
    const string_view w = f.word(i);
    if (w == "and" || w == "&" || w == "x" || w == "+") {
      if (len == 0) return false;
      len = 0;
      continue;
    }
    if (++len > 4 || f.has(i, kStop) || all_digits(w) ||
        w.find_first_of("/:%=@") != string_view::npos ||
        (w.size() > 5 && w.ends_with("ing") && is_motion_verb(w)))
      return false;
  }
  return len > 0;
}

// Words of [b, e) after `prefix` (a phrase of whole words), or 0 when it does not start so.
std::size_t after(const Frag& f, std::size_t b, std::size_t e, string_view prefix) {
  const string_view all = f.span(b, e);
  if (all.size() <= prefix.size() || !all.starts_with(prefix) || all[prefix.size()] != ' ')
    return 0;
  return b + 1 + static_cast<std::size_t>(std::count(prefix.begin(), prefix.end(), ' '));
}

std::size_t after_any(const Frag& f, std::size_t b, std::size_t e,
                      std::initializer_list<string_view> prefixes) {
  for (auto p : prefixes)
    if (const std::size_t k = after(f, b, e, p)) return k;
  return 0;
}

Result prefix_rules(const Frag& f, std::size_t b, std::size_t e, bool& matched) {
  matched = true;
  if (std::size_t k = after_any(f, b, e,
                                {"trending on", "trending in", "featured on", "featured in",
                                 "popular on", "trendy on", "top rated on"});
      k && e - k <= 2) {
    bool plain = true;
    for (std::size_t i = k; i < e; ++i) plain = plain && f.word(i) != "+";
    if (plain) return style(StyleKind::Quality, true);
  }
  if (std::size_t k =
          after_any(f, b, e,
                    {"shot on", "shot with", "filmed on", "filmed with", "taken with", "taken on",
                     "photographed on", "photographed with", "captured on", "captured with"})) {
    if (k + 1 < e && (f.word(k) == "a" || f.word(k) == "an")) ++k;
    const Seg lens = segment(f, k, e, true);
    if (!lens.lens.empty()) return camera(Slot::Lens, lens.lens);
    if (auto r = style_only(f, k, e)) return *r;
    return e - k <= 5 && names(f, k, e) ? style(StyleKind::Medium) : Result{};  // "shot on iphone"
  }
  if (std::size_t k = after_any(
          f, b, e,
          {"painted in the style of", "drawn in the style of", "photographed in the style of",
           "in the art style of", "in the artstyle of", "in the visual style of", "in the style of",
           "in the manner of", "in a style of", "in style of", "art style of", "artstyle of",
           "photographic style of", "in the aesthetic of", "style of", "in the vein of",
           "in the tradition of"})) {
    const bool article = (f.word(k) == "a" || f.word(k) == "an" || f.word(k) == "the") && k + 1 < e;
    if (auto r = style_only(f, k + (article ? 1 : 0), e)) return *r;
    if (e - k > 8) return {};
    return style(article ? StyleKind::Other : StyleKind::Artist);  // a name, a film, a game
  }
  if (std::size_t k =
          after_any(f, b, e,
                    {"made in", "made with", "created in", "created with", "rendered in",
                     "rendered with", "render in", "render with", "rendering in", "done in",
                     "modeled in", "modelled in", "sculpted in", "designed in"}))
    if (auto r = style_only(f, k, e)) return *r;
  matched = false;
  return {};
}

// "by X", "art by X", "poster by X": an artist when X is a known artist or looks like names.
std::optional<Result> by_rule(const Frag& f, std::size_t b, std::size_t e) {
  std::size_t p = b;
  while (p < e && p < b + 6 && f.word(p) != "by") ++p;
  if (p + 1 >= e || f.word(p) != "by") return std::nullopt;
  if (p > b && !in(f.span(b, p),
                   {"art",          "artwork",    "artworks", "art style",    "artstyle",
                    "style",        "inspired",   "painted",  "illustrated",  "drawn",
                    "photographed", "photo",      "shot",     "designed",     "design",
                    "directed",     "created",    "made",     "sculpted",     "rendered",
                    "cover",        "a painting", "a photo",  "a photograph", "an illustration",
                    "a drawing",    "an artwork", "concept",  "also"})) {
    const auto left = style_only(f, b, p);
    if (!left || left->p.kind == StyleKind::Artist) return std::nullopt;
  }
  if (auto r = style_only(f, p + 1, e)) {
    if (r->p.kind == StyleKind::Artist || p > b) return style(StyleKind::Artist);
    return r;  // "by moonlight"
  }
  if (names(f, p + 1, e)) return style(StyleKind::Artist);
  return std::nullopt;
}

// "oil painting in the style of rembrandt": a style phrase, then a style-of rule.
std::optional<Result> style_then_style_of(const Frag& f, std::size_t b, std::size_t e) {
  for (std::size_t p = b + 1; p + 4 < e && p < b + 8; ++p) {
    if (f.word(p) != "in" || !after(f, p, e, "in the style of") || !style_only(f, b, p)) continue;
    bool matched = false;
    Result r = prefix_rules(f, p, e, matched);
    if (matched && r.p.slot == Slot::Style) return r;
    break;
  }
  return std::nullopt;
}

Result classify_range(const Frag& f, std::size_t b, std::size_t e) {
  if (e <= b || e - b > 16 || f.n.overflow) return {};
  if (const Entry* en = f.find(f.span(b, e))) {
    if (en->kind >= 0) return style(static_cast<StyleKind>(en->kind), en->booster);
    if (en->camera != Slot::Subject && en->camera != Slot::Move)
      return camera(en->camera, en->canonical());
  }
  if (e - b >= 2 && (f.word(b) == "and" || f.word(b) == "&" || f.word(b) == "+")) {
    Result r = classify_range(f, b + 1, e);  // the tail of a list split at commas
    return r.p.slot == Slot::Subject ? Result{} : r;
  }
  if (auto m = move_of(f, b, e, true)) return Result{*m, false};
  if (f.has(b, kPrefix)) {
    bool matched = false;
    Result r = prefix_rules(f, b, e, matched);
    if (matched) return r;
  }
  if (auto r = by_rule(f, b, e)) return *r;
  if (auto r = style_then_style_of(f, b, e)) return *r;
  const Seg s = segment(f, b, e, true);
  if (s.ok && s.camera > 0)
    return s.lens.empty() ? camera(Slot::CameraTerm) : camera(Slot::Lens, s.lens);
  if (s.ok) return covered_style(f, e, s);
  if (auto r = style_only(f, b, e)) return *r;  // "a watercolor", head nouns
  if (e - b >= 2 && f.word(e - 1) == "inspired")
    if (auto r = style_only(f, b, e - 1)) return *r;
  return {};
}

Result classify_uncached(string_view fragment) {
  const Frag f(fragment);
  return classify_range(f, 0, f.n.n);
}

// The same fragment is classified again and again: by the reader that places it, by the
// writer (booster? which clause?) and by the read-back of each clause, and prompts repeat
// "trending on artstation" or "8k" endlessly. A small direct-mapped cache per thread keeps
// that to one classification; its size is fixed, so memory stays flat on any input.
Result classify_text(string_view fragment) {
  if (fragment.size() > 64) return classify_uncached(fragment);
  thread_local RecentCache<Result, 2048> cache;
  return cache.get(fragment, [&] { return classify_uncached(fragment); });
}

// ---------------------------------------------------------------------------------------
// How writers say canonical values.

struct Phrase {
  string_view canonical, phrase;
};

constexpr Phrase kShots[] = {{"extreme-close-up", "extreme close-up shot"},
                             {"close-up", "close-up shot"},
                             {"medium-close-up", "medium close-up shot"},
                             {"medium", "medium shot"},
                             {"cowboy", "cowboy shot"},
                             {"full", "full-body shot"},
                             {"wide", "wide shot"},
                             {"extreme-wide", "extreme wide shot"}};

constexpr Phrase kAngles[] = {{"eye-level", "eye level"},
                              {"low-angle", "a low angle"},
                              {"high-angle", "a high angle"},
                              {"overhead", "directly overhead"},
                              {"worms-eye", "a worm's-eye view"},
                              {"dutch", "a Dutch angle"},
                              {"over-the-shoulder", "over the shoulder"},
                              {"pov", "a first-person point of view"}};

constexpr Phrase kMoves[] = {{"static", "static camera"},        {"pan-left", "pan left"},
                             {"pan-right", "pan right"},         {"tilt-up", "tilt up"},
                             {"tilt-down", "tilt down"},         {"dolly-in", "dolly in"},
                             {"dolly-out", "dolly out"},         {"truck-left", "truck left"},
                             {"truck-right", "truck right"},     {"pedestal-up", "pedestal up"},
                             {"pedestal-down", "pedestal down"}, {"zoom-in", "zoom in"},
                             {"zoom-out", "zoom out"},           {"orbit-left", "orbit left"},
                             {"orbit-right", "orbit right"},     {"crane-up", "crane up"},
                             {"crane-down", "crane down"},       {"roll-left", "roll left"},
                             {"roll-right", "roll right"},       {"tracking", "tracking shot"},
                             {"handheld", "handheld camera"},    {"aerial", "aerial shot"},
                             {"fpv", "FPV drone shot"},          {"whip-pan", "whip pan"},
                             {"dolly-zoom", "dolly zoom"},       {"rack-focus", "rack focus"}};

template <std::size_t N>
string_view lookup(const Phrase (&list)[N], string_view canonical) {
  for (const auto& p : list)
    if (p.canonical == canonical) return p.phrase;
  return {};
}

}  // namespace

Placement classify(string_view fragment) { return classify_text(fragment).p; }

bool is_quality_booster(string_view fragment) { return classify_text(fragment).booster; }

bool is_motion_verb(string_view word) {
  if (word.size() < 2 || word.size() > 32) return false;
  std::array<char, 32> buf;
  for (std::size_t i = 0; i < word.size(); ++i)
    buf[i] = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] | 0x20) : word[i];
  const Index& motion = tables().motion;
  return any_base(string_view(buf.data(), word.size()),
                  [&](string_view base) { return motion.find(base) != nullptr; });
}

std::optional<Placement> camera_move(string_view phrase) {
  const Frag f(phrase);
  if (f.n.n == 0 || f.n.overflow) return std::nullopt;
  return move_of(f, 0, f.n.n, false);
}

string_view shot_phrase(string_view canonical) { return lookup(kShots, canonical); }
string_view angle_phrase(string_view canonical) { return lookup(kAngles, canonical); }
string_view move_phrase(string_view canonical) { return lookup(kMoves, canonical); }

}  // namespace promptport::vocab

namespace promptport::vocab {
namespace data {
extern const std::string_view tags_tsv;
}

std::optional<std::string> tag_prose(std::string_view tag) {
  // A few dozen rows: read once into a sorted vector; no index machinery needed.
  static const std::vector<std::pair<std::string, std::string>> table = [] {
    std::vector<std::pair<std::string, std::string>> rows;
    std::string_view rest = data::tags_tsv;
    while (!rest.empty()) {
      const std::size_t eol = std::min(rest.find('\n'), rest.size());
      const std::string_view line = rest.substr(0, eol);
      rest.remove_prefix(std::min(eol + 1, rest.size()));
      const std::size_t tab = line.find('\t');
      if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
      rows.emplace_back(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }();
  if (tag.size() > 40) return std::nullopt;
  std::string key;
  for (char c : text::trim(tag)) {
    if (c == '_') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    key += c;
  }
  const auto it =
      std::lower_bound(table.begin(), table.end(), key,
                       [](const auto& row, const std::string& k) { return row.first < k; });
  if (it == table.end() || it->first != key) return std::nullopt;
  return it->second;
}

}  // namespace promptport::vocab
