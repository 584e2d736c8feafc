// Internal to vocab: normalises fragments and phrases into the words the index is keyed by.
#include "vocab_index.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>

namespace promptport::vocab {
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

}  // namespace

void normalize(string_view input, Norm& n) {
  if (input.size() > kMaxBytes * 2) return void(n.overflow = true);
  if (is_ascii(input)) return tokenize(input, n);
  tokenize(fold_unicode(input), n);
}

}  // namespace detail
}  // namespace promptport::vocab
