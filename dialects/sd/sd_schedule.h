// A1111 prompt editing `[from:to:when]`, `[to:when]`, `[from::when]` and alternation `[a|b]`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace promptport::sd {

/// A top-level construct: `[src_begin, src_end)` in the parsed string, and where its
/// resolved text stands in Resolved::text.
struct Construct {
  std::uint32_t src_begin = 0, src_end = 0;
  std::uint32_t begin = 0, end = 0;
};

/// The prompt with each top-level construct replaced by the text a user would keep: `to`
/// for `[from:to:when]` and `[to:when]`, `from` for `[from::when]`, the first non-empty
/// option for `[a|b]` (nested ones resolved the same way).
struct Resolved {
  bool ok = true;  ///< false: A1111's grammar rejects the text, which is then used verbatim
  std::string text;
  std::vector<std::uint32_t> source;  ///< per byte of `text` (and one past the end): offset in
                                      ///< the input; bytes of a construct map to its start
  std::vector<Construct> constructs;
};

/// Parses under A1111's prompt-editing grammar (REFERENCE §2.2) with explicit stacks.
Resolved resolve_schedule(std::string_view s);

}  // namespace promptport::sd
