// Writes the IR for Pika: prose followed by the bot's inline flags (the prompt), the
// Pika 2.x request body, and the text format.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/video.h"
#include "pika/pika_internal.h"
#include "promptport/kit.h"
#include "promptport/vocab.h"

namespace promptport::pika {
namespace {

using Lines = std::vector<std::pair<std::string, std::string>>;

const nlohmann::json* setting(const Prompt& ir, std::string_view key) {
  const auto p = ir.extensions.find("pika");
  if (p == ir.extensions.end() || !p->is_object()) return nullptr;
  const auto k = p->find(std::string(key));
  return k == p->end() ? nullptr : &*k;
}

// A setting kept in extensions.pika as it was written: a number or the raw text.
std::string raw(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return text::format_number(v.get<double>());
  return v.dump();
}

// The one camera type Pika takes: the first move -camera says exactly (else the first it
// says approximately), with a second pan direction on the other axis right after it ("pan
// up left"). `moves` lists the IR moves it carries.
struct Chosen {
  std::string value;
  std::vector<std::size_t> moves;
  bool carries(std::size_t i) const {
    return std::find(moves.begin(), moves.end(), i) != moves.end();
  }
};

Chosen choose_camera(const std::vector<CameraMove>& moves, Diagnostics& diags) {
  Chosen c;
  bool exact = false;
  std::size_t first = moves.size();
  for (std::size_t i = 0; i < moves.size() && first == moves.size(); ++i)
    if (!camera_words(moves[i].move, exact).empty() && exact) first = i;
  for (std::size_t i = 0; i < moves.size() && first == moves.size(); ++i)
    if (!camera_words(moves[i].move, exact).empty()) first = i;
  if (first == moves.size()) return c;
  c.value = camera_words(moves[first].move, exact);
  c.moves.push_back(first);
  bool vertical = false, other = false;
  const std::string_view dir = pan_direction(moves[first].move, vertical);
  if (!dir.empty() && first + 1 < moves.size()) {
    const std::string_view next = pan_direction(moves[first + 1].move, other);
    if (!next.empty() && other != vertical) {
      c.value = fmt::format("pan {} {}", vertical ? dir : next, vertical ? next : dir);
      c.moves.push_back(first + 1);
    }
  }
  const CameraMove& m = moves[first];
  // Pika's own words for a tilt ("pan up") and a roll ("rotate clockwise").
  for (std::size_t i : c.moves) {
    const std::string& move = moves[i].move;
    if (move.rfind("tilt-", 0) == 0 || move.rfind("roll-", 0) == 0)
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("{} is written in Pika's words: -camera {}", vocab::move_phrase(move),
                         c.value),
             "camera.moves", moves[i].span);
  }
  if (!exact)
    report(diags, Code::ApproximatedParameter, Severity::Info,
           fmt::format("Pika's -camera has no {}; written as -camera {}",
                       vocab::move_phrase(m.move), c.value),
           "camera.moves", m.span);
  for (std::size_t i : c.moves)
    if (!moves[i].speed.empty())
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("-camera has no speed: \"{}\" of {} is dropped", moves[i].speed,
                         vocab::move_phrase(moves[i].move)),
             "camera.moves", moves[i].span);
  // One camera type per prompt: the other moves -camera could say are dropped. Moves it
  // has no word for at all stay in the prose.
  for (std::size_t i = 0; i < moves.size(); ++i) {
    bool ignored = false;
    if (c.carries(i) || camera_words(moves[i].move, ignored).empty()) continue;
    report(diags, Code::DroppedParameter, Severity::Warning,
           fmt::format("Pika takes one camera type per prompt (-camera {}); {} is dropped", c.value,
                       video::move_text(moves[i])),
           "camera.moves", moves[i].span);
  }
  return c;
}

// The camera words of the prose: shot, angle, lens, terms, and the moves -camera cannot say
// (with `with_chosen`, the chosen ones too: the request has no camera field).
std::string camera_sentence(const Camera& camera, const Chosen& chosen, bool with_chosen) {
  Camera words = camera;
  words.moves.clear();
  bool ignored = false;
  for (std::size_t i = 0; i < camera.moves.size(); ++i)
    if (chosen.carries(i) ? with_chosen : camera_words(camera.moves[i].move, ignored).empty())
      words.moves.push_back(camera.moves[i]);
  return video::camera_sentence(words);
}

std::string prose(const Prompt& ir, const std::string& scene, const std::string& style,
                  const Chosen& chosen, bool with_chosen) {
  return video::join_sentences({scene, style, camera_sentence(ir.camera, chosen, with_chosen)});
}

// A number clamped into [lo, hi]; a change is a snapped-value info on `field`.
double clamp(double v, double lo, double hi, std::string_view flag, std::string_view field,
             Diagnostics& diags) {
  const double c = std::clamp(v, lo, hi);
  if (c != v)
    report(diags, Code::SnappedValue, Severity::Info,
           fmt::format("{} {} is written as {}, the nearest Pika allows ({}-{})", flag,
                       text::format_number(v), text::format_number(c), text::format_number(lo),
                       text::format_number(hi)),
           std::string(field));
  return c;
}

// -x for a kept setting: a number clamped into its range, anything else as written.
std::string kept_number(const nlohmann::json& v, double lo, double hi, std::string_view flag,
                        std::string_view field, Diagnostics& diags) {
  if (!v.is_number()) return raw(v);
  return text::format_number(clamp(v.get<double>(), lo, hi, flag, field, diags));
}

class FlagWriter {
 public:
  FlagWriter(const Prompt& ir, Diagnostics& diags) : ir_(ir), diags_(diags) {}

  void add(std::string_view name, const std::string& value = {}) {
    out += fmt::format("{}-{}{}{}", out.empty() ? "" : " ", name, value.empty() ? "" : " ", value);
  }

  // -motion: the kept 0-4 value, else the intensity (low 1, medium 2, high 3).
  void motion(std::vector<std::string_view>& carried) {
    const std::string& i = ir_.motion_intensity;
    const char* v = i == "low" ? "1" : i == "medium" ? "2" : i == "high" ? "3" : nullptr;
    std::string written;
    if (const auto* m = setting(ir_, "motion"))
      written =
          kept_number(*m, kMinMotion, kMaxMotion, "-motion", "extensions.pika.motion", diags_);
    else if (v)
      written = v;
    else
      return;  // an unknown intensity: report_uncarried names it
    add("motion", written);
    if (!v) return;
    carried.push_back("motion_intensity");
    report(
        diags_, Code::ApproximatedParameter, Severity::Info,
        fmt::format("motion intensity '{}' is written on Pika's 0-4 scale: -motion {}", i, written),
        "motion_intensity");
  }

  // Settings of extensions.pika with no flag of their own (-hide, flags the bot did not
  // know), as written, in key order.
  void others() {
    const auto p = ir_.extensions.find("pika");
    if (p == ir_.extensions.end() || !p->is_object()) return;
    for (const auto& [key, value] : p->items()) {
      if (known_flag(key) || key == "resolution") continue;
      if (value.is_boolean()) {
        if (value.get<bool>()) add(key);
      } else {
        add(key, raw(value));
      }
    }
    if (const auto* h = setting(ir_, "hide"); h && h->is_boolean() && h->get<bool>()) add("hide");
  }

  std::string out;

 private:
  const Prompt& ir_;
  Diagnostics& diags_;
};

// A negative prompt goes in double quotes: its own double quotes become single ones.
std::string quoted(std::string v, Diagnostics& diags) {
  if (v.find('"') != std::string::npos) {
    std::replace(v.begin(), v.end(), '"', '\'');
    report(diags, Code::ApproximatedParameter, Severity::Info,
           "the negative prompt's double quotes are written as single quotes inside -neg \"…\"",
           "negative");
  }
  return "\"" + v + "\"";
}

void note_weights(const Prompt& ir, Diagnostics& diags) {
  video::report_weights(
      ir, {"subject", "style", "camera.terms"},
      [](std::string_view field) {
        return fmt::format(
            "Pika has no prompt weights: the {} words are kept, their weights are not", field);
      },
      diags);
}

std::string joined_phrases(const std::vector<Term>& terms) {
  std::string out;
  for (const auto& p : kit::phrases(terms)) {
    const std::string_view t = text::trim(p.text);
    if (!t.empty()) out += (out.empty() ? "" : ", ") + std::string(t);
  }
  return out;
}

}  // namespace

Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags) {
  Emitted out;
  std::vector<std::string_view> carried{"subject", "style",    "camera",
                                        "motion",  "negative", "extensions.pika"};
  Lines lines;
  nlohmann::json& req = out.request;
  note_weights(ir, diags);
  video::note_no_motion(ir, "Pika", diags);

  const std::string scene = video::scene_sentence(ir);
  const std::string style = video::style_sentence(ir, diags);
  const Chosen chosen = choose_camera(ir.camera.moves, diags);
  const std::string text_part = prose(ir, scene, style, chosen, false);
  req["prompt"] = prose(ir, scene, style, chosen, true);

  FlagWriter flags(ir, diags);
  const Params& p = ir.params;

  bool from_pixels = false;
  std::string ratio = "16:9";
  if (video::ratio_given(p, from_pixels)) {
    ratio = video::fit_ratio(ir, ratios(), "16:9", "Pika", diags);
    flags.add("ar", ratio);
    if (!from_pixels) carried.push_back("params.aspect_ratio");
    if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  } else if (const auto* ar = setting(ir, "ar")) {
    flags.add("ar", raw(*ar));
  }

  out.negative_prompt = joined_phrases(ir.negative);
  if (!out.negative_prompt.empty()) {
    flags.add("neg", quoted(out.negative_prompt, diags));
    req["negative_prompt"] = out.negative_prompt;
  }

  flags.motion(carried);

  if (!chosen.value.empty())
    flags.add("camera", chosen.value);
  else if (const auto* c = setting(ir, "camera"))
    flags.add("camera", raw(*c));

  if (p.guidance) {
    flags.add("gs", text::format_number(clamp(*p.guidance, kMinGuidance, kMaxGuidance, "-gs",
                                              "params.guidance", diags)));
    carried.push_back("params.guidance");
  } else if (const auto* g = setting(ir, "gs")) {
    flags.add("gs",
              kept_number(*g, kMinGuidance, kMaxGuidance, "-gs", "extensions.pika.gs", diags));
  }

  if (const auto* f = setting(ir, "fps"))
    flags.add("fps", kept_number(*f, kMinFps, kMaxFps, "-fps", "extensions.pika.fps", diags));

  if (p.seed) {
    carried.push_back("params.seed");
    if (*p.seed >= 0) {
      flags.add("seed", std::to_string(*p.seed));
      req["seed"] = *p.seed;
    } else {
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("seed {} dropped: Pika's seed is a whole number ≥ 0", *p.seed),
             "params.seed");
    }
  } else if (const auto* s = setting(ir, "seed")) {
    flags.add("seed", raw(*s));
  }
  flags.others();
  // A kept value of a flag whose neutral field was written instead (an -ar that was not a
  // ratio next to an Aspect ratio line): the neutral one wins.
  for (const auto& [key, written] :
       {std::pair<const char*, bool>{"ar", from_pixels || p.aspect_ratio.has_value()},
        {"camera", !chosen.value.empty()},
        {"gs", p.guidance.has_value()},
        {"seed", p.seed.has_value()}})
    if (written && setting(ir, key))
      report(diags, Code::DroppedParameter, Severity::Warning,
             fmt::format("extensions.pika.{} {} is dropped: the prompt's own value is written", key,
                         raw(*setting(ir, key))),
             fmt::format("extensions.pika.{}", key));

  out.prompt = video::join(std::vector<std::string>{text_part, flags.out}, " ");

  req["aspect_ratio"] = ratio;
  bool res_stated = true;
  std::string res;
  if (const auto it = options.find("resolution"); it != options.end())
    res = it->second;  // the core checked it against 720p|1080p
  else if (const auto* r = setting(ir, "resolution");
           r && r->is_string() && (*r == "720p" || *r == "1080p"))
    res = r->get<std::string>();
  else
    res_stated = false;
  req["resolution"] = res_stated ? res : "720p";
  const double duration = video::fit_duration(ir, durations(), 5, "Pika", diags);
  req["duration"] = static_cast<int>(duration);
  carried.push_back("params.duration_s");
  if (p.duration_s) lines.emplace_back("Duration", text::format_number(duration) + "s");
  if (res_stated) lines.emplace_back("Resolution", res);

  out.text = kit::compose_text(out.prompt, lines);
  kit::report_uncarried(ir, carried, "Pika", diags);
  return out;
}

}  // namespace promptport::pika
