/// A corpus case file (corpus/<from>/<case>.yaml) loaded into expectations, plus the comparisons
/// and the loss-accounting check the corpus runner applies to it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"
#include "promptport/ir.h"

namespace corpus {

/// What one target dialect must produce from the expected IR. Absent keys are not checked.
struct TargetExpect {
  std::string name;             ///< the dialect name as written under `to:`
  promptport::Options options;  ///< the case's `options`, overridden by the target's own
  std::optional<std::string> prompt;
  std::optional<std::string> negative_prompt;
  std::optional<std::string> text;
  std::optional<nlohmann::json> request;                ///< a subset: every listed key must match
  std::optional<std::vector<std::string>> diagnostics;  ///< "code field", exact multiset
};

/// One record the input stands for: a plain case has one, a permutation case several.
struct RecordExpect {
  std::optional<promptport::Prompt> ir;
  std::optional<std::vector<std::string>> parse_diagnostics;  ///< reader's, exact multiset
  std::vector<TargetExpect> targets;
  YAML::Node node;  ///< where `ir`/`to` live in the document, for --accept
};

struct Case {
  std::string path;
  std::string note;
  std::string from;
  std::string input;
  promptport::Options options;
  bool has_records = false;  ///< the file uses `records:` rather than top-level `ir`/`to`
  std::vector<RecordExpect> records;
};

/// Reads a case from its parsed document. Problems with the file itself (missing keys, an
/// `ir` the IR reader rejects) are appended to `errors`; the case is still returned.
Case load_case(const std::string& path, const YAML::Node& root, std::vector<std::string>& errors);

/// YAML to JSON: quoted scalars stay strings; plain ones become bool, null, integer or double
/// when they read as one.
nlohmann::json yaml_to_json(const YAML::Node& node);

/// "code field" (or just "code" when the field is empty), the form cases compare.
std::string diagnostic_key(const promptport::Diagnostic& d);
std::vector<std::string> diagnostic_keys(const promptport::Diagnostics& diags);

/// Compares two lists as multisets; returns one line per missing or unexpected item.
std::vector<std::string> multiset_difference(std::vector<std::string> expected,
                                             std::vector<std::string> actual);

/// Checks that every key of `expected` is in `actual` with an equal value (objects
/// recursively as subsets, arrays element-wise, numbers within 1e-6; `null` means the key
/// must be absent). Appends one line per mismatch to `problems`.
void compare_subset(const nlohmann::json& expected, const nlohmann::json& actual,
                    const std::string& path, std::vector<std::string>& problems);

/// Loss accounting: every non-empty IR item that is neither visible in `out` nor named by a
/// writer diagnostic about its field (equal, parent or child path). One line per lost item.
std::vector<std::string> unaccounted_items(const promptport::Prompt& ir,
                                           const promptport::Emitted& out,
                                           const promptport::Diagnostics& diags,
                                           std::string_view target);

/// The IR as it is written in a case file: the YAML dump without `version` and `source`.
YAML::Node ir_node(const promptport::Prompt& ir);

/// A string scalar that is written quoted by dump_document.
YAML::Node quoted(const std::string& s);

/// Writes a case document back, keeping quoted scalars quoted and flow collections flow
/// (yaml-cpp's own emitter loses both). Comments are not kept.
std::string dump_document(const YAML::Node& root);

}  // namespace corpus
