// Internal to vocab: normalises phrases and builds the phrase index from the embedded tables.
#include "vocab_index.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <optional>

namespace promptport::vocab {
namespace data {
extern const std::string_view style_tsv;
extern const std::string_view camera_tsv;
extern const std::string_view motion_tsv;
}  // namespace data

namespace detail {
namespace {

using std::string_view;

bool is_ascii(string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

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

// Calls f(columns, count) for each row of a table; # starts a comment line, and columns
// past the fourth are ignored.
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

}  // namespace

void normalize(string_view input, Norm& n) {
  if (input.size() > kMaxBytes * 2) return void(n.overflow = true);
  if (is_ascii(input)) return tokenize(input, n);
  tokenize(fold_unicode(input), n);
}

void Index::reserve(std::size_t n) {
  std::size_t size = 64;
  while (size < n * 2) size *= 2;
  slots_.assign(size, 0);
  entries_.reserve(n);
}

Entry& Index::add(string_view key) {
  const std::size_t i = probe(key, hash(key));
  if (slots_[i] == 0) {
    if ((entries_.size() + 1) * 2 > slots_.size()) {  // keep probe chains short
      grow();
      return add(key);
    }
    entries_.push_back({key, Entry{}});
    slots_[i] = static_cast<std::uint32_t>(entries_.size());
  }
  return entries_[slots_[i] - 1].second;
}

void Index::grow() {
  slots_.assign(slots_.size() * 2, 0);
  for (std::size_t e = 0; e < entries_.size(); ++e)
    slots_[probe(entries_[e].first, hash(entries_[e].first))] = static_cast<std::uint32_t>(e + 1);
}

Tables load_tables() {
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

}  // namespace detail
}  // namespace promptport::vocab
