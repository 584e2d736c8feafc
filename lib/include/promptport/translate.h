/// translate(): parse in one dialect, emit in another, with per-prompt auto-detection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport {

/// Which dialect a text is most likely written for.
struct Detection {
  const Dialect* dialect = nullptr;  ///< never null when the registry is not empty
  double confidence = 0.0;           ///< 0..1
};

/// Scores `text` with every dialect; ties go to the dialect registered first.
Detection detect(const Registry& registry, std::string_view text);

struct TranslateOptions {
  std::string from = "auto";  ///< dialect name or alias, or "auto" (detected per prompt)
  std::string to;             ///< dialect name or alias; "" means parse only
  Options options;            ///< -O key=value, given to both reader and writer
};

/// One output record. A source record gives several when it expands (permutations).
struct Record {
  const Dialect* from = nullptr;
  const Dialect* to = nullptr;  ///< null for parse-only
  bool detected = false;
  double confidence = 1.0;
  std::string source_text;  ///< the (expanded) text that was parsed
  Prompt ir;
  Emitted out;
  Diagnostics diags;  ///< reader and writer diagnostics together, reader first
  /// True when nothing was dropped or made unreadable (no warning or error).
  bool lossless() const { return !has_severity(diags, Severity::Warning); }
  bool has_error() const { return has_severity(diags, Severity::Error); }
};

/// Thrown only for programmer/usage errors (unknown dialect name); user text never throws.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Translates one source record. Throws UsageError for an unknown dialect name.
std::vector<Record> translate(const Registry& registry, std::string_view text,
                              const TranslateOptions& options);

/// Checks every -O key against the reader and writer; returns a message ("" when fine).
std::string check_options(const Registry& registry, const TranslateOptions& options);

}  // namespace promptport
