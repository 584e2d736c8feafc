// The shared vocabulary: indexes the embedded tables once and places prompt fragments.
#include "promptport/vocab.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <string>
#include <vector>

namespace promptport::vocab {
namespace data {
extern const std::string_view style_tsv;
extern const std::string_view camera_tsv;
extern const std::string_view motion_tsv;
}  // namespace data

namespace {

using std::string_view;

bool in(string_view w, std::initializer_list<string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool all_digits(string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }
bool is_ascii(string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// ---------------------------------------------------------------------------------------
// Normalisation: case folding, then words separated by single spaces. Hyphens, brackets
// and quotes break words, apostrophes vanish ("bird's" = "birds"), initials lose their dots
// ("h.r. giger" = "hr giger") and , ; | + or a sentence full stop become one "+" word.
// Style and camera phrases are short: a longer fragment overflows and stays subject.

constexpr std::size_t kMaxBytes = 160;
constexpr std::size_t kMaxTokens = 16;

struct Norm {
  std::array<char, kMaxBytes> buf;
  std::size_t len = 0;
  std::array<std::pair<std::uint8_t, std::uint8_t>, kMaxTokens> tok;
  std::size_t n = 0;
  bool overflow = false;

  string_view text() const { return {buf.data(), len}; }
  string_view span(std::size_t b, std::size_t e) const {
    return {buf.data() + tok[b].first, std::size_t(tok[e - 1].second - tok[b].first)};
  }
  string_view word(std::size_t i) const { return span(i, i + 1); }
};

// NFKC_Casefold also maps full-width letters and compatibility forms to plain ones.
std::string fold_unicode(string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  const auto folded = nfkc_cf->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size())), status);
  std::string out;
  if (U_SUCCESS(status)) folded.toUTF8String(out);
  return out;
}

enum CharClass : std::uint8_t { kBreak, kCopy, kVanish, kSeparator, kDot, kHigh };

constexpr std::array<std::uint8_t, 256> kCharClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    t[c] = c >= 0x80                                                             ? kHigh
           : is_alnum(ch) || string_view("/&:%@=").find(ch) != string_view::npos ? kCopy
           : ch == '\'' || ch == '`'                                             ? kVanish
           : string_view("+,;|").find(ch) != string_view::npos                   ? kSeparator
           : ch == '.'                                                           ? kDot
                                                                                 : kBreak;
  }
  return t;
}();

void tokenize(string_view f, Norm& n) {
  // Locals, not members of `n`: stores through char* would force reloads of n.len.
  char* const buf = n.buf.data();
  std::size_t len = 0, start = 0, count = 0;
  bool pending = false, overflow = false;
  auto put = [&](char c) {
    if (len + 2 > kMaxBytes) return void(overflow = true);
    if (pending && len > 0) {
      if (count == kMaxTokens) return void(overflow = true);
      n.tok[count++] = {static_cast<std::uint8_t>(start), static_cast<std::uint8_t>(len)};
      buf[len++] = ' ';
      start = len;
    }
    pending = false;
    buf[len++] = c;
  };
  auto sep = [&] {
    pending = true;
    if (len > 0 && buf[len - 1] != '+') put('+');
    pending = true;
  };
  for (std::size_t i = 0; i < f.size() && !overflow; ++i) {
    const auto u = static_cast<unsigned char>(f[i]);
    switch (kCharClass[u]) {
      case kCopy: {
        const char c = static_cast<char>(u >= 'A' && u <= 'Z' ? u | 0x20 : u);
        if (!pending && len + 2 <= kMaxBytes) {
          buf[len++] = c;  // the common case, inside a word
        } else {
          put(c);
        }
        break;
      }
      case kBreak:
        pending = true;  // space, hyphen, underscore, brackets, quotes, ! ? ...
        break;
      case kVanish:
        break;  // "bird's" = "birds"
      case kSeparator:
        sep();
        break;
      case kDot:
        if (i > 0 && is_digit(f[i - 1]) && i + 1 < f.size() && is_digit(f[i + 1])) {
          put('.');
        } else if (i > 0 && is_alnum(f[i - 1]) && i + 1 < f.size() && is_alpha(f[i + 1]) &&
                   (i == 1 || is_alnum(f[i - 2]))) {
          put('.');  // "pinterest.com"
        } else if (!(i > 0 && is_alpha(f[i - 1]) && (i == 1 || !is_alnum(f[i - 2])))) {
          sep();  // a full stop; the dot after an initial is dropped
        }
        break;
      default: {
        const auto at = [&](std::size_t k) {
          return i + k < f.size() ? static_cast<unsigned char>(f[i + k]) : 0;
        };
        if (u == 0xE2 && at(1) == 0x80) {  // typographic quotes and dashes
          const auto t = at(2);
          const bool apostrophe = t == 0x98 || t == 0x99;
          if (apostrophe || (t >= 0x9C && t <= 0x9F) || t == 0x93 || t == 0x94) {
            pending = pending || !apostrophe;
            i += 2;
            break;
          }
        }
        if (u == 0xC2 && (at(1) == 0xAB || at(1) == 0xBB)) {  // guillemets
          ++i;
          pending = true;
          break;
        }
        put(static_cast<char>(u));
      }
    }
  }
  if (!overflow && len > 0) {
    if (count == kMaxTokens)
      overflow = true;
    else
      n.tok[count++] = {static_cast<std::uint8_t>(start), static_cast<std::uint8_t>(len)};
  }
  if (!overflow && count > 0 && buf[start] == '+' && len == start + 1) {  // trailing separator
    --count;
    len = count == 0 ? 0 : n.tok[count - 1].second;
  }
  n.len = len, n.n = count, n.overflow = overflow;
}

// Table phrases are mostly normalised already: this only finds their words.
bool index_plain(string_view s, Norm& n) {
  if (s.empty() || s.size() > kMaxBytes || s.front() == ' ' || s.back() == ' ') return false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != ' ') {
      if (!is_digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'z')) return false;
      continue;
    }
    if (i == start || n.n == kMaxTokens) return false;
    n.tok[n.n++] = {static_cast<std::uint8_t>(start), static_cast<std::uint8_t>(i)};
    start = i + 1;
  }
  return true;
}

void normalize(string_view input, Norm& n) {
  if (input.size() > kMaxBytes * 2) return void(n.overflow = true);
  if (is_ascii(input)) return tokenize(input, n);
  tokenize(fold_unicode(input), n);
}

// ---------------------------------------------------------------------------------------
// Tables: phrases from the data files plus the function words the rules below test, in
// one open-addressing hash table whose keys point into the embedded data.

enum Tag : std::uint16_t {
  kSlow = 1 << 0,  // move speed words
  kFast = 1 << 1,
  kNeutral = 1 << 2,    // "smoothly": ignored in a move
  kDirection = 1 << 3,  // left, up, in ...; `canonical` maps "upwards" to "up"
  kTo = 1 << 4,         // "to the" before a direction
  kObject = 1 << 5,     // "subject" in "around the subject"
  kObjectPrep = 1 << 6,
  kFiller = 1 << 7,    // trailing "shot", "movement"
  kBareMove = 1 << 8,  // a one-word move that needs no "camera" around it
  kConnector = 1 << 9,
  kStop = 1 << 10,    // never part of an artist's name
  kHead = 1 << 11,    // a style head noun; `head` says which
  kPrefix = 1 << 12,  // first word of a prefix rule ("in the style of", "shot on")
};

// Head nouns of style phrases. Fixed: the head gives the kind ("... lighting"); the others
// take it from their modifiers ("kawaii aesthetic"), "style" also after an unknown name.
enum class Head : std::uint8_t { None, Fixed, FromModifiers, Style };

struct Entry {
  std::int8_t kind = -1;  // StyleKind of the phrase, or -1 when it is not a style
  bool booster = false;
  bool modifier = false;
  Slot camera = Slot::Subject;  // Subject: not a camera phrase
  std::uint16_t tags = 0;
  Head head = Head::None;
  StyleKind head_kind = StyleKind::Other;
  string_view canonical;
};

std::uint64_t hash(string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  std::uint64_t v = 0;
  for (std::size_t k = 0; i + k < s.size(); ++k)
    v |= std::uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
  h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

class Index {
 public:
  void reserve(std::size_t n) {
    std::size_t size = 64;
    while (size < n * 2) size *= 2;
    slots_.assign(size, 0);
    entries_.reserve(n);
  }
  Entry& add(string_view key) {  // `key` must outlive the index
    const std::size_t i = probe(key, hash(key));
    if (slots_[i] == 0) {
      if ((entries_.size() + 1) * 2 > slots_.size()) {
        grow();
        return add(key);
      }
      entries_.push_back({key, Entry{}});
      slots_[i] = static_cast<std::uint32_t>(entries_.size());
    }
    return entries_[slots_[i] - 1].second;
  }
  const Entry* find(string_view key, std::uint64_t h) const {
    const std::uint32_t s = slots_[probe(key, h)];
    return s == 0 ? nullptr : &entries_[s - 1].second;
  }
  const Entry* find(string_view key) const { return find(key, hash(key)); }

 private:
  std::size_t probe(string_view key, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask)
      if (slots_[i] == 0 || entries_[slots_[i] - 1].first == key) return i;
  }
  void grow() {
    slots_.assign(slots_.size() * 2, 0);
    for (std::size_t e = 0; e < entries_.size(); ++e)
      slots_[probe(entries_[e].first, hash(entries_[e].first))] = static_cast<std::uint32_t>(e + 1);
  }
  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(64, 0);  // entry + 1
  std::vector<std::pair<string_view, Entry>> entries_;
};

// A one-hash Bloom filter of the words of all phrases: lets ordinary descriptions skip
// segmentation after one bit test per word, and costs no index entries.
class WordFilter {
 public:
  void add(std::uint64_t h) { bits_[(h >> 6) & (kWords - 1)] |= 1ull << (h & 63); }
  bool may_contain(std::uint64_t h) const {
    return (bits_[(h >> 6) & (kWords - 1)] >> (h & 63)) & 1;
  }

 private:
  static constexpr std::size_t kWords = 1024;  // 64k bits
  std::array<std::uint64_t, kWords> bits_{};
};

struct Tables {
  Index phrases;
  WordFilter words;
  Index move_verbs;  // first words of camera moves
  Index motion;
  std::deque<std::string> arena;  // the few keys that normalisation changes
  std::size_t max_words = 1;
};

template <typename F>
void for_each_row(string_view tsv, F&& f) {
  while (!tsv.empty()) {
    const std::size_t eol = tsv.find('\n');
    string_view line = tsv.substr(0, eol);
    tsv = eol == string_view::npos ? string_view{} : tsv.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::array<string_view, 4> cols{};
    std::size_t count = 0;
    while (count < cols.size()) {
      const std::size_t tab = line.find('\t');
      cols[count++] = line.substr(0, tab);
      if (tab == string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    f(cols, count);
  }
}

std::optional<Slot> slot_from_string(string_view s) {
  if (s == "shot") return Slot::Shot;
  if (s == "angle") return Slot::Angle;
  if (s == "lens") return Slot::Lens;
  if (s == "move") return Slot::Move;
  if (s == "term") return Slot::CameraTerm;
  return std::nullopt;
}

void add_function_words(Index& ix) {
  auto tag = [&](std::uint16_t t, std::initializer_list<string_view> words) {
    for (auto w : words) ix.add(w).tags |= t;
  };
  auto head = [&](Head h, StyleKind k, std::initializer_list<string_view> words) {
    for (auto w : words) {
      Entry& e = ix.add(w);
      e.tags |= kHead, e.head = h, e.head_kind = k;
    }
  };
  tag(kSlow, {"slow", "slowly", "gentle", "gently", "gradual", "gradually", "subtle", "subtly",
              "leisurely"});
  tag(kFast, {"fast", "quick", "quickly", "rapid", "rapidly", "swift", "swiftly", "sudden",
              "suddenly", "speedy"});
  tag(kNeutral, {"smooth", "smoothly", "steady", "steadily", "very", "super", "continuous",
                 "continuously", "a", "an"});
  tag(kDirection, {"left", "right", "up", "down", "in", "out", "forward", "backward", "back"});
  for (auto [alias, dir] :
       std::initializer_list<std::pair<string_view, string_view>>{{"upward", "up"},
                                                                  {"upwards", "up"},
                                                                  {"downward", "down"},
                                                                  {"downwards", "down"},
                                                                  {"leftward", "left"},
                                                                  {"leftwards", "left"},
                                                                  {"rightward", "right"},
                                                                  {"rightwards", "right"},
                                                                  {"inward", "in"},
                                                                  {"inwards", "in"},
                                                                  {"outward", "out"},
                                                                  {"outwards", "out"},
                                                                  {"forwards", "forward"},
                                                                  {"backwards", "backward"}}) {
    Entry& e = ix.add(alias);
    e.tags |= kDirection, e.canonical = dir;
  }
  tag(kTo, {"to", "toward", "towards", "the"});
  tag(kObject, {"subject", "scene", "it", "them", "him", "her", "character"});
  tag(kObjectPrep,
      {"around", "toward", "towards", "on", "onto", "into", "across", "over", "through", "at"});
  tag(kFiller, {"shot", "movement", "move", "motion", "camera", "footage"});
  tag(kBareMove, {"handheld", "fpv", "steadicam", "flyover", "flythrough", "zolly", "shakycam",
                  "tracking", "panning", "zooming", "dollying", "orbiting"});
  tag(kConnector, {"and", "&", "+", "with", "in", "x"});
  tag(kStop,
      {"the",      "a",       "an",       "this",      "that",     "these",   "those",   "his",
       "her",      "its",     "their",    "my",        "our",      "your",    "some",    "many",
       "several",  "all",     "every",    "each",      "no",       "one",     "two",     "three",
       "four",     "five",    "in",       "on",        "at",       "of",      "with",    "to",
       "from",     "into",    "onto",     "over",      "under",    "near",    "for",     "through",
       "across",   "between", "behind",   "above",     "below",    "beside",  "around",  "against",
       "along",    "without", "within",   "is",        "are",      "was",     "were",    "be",
       "been",     "has",     "have",     "had",       "or",       "but",     "who",     "which",
       "while",    "as",      "it",       "itself",    "me",       "you",     "him",     "them",
       "us",       "we",      "they",     "he",        "she",      "i",       "night",   "day",
       "daylight", "hand",    "hands",    "chance",    "accident", "default", "design",  "nature",
       "far",      "now",     "car",      "train",     "boat",     "bus",     "plane",   "foot",
       "air",      "sea",     "land",     "water",     "fire",     "wind",    "rain",    "snow",
       "sun",      "moon",    "light",    "trees",     "people",   "side",    "step",    "hair",
       "life",     "free",    "fighting", "martial",   "living",   "dress",   "fashion", "writing",
       "swimming", "new",     "same",     "different", "old",      "location"});
  head(Head::Fixed, StyleKind::Lighting,
       {"lighting", "light", "lights", "illumination", "lit", "glow", "shadows"});
  head(Head::Fixed, StyleKind::Medium,
       {"render",        "rendering",   "painting",  "paintings",  "illustration",
        "illustrations", "drawing",     "drawings",  "sketch",     "art",
        "artwork",       "photography", "photo",     "photograph", "print",
        "poster",        "fresco",      "mural",     "engraving",  "etching",
        "woodcut",       "collage",     "sculpture", "film",       "footage"});
  head(Head::Fixed, StyleKind::Color,
       {"palette", "colors", "colours", "color", "colour", "tones", "hues", "scheme", "grading"});
  head(Head::Fixed, StyleKind::Mood,
       {"atmosphere", "mood", "feeling", "ambience", "ambiance", "feel"});
  head(Head::Fixed, StyleKind::Quality,
       {"composition", "details", "detail", "detailing", "resolution"});
  head(Head::FromModifiers, StyleKind::Aesthetic,
       {"aesthetic", "aesthetics", "look", "vibe", "vibes"});
  head(Head::Style, StyleKind::Other, {"style"});
  tag(kPrefix,
      {"trending",  "featured",     "popular",  "trendy",   "top",      "shot",     "filmed",
       "taken",     "photographed", "captured", "painted",  "drawn",    "in",       "art",
       "artstyle",  "photographic", "style",    "made",     "created",  "rendered", "render",
       "rendering", "done",         "modeled",  "modelled", "sculpted", "designed"});
}

Tables load() {
  Tables t;
  t.phrases.reserve(3000);
  t.move_verbs.reserve(100);
  t.motion.reserve(300);
  auto add = [&t](string_view phrase) -> Entry* {
    Norm n;
    const bool plain = index_plain(phrase, n);
    if (!plain) n = Norm{}, normalize(phrase, n);
    if (n.n == 0 || n.overflow) return nullptr;
    const string_view key = plain ? phrase : t.arena.emplace_back(n.text());
    t.max_words = std::max(t.max_words, n.n);
    for (std::size_t i = 0; i < n.n; ++i)
      t.words.add(hash(key.substr(n.tok[i].first, n.tok[i].second - n.tok[i].first)));
    return &t.phrases.add(key);
  };
  for_each_row(data::style_tsv, [&](const auto& c, std::size_t count) {
    const bool modifier = count >= 2 && c[1] == "modifier";
    const auto kind = count >= 2 ? style_kind_from_string(c[1]) : std::nullopt;
    if (!modifier && !kind) return;
    Entry* e = add(c[0]);
    if (e == nullptr || e->kind >= 0 || e->modifier) return;  // the first line wins
    e->modifier = modifier;
    if (kind) e->kind = static_cast<std::int8_t>(*kind);
    e->booster = count > 2 && c[2] == "booster";
  });
  for_each_row(data::camera_tsv, [&](const auto& c, std::size_t count) {
    const auto slot = count >= 3 ? slot_from_string(c[1]) : std::nullopt;
    if (!slot) return;
    Entry* e = add(c[0]);
    if (e == nullptr || e->camera != Slot::Subject) return;
    e->camera = *slot;
    if (c[2] != "-") e->canonical = c[2];
    if (*slot == Slot::Move) t.move_verbs.add(c[0].substr(0, c[0].find(' ')));
  });
  for_each_row(data::motion_tsv, [&](const auto& c, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i)
      if (!c[i].empty()) t.motion.add(c[i]);
  });
  add_function_words(t.phrases);
  return t;
}

const Tables& tables() {
  static const Tables t = load();
  return t;
}

// A normalised fragment and what the index knows about each of its words.
struct Frag {
  const Tables& tables = vocab::tables();
  const Index& index = tables.phrases;
  Norm n;
  std::array<const Entry*, kMaxTokens> info{};
  std::array<bool, kMaxTokens> in_phrase{};  // maybe a word of some phrase

  explicit Frag(string_view text) {
    normalize(text, n);
    for (std::size_t i = 0; i < n.n; ++i) {
      const std::uint64_t h = hash(n.word(i));
      info[i] = index.find(n.word(i), h);
      in_phrase[i] = tables.words.may_contain(h);
    }
  }
  const Entry* find(string_view phrase) const { return index.find(phrase); }
  string_view word(std::size_t i) const { return n.word(i); }
  string_view span(std::size_t b, std::size_t e) const { return n.span(b, e); }
  bool has(std::size_t i, std::uint16_t tag) const {
    return info[i] != nullptr && (info[i]->tags & tag) != 0;
  }
};

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
      const bool alias = f.has(i, kDirection) && !f.info[i]->canonical.empty();
      w[k++] = alias ? f.info[i]->canonical : f.word(i);
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
    p.canonical = std::string(hit->canonical);
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
        add_lens(en->canonical);
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
      return camera(en->camera, en->canonical);
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

Result classify_text(string_view fragment) {
  const Frag f(fragment);
  return classify_range(f, 0, f.n.n);
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
