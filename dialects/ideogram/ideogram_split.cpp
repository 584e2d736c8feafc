// Cutting an Ideogram prompt into pieces without ever cutting the text it is asked to render.
#include <string>

#include "ideogram/ideogram_internal.h"
#include "promptport/text.h"

namespace promptport::ideogram {
namespace {

constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";   // “
constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";  // ”
constexpr std::string_view kFullWidthComma = "\xEF\xBC\x8C";
constexpr std::string_view kIdeographicComma = "\xE3\x80\x81";
constexpr std::string_view kIdeographicStop = "\xE3\x80\x82";

bool at(std::string_view s, std::size_t i, std::string_view what) {
  return s.substr(i, what.size()) == what;
}

// A straight quote opens a quotation at the start, after white space or an opening bracket
// or colon; after a digit or letter it is an inch mark or a typo.
bool may_open(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  const char p = s[i - 1];
  return p == ' ' || p == '\t' || p == '(' || p == '[' || p == '{' || p == ':' || p == '-' ||
         p == '\'' || static_cast<unsigned char>(p) >= 0x80;
}

// Where the quotation opened at `i` (by `open`) ends: the offset just past its closing
// quote, or npos when it does not close on this line.
std::size_t quotation_end(std::string_view s, std::size_t i, std::string_view open) {
  const std::string_view close = open == "\"" ? std::string_view("\"") : kCloseCurly;
  for (std::size_t j = i + open.size(); j < s.size(); ++j) {
    if (s[j] == '\n' || s[j] == '\r') return std::string_view::npos;
    if (at(s, j, close)) return j + close.size();
  }
  return std::string_view::npos;
}

// The length of the comma (',' '，' '、') at `i`, or 0.
std::size_t comma_at(std::string_view s, std::size_t i) {
  if (s[i] == ',') return 1;
  for (std::string_view sep : {kFullWidthComma, kIdeographicComma})
    if (at(s, i, sep)) return sep.size();
  return 0;
}

// The end of the run of . ! ? at `i`.
std::size_t run_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == '.' || s[i] == '!' || s[i] == '?')) ++i;
  return i;
}

// A sentence end at `i` (a run of . ! ?): the offset past the run when it ends a sentence,
// else 0. It does when the text ends there or white space follows and then anything but a
// lower-case letter ("Dr. who" and "3.5 inches" stay whole).
std::size_t sentence_end(std::string_view s, std::size_t i) {
  const std::size_t j = run_end(s, i);
  std::size_t k = j;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  if (k == s.size() || s[k] == '\n' || s[k] == '\r') return j;
  if (k == j) return 0;
  return (s[k] >= 'a' && s[k] <= 'z') ? 0 : j;
}

}  // namespace

std::vector<Piece> split_prompt(std::string_view s, std::uint32_t base) {
  std::vector<Piece> out;
  std::size_t start = 0;
  bool quoted = false;
  // `end` ends the piece's text; `next` is where the following piece starts.
  auto flush = [&](std::size_t end, std::size_t next, bool sentence, std::string_view term) {
    const std::string_view raw = s.substr(start, end - start);
    const std::string_view t = text::trim(raw);
    if (!t.empty()) {
      const auto offset = static_cast<std::uint32_t>(t.data() - s.data()) + base;
      out.push_back(Piece{t, Span{offset, offset + static_cast<std::uint32_t>(t.size())}, quoted,
                          sentence, term});
    } else if (sentence && !out.empty() && !out.back().sentence_end) {
      // "a cat, ." : the mark ends the sentence of the piece before.
      out.back().sentence_end = true;
      out.back().terminator = term;
    }
    quoted = false;
    start = next;
  };
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if ((c == '"' && may_open(s, i)) || at(s, i, kOpenCurly)) {
      const std::string_view open = c == '"' ? std::string_view("\"") : kOpenCurly;
      if (const std::size_t end = quotation_end(s, i, open); end != std::string_view::npos) {
        quoted = true;
        i = end;
        continue;
      }
    }
    if (const std::size_t n = comma_at(s, i)) {
      flush(i, i + n, false, "");
      i += n;
    } else if (c == '\n' || c == '\r' || at(s, i, kIdeographicStop)) {
      const std::size_t n = c == '\n' || c == '\r' ? 1 : kIdeographicStop.size();
      flush(i, i + n, true, "");
      i += n;
    } else if (c == '.' || c == '!' || c == '?') {
      const std::size_t j = sentence_end(s, i);
      if (j) flush(i, j, true, s.substr(i, j - i));
      i = j ? j : run_end(s, i);
    } else {
      ++i;
    }
  }
  flush(s.size(), s.size(), true, "");
  return out;
}

}  // namespace promptport::ideogram
