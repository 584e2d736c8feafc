// Whole-document JSON: an array of records, an object holding one, or a single record.
//
// The document is parsed once, handed out in batches, and written again in finish() with
// each record's added members after its own keys. Values are kept (key order included);
// layout is not: the indent is taken from the input, numbers are written in shortest
// round-trip form and string escapes are normalised.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "formats.h"
#include "json_path.h"

namespace promptport::migrate {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::uintmax_t kMaxDocumentBytes = 256u << 20;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The indent of the input's second line ("[\n  {"), so a 4-space or tab file stays one.
std::pair<int, char> detect_indent(std::string_view text) {
  const std::size_t newline = text.find('\n');
  if (newline != std::string_view::npos) {
    const std::string_view second = text.substr(newline + 1);
    const char c = second.empty() ? '\0' : second.front();
    if (c == ' ' || c == '\t') {
      const std::size_t count = second.find_first_not_of(c);
      return {static_cast<int>(count == std::string_view::npos ? second.size() : count), c};
    }
  }
  return {2, ' '};
}

bool has_object(const Json& array) {
  for (const Json& element : array) {
    if (element.is_object()) return true;
  }
  return false;
}

class JsonFormat final : public FormatFile {
 public:
  explicit JsonFormat(const Settings& settings)
      : settings_(settings), prompt_path_(parse_path(settings.field)) {}

  std::string open(const Input& input) override {
    const std::filesystem::path& path = input.files.at(0);
    // As the engine names a one-file input, so a record's label reads like its file's name.
    name_ = path.string();
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return "cannot open " + path.string() + ": " + ec.message();
    if (size > kMaxDocumentBytes) {
      return path.string() +
             ": file is larger than the 256 MiB limit for whole-document JSON; split it or "
             "convert it to JSON Lines";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot open " + path.string() + ": " + std::strerror(errno);
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.gcount() != static_cast<std::streamsize>(text.size())) {
      return "cannot read " + path.string();
    }
    doc_ = Json::parse(text, nullptr, false);
    if (doc_.is_discarded()) {
      invalid_ = std::move(text);
      invalid_message_ = "not valid JSON: " + json_error(invalid_);
      return {};
    }
    invalid_message_ = locate_records();
    if (!invalid_message_.empty()) {
      invalid_ = std::move(text);
      return {};
    }
    indent_ = detect_indent(text);
    bom_ = text.rfind(kBom, 0) == 0;
    return {};
  }

  std::vector<std::filesystem::path> outputs(const std::filesystem::path& mirrored) const override {
    return {mirrored};
  }

  bool read(Batch& batch, std::size_t max_records) override {
    if (!invalid_message_.empty()) {
      if (handed_invalid_) return false;
      handed_invalid_ = true;
      Item item;
      item.kind = Item::Kind::Failed;
      item.raw = std::move(invalid_);  // the output is the input, byte for byte
      item.record = 1;
      item.label = name_;
      report(item.input_diags, Code::InvalidInput, Severity::Error, invalid_message_);
      batch.items.push_back(std::move(item));
      return true;
    }
    while (batch.items.size() < max_records && next_ < records_.size()) {
      batch.items.push_back(make_item(next_));
      ++next_;
    }
    return !batch.items.empty();
  }

  // The document is written by finish(); only a document without records is copied here,
  // as its one Failed item.
  void render(Batch& batch) const override {
    batch.out.resize(1);
    for (const Item& item : batch.items) batch.out[0] += item.raw;
  }

  void absorb(Batch& batch) override {
    for (const Item& item : batch.items) {
      if (item.kind != Item::Kind::Record || item.results.size() != settings_.targets.size()) {
        continue;
      }
      Json& record = *records_[item.tag];
      if (settings_.replace) replace_texts(record, item);
      for (std::size_t t = 0; t < settings_.targets.size(); ++t) {
        const TargetResult& result = item.results[t];
        const std::string& name = settings_.targets[t].name;
        // operator[] keeps an existing key's place, so a file migrated twice is updated
        // rather than given duplicate keys.
        if (!settings_.replace) {
          record[name + "_prompt"] = result.prompt;
          record[name + "_negative_prompt"] = result.negative_prompt;
        }
        record[name + "_request"] = Json(result.request);
        record[name + "_diagnostics"] = Json(diagnostics_json(result.diags));
      }
    }
  }

  std::vector<std::string> finish() override {
    if (!invalid_message_.empty()) return {};
    try {
      std::string out = bom_ ? std::string(kBom) : std::string();
      out += doc_.dump(indent_.first, indent_.second, false, Json::error_handler_t::replace);
      out += '\n';
      return {std::move(out)};
    } catch (const std::exception& e) {
      error_ = "cannot write " + name_ + ": " + e.what();
      return {};
    }
  }

  std::string error() const override { return error_; }

 private:
  // Decides the document's shape: a single record wins over an array member, and among
  // array members the first holding a record wins over one that merely holds objects.
  // Returns why the document holds no records ("" when it does).
  std::string locate_records() {
    if (doc_.is_array()) {
      collect(doc_, "");
      return {};
    }
    if (doc_.is_object()) {
      if (resolve(doc_, prompt_path_) != nullptr) {
        records_.push_back(&doc_);
        labels_.push_back("");
        return {};
      }
      Json* fallback = nullptr;
      std::string fallback_key;
      for (auto it = doc_.begin(); it != doc_.end(); ++it) {
        if (!it->is_array()) continue;
        for (const Json& element : *it) {
          if (element.is_object() && resolve(element, prompt_path_) != nullptr) {
            collect(*it, it.key());
            return {};
          }
        }
        if (fallback == nullptr && has_object(*it)) {
          fallback = &*it;
          fallback_key = it.key();
        }
      }
      if (fallback != nullptr) {
        collect(*fallback, fallback_key);
        return {};
      }
      return "no field \"" + path_text(prompt_path_) + "\" and no array of objects in the document";
    }
    return std::string("the document is a JSON ") + doc_.type_name() +
           ", not an array or object of records";
  }

  void collect(Json& array, const std::string& key) {
    for (std::size_t i = 0; i < array.size(); ++i) {
      records_.push_back(&array[i]);
      labels_.push_back(key + "[" + std::to_string(i) + "]");
    }
  }

  Item make_item(std::size_t index) const {
    Item item;
    item.tag = index;
    item.record = index + 1;
    item.label = labels_[index].empty() ? name_ : name_ + ":" + labels_[index];
    auto fail = [&](std::string message) {
      item.kind = Item::Kind::Failed;
      report(item.input_diags, Code::InvalidInput, Severity::Error, std::move(message));
      return item;
    };
    const Json& record = *records_[index];
    if (!record.is_object()) {
      return fail(std::string("the element is a JSON ") + record.type_name() + ", not an object");
    }
    RecordFields fields = read_fields(record, prompt_path_, settings_.negative_field);
    if (!fields.error.empty()) return fail(std::move(fields.error));
    item.kind = Item::Kind::Record;
    item.prompt = std::move(fields.prompt);
    item.negative = std::move(fields.negative);
    item.has_negative = fields.has_negative;
    return item;
  }

  void replace_texts(Json& record, const Item& item) const {
    const TargetResult& result = item.results[0];
    // The negative's place is found before the prompt changes, as read() found it.
    const RecordFields fields = read_fields(record, prompt_path_, settings_.negative_field);
    if (Json* prompt = resolve(record, prompt_path_); prompt != nullptr) *prompt = result.prompt;
    if (!item.has_negative) return;
    if (Json* negative = resolve(record, fields.negative_path); negative != nullptr) {
      *negative = result.negative_prompt;
    }
  }

  const Settings& settings_;
  const JsonPath prompt_path_;
  std::string name_;
  Json doc_;
  std::pair<int, char> indent_{2, ' '};
  bool bom_ = false;
  std::vector<Json*> records_;  // elements of one array (never resized) or the root
  std::vector<std::string> labels_;
  std::size_t next_ = 0;
  // A document without records (not JSON, or no record in it) is copied through as it was.
  std::string invalid_;
  std::string invalid_message_;
  bool handed_invalid_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<FormatFile> make_json_format(const Settings& settings) {
  return std::make_unique<JsonFormat>(settings);
}

}  // namespace promptport::migrate
