/// The IR's serialized forms: YAML (the default of `promptport parse`) and JSON.
#pragma once

#include <string>
#include <string_view>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

namespace promptport {

struct DumpOptions {
  bool spans = false;  ///< YAML: include `span: [b, e]` on terms (always in JSON)
};

/// Canonical JSON form; fields that are empty are omitted, `version` always present.
nlohmann::json to_json(const Prompt& ir);
/// Canonical YAML form, deterministic (same IR, same bytes).
std::string to_yaml(const Prompt& ir, const DumpOptions& options = {});

/// Reads the JSON form. Unknown fields and bad values are reported (invalid-input) and skipped.
Prompt prompt_from_json(const nlohmann::json& j, Diagnostics& diags);
/// Reads the YAML (or JSON, which is YAML) form of an IR document.
Prompt prompt_from_yaml(std::string_view text, Diagnostics& diags);

}  // namespace promptport
