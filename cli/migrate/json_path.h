// Finds a record's prompt and negative prompt in a JSON object by a dotted path (--field).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace promptport::migrate {

/// "a.b.c" split at '.'; a segment that is all digits indexes an array ("items.0.text").
/// Empty segments are kept as empty keys, so "" is the path of the value itself.
using JsonPath = std::vector<std::string>;
JsonPath parse_path(std::string_view dotted);

/// True for a non-empty segment of ASCII digits only.
bool is_index(std::string_view segment);

/// The keys tried, in order, beside the prompt's key when no --negative-field is given.
inline constexpr std::array<std::string_view, 5> kNegativeKeys = {
    "negative_prompt", "negative", "negativePrompt", "negative-prompt", "uc"};

/// The value at `path`, or nullptr when some step is missing. A digit segment indexes an
/// array, but is a plain key on an object (JSON keys may be digits).
const nlohmann::ordered_json* resolve(const nlohmann::ordered_json& root, const JsonPath& path);
nlohmann::ordered_json* resolve(nlohmann::ordered_json& root, const JsonPath& path);

/// A record's texts, or why it has none.
struct RecordFields {
  std::string prompt;
  std::string negative;
  bool has_negative = false;
  JsonPath negative_path;  ///< where `negative` was read (for --replace)
  std::string error;       ///< "" when `prompt` was found
};

/// Reads the prompt at `prompt_path` (it must be a string) and the negative: "-" reads none,
/// "" the first of kNegativeKeys beside the prompt's key holding a string, else that dotted
/// path (missing or null: no negative; another non-string type: an error).
RecordFields read_fields(const nlohmann::ordered_json& record, const JsonPath& prompt_path,
                         std::string_view negative_field);

/// The path as the user wrote it, for messages ("items.0.text").
std::string path_text(const JsonPath& path);

/// nlohmann's message for text that is not JSON, without its exception prefix ("parse error
/// at line 1, column 5: syntax error ..."); "" when `text` is valid JSON.
std::string json_error(std::string_view text);

}  // namespace promptport::migrate
