// The Ideogram writer: one line of prompt pieces, the text format and the v3 request.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "common/source_weights.h"
#include "common/tag_prose.h"
#include "common/video.h"
#include "ideogram/ideogram_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::ideogram {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

// The prompt is one line: line breaks and tabs become spaces; nothing else changes, so
// quoted text keeps every byte (runs of spaces included).
std::string one_line(std::string_view s) {
  std::string out(text::trim(s));
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

bool ends_sentence(std::string_view s) {
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

// A bare name from another platform's prose ("in the style of Winslow Homer" read as
// "Winslow Homer") reads as a subject; "by" keeps it an artist.
std::string artist_text(std::string name) {
  const std::string folded = " " + text::lower_ascii(name);
  if (folded.find(" by ") != std::string::npos || folded.find("style of") != std::string::npos)
    return name;
  return "by " + name;
}

// The words of a camera slot: "close-up shot", "low angle", "35mm".
std::string camera_slot(kit::Placed::Kind kind, const Camera& cam) {
  if (kind == kit::Placed::Kind::Shot) {
    const std::string_view p = vocab::shot_phrase(cam.shot);
    return std::string(p.empty() ? std::string_view(cam.shot) : p);
  }
  if (kind == kit::Placed::Kind::Angle) {
    // "POV": "first-person point of view" does not read back as the angle.
    std::string_view p = cam.angle == "pov" ? "POV" : vocab::angle_phrase(cam.angle);
    for (std::string_view article : {"a ", "an "})
      if (p.substr(0, article.size()) == article) p.remove_prefix(article.size());
    return std::string(p.empty() ? std::string_view(cam.angle) : p);
  }
  return one_line(cam.lens);
}

struct Item {
  std::string text;
  double weight = 1.0;
  std::string_view field;  // "subject", "style", "camera.terms", "" for camera slots
};

// The positive pieces in writing order (the source's when it has one), quality boosters
// left out (dropped-term info each).
std::vector<Item> items_of(const Prompt& ir, Diagnostics& diags) {
  const bool tags = dialects::source_weight_model(ir, WeightModel::None) == WeightModel::Scale;
  // Ideogram's own terms (or a hand-made IR) are written as they were read, for the round
  // trip.
  const bool own = !ir.source || ir.source->dialect == "ideogram";
  std::vector<Item> out;
  for (const kit::Placed& p : kit::writing_order(ir)) {
    switch (p.kind) {
      case kit::Placed::Kind::Subject: {
        const Term& t = ir.subject[p.index];
        out.push_back({dialects::tag_as_prose(one_line(t.text), tags), t.weight, "subject"});
        break;
      }
      case kit::Placed::Kind::Style: {
        const StyleTerm& t = ir.style[p.index];
        if (vocab::is_quality_booster(t.text)) {
          report(diags, Code::DroppedTerm, Severity::Info,
                 fmt::format("quality booster \"{}\" dropped; Ideogram follows descriptions, "
                             "not tags",
                             one_line(t.text)),
                 "style", t.span);
          continue;
        }
        std::string text = dialects::tag_as_prose(one_line(t.text), tags);
        if (t.kind == StyleKind::Artist && !own) text = artist_text(std::move(text));
        out.push_back({std::move(text), t.weight, "style"});
        break;
      }
      case kit::Placed::Kind::CameraTerm: {
        const Term& t = ir.camera.terms[p.index];
        out.push_back({one_line(t.text), t.weight, "camera.terms"});
        break;
      }
      case kit::Placed::Kind::Shot:
      case kit::Placed::Kind::Angle:
      case kit::Placed::Kind::Lens:
        out.push_back({camera_slot(p.kind, ir.camera), 1.0, ""});
        break;
      case kit::Placed::Kind::Move:
        break;  // not asked for (OrderOptions::moves is off)
    }
  }
  std::erase_if(out, [](const Item& i) { return i.text.empty(); });
  return out;
}

// Ideogram has no weight syntax: heavier pieces go first (stable, so equal weights keep
// their order), one approximated-weight info for each field that had weights.
void order_by_weight(std::vector<Item>& items, Diagnostics& diags) {
  for (std::string_view field : {"subject", "style", "camera.terms"}) {
    const bool weighted = std::any_of(items.begin(), items.end(), [&](const Item& i) {
      return i.field == field && i.weight != 1.0;
    });
    if (weighted)
      report(diags, Code::ApproximatedWeight, Severity::Info,
             fmt::format("{} weights became word order (heavier first); Ideogram has no weight "
                         "syntax",
                         field),
             std::string(field));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.weight > b.weight; });
}

// Pieces joined with ", "; after a piece that ends a sentence, with a space.
std::string join_items(const std::vector<Item>& items) {
  std::string out;
  for (const Item& i : items) {
    if (!out.empty()) out += ends_sentence(out) ? " " : ", ";
    out += i.text;
  }
  return out;
}

// What a still image cannot show: camera moves, motion and its intensity.
void report_motion(const Prompt& ir, Diagnostics& diags) {
  if (!ir.camera.moves.empty()) {
    std::vector<std::string> moves;
    for (const auto& m : ir.camera.moves) moves.push_back(video::move_text(m));
    report(diags, Code::DroppedMotion, Severity::Warning,
           fmt::format("camera moves ({}) dropped; Ideogram makes still images",
                       video::join(moves, ", ")),
           "camera.moves", ir.camera.moves.front().span);
  }
  if (!ir.motion.empty()) {
    std::vector<std::string> what;
    for (const auto& t : ir.motion) what.push_back("\"" + t.text + "\"");
    report(diags, Code::DroppedMotion, Severity::Warning,
           fmt::format("motion ({}) dropped; Ideogram makes still images", video::join(what, ", ")),
           "motion", ir.motion.front().span);
  }
  if (!ir.motion_intensity.empty())
    report(diags, Code::DroppedMotion, Severity::Warning,
           fmt::format("motion intensity '{}' dropped; Ideogram makes still images",
                       ir.motion_intensity),
           "motion_intensity");
}

// The negative prompt: its pieces joined with ", ", their weights not written (one
// approximated-weight info when some differ from 1).
std::string negative_text(const Prompt& ir, Diagnostics& diags) {
  std::vector<std::string> items;
  bool weighted = false;
  for (const auto& p : kit::phrases(ir.negative)) {
    items.push_back(one_line(p.text));
    weighted = weighted || p.weight != 1.0;
  }
  if (weighted)
    report(diags, Code::ApproximatedWeight, Severity::Info,
           "negative weights are not written; Ideogram's negative_prompt has no weight syntax",
           "negative");
  return video::join(items, ", ");
}

// extensions.ideogram.<key> when it is one of `allowed` (upper-cased), else "".
std::string extension_enum(const Prompt& ir, const char* key,
                           const std::vector<std::string_view>& allowed) {
  const auto& ext = ir.extensions;
  if (!ext.contains("ideogram") || !ext["ideogram"].is_object()) return "";
  const auto& own = ext["ideogram"];
  if (!own.contains(key) || !own[key].is_string()) return "";
  return enum_value(own[key].get<std::string>(), allowed);
}

std::string x_form(std::string ratio) {
  std::replace(ratio.begin(), ratio.end(), ':', 'x');
  return ratio;
}

}  // namespace

Emitted write(const Prompt& source_ir, const Settings& s, Diagnostics& diags) {
  // No per-word weights: "a (red:1.3) fox" is one piece, "a red fox".
  const std::optional<Prompt> merged = kit::merge_joined(source_ir);
  const Prompt& ir = merged ? *merged : source_ir;
  std::vector<std::string_view> carried{"subject",
                                        "style",
                                        "camera",
                                        "motion",
                                        "motion_intensity",
                                        "negative",
                                        "params.aspect_ratio"};
  Emitted out;
  std::vector<Item> items = items_of(ir, diags);
  order_by_weight(items, diags);
  out.prompt = join_items(items);
  report_motion(ir, diags);
  out.negative_prompt = negative_text(ir, diags);

  const Params& p = ir.params;
  bool from_pixels = false;
  const bool ratio_given = video::ratio_given(p, from_pixels);
  const std::string ratio = video::fit_ratio(ir, ratios(), kDefaultRatio, "Ideogram", diags);
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});

  std::string style_type = extension_enum(ir, "style_type", style_types());
  if (!style_type.empty())
    carried.push_back("extensions.ideogram.style_type");
  else
    style_type = std::string(style_type_for(ir));
  std::string speed = s.rendering_speed.value_or("");
  if (const std::string from_ir = extension_enum(ir, "rendering_speed", speeds());
      !from_ir.empty()) {
    carried.push_back("extensions.ideogram.rendering_speed");
    if (speed.empty()) speed = from_ir;
  }
  std::string magic(kMagicPromptOff);
  if (const std::string from_ir = extension_enum(ir, "magic_prompt", magic_prompt_values());
      !from_ir.empty()) {
    carried.push_back("extensions.ideogram.magic_prompt");
    magic = from_ir;
  }

  nlohmann::json& r = out.request;
  r["prompt"] = out.prompt;
  r["aspect_ratio"] = x_form(ratio);
  r["magic_prompt"] = magic;
  if (!style_type.empty()) r["style_type"] = style_type;
  if (!speed.empty()) r["rendering_speed"] = speed;
  if (!out.negative_prompt.empty()) r["negative_prompt"] = out.negative_prompt;
  const bool seed_ok = p.seed && *p.seed >= 0 && *p.seed <= kMaxSeed;
  if (p.seed) carried.push_back("params.seed");
  if (seed_ok)
    r["seed"] = *p.seed;
  else if (p.seed)
    report(diags, Code::DroppedParameter, Severity::Warning,
           fmt::format("seed {} is outside Ideogram's 0-{}; dropped", *p.seed, kMaxSeed),
           "params.seed");

  Lines lines;
  lines.emplace_back("Negative prompt", out.negative_prompt);
  if (ratio_given) lines.emplace_back("Aspect ratio", ratio);
  lines.emplace_back("Style type", style_type);
  lines.emplace_back("Rendering speed", speed);
  lines.emplace_back("Magic prompt", magic);
  if (seed_ok) lines.emplace_back("Seed", std::to_string(*p.seed));
  out.text = kit::compose_text(out.prompt, lines);

  kit::report_uncarried(ir, carried, "Ideogram", diags);
  return out;
}

}  // namespace promptport::ideogram
