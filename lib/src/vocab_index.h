// Vocabulary internals: phrase normalisation and the phrase hash table.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "promptport/recent_cache.h"
#include "promptport/vocab.h"

// Everything the classifier calls per word (hash, Index::find, Frag) is defined inline
// here so that splitting vocab over two files costs the hot path no calls across files;
// only what runs once per fragment or once per process lives in vocab_index.cpp.
namespace promptport::vocab::detail {

inline bool in(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// ---------------------------------------------------------------------------------------
// Normalisation: case folding, then words separated by single spaces. Hyphens, brackets
// and quotes break words, apostrophes vanish ("bird's" = "birds"), initials lose their dots
// ("h.r. giger" = "hr giger") and , ; | + or a sentence full stop become one "+" word.
// Style and camera phrases are short: a longer fragment overflows and stays subject.

constexpr std::size_t kMaxBytes = 160;
constexpr std::size_t kMaxTokens = 16;

// Fixed-size buffers, so that normalising a fragment allocates nothing for ASCII input.
struct Norm {
  std::array<char, kMaxBytes> buf;
  std::size_t len = 0;
  std::array<std::pair<std::uint8_t, std::uint8_t>, kMaxTokens> tok;
  std::size_t n = 0;
  bool overflow = false;

  std::string_view text() const { return {buf.data(), len}; }
  std::string_view span(std::size_t b, std::size_t e) const {
    return {buf.data() + tok[b].first, std::size_t(tok[e - 1].second - tok[b].first)};
  }
  std::string_view word(std::size_t i) const { return span(i, i + 1); }
};

// Fills `n` (which must be fresh) with the normalised words of `input`.
void normalize(std::string_view input, Norm& n);

// ---------------------------------------------------------------------------------------
// Tables: phrases from the data files plus the function words the rules test, in one
// open-addressing hash table. The tables are built when the library is built
// (lib/vocab/vocab_gen.cpp writes them as constant arrays), so a process starts with them
// in place: no parsing, no allocation, nothing to fault in but the pages it reads.

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

// All keys and canonical texts, one after another; entries refer to them by offset, so
// the generated arrays hold no pointers and need no relocation at start-up.
extern const char kText[];

struct Entry {
  std::uint32_t key_at = 0;  // the key is kText[key_at, key_at + key_size)
  std::uint8_t key_size = 0;
  std::int8_t kind = -1;  // StyleKind of the phrase, or -1 when it is not a style
  bool booster = false;
  bool modifier = false;
  Slot camera = Slot::Subject;  // Subject: not a camera phrase
  std::uint16_t tags = 0;
  Head head = Head::None;
  StyleKind head_kind = StyleKind::Other;
  std::uint32_t canonical_at = 0;
  std::uint8_t canonical_size = 0;

  std::string_view key() const { return {kText + key_at, key_size}; }
  std::string_view canonical() const { return {kText + canonical_at, canonical_size}; }
};

// The generated tables were laid out with this hash (lib/vocab/vocab_gen.cpp calls it too).
inline std::uint64_t hash(std::string_view s) { return hash_bytes(s); }

// Linear probing over a power-of-two slot array; a slot holds entry index + 1, 0 is empty.
class Index {
 public:
  constexpr Index(const std::uint32_t* slots, std::size_t slot_count, const Entry* entries)
      : slots_(slots), mask_(slot_count - 1), entries_(entries) {}
  const Entry* find(std::string_view key, std::uint64_t h) const {
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t s = slots_[i];
      if (s == 0) return nullptr;
      const Entry& e = entries_[s - 1];
      if (e.key_size == key.size() && std::memcmp(kText + e.key_at, key.data(), key.size()) == 0)
        return &e;
    }
  }
  const Entry* find(std::string_view key) const { return find(key, hash(key)); }

 private:
  const std::uint32_t* slots_;
  std::size_t mask_;
  const Entry* entries_;
};

// A one-hash Bloom filter of the words of all phrases: lets ordinary descriptions skip
// segmentation after one bit test per word, and costs no index entries.
class WordFilter {
 public:
  static constexpr std::size_t kWords = 1024;  // 64k bits
  static constexpr std::size_t word_of(std::uint64_t h) { return (h >> 6) & (kWords - 1); }
  static constexpr std::uint64_t bit_of(std::uint64_t h) { return 1ull << (h & 63); }
  constexpr explicit WordFilter(const std::uint64_t* bits) : bits_(bits) {}
  bool may_contain(std::uint64_t h) const { return (bits_[word_of(h)] & bit_of(h)) != 0; }

 private:
  const std::uint64_t* bits_;
};

struct Tables {
  Index phrases;
  WordFilter words;
  Index move_verbs;  // first words of camera moves
  Index motion;
  std::size_t max_words = 1;
};

// Defined in the generated vocab_tables.cpp.
extern const Tables kTables;
inline const Tables& tables() { return kTables; }

// A normalised fragment and what the index knows about each of its words, looked up once
// so that the rules can test words many times over.
struct Frag {
  const Tables& tables = detail::tables();
  const Index& index = tables.phrases;
  Norm n;
  std::array<const Entry*, kMaxTokens> info{};
  std::array<bool, kMaxTokens> in_phrase{};  // maybe a word of some phrase

  explicit Frag(std::string_view text) {
    normalize(text, n);
    for (std::size_t i = 0; i < n.n; ++i) {
      const std::uint64_t h = hash(n.word(i));
      info[i] = index.find(n.word(i), h);
      in_phrase[i] = tables.words.may_contain(h);
    }
  }
  const Entry* find(std::string_view phrase) const { return index.find(phrase); }
  std::string_view word(std::size_t i) const { return n.word(i); }
  std::string_view span(std::size_t b, std::size_t e) const { return n.span(b, e); }
  bool has(std::size_t i, std::uint16_t tag) const {
    return info[i] != nullptr && (info[i]->tags & tag) != 0;
  }
};

}  // namespace promptport::vocab::detail
