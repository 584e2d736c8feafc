// Build-time generator of the vocabulary index: reads the embedded tables (lib/vocab/*.tsv),
// normalises their phrases exactly as the classifier will normalise fragments, lays them out
// in the classifier's hash table, and writes the result as constant arrays (vocab_tables.cpp).
// Doing this when the library is built, rather than on first use, takes it off the start-up
// of every process: a single-prompt call spent a third of its instructions here.
//
//   promptport_vocab_gen OUT.cpp
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "vocab_index.h"

namespace promptport::vocab {
namespace data {
extern const std::string_view style_tsv;
extern const std::string_view camera_tsv;
extern const std::string_view motion_tsv;
}  // namespace data

namespace detail {
namespace {

using std::string_view;

struct Item {
  std::string key;
  Entry entry;  // its key_* and canonical_* offsets are set when the text is written
  std::string canonical;
};

// The runtime Index's layout, built with the same hash and the same linear probing.
class Builder {
 public:
  explicit Builder(std::size_t expected) {
    std::size_t size = 64;
    while (size < expected * 2) size *= 2;
    slots_.assign(size, 0);
    items_.reserve(expected);
  }
  Item& add(string_view key) {
    const std::size_t i = probe(key);
    if (slots_[i] == 0) {
      if ((items_.size() + 1) * 2 > slots_.size()) {  // keep probe chains short
        grow();
        return add(key);
      }
      items_.push_back({std::string(key), Entry{}, {}});
      slots_[i] = static_cast<std::uint32_t>(items_.size());
    }
    return items_[slots_[i] - 1];
  }
  const std::vector<std::uint32_t>& slots() const { return slots_; }
  std::vector<Item>& items() { return items_; }

 private:
  std::size_t probe(string_view key) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask)
      if (slots_[i] == 0 || items_[slots_[i] - 1].key == key) return i;
  }
  void grow() {
    slots_.assign(slots_.size() * 2, 0);
    for (std::size_t e = 0; e < items_.size(); ++e)
      slots_[probe(items_[e].key)] = static_cast<std::uint32_t>(e + 1);
  }
  std::vector<std::uint32_t> slots_;
  std::vector<Item> items_;
};

struct Built {
  Builder phrases{3000};
  std::array<std::uint64_t, WordFilter::kWords> words{};
  Builder move_verbs{100};
  Builder motion{300};
  std::size_t max_words = 1;
};

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

void add_function_words(Builder& ix) {
  auto tag = [&](std::uint16_t t, std::initializer_list<string_view> words) {
    for (auto w : words) ix.add(w).entry.tags |= t;
  };
  auto head = [&](Head h, StyleKind k, std::initializer_list<string_view> words) {
    for (auto w : words) {
      Entry& e = ix.add(w).entry;
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
    Item& item = ix.add(alias);
    item.entry.tags |= kDirection, item.canonical = dir;
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

Built load_tables() {
  Built t;
  auto add = [&t](string_view phrase) -> Item* {
    Norm n;
    const bool plain = index_plain(phrase, n);
    if (!plain) n = Norm{}, normalize(phrase, n);
    if (n.n == 0 || n.overflow) return nullptr;
    const string_view key = plain ? phrase : n.text();
    t.max_words = std::max(t.max_words, n.n);
    for (std::size_t i = 0; i < n.n; ++i) {
      const std::uint64_t h = hash(key.substr(n.tok[i].first, n.tok[i].second - n.tok[i].first));
      t.words[WordFilter::word_of(h)] |= WordFilter::bit_of(h);
    }
    return &t.phrases.add(key);
  };
  for_each_row(data::style_tsv, [&](const auto& c, std::size_t count) {
    const bool modifier = count >= 2 && c[1] == "modifier";
    const auto kind = count >= 2 ? style_kind_from_string(c[1]) : std::nullopt;
    if (!modifier && !kind) return;
    Item* item = add(c[0]);
    if (item == nullptr) return;
    Entry& e = item->entry;
    if (e.kind >= 0 || e.modifier) return;  // the first line wins
    e.modifier = modifier;
    if (kind) e.kind = static_cast<std::int8_t>(*kind);
    e.booster = count > 2 && c[2] == "booster";
  });
  for_each_row(data::camera_tsv, [&](const auto& c, std::size_t count) {
    const auto slot = count >= 3 ? slot_from_string(c[1]) : std::nullopt;
    if (!slot) return;
    Item* item = add(c[0]);
    if (item == nullptr || item->entry.camera != Slot::Subject) return;
    item->entry.camera = *slot;
    if (c[2] != "-") item->canonical = c[2];
    if (*slot == Slot::Move) t.move_verbs.add(c[0].substr(0, c[0].find(' ')));
  });
  for_each_row(data::motion_tsv, [&](const auto& c, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i)
      if (!c[i].empty()) t.motion.add(c[i]);
  });
  add_function_words(t.phrases);
  return t;
}

// ---------------------------------------------------------------------------------------
// Output.

// Keys and canonical texts go into one blob; equal strings are stored once.
class Text {
 public:
  std::pair<std::uint32_t, std::uint8_t> put(const std::string& s) {
    if (s.size() > 255) throw std::runtime_error("vocabulary string over 255 bytes: " + s);
    auto [it, fresh] = at_.emplace(s, static_cast<std::uint32_t>(blob_.size()));
    if (fresh) blob_ += s;
    return {it->second, static_cast<std::uint8_t>(s.size())};
  }
  const std::string& blob() const { return blob_; }

 private:
  std::string blob_;
  std::map<std::string, std::uint32_t> at_;
};

void write_index(std::ostream& out, const std::string& name, Builder& b, Text& text) {
  out << "constexpr std::uint32_t k" << name << "Slots[] = {";
  for (std::size_t i = 0; i < b.slots().size(); ++i)
    out << (i % 16 == 0 ? "\n    " : " ") << b.slots()[i] << ',';
  out << "\n};\n";
  out << "constexpr Entry k" << name << "Entries[] = {\n";
  for (Item& item : b.items()) {
    Entry& e = item.entry;
    std::tie(e.key_at, e.key_size) = text.put(item.key);
    if (!item.canonical.empty())
      std::tie(e.canonical_at, e.canonical_size) = text.put(item.canonical);
    out << "    {" << e.key_at << ", " << int(e.key_size) << ", " << int(e.kind) << ", "
        << (e.booster ? "true" : "false") << ", " << (e.modifier ? "true" : "false") << ", Slot("
        << int(e.camera) << "), " << e.tags << ", Head(" << int(e.head) << "), StyleKind("
        << int(e.head_kind) << "), " << e.canonical_at << ", " << int(e.canonical_size) << "},\n";
  }
  if (b.items().empty()) out << "    {},\n";
  out << "};\n";
}

std::string generate() {
  Built t = load_tables();
  Text text;
  std::ostringstream arrays;
  write_index(arrays, "Phrase", t.phrases, text);
  write_index(arrays, "MoveVerb", t.move_verbs, text);
  write_index(arrays, "Motion", t.motion, text);
  arrays << "constexpr std::uint64_t kWordBits[] = {";
  for (std::size_t i = 0; i < t.words.size(); ++i)
    arrays << (i % 4 == 0 ? "\n    " : " ") << "0x" << std::hex << t.words[i] << std::dec << "ull,";
  arrays << "\n};\n";

  std::ostringstream out;
  out << "// Generated by lib/vocab/vocab_gen.cpp from lib/vocab/*.tsv; do not edit.\n"
         "#include \"vocab_index.h\"\n\n"
         "namespace promptport::vocab::detail {\n\n"
         "extern const char kText[] =";
  const std::string& blob = text.blob();
  for (std::size_t i = 0; i < blob.size(); ++i) {
    if (i % 64 == 0) out << "\n    \"";
    const auto c = static_cast<unsigned char>(blob[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      out << static_cast<char>(c);
    } else {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\%03o", c);
      out << esc;
    }
    if (i % 64 == 63 || i + 1 == blob.size()) out << '"';
  }
  if (blob.empty()) out << " \"\"";
  out << ";\n\nnamespace {\n"
      << arrays.str() << "}  // namespace\n\n"
      << "extern constinit const Tables kTables{Index(kPhraseSlots, " << t.phrases.slots().size()
      << ", kPhraseEntries), WordFilter(kWordBits), Index(kMoveVerbSlots, "
      << t.move_verbs.slots().size() << ", kMoveVerbEntries), Index(kMotionSlots, "
      << t.motion.slots().size() << ", kMotionEntries), " << t.max_words << "};\n\n"
      << "}  // namespace promptport::vocab::detail\n";
  return out.str();
}

}  // namespace
}  // namespace detail
}  // namespace promptport::vocab

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT.cpp\n", argv[0]);
    return 2;
  }
  const std::string code = promptport::vocab::detail::generate();
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << code;
  out.close();
  if (!out) {
    std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[1]);
    return 1;
  }
  return 0;
}
