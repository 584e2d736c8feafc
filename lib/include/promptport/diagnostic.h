/// Diagnostics: every problem, drop or approximation is a value, never an exception.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/ir.h"

namespace promptport {

enum class Severity {
  Info,     ///< carried over by approximation (weight -> word order, aspect ratio snapped)
  Warning,  ///< dropped: the target cannot express it, or the source value was not usable
  Error,    ///< the input could not be understood; the text was passed through
};
std::string_view to_string(Severity severity);

/// Stable diagnostic codes. The kebab-case names (code_name) are part of the contract and
/// are listed in the README; never rename one, only add.
enum class Code {
  InvalidUtf8,       ///< invalid-utf8: bytes that are not UTF-8 (error, text passed through)
  InvalidInput,      ///< invalid-input: a record the reader could not understand (error)
  UnknownParameter,  ///< unknown-parameter: a --flag the dialect does not know (kept in extensions)
  LegacyParameter,   ///< legacy-parameter: a retired flag, recognised and kept in extensions
  OutOfRange,        ///< out-of-range: a value outside the documented range (kept in extensions)
  InvalidValue,      ///< invalid-value: a value of the wrong shape (kept in extensions)
  MissingValue,      ///< missing-value: a flag that needs a value had none
  DuplicateParameter,    ///< duplicate-parameter: a flag given twice; the last one wins
  UnbalancedBracket,     ///< unbalanced-bracket: an opening or closing bracket without its pair
  TextAfterParameters,   ///< text-after-parameters: prose after the parameter region
  PermutationExpanded,   ///< permutation-expanded: one source record became several
  DroppedParameter,      ///< dropped-parameter: a setting the target cannot express
  DroppedNegative,       ///< dropped-negative: the target has no negative prompt
  DroppedReference,      ///< dropped-reference: an image/style/character reference was dropped
  DroppedTerm,           ///< dropped-term: a prompt term dropped on purpose (e.g. quality boosters)
  DroppedLora,           ///< dropped-lora: the target has no LoRA syntax
  DroppedMotion,         ///< dropped-motion: motion or camera moves on an image platform
  DroppedAudio,          ///< dropped-audio: the target has no audio
  ApproximatedWeight,    ///< approximated-weight: weights turned into order or wording
  ApproximatedNegative,  ///< approximated-negative: a negative rephrased (e.g. as a ::-0.5 weight)
  ApproximatedParameter,  ///< approximated-parameter: a setting mapped to a near equivalent
  SnappedAspectRatio,     ///< snapped-aspect-ratio: aspect ratio changed to an allowed one
  SnappedValue,           ///< snapped-value: a numeric setting moved into the target's range
  PromptTooLong,          ///< prompt-too-long: output over the target's limit (never truncated)
  UnknownOption,          ///< unknown-option: a -O key the dialect does not know
  /// approximated-syntax: a dialect-only construct (prompt editing [a:b:0.5], alternation,
  /// AND composition, BREAK, compel .blend()) written in the nearest form the target has
  ApproximatedSyntax,
  LiteralText,     ///< literal-text: syntax the platform itself would read as plain text
  PastFirstChunk,  ///< past-first-chunk: words moved past the first 75-token CLIP chunk
  NoMotion,        ///< no-motion: an image prompt sent to a video platform says nothing moves
  /// layout-not-kept: a migrated file keeps every value but not its source layout (YAML
  /// comments, JSON spacing)
  LayoutNotKept,
};
std::string_view code_name(Code code);
std::optional<Code> code_from_name(std::string_view name);
/// Every code, in declaration order (for the README table and `promptport dialects`).
const std::vector<Code>& all_codes();

struct Diagnostic {
  Code code = Code::InvalidInput;
  Severity severity = Severity::Warning;
  std::string message;       ///< one human sentence; free to change
  std::optional<Span> span;  ///< byte offsets into the source text, when the item came from it
  std::string field;         ///< IR field or source token it is about: "negative", "params.chaos"
};
using Diagnostics = std::vector<Diagnostic>;

/// Adds a diagnostic; returns it so callers can add details.
Diagnostic& report(Diagnostics& diags, Code code, Severity severity, std::string message,
                   std::string field = {}, std::optional<Span> span = std::nullopt);

bool has_severity(const Diagnostics& diags, Severity at_least);

/// Compiler-style rendering: `<input>:<line>:<col>: warning: message [code]`, then the
/// source line and a caret under the span. `line` is 1-based; `source` is the record text.
std::string render_human(const Diagnostic& d, std::string_view input_name, std::size_t line,
                         std::string_view source);

nlohmann::json to_json(const Diagnostic& d);

}  // namespace promptport
