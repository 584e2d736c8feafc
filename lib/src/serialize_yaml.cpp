// The IR's YAML form (the default output of `promptport parse`), via yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <cmath>

#include "promptport/serialize.h"
#include "promptport/text.h"

namespace promptport {
namespace {

using nlohmann::json;

// A plain scalar that YAML would read back as a number, bool or null must be quoted to
// stay a string.
bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (text::parse_double(s)) return true;
  // YAML 1.1 readers take "16:9" as a base-60 integer; quote ratios for them.
  if (s.find_first_not_of("0123456789:") == std::string_view::npos) return true;
  static constexpr std::string_view kSpecial[] = {
      "true", "false", "yes",  "no",   "on", "off", "null", "~", "True", "False", "Yes",  "No",
      "TRUE", "FALSE", "NULL", "Null", "y",  "n",   "Y",    "N", ".inf", ".nan",  "-.inf"};
  for (auto special : kSpecial)
    if (s == special) return true;
  return false;
}

void emit_string(YAML::Emitter& out, const std::string& s) {
  if (needs_quotes(s)) out << YAML::DoubleQuoted;
  out << s;
}

void emit_number(YAML::Emitter& out, double v) { out << text::format_number(v); }

void emit_json(YAML::Emitter& out, const json& j) {
  switch (j.type()) {
    case json::value_t::object:
      out << YAML::BeginMap;
      for (auto it = j.begin(); it != j.end(); ++it) {
        out << YAML::Key << it.key() << YAML::Value;
        emit_json(out, *it);
      }
      out << YAML::EndMap;
      break;
    case json::value_t::array:
      out << YAML::Flow << YAML::BeginSeq;
      for (const auto& item : j) emit_json(out, item);
      out << YAML::EndSeq;
      break;
    case json::value_t::string:
      emit_string(out, j.get<std::string>());
      break;
    case json::value_t::boolean:
      out << (j.get<bool>() ? "true" : "false");
      break;
    case json::value_t::number_integer:
      out << j.get<std::int64_t>();
      break;
    case json::value_t::number_unsigned:
      out << j.get<std::uint64_t>();
      break;
    case json::value_t::number_float:
      emit_number(out, j.get<double>());
      break;
    default:
      out << YAML::Null;
  }
}

void emit_term_fields(YAML::Emitter& out, const Term& t, const DumpOptions& options) {
  out << YAML::Key << "text" << YAML::Value;
  emit_string(out, t.text);
  if (t.weight != 1.0) {
    out << YAML::Key << "weight" << YAML::Value;
    emit_number(out, t.weight);
  }
  if (t.joined) out << YAML::Key << "joined" << YAML::Value << true;
  if (options.spans && t.span)
    out << YAML::Key << "span" << YAML::Value << YAML::Flow << YAML::BeginSeq << t.span->begin
        << t.span->end << YAML::EndSeq;
}

void emit_terms(YAML::Emitter& out, const char* key, const std::vector<Term>& terms,
                const DumpOptions& options) {
  if (terms.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
  for (const auto& t : terms) {
    out << YAML::Flow << YAML::BeginMap;
    emit_term_fields(out, t, options);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

// Scalars: quoted ones are strings; plain ones resolve like YAML 1.2's core schema.
json scalar_json(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return s;
  if (s == "null" || s == "~" || s.empty()) return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (auto i = text::parse_int(s)) return *i;
  if (auto d = text::parse_double(s)) return *d;
  return s;
}

// Iterative depth guard: a hostile document must not overflow the stack.
json node_json(const YAML::Node& node, int depth) {
  if (depth > 64) throw YAML::Exception(YAML::Mark::null_mark(), "document nested too deeply");
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json j = json::object();
      for (const auto& kv : node) j[kv.first.as<std::string>()] = node_json(kv.second, depth + 1);
      return j;
    }
    case YAML::NodeType::Sequence: {
      json j = json::array();
      for (const auto& item : node) j.push_back(node_json(item, depth + 1));
      return j;
    }
    case YAML::NodeType::Scalar:
      return scalar_json(node);
    default:
      return nullptr;
  }
}

}  // namespace

std::string to_yaml(const Prompt& ir, const DumpOptions& options) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "version" << YAML::Value << ir.version;
  if (ir.source) {
    out << YAML::Key << "source" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "dialect" << YAML::Value;
    emit_string(out, ir.source->dialect);
    out << YAML::Key << "text" << YAML::Value;
    emit_string(out, ir.source->text);
    out << YAML::EndMap;
  }
  emit_terms(out, "subject", ir.subject, options);
  if (!ir.style.empty()) {
    out << YAML::Key << "style" << YAML::Value << YAML::BeginSeq;
    for (const auto& t : ir.style) {
      out << YAML::Flow << YAML::BeginMap;
      emit_term_fields(out, t, options);
      out << YAML::Key << "kind" << YAML::Value << std::string(to_string(t.kind));
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!ir.camera.empty()) {
    const Camera& cam = ir.camera;
    out << YAML::Key << "camera" << YAML::Value << YAML::BeginMap;
    if (!cam.shot.empty()) out << YAML::Key << "shot" << YAML::Value << cam.shot;
    if (!cam.angle.empty()) out << YAML::Key << "angle" << YAML::Value << cam.angle;
    if (!cam.lens.empty()) {
      out << YAML::Key << "lens" << YAML::Value;
      emit_string(out, cam.lens);
    }
    if (!cam.moves.empty()) {
      out << YAML::Key << "moves" << YAML::Value << YAML::BeginSeq;
      for (const auto& m : cam.moves) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "move" << YAML::Value << m.move;
        if (!m.speed.empty()) out << YAML::Key << "speed" << YAML::Value << m.speed;
        out << YAML::EndMap;
      }
      out << YAML::EndSeq;
    }
    emit_terms(out, "terms", cam.terms, options);
    out << YAML::EndMap;
  }
  emit_terms(out, "motion", ir.motion, options);
  if (!ir.motion_intensity.empty())
    out << YAML::Key << "motion_intensity" << YAML::Value << ir.motion_intensity;
  emit_terms(out, "negative", ir.negative, options);
  // Params, references, loras, audio and extensions share the JSON shape exactly.
  const json j = to_json(ir);
  for (const char* key : {"params", "references", "loras", "audio", "extensions"}) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    json value = *it;
    if (!options.spans && value.is_array())
      for (auto& item : value)
        if (item.is_object()) item.erase("span");
    out << YAML::Key << key << YAML::Value;
    if (value.is_array()) {
      out << YAML::BeginSeq;
      for (const auto& item : value) {
        out << YAML::Flow;
        emit_json(out, item);
      }
      out << YAML::EndSeq;
    } else {
      emit_json(out, value);
    }
  }
  out << YAML::EndMap;
  std::string s = out.c_str();
  s += '\n';
  return s;
}

Prompt prompt_from_yaml(std::string_view text, Diagnostics& diags) {
  json j;
  try {
    const YAML::Node node = YAML::Load(std::string(text));
    j = node_json(node, 0);
  } catch (const YAML::Exception& e) {
    report(diags, Code::InvalidInput, Severity::Error,
           std::string("not a valid IR document: ") + e.what());
    return Prompt{};
  }
  return prompt_from_json(j, diags);
}

}  // namespace promptport
