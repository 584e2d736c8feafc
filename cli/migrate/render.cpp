// Output helpers every format shares: the added field names and diagnostics in two shapes.
#include <fmt/format.h>

#include "format.h"

namespace promptport::migrate {

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::Auto:
      return "auto";
    case InputFormat::Txt:
      return "txt";
    case InputFormat::Csv:
      return "csv";
    case InputFormat::Tsv:
      return "tsv";
    case InputFormat::Jsonl:
      return "jsonl";
    case InputFormat::Json:
      return "json";
    case InputFormat::Yaml:
      return "yaml";
    case InputFormat::Png:
      return "png";
  }
  return "auto";
}

std::string Item::source_text() const {
  if (!has_negative || negative.empty()) return prompt;
  std::string text;
  text.reserve(prompt.size() + negative.size() + 18);
  text += prompt;
  text += "\nNegative prompt: ";
  text += negative;
  return text;
}

std::vector<std::string> added_names(const Settings& settings) {
  std::vector<std::string> names;
  for (const Target& target : settings.targets) {
    if (!settings.replace) {
      names.push_back(target.name + "_prompt");
      names.push_back(target.name + "_negative_prompt");
    }
    names.push_back(target.name + "_request");
    names.push_back(target.name + "_diagnostics");
  }
  return names;
}

nlohmann::json diagnostics_json(const Diagnostics& diags) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : diags) list.push_back(to_json(d));
  return list;
}

std::string diagnostics_text(const Diagnostics& diags) {
  std::string text;
  for (const Diagnostic& d : diags) {
    if (!text.empty()) text += '\n';
    text += fmt::format("{}: {} [{}]", to_string(d.severity), d.message, code_name(d.code));
  }
  return text;
}

void append_added_json_members(std::string& out, const Settings& settings, const Item& item) {
  if (item.results.size() != settings.targets.size()) return;
  for (std::size_t t = 0; t < settings.targets.size(); ++t) {
    const TargetResult& result = item.results[t];
    const std::string& name = settings.targets[t].name;
    auto key = [&](std::string_view suffix) {
      out += ',';
      append_json_string(out, name + std::string(suffix));
      out += ':';
    };
    if (!settings.replace) {
      key("_prompt");
      append_json_string(out, result.prompt);
      key("_negative_prompt");
      append_json_string(out, result.negative_prompt);
    }
    key("_request");
    append_json(out, result.request);
    key("_diagnostics");
    append_json(out, diagnostics_json(result.diags));
  }
}

}  // namespace promptport::migrate
