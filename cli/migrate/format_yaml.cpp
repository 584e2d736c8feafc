// Whole-document YAML: a list of records, a mapping of name -> prompt (A1111-style style
// libraries), a mapping of name -> record, or a single record.
//
// yaml-cpp keeps values and key order but not comments or scalar styles, so the document is
// written again in finish(); a file with comments says so in a layout-not-kept warning.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "formats.h"
#include "json_path.h"

namespace promptport::migrate {

namespace {

// Counts documents without building them. YAML::LoadAll of yaml-cpp 0.7 (Debian 12) loops
// forever, allocating, on a document that starts with ',' (yaml-cpp issue #1040, fixed
// upstream by PR #1319); reading at most two documents avoids that loop.
class IgnoreEvents : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

bool more_than_one_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  IgnoreEvents ignore;
  int documents = 0;
  while (documents < 2 && parser.HandleNextDocument(ignore)) ++documents;
  return documents > 1;
}

constexpr std::uintmax_t kMaxDocumentBytes = 256u << 20;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";

// The spec's test for a comment: a line starting with '#', or " #" anywhere (which may be
// inside a quoted string: the warning then errs on the side of saying too much).
bool has_comment(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] == '#') return true;
    if (line.find(" #") != std::string_view::npos || line.find("\t#") != std::string_view::npos) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

bool all_of_chars(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

// A number in YAML 1.1 or 1.2 plain form (ints, floats, hex, octal, .inf, .nan).
bool looks_numeric(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    return all_of_chars(s.substr(2), "0123456789abcdefABCDEF_");
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'b')) {
    return all_of_chars(s.substr(2), "01234567_");
  }
  const std::size_t exp = s.find_first_of("eE");
  const std::string_view mantissa = s.substr(0, exp);
  if (exp != std::string_view::npos) {
    std::string_view power = s.substr(exp + 1);
    if (!power.empty() && (power[0] == '+' || power[0] == '-')) power.remove_prefix(1);
    if (!all_of_chars(power, "0123456789")) return false;
  }
  if (std::count(mantissa.begin(), mantissa.end(), '.') > 1) return false;
  return mantissa.find_first_of("0123456789") != std::string_view::npos &&
         all_of_chars(mantissa, "0123456789._");
}

// A string that a YAML reader would take for null, a boolean or a number if written plain.
bool plain_changes_type(std::string_view s) {
  static constexpr std::string_view kWords[] = {
      "~",     "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
      "FALSE", "yes",  "Yes",  "YES",  "no",   "No",   "NO",   "on",    "On",
      "ON",    "off",  "Off",  "OFF",  "y",    "Y",    "n",    "N"};
  return s.empty() || std::find(std::begin(kWords), std::end(kWords), s) != std::end(kWords) ||
         looks_numeric(s);
}

// A node made here holding text: "!" marks it a string as a quoted scalar would be.
YAML::Node text_node(const std::string& text) {
  YAML::Node node(text);
  node.SetTag("!");
  return node;
}

YAML::Node to_yaml(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      YAML::Node map(YAML::NodeType::Map);
      for (auto it = value.begin(); it != value.end(); ++it) map[it.key()] = to_yaml(it.value());
      return map;
    }
    case nlohmann::json::value_t::array: {
      YAML::Node seq(YAML::NodeType::Sequence);
      for (const nlohmann::json& element : value) seq.push_back(to_yaml(element));
      return seq;
    }
    case nlohmann::json::value_t::string:
      return text_node(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return YAML::Node(YAML::NodeType::Null);
    default:  // numbers and booleans: their JSON text is their plain YAML text
      return YAML::Node(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

void emit_tag(YAML::Emitter& out, const std::string& tag) {
  if (tag.empty() || tag == "?" || tag == "!") return;
  if (tag.rfind(kYamlTagPrefix, 0) == 0) {
    out << YAML::SecondaryTag(tag.substr(kYamlTagPrefix.size()));
  } else if (tag[0] == '!') {
    out << YAML::LocalTag(tag.substr(1));
  } else {
    out << YAML::VerbatimTag(tag);
  }
}

// Written by hand rather than `out << node` so quoted strings that look like numbers or
// booleans ("seed: '42'", "enabled: 'yes'") stay strings.
void emit(YAML::Emitter& out, const YAML::Node& node) {
  emit_tag(out, node.Tag());
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!" && plain_changes_type(node.Scalar())) out << YAML::DoubleQuoted;
      out << node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const YAML::Node& element : node) emit(out, element);
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        out << YAML::Key;
        emit(out, entry.first);
        out << YAML::Value;
        emit(out, entry.second);
      }
      out << YAML::EndMap;
      break;
    default:
      out << YAML::Null;
  }
}

std::string_view kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "a string";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "null";
  }
}

// The child at one path segment; never subscripts (yaml-cpp's operator[] throws on scalars
// and turns a null into a mapping).
YAML::Node child(const YAML::Node& node, const std::string& segment) {
  if (node.IsMap()) {
    for (const auto& entry : node) {
      if (entry.first.IsScalar() && entry.first.Scalar() == segment) return entry.second;
    }
  } else if (node.IsSequence() && is_index(segment) && segment.size() <= 18) {
    const std::size_t index = std::stoull(segment);
    std::size_t i = 0;
    for (const YAML::Node& element : node) {
      if (i++ == index) return element;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node resolve_yaml(const YAML::Node& root, const JsonPath& path) {
  YAML::Node node = root;
  for (const std::string& segment : path) {
    // reset(), not '=': assigning a Node writes through to the node it refers to.
    node.reset(child(node, segment));
    if (!node.IsDefined()) return node;
  }
  return node;
}

// read_fields() for YAML: the same rules as JSON records.
RecordFields read_yaml_fields(const YAML::Node& record, const JsonPath& prompt_path,
                              std::string_view negative_field) {
  RecordFields fields;
  const YAML::Node prompt = resolve_yaml(record, prompt_path);
  if (!prompt.IsDefined()) {
    fields.error = "no field \"" + path_text(prompt_path) + "\"";
    return fields;
  }
  if (!prompt.IsScalar()) {
    fields.error = "field \"" + path_text(prompt_path) + "\" is " + std::string(kind_name(prompt)) +
                   ", not a string";
    return fields;
  }
  fields.prompt = prompt.Scalar();
  if (negative_field == "-") return fields;
  JsonPath path;
  if (!negative_field.empty()) {
    path = parse_path(negative_field);
    const YAML::Node negative = resolve_yaml(record, path);
    if (!negative.IsDefined() || negative.IsNull()) return fields;
    if (!negative.IsScalar()) {
      fields.error = "negative field \"" + std::string(negative_field) + "\" is " +
                     std::string(kind_name(negative)) + ", not a string";
      return fields;
    }
    fields.negative = negative.Scalar();
  } else {
    if (prompt_path.empty()) return fields;
    const JsonPath parent_path(prompt_path.begin(), prompt_path.end() - 1);
    const YAML::Node parent = resolve_yaml(record, parent_path);
    for (std::string_view key : kNegativeKeys) {
      if (key == prompt_path.back()) continue;
      const YAML::Node negative = child(parent, std::string(key));
      if (!negative.IsScalar()) continue;
      fields.negative = negative.Scalar();
      path = parent_path;
      path.emplace_back(key);
      break;
    }
    if (path.empty()) return fields;
  }
  fields.has_negative = true;
  fields.negative_path = std::move(path);
  return fields;
}

// 1-based; 0 for a node yaml-cpp made without a place in the text.
std::size_t line_of(const YAML::Node& node) {
  const int line = node.Mark().line;
  return line < 0 ? 0 : static_cast<std::size_t>(line) + 1;
}

class YamlFormat final : public FormatFile {
 public:
  explicit YamlFormat(const Settings& settings)
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
             ": file is larger than the 256 MiB limit for whole-document YAML; split it or "
             "convert it to JSON Lines";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return "cannot open " + path.string() + ": " + std::strerror(errno);
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.gcount() != static_cast<std::streamsize>(text.size())) {
      return "cannot read " + path.string();
    }
    try {
      if (more_than_one_document(text)) {
        unusable_message_ =
            "the file holds more than one YAML document (or is not valid YAML); only "
            "single-document files are read";
      } else if (YAML::Node root = YAML::Load(text); !root.IsNull()) {
        root_ = root;
        unusable_message_ = locate_records();
      }
    } catch (const YAML::Exception& e) {
      unusable_message_ = std::string("not valid YAML: ") + e.what();
    }
    if (!unusable_message_.empty() || records_.empty()) {
      original_ = std::move(text);
      return {};
    }
    bom_ = text.rfind(kBom, 0) == 0;
    comments_ = has_comment(text);
    return {};
  }

  std::vector<std::filesystem::path> outputs(const std::filesystem::path& mirrored) const override {
    return {mirrored};
  }

  bool read(Batch& batch, std::size_t max_records) override {
    if (!unusable_message_.empty()) {
      if (handed_unusable_) return false;
      handed_unusable_ = true;
      Item item;
      item.kind = Item::Kind::Failed;
      item.raw = std::move(original_);  // the output is the input, byte for byte
      item.record = 1;
      item.label = name_;
      report(item.input_diags, Code::InvalidInput, Severity::Error, unusable_message_);
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
      try {
        add_results(records_[item.tag], item);
      } catch (const YAML::Exception& e) {
        error_ = "cannot update " + name_ + ": " + e.what();
      }
    }
  }

  std::vector<std::string> finish() override {
    // Nothing was read (an empty or comment-only file, or one without records): the
    // output is the input.
    if (!unusable_message_.empty()) return {};
    if (records_.empty()) return {std::move(original_)};
    try {
      YAML::Emitter out;
      emit(out, root_);
      if (!out.good()) {
        error_ = "cannot write " + name_ + " as YAML: " + out.GetLastError();
        return {};
      }
      std::string text = bom_ ? std::string(kBom) : std::string();
      text += out.c_str();
      text += '\n';
      return {std::move(text)};
    } catch (const std::exception& e) {
      error_ = "cannot write " + name_ + " as YAML: " + e.what();
      return {};
    }
  }

  std::string error() const override { return error_; }

 private:
  struct Located {
    YAML::Node node;       // the record, or the prompt string of a name -> prompt entry
    bool is_text = false;  // a name -> prompt entry: `node` is the prompt itself
    std::string label;     // "[3]", "fox", or "" for the document itself
    std::size_t line = 0;
  };

  // Returns why the document holds no records ("" when it does).
  std::string locate_records() {
    if (root_.IsSequence()) {
      std::size_t i = 0;
      for (const YAML::Node& element : root_) {
        records_.push_back({element, false, "[" + std::to_string(i++) + "]", line_of(element)});
      }
      return {};
    }
    if (!root_.IsMap()) return "the document is a single value, not a list or mapping of prompts";
    // A mapping with the prompt field is one record, as in JSON; a style named like the
    // field ("prompt: ...") would be read that way too, which is what such a file means.
    if (resolve_yaml(root_, prompt_path_).IsDefined()) {
      records_.push_back({root_, false, "", line_of(root_)});
      return {};
    }
    for (const auto& entry : root_) {
      const std::string label = entry.first.IsScalar() ? entry.first.Scalar() : "?";
      records_.push_back({entry.second, entry.second.IsScalar(), label, line_of(entry.first)});
    }
    return {};
  }

  Item make_item(std::size_t index) {
    const Located& located = records_[index];
    Item item;
    item.tag = index;
    item.record = index + 1;
    item.line = located.line;
    item.label = located.label.empty() ? name_ : name_ + ":" + located.label;
    // Said once, on the first record, so a summary counts the file once.
    if (index == 0 && comments_) {
      report(item.input_diags, Code::LayoutNotKept, Severity::Warning,
             "YAML comments are not kept in the output file (yaml-cpp re-emits the document)");
    }
    auto fail = [&](std::string message) {
      item.kind = Item::Kind::Failed;
      report(item.input_diags, Code::InvalidInput, Severity::Error, std::move(message));
      return item;
    };
    if (located.is_text) {
      item.kind = Item::Kind::Record;
      item.prompt = located.node.Scalar();
      if (settings_.replace) {
        report(item.input_diags, Code::LayoutNotKept, Severity::Info,
               "with --replace a \"name: prompt\" entry stays a string, so the request and "
               "diagnostics are not written to the file");
      }
      return item;
    }
    if (!located.node.IsMap()) {
      return fail("the entry is " + std::string(kind_name(located.node)) +
                  ", not a prompt or a mapping");
    }
    RecordFields fields = read_yaml_fields(located.node, prompt_path_, settings_.negative_field);
    if (!fields.error.empty()) return fail(std::move(fields.error));
    item.kind = Item::Kind::Record;
    item.prompt = std::move(fields.prompt);
    item.negative = std::move(fields.negative);
    item.has_negative = fields.has_negative;
    return item;
  }

  void add_results(Located& located, const Item& item) const {
    YAML::Node record = located.node;
    if (located.is_text) {
      if (settings_.replace) {
        record = item.results[0].prompt;
        record.SetTag("!");
        return;
      }
      // The entry becomes a mapping holding its original text, so nothing is lost.
      YAML::Node mapping(YAML::NodeType::Map);
      mapping["prompt"] = YAML::Clone(record);
      record = mapping;
    } else if (settings_.replace) {
      const RecordFields fields = read_yaml_fields(record, prompt_path_, settings_.negative_field);
      if (YAML::Node prompt = resolve_yaml(record, prompt_path_); prompt.IsDefined()) {
        prompt = item.results[0].prompt;
        prompt.SetTag("!");
      }
      if (item.has_negative) {
        if (YAML::Node negative = resolve_yaml(record, fields.negative_path);
            negative.IsDefined()) {
          negative = item.results[0].negative_prompt;
          negative.SetTag("!");
        }
      }
    }
    for (std::size_t t = 0; t < settings_.targets.size(); ++t) {
      const TargetResult& result = item.results[t];
      const std::string& name = settings_.targets[t].name;
      if (!settings_.replace) {
        record[name + "_prompt"] = text_node(result.prompt);
        record[name + "_negative_prompt"] = text_node(result.negative_prompt);
      }
      record[name + "_request"] = to_yaml(result.request);
      record[name + "_diagnostics"] = to_yaml(diagnostics_json(result.diags));
    }
  }

  const Settings& settings_;
  const JsonPath prompt_path_;
  std::string name_;
  YAML::Node root_;
  std::vector<Located> records_;
  std::size_t next_ = 0;
  bool bom_ = false;
  bool comments_ = false;
  std::string original_;
  std::string unusable_message_;
  bool handed_unusable_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<FormatFile> make_yaml_format(const Settings& settings) {
  return std::make_unique<YamlFormat>(settings);
}

}  // namespace promptport::migrate
