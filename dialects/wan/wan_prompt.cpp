// The Wan prompt: the official guide's camera-first formula (camera movement, then subject
// and scene, motion, camera language, atmosphere and style), in the prompt's own language,
// and the negative prompt with the official default when it is asked for.
#include <algorithm>

#include "common/video.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"
#include "wan/wan_internal.h"

namespace promptport::wan {
namespace {

constexpr std::string_view kComma = "，";
constexpr std::string_view kStop = "。";

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool ends_sentence(std::string_view s) {
  return ends_with(s, "。") || ends_with(s, "！") || ends_with(s, "？") ||
         (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?'));
}

template <typename T>
std::vector<std::string> phrase_texts(const std::vector<T>& terms) {
  std::vector<std::string> out;
  for (const auto& p : kit::phrases(terms)) {
    std::string t(text::trim(p.text));
    for (char& c : t)
      if (c == '\n') c = ' ';
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

// One sentence in the language of its first item: Chinese items joined by "，" and ended by
// "。"; others by ", ", capitalised and ended by ".".
std::string sentence(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  std::string out;
  const bool zh = has_cjk(items.front());
  for (const auto& i : items) {
    if (!out.empty()) out += ends_sentence(out) ? (zh ? "" : " ") : (zh ? kComma : ", ");
    out += i;
  }
  if (!zh && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  if (!ends_sentence(out)) out += zh ? kStop : ".";
  return out;
}

// Whether the IR is written in Chinese: its first words are. Canonical camera values are
// then written with the Chinese camera words of the guide.
bool chinese(const Prompt& ir) {
  for (const auto* list : {&ir.subject, &ir.motion, &ir.camera.terms})
    for (const auto& t : *list)
      if (!text::trim(t.text).empty()) return has_cjk(t.text);
  for (const auto& t : ir.style)
    if (!text::trim(t.text).empty()) return has_cjk(t.text);
  return false;
}

std::string moves_sentence(const Prompt& ir, bool zh) {
  std::vector<std::string> items;
  for (const auto& m : ir.camera.moves) {
    if (m.move.empty()) continue;
    std::string words = zh ? zh_move(m) : "";
    items.push_back(words.empty() ? video::move_text(m) : std::move(words));
  }
  return sentence(items);
}

std::string scene(const Prompt& ir) {
  std::vector<std::string> items = phrase_texts(ir.subject);
  for (auto& m : phrase_texts(ir.motion)) items.push_back(std::move(m));
  if (items.empty()) return {};
  // English scenes as every video writer writes them (tags read as words, sentence openers).
  return has_cjk(items.front()) ? sentence(items) : video::scene_sentence(ir);
}

// Shot, angle, lens and camera terms. Written plainly ("近景，仰视视角。", "Close-up shot, low
// angle.") when each word reads back as camera words; else behind "Camera:", which keeps
// any words in camera.terms.
std::string camera_language(const Camera& camera, bool zh) {
  std::vector<std::string> words;
  if (zh) {
    if (!camera.shot.empty()) {
      const std::string_view w = zh_shot(camera.shot);
      words.emplace_back(w.empty() ? vocab::shot_phrase(camera.shot) : w);
    }
    if (!camera.angle.empty()) {
      const std::string_view w = zh_angle(camera.angle);
      words.emplace_back(w.empty() ? vocab::angle_phrase(camera.angle) : w);
    }
    if (!text::trim(camera.lens).empty()) words.emplace_back(text::trim(camera.lens));
    for (auto& t : phrase_texts(camera.terms)) words.push_back(std::move(t));
  } else {
    words = video::camera_words(camera, false);
  }
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  if (words.empty()) return {};
  const bool plain = std::all_of(words.begin(), words.end(), [](const std::string& w) {
    if (has_cjk(w)) return zh_camera(w).has_value();
    const vocab::Slot slot = vocab::classify(w).slot;
    return slot != vocab::Slot::Subject && slot != vocab::Slot::Style && slot != vocab::Slot::Move;
  });
  if (plain) return sentence(words);
  std::string out = "Camera: ";
  const bool zh_items = has_cjk(words.front());
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += zh_items ? kComma : ", ";
    out += words[i];
  }
  out += zh_items ? kStop : ".";
  return out;
}

// Style phrases (atmosphere and style: mood, lighting, colour, medium...) in their order,
// quality boosters dropped as every video writer drops them.
std::string style(const Prompt& ir, Diagnostics& diags) {
  const std::string en = video::style_sentence(ir, diags);
  std::vector<std::string> kept;
  for (const auto& t : phrase_texts(ir.style))
    if (!vocab::is_quality_booster(t)) kept.push_back(t);
  if (!kept.empty() && has_cjk(kept.front())) return sentence(kept);
  return en;
}

}  // namespace

std::string write_prompt(const Prompt& ir, Diagnostics& diags) {
  const bool zh = chinese(ir);
  std::string lead = moves_sentence(ir, zh);
  std::string scene_text = scene(ir);
  // The guide's Chinese examples lead into the scene with the move: "镜头缓缓推进，一位老人……"
  if (ends_with(lead, kStop) && has_cjk(scene_text)) {
    lead.resize(lead.size() - kStop.size());
    scene_text = lead + std::string(kComma) + scene_text;
    lead.clear();
  }
  std::string out;
  for (const std::string& s :
       {lead, scene_text, camera_language(ir.camera, zh), style(ir, diags)}) {
    if (s.empty()) continue;
    // Chinese sentences follow each other without a space.
    const bool cjk_stop = ends_with(out, "。") || ends_with(out, "！") || ends_with(out, "？");
    if (!out.empty() && !cjk_stop) out += ' ';
    out += s;
  }
  return out;
}

std::string write_negative(const Prompt& ir, bool add_default, bool& wrote_default) {
  std::vector<std::string> items = phrase_texts(ir.negative);
  std::vector<std::string_view> views(items.begin(), items.end());
  wrote_default = add_default && !find_default_negative(views);
  if (wrote_default) items.insert(items.begin(), std::string(default_negative()));
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += has_cjk(items[i - 1]) || has_cjk(items[i]) ? kComma : ", ";
    out += items[i];
  }
  return out;
}

std::size_t approx_tokens(std::string_view s) {
  // umT5's SentencePiece: about 1.3 tokens a Latin word, one a punctuation mark, and about
  // one a CJK character (an upper estimate; common pairs share a piece).
  std::size_t words = 0, marks = 0, cjk = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE3 && c <= 0xE9) {
      ++cjk;
      in_word = false;
      i += 2;
      continue;
    }
    const bool word_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'';
    if (word_char) {
      if (!in_word && (c & 0xC0) != 0x80) ++words;
      in_word = true;
      continue;
    }
    in_word = false;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') ++marks;
  }
  return (words * 13 + 9) / 10 + marks + cjk;
}

}  // namespace promptport::wan
