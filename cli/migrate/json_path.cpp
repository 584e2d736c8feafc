// Dotted paths into JSON records, and the reasons a record has no prompt.
#include "json_path.h"

#include <algorithm>

namespace promptport::migrate {

namespace {

using Json = nlohmann::ordered_json;

template <class Value>
Value* step(Value& value, const std::string& segment) {
  if (value.is_object()) {
    auto it = value.find(segment);
    return it == value.end() ? nullptr : &*it;
  }
  if (value.is_array() && is_index(segment)) {
    // More digits than any array can hold would overflow stoull; such an index is missing.
    if (segment.size() > 18) return nullptr;
    const std::size_t index = std::stoull(segment);
    return index < value.size() ? &value[index] : nullptr;
  }
  return nullptr;
}

template <class Value>
Value* resolve_in(Value& root, const JsonPath& path) {
  Value* value = &root;
  for (const std::string& segment : path) {
    value = step(*value, segment);
    if (value == nullptr) return nullptr;
  }
  return value;
}

// Where the walk stopped, so a message can say "no key \"b\" in \"a\"" rather than
// just "missing".
std::string missing_message(const Json& record, const JsonPath& path) {
  const Json* value = &record;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Json* next = step(*value, path[i]);
    if (next != nullptr) {
      value = next;
      continue;
    }
    const JsonPath done(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i));
    const std::string where = done.empty() ? "the record" : "\"" + path_text(done) + "\"";
    if (value->is_object()) {
      return "no field \"" + path_text(path) + "\" (" + where + " has no key \"" + path[i] + "\")";
    }
    if (value->is_array() && is_index(path[i])) {
      return "no field \"" + path_text(path) + "\" (" + where + " has " +
             std::to_string(value->size()) + " elements)";
    }
    return "no field \"" + path_text(path) + "\" (" + where + " is " + value->type_name() +
           ", not an object)";
  }
  return "no field \"" + path_text(path) + "\"";
}

// Accepts any JSON without building it; remembers the parser's complaint.
struct ErrorOnlySax {
  std::string message;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(Json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(std::string&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    message = ex.what();
    // "[json.exception.parse_error.101] " names nlohmann's exception, not the input's problem.
    if (const auto end = message.find("] ");
        message.rfind("[json.exception", 0) == 0 && end != std::string::npos) {
      message.erase(0, end + 2);
    }
    return false;
  }
};

}  // namespace

JsonPath parse_path(std::string_view dotted) {
  JsonPath path;
  if (dotted.empty()) return path;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = dotted.find('.', start);
    path.emplace_back(
        dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start));
    if (dot == std::string_view::npos) return path;
    start = dot + 1;
  }
}

bool is_index(std::string_view segment) {
  return !segment.empty() &&
         std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const Json* resolve(const Json& root, const JsonPath& path) { return resolve_in(root, path); }
Json* resolve(Json& root, const JsonPath& path) { return resolve_in(root, path); }

std::string path_text(const JsonPath& path) {
  std::string text;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i > 0) text += '.';
    text += path[i];
  }
  return text;
}

RecordFields read_fields(const Json& record, const JsonPath& prompt_path,
                         std::string_view negative_field) {
  RecordFields fields;
  const Json* prompt = resolve(record, prompt_path);
  if (prompt == nullptr) {
    fields.error = missing_message(record, prompt_path);
    return fields;
  }
  if (!prompt->is_string()) {
    fields.error =
        "field \"" + path_text(prompt_path) + "\" is " + prompt->type_name() + ", not a string";
    return fields;
  }
  fields.prompt = prompt->get_ref<const std::string&>();

  if (negative_field == "-") return fields;
  if (!negative_field.empty()) {
    JsonPath path = parse_path(negative_field);
    const Json* negative = resolve(record, path);
    if (negative == nullptr || negative->is_null()) return fields;
    if (!negative->is_string()) {
      fields.error = "negative field \"" + std::string(negative_field) + "\" is " +
                     negative->type_name() + ", not a string";
      return fields;
    }
    fields.negative = negative->get_ref<const std::string&>();
    fields.has_negative = true;
    fields.negative_path = std::move(path);
    return fields;
  }
  // Guessed keys are only taken when they hold text: an unrelated "uc": 3 is not a prompt.
  if (prompt_path.empty()) return fields;
  const JsonPath parent_path(prompt_path.begin(), prompt_path.end() - 1);
  const Json* parent = resolve(record, parent_path);
  if (parent == nullptr || !parent->is_object()) return fields;
  for (std::string_view key : kNegativeKeys) {
    if (key == prompt_path.back()) continue;  // --field negative_prompt is not its own negative
    auto it = parent->find(std::string(key));
    if (it == parent->end() || !it->is_string()) continue;
    fields.negative = it->get_ref<const std::string&>();
    fields.has_negative = true;
    fields.negative_path = parent_path;
    fields.negative_path.emplace_back(key);
    break;
  }
  return fields;
}

std::string json_error(std::string_view text) {
  ErrorOnlySax sax;
  Json::sax_parse(text.begin(), text.end(), &sax);
  return sax.message;
}

}  // namespace promptport::migrate
