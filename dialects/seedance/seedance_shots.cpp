// Shot labels of multi-shot prompts (`[Low-angle shot] ...`): finding them in prose, telling
// them from Hailuo's camera commands, and the extensions.seedance.inline entries that keep
// where each shot starts.
#include <algorithm>
#include <array>

#include "promptport/text.h"
#include "promptport/vocab.h"
#include "seedance/seedance_internal.h"

namespace promptport::seedance {
namespace {

constexpr std::size_t kMaxLabel = 80;

// REFERENCE §10.1: the fifteen bracket tokens of Hailuo's Director models.
constexpr std::array<std::string_view, 15> kHailuo{
    "truck left", "truck right", "pan left",      "pan right",     "push in",
    "pull out",   "pedestal up", "pedestal down", "tilt up",       "tilt down",
    "zoom in",    "zoom out",    "shake",         "tracking shot", "static shot"};

// The stops that end a sentence: . ! ? and the full-width 。！？ (3 bytes each).
bool after_stop(std::string_view s, std::size_t i) {
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\r')) --i;
  if (i == 0) return true;
  const char c = s[i - 1];
  if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ']') return true;
  if (i < 3) return false;
  const std::string_view t = s.substr(i - 3, 3);
  return t == "\xE3\x80\x82" || t == "\xEF\xBC\x81" || t == "\xEF\xBC\x9F";
}

bool camera_phrase(std::string_view content) {
  const vocab::Slot slot = vocab::classify(content).slot;
  return slot != vocab::Slot::Subject && slot != vocab::Slot::Style;
}

// (key in "starts", member)
using Member = std::size_t Starts::*;
constexpr std::array<std::pair<std::string_view, Member>, 7> kStartKeys{{
    {"motion", &Starts::motion},
    {"style", &Starts::style},
    {"camera.terms", &Starts::camera_terms},
    {"camera.moves", &Starts::camera_moves},
    {"audio.dialogue", &Starts::dialogue},
    {"audio.sfx", &Starts::sfx},
    {"audio.ambience", &Starts::ambience},
}};

std::optional<std::size_t> index_of(const nlohmann::json& v) {
  if (!v.is_number_integer()) return std::nullopt;
  const auto n = v.get<std::int64_t>();
  if (n < 0) return std::nullopt;
  return static_cast<std::size_t>(n);
}

}  // namespace

bool hailuo_command(std::string_view content) {
  std::size_t commands = 0;
  while (true) {
    const std::size_t comma = content.find(',');
    const std::string one = text::lower_ascii(text::trim(content.substr(0, comma)));
    if (std::find(kHailuo.begin(), kHailuo.end(), one) == kHailuo.end()) return false;
    ++commands;
    if (comma == std::string_view::npos) break;
    content.remove_prefix(comma + 1);
  }
  return commands <= 3;
}

std::vector<Label> find_labels(std::string_view prose) {
  std::vector<Label> out;
  for (std::size_t i = prose.find('['); i != std::string_view::npos; i = prose.find('[', i + 1)) {
    const std::size_t close = prose.find_first_of("[]\n", i + 1);
    if (close == std::string_view::npos || prose[close] != ']') continue;
    const std::string_view raw = prose.substr(i + 1, close - i - 1);
    const std::string_view content = text::trim(raw);
    if (content.empty() || raw.size() > kMaxLabel) continue;
    if (!after_stop(prose, i) && !camera_phrase(content)) continue;
    out.push_back(Label{i, close + 1, content});
    i = close;
  }
  return out;
}

Starts starts_of(const Prompt& ir) {
  Starts s;
  s.subject = ir.subject.size();
  s.motion = ir.motion.size();
  s.style = ir.style.size();
  s.camera_terms = ir.camera.terms.size();
  s.camera_moves = ir.camera.moves.size();
  s.dialogue = ir.audio.dialogue.size();
  s.sfx = ir.audio.sfx.size();
  s.ambience = ir.audio.ambience.size();
  return s;
}

nlohmann::json shot_json(const Shot& shot) {
  nlohmann::json e = nlohmann::json::object();
  e["field"] = "subject";
  e["index"] = shot.starts.subject;
  e["syntax"] = shot.syntax;
  e["text"] = "";
  nlohmann::json starts = nlohmann::json::object();
  for (const auto& [key, member] : kStartKeys)
    if (shot.starts.*member != 0) starts[std::string(key)] = shot.starts.*member;
  if (!starts.empty()) e["starts"] = std::move(starts);
  return e;
}

std::optional<Shot> shot_of(const nlohmann::json& e) {
  if (!e.is_object() || e.value("field", nlohmann::json()) != "subject") return std::nullopt;
  const auto syntax = e.find("syntax");
  if (syntax == e.end() || !syntax->is_string()) return std::nullopt;
  const std::string s = syntax->get<std::string>();
  if (s.size() < 3 || s.front() != '[' || s.back() != ']' ||
      s.find_first_of("[]\n", 1) != s.size() - 1)
    return std::nullopt;
  if (const auto t = e.find("text");
      t != e.end() && (!t->is_string() || !t->get<std::string>().empty()))
    return std::nullopt;
  const auto index = e.find("index");
  if (index == e.end() || !index_of(*index)) return std::nullopt;
  Shot shot;
  shot.syntax = s;
  shot.starts.subject = *index_of(*index);
  if (const auto starts = e.find("starts"); starts != e.end()) {
    if (!starts->is_object()) return std::nullopt;
    for (const auto& [key, member] : kStartKeys) {
      const auto v = starts->find(std::string(key));
      if (v == starts->end()) continue;
      const auto n = index_of(*v);
      if (!n) return std::nullopt;
      shot.starts.*member = *n;
    }
  }
  return shot;
}

}  // namespace promptport::seedance
