// A1111 infotext: `#` comment lines, `Negative prompt:` lines and the parameter line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport::sd {

/// Text cut out of a record, with the record offset of every byte (and one past the end).
struct Mapped {
  std::string text;
  std::vector<std::uint32_t> source{0};
  void append(std::string_view record, std::uint32_t begin, std::uint32_t end);
  void append_from(const Mapped& m, std::size_t begin, std::size_t end);  ///< m.text[b, e)
  Span span(std::size_t begin, std::size_t end) const;  ///< record span of text[begin, end)
};

struct Record {
  Mapped positive, negative;
  bool has_negative = false;
  std::vector<std::string> comments;  ///< verbatim, in order
  std::string_view parameters;        ///< the parameter line, or empty
  std::uint32_t parameters_at = 0;
};

/// Splits a record the way A1111's parse_generation_parameters does (README "Infotext").
Record split_record(std::string_view text);

/// Reads the parameter line into params and extensions.sd (README "Infotext").
void read_parameters(const Record& record, Prompt& ir, Diagnostics& diags);

/// `Key: value` pairs of the parameter line in A1111's order, values quoted where needed.
/// `size` is "WxH" or "".
std::string write_parameters(const Prompt& ir, const std::string& size);

/// "clip_skip" -> "Clip skip", "cfg_scale" -> "CFG scale" (known keys from a table).
std::string a1111_key(std::string_view snake);
/// "Clip skip" -> "clip_skip".
std::string snake_key(std::string_view key);

/// The pairs of a parameter line (A1111's regex), values JSON-unquoted; `whole` is set when
/// the pairs cover the line with nothing else on it.
struct Pair {
  std::string key, value;
  std::uint32_t begin = 0, end = 0;  ///< the value's offsets in the line
};
std::vector<Pair> read_pairs(std::string_view line, bool& whole);

/// True when `line` is an A1111 parameter line: at least 3 pairs, or only known keys.
bool is_parameter_line(std::string_view line);

}  // namespace promptport::sd
