// JSON Lines: one record a line, streamed. By default every line keeps its original bytes and
// the added members go just before its closing brace, so diffs show only what was added.
#include <algorithm>

#include "block_reader.h"
#include "formats.h"
#include "json_path.h"

namespace promptport::migrate {

namespace {

using Json = nlohmann::ordered_json;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

class JsonlFormat final : public FormatFile {
 public:
  explicit JsonlFormat(const Settings& settings)
      : settings_(settings), prompt_path_(parse_path(settings.field)) {}

  std::string open(const Input& input) override { return lines_.open(input.files.at(0)); }

  std::vector<std::filesystem::path> outputs(const std::filesystem::path& mirrored) const override {
    return {mirrored};
  }

  bool read(Batch& batch, std::size_t max_records) override {
    std::size_t records = 0;
    std::string_view raw;
    while (records < max_records && lines_.next(raw)) {
      Item item;
      item.raw = std::string(raw);
      item.line = lines_.line_number();
      if (!trim_right(raw).empty()) {
        item.record = ++record_count_;
        ++records;
        read_record(item);
      }
      batch.items.push_back(std::move(item));
    }
    return !batch.items.empty();
  }

  void render(Batch& batch) const override {
    batch.out.resize(1);
    std::string& out = batch.out[0];
    for (const Item& item : batch.items) {
      if (item.kind != Item::Kind::Record || item.results.size() != settings_.targets.size()) {
        out += item.raw;
      } else if (settings_.replace) {
        append_replaced(out, item);
      } else {
        append_added(out, item);
      }
    }
  }

  std::string error() const override { return lines_.error(); }

 private:
  void read_record(Item& item) const {
    auto fail = [&](std::string message) {
      item.kind = Item::Kind::Failed;
      report(item.input_diags, Code::InvalidInput, Severity::Error, std::move(message));
    };
    const Json record = Json::parse(item.raw, nullptr, false);
    if (record.is_discarded()) return fail("not valid JSON: " + json_error(item.raw));
    if (!record.is_object()) {
      return fail(std::string("the line is a JSON ") + record.type_name() + ", not an object");
    }
    RecordFields fields = read_fields(record, prompt_path_, settings_.negative_field);
    if (!fields.error.empty()) return fail(std::move(fields.error));
    item.kind = Item::Kind::Record;
    item.prompt = std::move(fields.prompt);
    item.negative = std::move(fields.negative);
    item.has_negative = fields.has_negative;
  }

  // The line's own bytes up to its closing brace, the added members, then whatever followed
  // the brace (spaces, "\r\n" or nothing at the end of the file).
  void append_added(std::string& out, const Item& item) const {
    const std::string_view raw = item.raw;
    const std::string_view body = trim_right(raw);  // a parsed object: ends in '}'
    const std::string_view inside = trim_right(body.substr(0, body.size() - 1));
    std::string members;
    append_added_json_members(members, settings_, item);
    out += body.substr(0, body.size() - 1);
    // An empty object takes no separating comma before its first member.
    const bool empty = !inside.empty() && inside.back() == '{';
    out += std::string_view(members).substr(empty && !members.empty() ? 1 : 0);
    out += '}';
    out += raw.substr(body.size());
  }

  // The translation takes the prompt's (and negative's) place; key order is kept, spacing
  // is not (the line is written again, compact).
  void append_replaced(std::string& out, const Item& item) const {
    Json record = Json::parse(item.raw, nullptr, false);
    Json* prompt = resolve(record, prompt_path_);
    if (record.is_discarded() || prompt == nullptr) {  // read() parsed it: cannot happen
      out += item.raw;
      return;
    }
    const TargetResult& result = item.results[0];
    *prompt = result.prompt;
    if (item.has_negative) {
      const RecordFields fields = read_fields(record, prompt_path_, settings_.negative_field);
      if (Json* negative = resolve(record, fields.negative_path); negative != nullptr) {
        *negative = result.negative_prompt;
      }
    }
    std::string text;
    append_json(text, record);
    text.pop_back();  // the closing brace; the object has the prompt, so it is not empty
    out += text;
    append_added_json_members(out, settings_, item);
    out += '}';
    out += std::string_view(item.raw).substr(strip_line_end(item.raw).size());
  }

  const Settings& settings_;
  const JsonPath prompt_path_;
  RawLineReader lines_;
  std::size_t record_count_ = 0;
};

}  // namespace

std::unique_ptr<FormatFile> make_jsonl_format(const Settings& settings) {
  return std::make_unique<JsonlFormat>(settings);
}

}  // namespace promptport::migrate
