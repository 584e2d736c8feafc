// Loads corpus case files and implements the comparisons and loss accounting of the runner.
#include "corpus_case.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "promptport/dialect.h"
#include "promptport/serialize.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace corpus {
namespace {

using promptport::Diagnostics;
using promptport::Options;
using promptport::Prompt;

std::optional<std::string> optional_string(const YAML::Node& node, const char* key) {
  if (!node[key]) return std::nullopt;
  if (node[key].IsNull()) return std::string();
  return node[key].as<std::string>();
}

Options read_options(const YAML::Node& node, const std::string& where,
                     std::vector<std::string>& errors) {
  Options options;
  if (!node) return options;
  if (!node.IsMap()) {
    errors.push_back(where + ": `options` must be a map");
    return options;
  }
  for (const auto& kv : node) options[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return options;
}

std::optional<std::vector<std::string>> read_string_list(const YAML::Node& node,
                                                         const std::string& where,
                                                         std::vector<std::string>& errors) {
  if (!node) return std::nullopt;
  std::vector<std::string> items;
  if (node.IsNull()) return items;
  if (!node.IsSequence()) {
    errors.push_back(where + " must be a list of \"code field\" strings");
    return items;
  }
  for (const auto& item : node) items.push_back(item.as<std::string>());
  return items;
}

std::optional<Prompt> read_ir(const YAML::Node& node, const std::string& where,
                              std::vector<std::string>& errors) {
  if (!node) return std::nullopt;
  // Through JSON rather than re-emitted YAML text: yaml-cpp's emitter forgets which scalars
  // were quoted, which would turn `version: "7"` into a number.
  Diagnostics diags;
  Prompt ir = promptport::prompt_from_json(yaml_to_json(node), diags);
  for (const auto& d : diags)
    errors.push_back(fmt::format("{}: the IR reader rejects the expected IR: {} ({})", where,
                                 d.message, diagnostic_key(d)));
  return ir;
}

RecordExpect read_record(const YAML::Node& node, const Options& case_options,
                         const std::string& where, std::vector<std::string>& errors) {
  RecordExpect record;
  record.node = node;
  record.ir = read_ir(node["ir"], where + ": ir", errors);
  record.parse_diagnostics =
      read_string_list(node["parse_diagnostics"], where + ": parse_diagnostics", errors);
  const YAML::Node to = node["to"];
  if (to && !to.IsMap()) errors.push_back(where + ": to must be a map of target dialects");
  if (!to || !to.IsMap()) return record;
  for (const auto& kv : to) {
    TargetExpect t;
    t.name = kv.first.as<std::string>();
    const std::string at = where + ": to." + t.name;
    const YAML::Node& e = kv.second;
    if (!e.IsMap()) {
      errors.push_back(at + " must be a map");
      continue;
    }
    t.options = case_options;
    for (const auto& [k, v] : read_options(e["options"], at, errors)) t.options[k] = v;
    t.prompt = optional_string(e, "prompt");
    t.negative_prompt = optional_string(e, "negative_prompt");
    t.text = optional_string(e, "text");
    if (e["request"]) t.request = yaml_to_json(e["request"]);
    t.diagnostics = read_string_list(e["diagnostics"], at + ".diagnostics", errors);
    record.targets.push_back(std::move(t));
  }
  return record;
}

bool starts_with_segment(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.';
}

// A field path is accounted for by a diagnostic about that path, a parent or a child of it.
// approximated-weight says the text was kept (only its emphasis changed), so it accounts
// for nothing.
bool covered(const Diagnostics& diags, std::string_view path) {
  return std::any_of(diags.begin(), diags.end(), [&](const promptport::Diagnostic& d) {
    if (d.code == promptport::Code::ApproximatedWeight || d.field.empty()) return false;
    return starts_with_segment(path, d.field) || starts_with_segment(d.field, path) ||
           (path == "motion_intensity" && d.field == "motion");
  });
}

bool is_number_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// `number` appears in `hay` as a whole number (not as part of a longer one).
bool contains_number(std::string_view hay, std::string_view number) {
  for (auto pos = hay.find(number); pos != std::string_view::npos;
       pos = hay.find(number, pos + 1)) {
    const bool left = pos == 0 || !is_number_char(hay[pos - 1]);
    const std::size_t end = pos + number.size();
    const bool right = end == hay.size() || !is_number_char(hay[end]) ||
                       (hay[end] == '.' && (end + 1 == hay.size() || hay[end + 1] == ' '));
    if (left && right) return true;
  }
  return false;
}

bool json_has_value(const nlohmann::json& j, double value, std::string_view as_text) {
  if (j.is_number()) return std::fabs(j.get<double>() - value) < 1e-6;
  if (j.is_string()) return j.get<std::string>() == as_text;
  if (j.is_structured())
    for (const auto& item : j)
      if (json_has_value(item, value, as_text)) return true;
  return false;
}

bool json_has_string(const nlohmann::json& j, std::string_view s) {
  if (j.is_string()) return j.get<std::string>() == s;
  if (j.is_structured())
    for (const auto& item : j)
      if (json_has_string(item, s)) return true;
  return false;
}

// The request has `key: value` somewhere (a dialect's own setting sent as an API field).
bool json_has_entry(const nlohmann::json& j, const std::string& key, const nlohmann::json& value) {
  if (j.is_object() && j.contains(key) && j[key] == value) return true;
  if (j.is_structured())
    for (const auto& item : j)
      if (json_has_entry(item, key, value)) return true;
  return false;
}

std::string unescape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out += s[i];
  }
  return out;
}

// What a person sees of one emitted prompt, prepared for the visibility checks.
struct Visible {
  std::string folded;  // prompt and negative prompt, case-folded
  const nlohmann::json& request;

  bool has_text(std::string_view s) const {
    const std::string f = promptport::text::fold(promptport::text::trim(s));
    return !f.empty() && folded.find(f) != std::string::npos;
  }
  bool has_number(double v) const {
    const std::string s = promptport::text::format_number(v);
    return contains_number(folded, s) || json_has_value(request, v, s);
  }
  bool has_string(std::string_view s) const { return has_text(s) || json_has_string(request, s); }
  // A flag is shown by its name or by a `--name` abbreviation of it (`--p` for personalize).
  bool has_flag(std::string_view key) const {
    if (has_text(key)) return true;
    for (auto pos = folded.find("--"); pos != std::string::npos; pos = folded.find("--", pos + 2)) {
      std::size_t end = pos + 2;
      while (end < folded.size() && (std::isalnum(static_cast<unsigned char>(folded[end])) != 0))
        ++end;
      const std::string_view flag(folded.data() + pos + 2, end - pos - 2);
      if (!flag.empty() && key.substr(0, flag.size()) == flag) return true;
    }
    return false;
  }
};

// Forms in which a writer may show a canonical camera value ("low-angle" as "a low angle").
bool has_canonical(const Visible& v, std::string_view canonical, std::string_view phrase) {
  std::string spaced(canonical);
  std::replace(spaced.begin(), spaced.end(), '-', ' ');
  if (v.has_text(canonical) || v.has_text(spaced) || (!phrase.empty() && v.has_text(phrase)))
    return true;
  // A platform's own words for it ("from below" is a low angle in danbooru tags): any comma
  // fragment of the output that the shared vocabulary reads as this value. Square brackets
  // end fragments too: Hailuo writes its camera commands as "[Push in,Zoom out]".
  std::string cut = v.folded;
  std::replace_if(
      cut.begin(), cut.end(), [](char c) { return c == '[' || c == ']'; }, ',');
  for (const auto& piece : promptport::text::split_fragments(cut)) {
    const auto p = promptport::vocab::classify(piece.text);
    if (p.slot != promptport::vocab::Slot::Subject && p.slot != promptport::vocab::Slot::Style &&
        p.canonical == canonical)
      return true;
  }
  return false;
}

// Writers name artists without the "by " that tag prompts put before them.
bool has_style_term(const Visible& v, const promptport::StyleTerm& t) {
  if (v.has_text(t.text)) return true;
  if (t.kind != promptport::StyleKind::Artist) return false;
  const std::string lower = promptport::text::lower_ascii(t.text);
  for (std::string_view prefix : {"in the style of ", "style by ", "art by ", "by "})
    if (lower.rfind(prefix, 0) == 0)
      return v.has_text(std::string_view(t.text).substr(prefix.size()));
  return false;
}

// A danbooru tag written as prose for a sentence-reading model ("1girl" as "a girl",
// "long_hair" as "long hair") is still visible.
bool has_tag_prose(const Visible& v, const std::string& tag) {
  if (auto prose = promptport::vocab::tag_prose(tag)) return v.has_text(*prose);
  std::string spaced = tag;
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  return spaced != tag && v.has_text(spaced);
}

// Any "W:H" in `s` that reduces to `ratio` ("21:9" shows the IR's 7:3).
bool has_equivalent_ratio(std::string_view s, const std::string& ratio) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != ':' || i == 0 || i + 1 >= s.size()) continue;
    std::size_t b = i, e = i + 1;
    while (b > 0 && std::isdigit(static_cast<unsigned char>(s[b - 1]))) --b;
    while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
    const auto w = promptport::text::parse_int(s.substr(b, i - b));
    const auto h = promptport::text::parse_int(s.substr(i + 1, e - i - 1));
    if (w && h && *w > 0 && *h > 0 && promptport::text::reduce_ratio(*w, *h) == ratio) return true;
  }
  return false;
}

// A string value of the request that is a "WxH" size of that ratio (OpenAI's "1792x1024").
bool has_size_string(const nlohmann::json& j, const std::string& ratio) {
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    const auto x = s.find('x');
    if (x == std::string::npos) return false;
    const auto w = promptport::text::parse_int(std::string_view(s).substr(0, x));
    const auto h = promptport::text::parse_int(std::string_view(s).substr(x + 1));
    return w && h && *w > 0 && *h > 0 && promptport::text::reduce_ratio(*w, *h) == ratio;
  }
  if (j.is_structured())
    for (const auto& item : j)
      if (has_size_string(item, ratio)) return true;
  return false;
}

bool aspect_visible(const Visible& v, const std::string& ratio) {
  if (v.has_string(ratio) || has_equivalent_ratio(v.folded, ratio) ||
      has_equivalent_ratio(v.request.dump(), ratio) || has_size_string(v.request, ratio))
    return true;
  const auto colon = ratio.find(':');
  if (colon == std::string::npos) return false;
  const auto a = promptport::text::parse_int(ratio.substr(0, colon));
  const auto b = promptport::text::parse_int(ratio.substr(colon + 1));
  if (!a || !b) return false;
  // Any object of the request with integer width and height of that ratio: top level
  // (A1111, Flux) or nested (ComfyUI's EmptyLatentImage node, NovelAI's parameters).
  std::vector<const nlohmann::json*> todo{&v.request};
  while (!todo.empty()) {
    const nlohmann::json& r = *todo.back();
    todo.pop_back();
    if (!r.is_structured()) continue;
    if (r.is_object() && r.contains("width") && r.contains("height") &&
        r["width"].is_number_integer() && r["height"].is_number_integer() &&
        r["width"].get<std::int64_t>() * *b == r["height"].get<std::int64_t>() * *a)
      return true;
    for (const auto& child : r) todo.push_back(&child);
  }
  return false;
}

struct LossCheck {
  const Visible& visible;
  const Diagnostics& diags;
  std::string_view target;
  std::vector<std::string> lost;
  // The extensions the target's own reader finds in its output (see unaccounted_items).
  const nlohmann::json* reread = nullptr;

  bool reread_has(const std::string& path, const nlohmann::json& value) const {
    if (!reread || path.rfind("extensions.", 0) != 0) return false;
    std::string pointer;
    for (const char c : path.substr(std::string_view("extensions").size())) {
      if (c == '.')
        pointer += '/';
      else if (c == '~')
        pointer += "~0";
      else if (c == '/')
        pointer += "~1";
      else
        pointer += c;
    }
    const nlohmann::json::json_pointer ptr(pointer);
    return reread->contains(ptr) && reread->at(ptr) == value;
  }

  void expect(bool shown, std::string_view path, const std::string& what) {
    if (!shown && !covered(diags, path))
      lost.push_back(
          fmt::format("{}: {} is neither in the output nor named by a diagnostic "
                      "with field {}",
                      target, what, path));
  }

  void extension_leaf(const nlohmann::json& value, const std::string& path, bool own) {
    // Inline syntax (kit.h): its own writer shows each entry's syntax; a diagnostic about
    // the list covers it for everyone else.
    if (own && path.size() > 7 && path.compare(path.size() - 7, 7, ".inline") == 0 &&
        value.is_array()) {
      for (const auto& entry : value) {
        const std::string syntax = entry.is_object() ? entry.value("syntax", std::string()) : "";
        expect(!syntax.empty() && visible.has_text(syntax), path,
               fmt::format("{} entry {}", path, entry.dump()));
      }
      return;
    }
    if (value.is_object()) {
      for (const auto& [k, v] : value.items()) extension_leaf(v, path + "." + k, own);
      return;
    }
    if (value.is_array()) {
      for (const auto& item : value) extension_leaf(item, path, own);
      return;
    }
    bool shown = false;
    // A foreign platform's setting can only be carried by approximation, which is reported.
    if (own) {
      const std::string key = path.substr(path.rfind('.') + 1);
      if (json_has_entry(visible.request, key, value))
        shown = true;
      else if (value.is_boolean())
        shown = !value.get<bool>() || visible.has_flag(key);
      else if (value.is_null() || (value.is_string() && value.get<std::string>().empty()))
        shown = visible.has_flag(key);
      else if (value.is_number())
        shown = visible.has_number(value.get<double>());
      else if (value.is_string())
        shown = visible.has_string(value.get<std::string>());
      shown = shown || reread_has(path, value);
    }
    expect(shown, path, fmt::format("{} = {}", path, value.dump()));
  }
};

}  // namespace

Case load_case(const std::string& path, const YAML::Node& root, std::vector<std::string>& errors) {
  Case c;
  c.path = path;
  if (!root.IsMap()) {
    errors.push_back(path + ": a case file is a YAML map");
    return c;
  }
  for (const char* key : {"note", "from", "input"})
    if (!root[key]) errors.push_back(fmt::format("{}: missing `{}`", path, key));
  for (const auto& kv : root) {
    static const std::vector<std::string> known = {
        "note", "from", "input", "options", "ir", "records", "parse_diagnostics", "to"};
    const auto key = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end())
      errors.push_back(fmt::format("{}: unknown key `{}`", path, key));
  }
  c.note = optional_string(root, "note").value_or("");
  c.from = optional_string(root, "from").value_or("");
  c.input = optional_string(root, "input").value_or("");
  c.options = read_options(root["options"], path, errors);
  if (root["records"]) {
    c.has_records = true;
    if (root["ir"] || root["to"] || root["parse_diagnostics"])
      errors.push_back(path +
                       ": with `records`, put `ir`, `to` and `parse_diagnostics` in each record");
    if (!root["records"].IsSequence()) {
      errors.push_back(path + ": `records` must be a list");
      return c;
    }
    for (std::size_t i = 0; i < root["records"].size(); ++i)
      c.records.push_back(read_record(root["records"][i], c.options,
                                      fmt::format("{}: records[{}]", path, i), errors));
  } else {
    if (!root["ir"]) errors.push_back(path + ": missing `ir` (the complete expected IR)");
    c.records.push_back(read_record(root, c.options, path, errors));
  }
  return c;
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& kv : node) j[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& item : node) j.push_back(yaml_to_json(item));
      return j;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted: always a string
      if (s == "true") return true;
      if (s == "false") return false;
      if (s == "null" || s == "~" || s.empty()) return nullptr;
      if (auto i = promptport::text::parse_int(s)) return *i;
      if (auto d = promptport::text::parse_double(s)) return *d;
      return s;
    }
    default:
      return nullptr;
  }
}

std::string diagnostic_key(const promptport::Diagnostic& d) {
  std::string key(promptport::code_name(d.code));
  if (!d.field.empty()) key += " " + d.field;
  return key;
}

std::vector<std::string> diagnostic_keys(const Diagnostics& diags) {
  std::vector<std::string> keys;
  for (const auto& d : diags) keys.push_back(diagnostic_key(d));
  return keys;
}

std::vector<std::string> multiset_difference(std::vector<std::string> expected,
                                             std::vector<std::string> actual) {
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  std::vector<std::string> missing, extra, lines;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  for (const auto& m : missing) lines.push_back("missing:    " + m);
  for (const auto& e : extra) lines.push_back("unexpected: " + e);
  return lines;
}

void compare_subset(const nlohmann::json& expected, const nlohmann::json& actual,
                    const std::string& path, std::vector<std::string>& problems) {
  const std::string where = path.empty() ? "request" : path;
  if (expected.is_object()) {
    if (!actual.is_object()) {
      problems.push_back(fmt::format("{}: expected a map, got {}", where, actual.dump()));
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      const std::string sub = path.empty() ? key : path + "." + key;
      if (!actual.contains(key)) {
        if (!value.is_null()) problems.push_back(fmt::format("{}: missing", sub));
        continue;
      }
      compare_subset(value, actual[key], sub, problems);
    }
    return;
  }
  if (expected.is_null()) {
    if (!actual.is_null())
      problems.push_back(fmt::format("{}: expected absent, got {}", where, actual.dump()));
    return;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      problems.push_back(
          fmt::format("{}: expected {}, got {}", where, expected.dump(), actual.dump()));
      return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i)
      compare_subset(expected[i], actual[i], fmt::format("{}[{}]", where, i), problems);
    return;
  }
  const bool equal = expected.is_number() && actual.is_number()
                         ? std::fabs(expected.get<double>() - actual.get<double>()) < 1e-6
                         : expected == actual;
  if (!equal)
    problems.push_back(
        fmt::format("{}: expected {}, got {}", where, expected.dump(), actual.dump()));
}

std::vector<std::string> unaccounted_items(const Prompt& ir, const promptport::Emitted& out,
                                           const Diagnostics& diags, std::string_view target) {
  namespace vocab = promptport::vocab;
  // The `text` format carries what only a person pastes (A1111 infotext keys, comment lines);
  // backslash escapes (`\(` in A1111 and ComfyUI) are read as the characters they stand for.
  const Visible v{
      unescape(promptport::text::fold(out.prompt + "\n" + out.negative_prompt + "\n" + out.text)),
      out.request};
  LossCheck check{v, diags, target, {}};
  // A platform's own way of writing a value that this check cannot see by text (Wan's
  // Chinese "近景" for a shot, "Frames: 49" for 3 s): visible when the target's own reader
  // reads its output back to the same value.
  Prompt own;
  if (const promptport::Dialect* d = promptport::builtin_registry().find(target)) {
    Diagnostics ignored;
    own = d->parse(out.text.empty() ? out.prompt : out.text, {}, ignored);
  }
  check.reread = &own.extensions;
  for (const auto& t : ir.subject)
    check.expect(v.has_text(t.text) || has_tag_prose(v, t.text), "subject",
                 fmt::format("subject term '{}'", t.text));
  for (const auto& t : ir.style)
    check.expect(has_style_term(v, t), "style",
                 fmt::format("style term '{}' ({})", t.text, promptport::to_string(t.kind)));
  const auto& cam = ir.camera;
  if (!cam.shot.empty())
    check.expect(
        has_canonical(v, cam.shot, vocab::shot_phrase(cam.shot)) || own.camera.shot == cam.shot,
        "camera.shot", fmt::format("camera shot '{}'", cam.shot));
  if (!cam.angle.empty())
    check.expect(has_canonical(v, cam.angle, vocab::angle_phrase(cam.angle)) ||
                     own.camera.angle == cam.angle,
                 "camera.angle", fmt::format("camera angle '{}'", cam.angle));
  if (!cam.lens.empty())
    check.expect(v.has_text(cam.lens), "camera.lens", fmt::format("camera lens '{}'", cam.lens));
  for (const auto& m : cam.moves)
    check.expect(has_canonical(v, m.move, vocab::move_phrase(m.move)) ||
                     std::any_of(own.camera.moves.begin(), own.camera.moves.end(),
                                 [&](const auto& o) { return o.move == m.move; }),
                 "camera.moves", fmt::format("camera move '{}'", m.move));
  for (const auto& t : cam.terms)
    check.expect(v.has_text(t.text), "camera.terms", fmt::format("camera term '{}'", t.text));
  for (const auto& t : ir.motion)
    check.expect(v.has_text(t.text), "motion", fmt::format("motion term '{}'", t.text));
  if (!ir.motion_intensity.empty())
    check.expect(v.has_text(ir.motion_intensity), "motion_intensity",
                 fmt::format("motion intensity '{}'", ir.motion_intensity));
  for (const auto& t : ir.negative)
    check.expect(v.has_text(t.text), "negative", fmt::format("negative term '{}'", t.text));

  const auto& p = ir.params;
  if (p.aspect_ratio)
    check.expect(aspect_visible(v, *p.aspect_ratio), "params.aspect_ratio",
                 "params.aspect_ratio " + *p.aspect_ratio);
  auto number = [&](const auto& value, const auto& reread, const char* name) {
    if (value)
      check.expect(v.has_number(static_cast<double>(*value)) ||
                       (reread && std::fabs(static_cast<double>(*reread) -
                                            static_cast<double>(*value)) < 1e-6),
                   std::string("params.") + name,
                   fmt::format("params.{} {}", name, promptport::text::format_number(*value)));
  };
  const auto& q = own.params;
  number(p.width, q.width, "width");
  number(p.height, q.height, "height");
  number(p.seed, q.seed, "seed");
  number(p.duration_s, q.duration_s, "duration_s");
  number(p.steps, q.steps, "steps");
  number(p.guidance, q.guidance, "guidance");
  if (p.quality)
    check.expect(v.has_string(*p.quality), "params.quality", "params.quality " + *p.quality);

  for (const auto& r : ir.references)
    check.expect(v.has_string(r.uri), "references",
                 fmt::format("{} reference {}", promptport::to_string(r.kind), r.uri));
  // A LoRA may be carried as a file name in a request (ComfyUI's LoraLoader "x.safetensors").
  for (const auto& l : ir.loras)
    check.expect(v.has_string(l.name) || v.has_string(l.name + ".safetensors"), "loras",
                 "lora " + l.name);
  for (const auto& d : ir.audio.dialogue)
    check.expect(v.has_text(d.line), "audio", "dialogue line '" + d.line + "'");
  for (const auto& s : ir.audio.sfx)
    check.expect(v.has_text(s), "audio", "sound effect '" + s + "'");
  for (const auto& s : ir.audio.ambience)
    check.expect(v.has_text(s), "audio", "ambience '" + s + "'");

  if (ir.extensions.is_object())
    for (const auto& [dialect, settings] : ir.extensions.items())
      check.extension_leaf(settings, "extensions." + dialect, dialect == target);
  return check.lost;
}

namespace {

// yaml-cpp's own emitter drops the quotes of quoted scalars ("7" would come back as 7), so
// --accept writes documents with this walker: quoted stays quoted, flow stays flow.
void emit_node(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& kv : node) {
        out << YAML::Key;
        emit_node(out, kv.first);
        out << YAML::Value;
        emit_node(out, kv.second);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence:
      if (node.Style() == YAML::EmitterStyle::Flow || node.size() == 0) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node) emit_node(out, item);
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Scalar:
      // yaml-cpp writes `|`, which adds a final newline: only text ending in one is literal.
      if (node.Scalar().find('\n') != std::string::npos && node.Scalar().back() == '\n')
        out << YAML::Literal;
      else if (node.Tag() == "!" || node.Scalar().find('\n') != std::string::npos)
        out << YAML::DoubleQuoted;
      out << node.Scalar();
      break;
    default:
      out << YAML::Null;
  }
}

}  // namespace

std::string dump_document(const YAML::Node& root) {
  YAML::Emitter out;
  emit_node(out, root);
  return std::string(out.c_str()) + "\n";
}

YAML::Node quoted(const std::string& s) {
  YAML::Node node(s);
  node.SetTag("!");
  return node;
}

YAML::Node ir_node(const Prompt& ir) {
  YAML::Node node = YAML::Load(promptport::to_yaml(ir));
  node.remove("version");
  node.remove("source");
  return node;
}

}  // namespace corpus
