// Text utilities: UTF-8 validation, ICU normalisation and case folding, splitting, numbers.
#include "promptport/text.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

namespace promptport::text {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length in bytes of a separator at s[i] (',' or full-width ，/、), or 0.
std::size_t separator_at(std::string_view s, std::size_t i) {
  if (s[i] == ',') return 1;
  if (i + 3 <= s.size()) {
    const std::string_view three = s.substr(i, 3);
    if (three == "\xEF\xBC\x8C" || three == "\xE3\x80\x81") return 3;
  }
  return 0;
}

// Ideographic space U+3000 trims like ASCII whitespace.
bool ideographic_space_at(std::string_view s, std::size_t i) {
  return i + 3 <= s.size() && s.substr(i, 3) == "\xE3\x80\x80";
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;  // continuation byte, overlong lead (C0/C1) or > U+10FFFF lead
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<std::size_t> first_control_char(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
    // A carriage return not ending a line: old Mac line endings, or a record merged by one.
    if (c == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) return i;
  }
  return std::nullopt;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (normalizer->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = normalizer->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string fold(std::string_view s) {
  if (is_ascii(s)) return lower_ascii(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string ascii_punctuation(std::string_view s) {
  struct Mapping {
    std::string_view from, to;
  };
  static constexpr Mapping kMap[] = {
      {"\xEF\xBC\x8C", ", "}, {"\xE3\x80\x81", ", "}, {"\xEF\xBC\x9B", "; "},
      {"\xEF\xBC\x9A", ": "}, {"\xEF\xBC\x81", "! "}, {"\xEF\xBC\x9F", "? "},
      {"\xEF\xBC\x88", " ("}, {"\xEF\xBC\x89", ") "}, {"\xE3\x80\x80", " "},
      {"\xE3\x80\x82", ". "},
  };
  if (is_ascii(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool mapped = false;
    if (static_cast<unsigned char>(s[i]) >= 0xE3) {
      for (const auto& m : kMap) {
        if (s.substr(i, m.from.size()) == m.from) {
          out += m.to;
          i += m.from.size();
          mapped = true;
          break;
        }
      }
    }
    if (!mapped) out += s[i++];
  }
  return out;
}

std::string_view trim(std::string_view s) {
  // Printable ASCII and UTF-8 bytes other than those of U+3000 end the scan at once; trim
  // runs on every fragment of every prompt.
  auto maybe_space = [](char c, unsigned char ideographic_byte) {
    const auto u = static_cast<unsigned char>(c);
    return u <= ' ' || u == ideographic_byte;
  };
  std::size_t b = 0, e = s.size();
  while (b < e && maybe_space(s[b], 0xE3)) {
    if (is_space(s[b]))
      ++b;
    else if (ideographic_space_at(s, b))
      b += 3;
    else
      break;
  }
  while (e > b && maybe_space(s[e - 1], 0x80)) {
    if (is_space(s[e - 1]))
      --e;
    else if (e >= b + 3 && ideographic_space_at(s, e - 3))
      e -= 3;
    else
      break;
  }
  return s.substr(b, e - b);
}

std::vector<Piece> split_fragments(std::string_view s, std::uint32_t base) {
  std::vector<Piece> out;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    const std::string_view raw = s.substr(start, end - start);
    const std::string_view t = trim(raw);
    if (!t.empty()) {
      const auto offset = static_cast<std::uint32_t>(t.data() - s.data()) + base;
      out.push_back(Piece{t, Span{offset, offset + static_cast<std::uint32_t>(t.size())}});
    }
  };
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t sep = separator_at(s, i);
    if (sep) {
      flush(i);
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  flush(s.size());
  return out;
}

std::optional<double> parse_double(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return std::nullopt;
  // from_chars rejects a leading '.', which prompts use ("::-.5", "--iw .5").
  std::string buffer;
  if (s.front() == '.' || (s.size() > 1 && s[0] == '-' && s[1] == '.')) {
    buffer = s.front() == '-' ? "-0" + std::string(s.substr(1)) : "0" + std::string(s);
    s = buffer;
  }
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_int(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<std::int64_t>(v));
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::optional<std::string> reduce_ratio(std::int64_t w, std::int64_t h) {
  if (w <= 0 || h <= 0) return std::nullopt;
  const std::int64_t g = std::gcd(w, h);
  return fmt::format("{}:{}", w / g, h / g);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string_view closest(std::string_view word, const std::vector<std::string_view>& candidates,
                         std::size_t max_distance) {
  std::string_view best;
  std::size_t best_distance = max_distance + 1;
  for (auto c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace promptport::text
