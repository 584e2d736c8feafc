// The IR's JSON form: writing, and reading back with every problem reported.
#include <fmt/format.h>

#include "promptport/serialize.h"
#include "promptport/text.h"

namespace promptport {
namespace {

using nlohmann::json;

json span_json(const Span& s) { return json::array({s.begin, s.end}); }

json term_json(const Term& t) {
  json j = {{"text", t.text}, {"weight", t.weight}};
  if (t.span) j["span"] = span_json(*t.span);
  if (t.joined) j["joined"] = true;
  return j;
}

json terms_json(const std::vector<Term>& terms) {
  json a = json::array();
  for (const auto& t : terms) a.push_back(term_json(t));
  return a;
}

// Reading: every getter reports a bad value and leaves the default.
class Reader {
 public:
  explicit Reader(Diagnostics& diags) : diags_(diags) {}

  void bad(const std::string& field, const std::string& what) {
    report(diags_, Code::InvalidInput, Severity::Warning,
           fmt::format("IR field '{}': {}; ignored", field, what), field);
  }

  std::optional<std::string> str(const json& j, const std::string& field) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_number() || j.is_boolean()) return j.dump();
    bad(field, "expected a string");
    return std::nullopt;
  }
  std::optional<double> num(const json& j, const std::string& field) {
    if (j.is_number()) return j.get<double>();
    if (j.is_string())
      if (auto v = text::parse_double(j.get<std::string>())) return v;
    bad(field, "expected a number");
    return std::nullopt;
  }
  std::optional<std::int64_t> integer(const json& j, const std::string& field) {
    if (j.is_number_integer()) return j.get<std::int64_t>();
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
    }
    if (j.is_number_float()) {
      const double d = j.get<double>();
      if (d == static_cast<double>(static_cast<std::int64_t>(d)))
        return static_cast<std::int64_t>(d);
    }
    if (j.is_string())
      if (auto v = text::parse_int(j.get<std::string>())) return v;
    bad(field, "expected an integer");
    return std::nullopt;
  }
  std::optional<Span> span(const json& j, const std::string& field) {
    auto offset = [](const json& v) -> std::optional<std::uint32_t> {
      if (!v.is_number_integer()) return std::nullopt;
      const auto i = v.get<std::int64_t>();
      if (i < 0 || i > static_cast<std::int64_t>(UINT32_MAX)) return std::nullopt;
      return static_cast<std::uint32_t>(i);
    };
    if (j.is_array() && j.size() == 2) {
      const auto b = offset(j[0]), e = offset(j[1]);
      if (b && e && *b <= *e) return Span{*b, *e};
    }
    bad(field, "expected [begin, end]");
    return std::nullopt;
  }

  // Fills the Term part of a term object; returns false when the item is unusable.
  bool term(const json& j, const std::string& field, Term& t) {
    if (j.is_string()) {
      t.text = j.get<std::string>();
      return true;
    }
    if (!j.is_object()) {
      bad(field, "expected a term ({text, weight})");
      return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (key == "text") {
        if (auto s = str(*it, field + ".text")) t.text = *s;
      } else if (key == "weight") {
        if (auto w = num(*it, field + ".weight")) t.weight = *w;
      } else if (key == "span") {
        t.span = span(*it, field + ".span");
      } else if (key == "joined") {
        if (it->is_boolean())
          t.joined = it->get<bool>();
        else
          bad(field + ".joined", "expected true or false");
      } else if (key != "kind") {
        bad(field + "." + key, "unknown field");
      }
    }
    return true;
  }

  std::vector<Term> terms(const json& j, const std::string& field) {
    std::vector<Term> out;
    if (!j.is_array()) {
      bad(field, "expected a list");
      return out;
    }
    for (const auto& item : j) {
      Term t;
      if (term(item, field, t)) out.push_back(std::move(t));
    }
    return out;
  }

  std::vector<std::string> strings(const json& j, const std::string& field) {
    std::vector<std::string> out;
    if (!j.is_array()) {
      bad(field, "expected a list of strings");
      return out;
    }
    for (const auto& item : j)
      if (auto s = str(item, field)) out.push_back(*s);
    return out;
  }

 private:
  Diagnostics& diags_;
};

void read_style(Reader& r, const json& j, Prompt& ir) {
  if (!j.is_array()) return r.bad("style", "expected a list");
  for (const auto& item : j) {
    StyleTerm t;
    if (!r.term(item, "style", t)) continue;
    if (item.is_object() && item.contains("kind")) {
      auto name = r.str(item["kind"], "style.kind");
      auto kind = name ? style_kind_from_string(*name) : std::nullopt;
      if (name && !kind) r.bad("style.kind", "unknown kind '" + *name + "'");
      t.kind = kind.value_or(StyleKind::Other);
    }
    ir.style.push_back(std::move(t));
  }
}

void read_camera(Reader& r, const json& j, Camera& cam) {
  if (!j.is_object()) return r.bad("camera", "expected a mapping");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const std::string field = "camera." + key;
    if (key == "shot") {
      cam.shot = r.str(*it, field).value_or("");
    } else if (key == "angle") {
      cam.angle = r.str(*it, field).value_or("");
    } else if (key == "lens") {
      cam.lens = r.str(*it, field).value_or("");
    } else if (key == "terms") {
      cam.terms = r.terms(*it, field);
    } else if (key == "moves") {
      if (!it->is_array()) {
        r.bad(field, "expected a list");
        continue;
      }
      for (const auto& m : *it) {
        CameraMove move;
        if (m.is_string()) {
          move.move = m.get<std::string>();
        } else if (m.is_object()) {
          for (auto mt = m.begin(); mt != m.end(); ++mt) {
            if (mt.key() == "move")
              move.move = r.str(*mt, field + ".move").value_or("");
            else if (mt.key() == "speed")
              move.speed = r.str(*mt, field + ".speed").value_or("");
            else if (mt.key() == "span")
              move.span = r.span(*mt, field + ".span");
            else
              r.bad(field + "." + mt.key(), "unknown field");
          }
        } else {
          r.bad(field, "expected {move, speed}");
          continue;
        }
        cam.moves.push_back(std::move(move));
      }
    } else {
      r.bad(field, "unknown field");
    }
  }
}

void read_params(Reader& r, const json& j, Params& p) {
  if (!j.is_object()) return r.bad("params", "expected a mapping");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const std::string field = "params." + key;
    if (key == "aspect_ratio")
      p.aspect_ratio = r.str(*it, field);
    else if (key == "width")
      p.width = r.integer(*it, field);
    else if (key == "height")
      p.height = r.integer(*it, field);
    else if (key == "seed")
      p.seed = r.integer(*it, field);
    else if (key == "duration_s")
      p.duration_s = r.num(*it, field);
    else if (key == "steps")
      p.steps = r.integer(*it, field);
    else if (key == "guidance")
      p.guidance = r.num(*it, field);
    else if (key == "quality")
      p.quality = r.str(*it, field);
    else
      r.bad(field, "unknown field");
  }
}

void read_references(Reader& r, const json& j, Prompt& ir) {
  if (!j.is_array()) return r.bad("references", "expected a list");
  for (const auto& item : j) {
    if (!item.is_object()) {
      r.bad("references", "expected {kind, uri, weight}");
      continue;
    }
    Reference ref;
    for (auto it = item.begin(); it != item.end(); ++it) {
      if (it.key() == "kind") {
        auto name = r.str(*it, "references.kind");
        auto kind = name ? reference_kind_from_string(*name) : std::nullopt;
        if (name && !kind) r.bad("references.kind", "unknown kind '" + *name + "'");
        ref.kind = kind.value_or(ReferenceKind::Image);
      } else if (it.key() == "uri") {
        ref.uri = r.str(*it, "references.uri").value_or("");
      } else if (it.key() == "weight") {
        ref.weight = r.num(*it, "references.weight");
      } else if (it.key() == "span") {
        ref.span = r.span(*it, "references.span");
      } else {
        r.bad("references." + it.key(), "unknown field");
      }
    }
    ir.references.push_back(std::move(ref));
  }
}

void read_loras(Reader& r, const json& j, Prompt& ir) {
  if (!j.is_array()) return r.bad("loras", "expected a list");
  for (const auto& item : j) {
    if (!item.is_object()) {
      r.bad("loras", "expected {name, weight}");
      continue;
    }
    Lora lora;
    for (auto it = item.begin(); it != item.end(); ++it) {
      if (it.key() == "name")
        lora.name = r.str(*it, "loras.name").value_or("");
      else if (it.key() == "weight")
        lora.weight = r.num(*it, "loras.weight").value_or(1.0);
      else
        r.bad("loras." + it.key(), "unknown field");
    }
    ir.loras.push_back(std::move(lora));
  }
}

void read_audio(Reader& r, const json& j, Audio& audio) {
  if (!j.is_object()) return r.bad("audio", "expected a mapping");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "sfx") {
      audio.sfx = r.strings(*it, "audio.sfx");
    } else if (it.key() == "ambience") {
      audio.ambience = r.strings(*it, "audio.ambience");
    } else if (it.key() == "dialogue") {
      if (!it->is_array()) {
        r.bad("audio.dialogue", "expected a list");
        continue;
      }
      for (const auto& item : *it) {
        Dialogue d;
        if (item.is_object()) {
          if (item.contains("speaker"))
            d.speaker = r.str(item["speaker"], "audio.dialogue.speaker").value_or("");
          if (item.contains("line"))
            d.line = r.str(item["line"], "audio.dialogue.line").value_or("");
        } else if (item.is_string()) {
          d.line = item.get<std::string>();
        } else {
          r.bad("audio.dialogue", "expected {speaker, line}");
          continue;
        }
        audio.dialogue.push_back(std::move(d));
      }
    } else {
      r.bad("audio." + it.key(), "unknown field");
    }
  }
}

}  // namespace

nlohmann::json to_json(const Prompt& ir) {
  json j = json::object();
  j["version"] = ir.version;
  if (ir.source) j["source"] = {{"dialect", ir.source->dialect}, {"text", ir.source->text}};
  if (!ir.subject.empty()) j["subject"] = terms_json(ir.subject);
  if (!ir.style.empty()) {
    json a = json::array();
    for (const auto& t : ir.style) {
      json item = term_json(t);
      item["kind"] = to_string(t.kind);
      a.push_back(std::move(item));
    }
    j["style"] = std::move(a);
  }
  if (!ir.camera.empty()) {
    json cam = json::object();
    if (!ir.camera.shot.empty()) cam["shot"] = ir.camera.shot;
    if (!ir.camera.angle.empty()) cam["angle"] = ir.camera.angle;
    if (!ir.camera.lens.empty()) cam["lens"] = ir.camera.lens;
    if (!ir.camera.moves.empty()) {
      json moves = json::array();
      for (const auto& m : ir.camera.moves) {
        json item = {{"move", m.move}};
        if (!m.speed.empty()) item["speed"] = m.speed;
        if (m.span) item["span"] = span_json(*m.span);
        moves.push_back(std::move(item));
      }
      cam["moves"] = std::move(moves);
    }
    if (!ir.camera.terms.empty()) cam["terms"] = terms_json(ir.camera.terms);
    j["camera"] = std::move(cam);
  }
  if (!ir.motion.empty()) j["motion"] = terms_json(ir.motion);
  if (!ir.motion_intensity.empty()) j["motion_intensity"] = ir.motion_intensity;
  if (!ir.negative.empty()) j["negative"] = terms_json(ir.negative);
  if (!ir.params.empty()) {
    const Params& p = ir.params;
    json params = json::object();
    if (p.aspect_ratio) params["aspect_ratio"] = *p.aspect_ratio;
    if (p.width) params["width"] = *p.width;
    if (p.height) params["height"] = *p.height;
    if (p.seed) params["seed"] = *p.seed;
    if (p.duration_s) params["duration_s"] = *p.duration_s;
    if (p.steps) params["steps"] = *p.steps;
    if (p.guidance) params["guidance"] = *p.guidance;
    if (p.quality) params["quality"] = *p.quality;
    j["params"] = std::move(params);
  }
  if (!ir.references.empty()) {
    json a = json::array();
    for (const auto& r : ir.references) {
      json item = {{"kind", to_string(r.kind)}, {"uri", r.uri}};
      if (r.weight) item["weight"] = *r.weight;
      if (r.span) item["span"] = span_json(*r.span);
      a.push_back(std::move(item));
    }
    j["references"] = std::move(a);
  }
  if (!ir.loras.empty()) {
    json a = json::array();
    for (const auto& l : ir.loras) a.push_back({{"name", l.name}, {"weight", l.weight}});
    j["loras"] = std::move(a);
  }
  if (!ir.audio.empty()) {
    json audio = json::object();
    if (!ir.audio.dialogue.empty()) {
      json a = json::array();
      for (const auto& d : ir.audio.dialogue)
        a.push_back({{"speaker", d.speaker}, {"line", d.line}});
      audio["dialogue"] = std::move(a);
    }
    if (!ir.audio.sfx.empty()) audio["sfx"] = ir.audio.sfx;
    if (!ir.audio.ambience.empty()) audio["ambience"] = ir.audio.ambience;
    j["audio"] = std::move(audio);
  }
  if (ir.extensions.is_object() && !ir.extensions.empty()) j["extensions"] = ir.extensions;
  return j;
}

Prompt prompt_from_json(const nlohmann::json& j, Diagnostics& diags) {
  Prompt ir;
  Reader r(diags);
  if (!j.is_object()) {
    report(diags, Code::InvalidInput, Severity::Error, "an IR document must be a mapping");
    return ir;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const json& v = *it;
    if (key == "version") {
      auto version = r.integer(v, "version");
      if (version && *version != 1)
        report(diags, Code::InvalidInput, Severity::Warning,
               fmt::format("IR version {} is newer than this promptport (1); read as version 1",
                           *version),
               "version");
    } else if (key == "source") {
      if (!v.is_object()) {
        r.bad("source", "expected {dialect, text}");
        continue;
      }
      Source s;
      if (v.contains("dialect")) s.dialect = r.str(v["dialect"], "source.dialect").value_or("");
      if (v.contains("text")) s.text = r.str(v["text"], "source.text").value_or("");
      ir.source = std::move(s);
    } else if (key == "subject") {
      ir.subject = r.terms(v, "subject");
    } else if (key == "style") {
      read_style(r, v, ir);
    } else if (key == "camera") {
      read_camera(r, v, ir.camera);
    } else if (key == "motion") {
      ir.motion = r.terms(v, "motion");
    } else if (key == "motion_intensity") {
      ir.motion_intensity = r.str(v, "motion_intensity").value_or("");
    } else if (key == "negative") {
      ir.negative = r.terms(v, "negative");
    } else if (key == "params") {
      read_params(r, v, ir.params);
    } else if (key == "references") {
      read_references(r, v, ir);
    } else if (key == "loras") {
      read_loras(r, v, ir);
    } else if (key == "audio") {
      read_audio(r, v, ir.audio);
    } else if (key == "extensions") {
      if (v.is_object())
        ir.extensions = v;
      else if (!v.is_null())
        r.bad("extensions", "expected a mapping");
    } else {
      r.bad(key, "unknown field");
    }
  }
  return ir;
}

}  // namespace promptport
