// What the prose video platforms share: reading prose, scene and audio sentences, settings.
#include "common/video.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "common/source_weights.h"
#include "promptport/kit.h"
#include "promptport/text.h"
#include "promptport/vocab.h"

namespace promptport::video {
namespace {

struct Piece {
  std::string_view text;
  std::uint32_t begin;  // offset in the record
};

// The full-width stops of Chinese and Japanese prose: 。！？ (3 bytes each in UTF-8).
bool cjk_stop_at(std::string_view s, std::size_t i) {
  const std::string_view t = s.substr(i, 3);
  return t == "\xE3\x80\x82" || t == "\xEF\xBC\x81" || t == "\xEF\xBC\x9F";
}

bool ends_cjk_sentence(std::string_view s) { return s.size() >= 3 && cjk_stop_at(s, s.size() - 3); }

bool ends_sentence(std::string_view s) {
  return !s.empty() &&
         (s.back() == '.' || s.back() == '!' || s.back() == '?' || ends_cjk_sentence(s));
}

std::string_view strip_stop(std::string_view s) {
  s = text::trim(s);
  while (ends_sentence(s)) s.remove_suffix(ends_cjk_sentence(s) ? 3 : 1);
  return text::trim(s);
}

// Prose that starts with a CJK character (U+3000-U+9FFF) is written with CJK punctuation.
bool starts_cjk(std::string_view s) {
  if (s.empty()) return false;
  const auto b = static_cast<unsigned char>(s[0]);
  return b >= 0xE3 && b <= 0xE9;
}

Piece trimmed(std::string_view s, std::uint32_t begin) {
  std::size_t lead = 0;
  while (lead < s.size() && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\r')) ++lead;
  s.remove_prefix(lead);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return {s, begin + static_cast<std::uint32_t>(lead)};
}

// Sentences of one line: a stop followed by a space ends one, outside double quotes; a stop
// right before a closing quote ends one after the quote (`She says, "We made it." SFX: ...`).
std::optional<Dialogue> dialogue_of(std::string_view s);

std::vector<Piece> sentences(Piece line) {
  std::vector<Piece> out;
  const std::string_view s = line.text;
  bool quoted = false;
  std::size_t start = 0;
  auto cut = [&](std::size_t end) {
    const Piece p =
        trimmed(s.substr(start, end - start), line.begin + static_cast<std::uint32_t>(start));
    if (!p.text.empty()) out.push_back(p);
    start = end;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool stop = s[i] == '.' || s[i] == '!' || s[i] == '?';
    if (s[i] == '"') {
      quoted = !quoted;
      // A line of dialogue without a final stop still ends at its closing quote:
      // `The woman says, "We made it" SFX: gulls.`
      if (!quoted && i + 1 < s.size() && s[i + 1] == ' ' &&
          dialogue_of(text::trim(s.substr(start, i + 1 - start))))
        cut(i + 1);
      continue;
    }
    if (!quoted && cjk_stop_at(s, i)) {
      cut(i + 3);
      i += 2;
      continue;
    }
    if (!stop) continue;
    if (!quoted && i + 1 < s.size() && s[i + 1] == ' ') {
      cut(i + 1);
    } else if (quoted && i + 2 < s.size() && s[i + 1] == '"' && s[i + 2] == ' ') {
      quoted = false;
      cut(i + 2);
      ++i;
    }
  }
  cut(s.size());
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// "The woman" -> "woman"; "A voice" -> "" (no speaker).
std::string speaker_of(std::string_view s) {
  s = text::trim(s);
  if (!s.empty() && s.front() == '-') s = text::trim(s.substr(1));
  for (std::string_view article : {"the ", "a ", "an "})
    if (starts_with_ci(s, article)) {
      s.remove_prefix(article.size());
      break;
    }
  if (text::lower_ascii(s) == "voice") return {};
  return std::string(s);
}

// `Speaker: "line"` or `Speaker says, "line"`; nullopt when the sentence is not dialogue.
std::optional<Dialogue> dialogue_of(std::string_view s) {
  const std::size_t open = s.find('"');
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  const std::size_t close = s.rfind('"');
  if (close <= open) return std::nullopt;
  std::string_view tail = text::trim(s.substr(close + 1));
  while (ends_sentence(tail)) tail.remove_suffix(1);
  if (!tail.empty()) return std::nullopt;
  std::string_view who = text::trim(s.substr(0, open));
  if (!who.empty() && (who.back() == ':' || who.back() == ',')) who.remove_suffix(1);
  who = text::trim(who);
  const std::string lower = text::lower_ascii(who);
  bool says = false;
  for (std::string_view verb : {" says", " said", " asks", " whispers", " shouts", " replies"}) {
    if (lower.size() > verb.size() &&
        lower.compare(lower.size() - verb.size(), verb.size(), verb) == 0) {
      who.remove_suffix(verb.size());
      says = true;
      break;
    }
  }
  // "Speaker: "..."" needs the colon form; anything else with a quote is prose.
  const std::string_view before = text::trim(s.substr(0, open));
  if (!says && (before.empty() || before.back() != ':')) return std::nullopt;
  if (who.size() > 60) return std::nullopt;
  return Dialogue{speaker_of(who), std::string(s.substr(open + 1, close - open - 1))};
}

class ProseReader {
 public:
  explicit ProseReader(Prompt& ir) : ir_(ir) {}

  void line(Piece line) {
    const std::string_view t = line.text;
    if (in_dialogue_) {
      if (auto d = dialogue_of(t)) {
        ir_.audio.dialogue.push_back(std::move(*d));
        return;
      }
      in_dialogue_ = false;
    }
    if (labelled(line)) return;
    for (const Piece& s : sentences(line)) sentence(s);
  }

 private:
  // Block labels that own the rest of their line ("Dialogue:", "Cinematography:" ...).
  bool labelled(Piece line) {
    const std::string_view t = line.text;
    static constexpr std::array<std::string_view, 2> kDialogue{"dialogue:", "dialog:"};
    for (auto label : kDialogue)
      if (starts_with_ci(t, label)) {
        in_dialogue_ = true;
        const Piece rest =
            trimmed(t.substr(label.size()), line.begin + static_cast<std::uint32_t>(label.size()));
        if (!rest.text.empty())
          for (const Piece& s : sentences(rest)) sentence(s);
        return true;
      }
    return false;
  }

  void sentence(Piece s) {
    if (s.text.empty()) return;
    // Sora's one-line form: "... Dialogue: Ines: "Almost home." ..."
    for (std::string_view label : {"dialogue:", "dialog:"})
      if (starts_with_ci(s.text, label)) {
        s = trimmed(s.text.substr(label.size()),
                    s.begin + static_cast<std::uint32_t>(label.size()));
        in_dialogue_ = true;
        if (s.text.empty()) return;
        break;
      }
    if (auto d = dialogue_of(s.text)) {
      ir_.audio.dialogue.push_back(std::move(*d));
      return;
    }
    static constexpr std::array<std::string_view, 6> kAmbience{
        "ambient noise:", "ambient sound:",    "ambience:",
        "ambient:",       "background sound:", "background noise:"};
    if (starts_with_ci(s.text, "sfx:")) {
      items(s.text.substr(4), ir_.audio.sfx);
      return;
    }
    for (auto label : kAmbience)
      if (starts_with_ci(s.text, label)) {
        items(s.text.substr(label.size()), ir_.audio.ambience);
        return;
      }
    static constexpr std::array<std::string_view, 7> kCamera{
        "cinematography:", "camera motion:", "camera movement:", "camera shot:", "camera:",
        "lens:",           "shot:"};
    for (auto label : kCamera)
      if (starts_with_ci(s.text, label)) {
        camera_fragments(trimmed(s.text.substr(label.size()),
                                 s.begin + static_cast<std::uint32_t>(label.size())));
        return;
      }
    // Runway's "[camera movement]: [scene]": a lead of camera words before a colon.
    if (!lead_done_) {
      lead_done_ = true;
      const std::size_t colon = s.text.find(':');
      if (colon != std::string_view::npos && colon > 0 && colon < 80 &&
          camera_only(s.text.substr(0, colon))) {
        camera_fragments(trimmed(s.text.substr(0, colon), s.begin));
        s = trimmed(s.text.substr(colon + 1), s.begin + static_cast<std::uint32_t>(colon + 1));
      }
    }
    prose(s);
  }

  // "SFX: thunder, a door slams." is two sounds (writers join several with ", ").
  static void items(std::string_view value, std::vector<std::string>& out) {
    for (const auto& f : text::split_fragments(strip_stop(value)))
      if (auto v = strip_stop(f.text); !v.empty()) out.emplace_back(v);
  }

  static bool is_camera(std::string_view t) {
    const vocab::Slot slot = vocab::classify(t).slot;
    return slot != vocab::Slot::Subject && slot != vocab::Slot::Style;
  }

  // "Low angle static shot" is two camera phrases run together, as Runway's guide writes
  // them: the longest camera phrase from the left, again and again. Empty when some words
  // are not camera words. Leads are short, so the quadratic search is cheap.
  static std::vector<std::string_view> camera_phrases(std::string_view t) {
    std::vector<std::size_t> starts, ends;
    for (std::size_t i = 0; i < t.size();) {
      while (i < t.size() && t[i] == ' ') ++i;
      if (i >= t.size()) break;
      starts.push_back(i);
      while (i < t.size() && t[i] != ' ') ++i;
      ends.push_back(i);
    }
    std::vector<std::string_view> out;
    if (starts.size() > 12) return out;
    for (std::size_t w = 0; w < starts.size();) {
      // A phrase with a canonical slot (shot, angle, lens, move) beats a longer one that is
      // only "camera words": "close-up shot" + "from a low angle", not one camera term.
      std::size_t found = 0;
      for (std::size_t e = starts.size(); e > w && !found; --e)
        if (is_canonical(t.substr(starts[w], ends[e - 1] - starts[w]))) found = e;
      for (std::size_t e = starts.size(); e > w && !found; --e)
        if (is_camera(t.substr(starts[w], ends[e - 1] - starts[w]))) found = e;
      // "A close-up shot from a low angle": articles and joining words between phrases.
      if (!found && filler(t.substr(starts[w], ends[w] - starts[w]))) {
        ++w;
        continue;
      }
      if (!found) return {};
      out.push_back(t.substr(starts[w], ends[found - 1] - starts[w]));
      w = found;
    }
    return out;  // empty when every word was a filler: not a camera lead
  }

  static bool is_canonical(std::string_view t) {
    const vocab::Slot slot = vocab::classify(t).slot;
    return slot == vocab::Slot::Shot || slot == vocab::Slot::Angle || slot == vocab::Slot::Lens ||
           slot == vocab::Slot::Move;
  }

  static bool filler(std::string_view word) {
    const std::string w = text::lower_ascii(word);
    return w == "a" || w == "an" || w == "the" || w == "from" || w == "with" || w == "and" ||
           w == "in" || w == "on";
  }

  static bool camera_only(std::string_view lead) {
    const auto pieces = text::split_fragments(lead);
    if (pieces.empty()) return false;
    for (const auto& p : pieces)
      if (!is_camera(p.text) && camera_phrases(p.text).empty()) return false;
    return true;
  }

  void camera_fragments(Piece p) {
    for (const auto& f : text::split_fragments(strip_stop(p.text), p.begin)) {
      const std::string_view t = strip_stop(f.text);
      if (t.empty()) continue;
      if (is_canonical(t)) {
        kit::place_fragment(ir_, t, f.span);
        continue;
      }
      // Several canonical phrases beat one vague camera term for the whole fragment.
      const auto phrases = camera_phrases(t);
      if (phrases.size() < 2) {
        if (is_camera(t))
          kit::place_fragment(ir_, t, f.span);
        else if (phrases.size() == 1)
          place_phrase(phrases[0], f);
        else
          ir_.camera.terms.push_back(Term{std::string(t), 1.0, f.span, false});
        continue;
      }
      for (std::string_view ph : phrases) place_phrase(ph, f);
    }
  }

  void place_phrase(std::string_view ph, const text::Piece& f) {
    const auto b = f.span.begin + static_cast<std::uint32_t>(ph.data() - f.text.data());
    kit::place_fragment(ir_, ph, Span{b, b + static_cast<std::uint32_t>(ph.size())});
  }

  void prose(Piece s) {
    for (const auto& f : text::split_fragments(s.text, s.begin)) {
      const std::string_view t = strip_stop(f.text);
      if (t.empty()) continue;
      const Span span{f.span.begin, f.span.begin + static_cast<std::uint32_t>(t.size())};
      if (vocab::classify(t).slot != vocab::Slot::Subject) {
        kit::place_fragment(ir_, t, span);
        continue;
      }
      if (have_subject_ && has_motion_verb(t))
        ir_.motion.push_back(Term{std::string(t), 1.0, span, false});
      else
        ir_.subject.push_back(Term{std::string(t), 1.0, span, false});
      have_subject_ = true;
    }
  }

  static bool has_motion_verb(std::string_view t) {
    std::string word;
    for (std::size_t i = 0; i <= t.size(); ++i) {
      const char c = i < t.size() ? t[i] : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '\'') {
        word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        continue;
      }
      if (!word.empty() && vocab::is_motion_verb(word)) return true;
      word.clear();
    }
    return false;
  }

  Prompt& ir_;
  bool in_dialogue_ = false;
  bool lead_done_ = false;
  bool have_subject_ = false;
};

std::optional<double> ratio_value(std::string_view r) {
  const std::size_t colon = r.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_double(r.substr(0, colon));
  const auto h = text::parse_double(r.substr(colon + 1));
  if (!w || !h || !(*w > 0) || !(*h > 0)) return std::nullopt;
  return *w / *h;
}

template <typename T>
std::vector<std::string> phrase_texts(const std::vector<T>& terms) {
  std::vector<std::string> out;
  for (const auto& p : kit::phrases(terms)) {
    std::string t(text::trim(p.text));
    std::replace(t.begin(), t.end(), '\n', ' ');
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

// True when `item` opens a new sentence of the source ("She wears a black jacket"): a
// capitalised article or pronoun. A capitalised name ("Tokyo at night") does not.
bool opens_sentence(std::string_view item) {
  static constexpr std::array<std::string_view, 17> kOpeners{
      "The ", "A ",     "An ",   "She ",   "He ",    "It ",    "They ", "His ", "Her ",
      "Its ", "Their ", "This ", "These ", "Those ", "There ", "We ",   "I "};
  for (auto o : kOpeners)
    if (item.substr(0, o.size()) == o) return true;
  return false;
}

std::string as_sentence(const std::vector<std::string>& items) {
  std::string out;
  if (!items.empty() && starts_cjk(items.front())) {
    for (const auto& i : items) {
      if (!out.empty() && !ends_sentence(out)) out += "\xEF\xBC\x8C";  // ，
      out += i;
    }
    if (!ends_sentence(out)) out += "\xE3\x80\x82";  // 。
    return out;
  }
  for (const auto& i : items) {
    if (!out.empty()) out += ends_sentence(out) ? " " : opens_sentence(i) ? ". " : ", ";
    out += i;
  }
  if (out.empty()) return out;
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  if (!ends_sentence(out)) out += '.';
  return out;
}

// "woman" -> "The woman", "Sarah" -> "Sarah", "" -> "A voice".
std::string speaker_text(const std::string& speaker) {
  if (speaker.empty()) return "A voice";
  if (speaker[0] >= 'a' && speaker[0] <= 'z') return "The " + speaker;
  return speaker;
}

// "16:9" (any W:H of integers, so Runway's own "1280:720" reads too), reduced as the IR
// keeps ratios.
std::optional<std::string> parse_ratio(std::string_view v) {
  const std::size_t colon = v.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(v.substr(0, colon)));
  const auto h = text::parse_int(text::trim(v.substr(colon + 1)));
  if (!w || !h) return std::nullopt;
  return text::reduce_ratio(*w, *h);
}

// "5", "5s", "5 s"; with unit words also "5 sec", "5 seconds".
std::optional<double> parse_duration(std::string_view value, bool unit_words) {
  std::string v(value);
  if (unit_words) {
    v = text::lower_ascii(v);
    for (std::string_view unit : {"seconds", "second", "secs", "sec", "s"})
      if (v.size() > unit.size() && v.compare(v.size() - unit.size(), unit.size(), unit) == 0) {
        v.resize(v.size() - unit.size());
        break;
      }
  } else if (!v.empty() && (v.back() == 's' || v.back() == 'S')) {
    v.pop_back();
  }
  const auto d = text::parse_double(text::trim(v));
  if (!d || !(*d > 0)) return std::nullopt;
  return d;
}

// The label goes back in front so read_prose takes the value as camera words, not as a
// scene. The value keeps its offsets in the record: "Camera:" is 7 bytes and the label with
// its colon ends at least 7 bytes into the record.
void read_camera_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                      std::string_view record) {
  if (!record.empty()) {
    const std::size_t newline = record.substr(0, line.value_span.begin).rfind('\n');
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    read_prose(record.substr(start, line.value_span.end - start), static_cast<std::uint32_t>(start),
               ir, diags);
    return;
  }
  constexpr std::string_view kLabel = "Camera:";
  if (line.value_span.begin < kLabel.size()) return;
  const std::string sentence = std::string(kLabel) + std::string(line.value);
  read_prose(sentence, line.value_span.begin - static_cast<std::uint32_t>(kLabel.size()), ir,
             diags);
}

template <typename T>
bool weighted(const std::vector<T>& terms, double tolerance) {
  return std::any_of(terms.begin(), terms.end(),
                     [&](const T& t) { return std::fabs(t.weight - 1.0) > tolerance; });
}

}  // namespace

void read_prose(std::string_view text, std::uint32_t base, Prompt& ir, Diagnostics&) {
  // Prose has no syntax to get wrong: every piece lands somewhere, so nothing is reported.
  ProseReader reader(ir);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n') continue;
    const Piece line =
        trimmed(text.substr(start, i - start), base + static_cast<std::uint32_t>(start));
    if (!line.text.empty()) reader.line(line);
    start = i + 1;
  }
}

std::string scene_sentence(const Prompt& ir) {
  std::vector<std::string> items = phrase_texts(ir.subject);
  // Tags from tag platforms read as words in a sentence ("1girl" -> "a girl"), as for Flux.
  if (dialects::source_weight_model(ir, WeightModel::None) == WeightModel::Scale)
    for (auto& item : items) {
      if (auto prose = vocab::tag_prose(item)) {
        item = *prose;
      } else if (std::all_of(item.begin(), item.end(), [](char c) {
                   return c == '_' || c == ' ' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                 })) {
        std::replace(item.begin(), item.end(), '_', ' ');
      }
    }
  for (auto& m : phrase_texts(ir.motion)) items.push_back(std::move(m));
  return as_sentence(items);
}

std::string style_sentence(const Prompt& ir, Diagnostics& diags) {
  std::vector<StyleTerm> kept;
  for (const auto& t : ir.style) {
    if (vocab::is_quality_booster(t.text)) {
      report(
          diags, Code::DroppedTerm, Severity::Info,
          fmt::format("quality booster \"{}\" dropped; video models follow descriptions", t.text),
          "style", t.span);
      continue;
    }
    kept.push_back(t);
  }
  return as_sentence(phrase_texts(kept));
}

std::string move_text(const CameraMove& move) {
  const std::string_view p = vocab::move_phrase(move.move);
  std::string out = p.empty() ? move.move : std::string(p);
  if (!move.speed.empty()) out = move.speed + " " + out;
  return out;
}

std::vector<std::string> camera_words(const Camera& camera, bool with_moves) {
  std::vector<std::string> out;
  if (!camera.shot.empty()) {
    const std::string_view p = vocab::shot_phrase(camera.shot);
    out.emplace_back(p.empty() ? camera.shot : p);
  }
  if (!camera.angle.empty()) {
    // "POV": the phrase "first-person point of view" does not read back as the angle.
    std::string_view p = camera.angle == "pov" ? "POV" : vocab::angle_phrase(camera.angle);
    for (std::string_view article : {"a ", "an "})
      if (p.substr(0, article.size()) == article) p.remove_prefix(article.size());
    out.emplace_back(p.empty() ? camera.angle : p);
  }
  if (!text::trim(camera.lens).empty()) out.emplace_back(text::trim(camera.lens));
  for (const auto& t : phrase_texts(camera.terms)) out.push_back(t);
  if (with_moves)
    for (const auto& m : camera.moves)
      if (!m.move.empty()) out.push_back(move_text(m));
  return out;
}

std::string audio_sentences(const Audio& audio) {
  std::string out;
  auto add = [&](const std::string& s) {
    if (!out.empty()) out += ' ';
    out += s;
  };
  for (const auto& d : audio.dialogue)
    add(fmt::format("{} says, \"{}\"", speaker_text(d.speaker), d.line));
  if (!audio.sfx.empty()) {
    std::string joined;
    for (const auto& s : audio.sfx) joined += (joined.empty() ? "" : ", ") + s;
    add("SFX: " + joined + ".");
  }
  if (!audio.ambience.empty()) {
    std::string joined;
    for (const auto& s : audio.ambience) joined += (joined.empty() ? "" : ", ") + s;
    add("Ambient noise: " + joined + ".");
  }
  return out;
}

std::string fit_ratio(const Prompt& ir, const std::vector<std::string>& allowed,
                      std::string_view fallback, std::string_view target, Diagnostics& diags) {
  std::optional<std::string> asked = ir.params.aspect_ratio;
  if (!asked && ir.params.width && ir.params.height)
    asked = text::reduce_ratio(*ir.params.width, *ir.params.height);
  const std::optional<double> r = asked ? ratio_value(*asked) : std::nullopt;
  if (!r || allowed.empty()) return std::string(fallback);
  std::string best = allowed.front();
  double best_distance = 1e300;
  for (const auto& a : allowed) {
    const auto v = ratio_value(a);
    if (!v) continue;
    const double d = std::fabs(std::log(*v) - std::log(*r));
    if (d < best_distance - 1e-12) {
      best_distance = d;
      best = a;
    }
  }
  // Pixels become a ratio: the platform picks its own resolution (said once per field).
  if (ir.params.width && ir.params.height)
    for (const auto& [value, field] : {std::pair{*ir.params.width, "params.width"},
                                       std::pair{*ir.params.height, "params.height"}})
      report(diags, Code::ApproximatedParameter, Severity::Info,
             fmt::format("{} {}: {} takes an aspect ratio, not pixels; {}x{} is written as {}",
                         field, value, target, *ir.params.width, *ir.params.height, best),
             field);
  if (best_distance > 1e-9)
    report(diags, Code::SnappedAspectRatio, Severity::Info,
           fmt::format("aspect ratio {} is written as {}, the nearest {} allows", *asked, best,
                       target),
           "params.aspect_ratio");
  return best;
}

bool ratio_given(const Params& p, bool& from_pixels) {
  from_pixels = false;
  if (p.aspect_ratio) return ratio_value(*p.aspect_ratio).has_value();
  from_pixels = p.width && p.height && *p.width > 0 && *p.height > 0;
  return from_pixels;
}

double fit_duration(const Prompt& ir, const std::vector<double>& allowed, double fallback,
                    std::string_view target, Diagnostics& diags) {
  if (!ir.params.duration_s || allowed.empty()) return fallback;
  const double asked = *ir.params.duration_s;
  double best = allowed.front();
  for (double a : allowed)
    if (std::fabs(a - asked) < std::fabs(best - asked) - 1e-9 ||
        (std::fabs(std::fabs(a - asked) - std::fabs(best - asked)) <= 1e-9 && a < best))
      best = a;
  if (std::fabs(best - asked) > 1e-9)
    report(diags, Code::SnappedValue, Severity::Info,
           fmt::format("duration {}s is written as {}s, the nearest {} allows",
                       text::format_number(asked), text::format_number(best), target),
           "params.duration_s");
  return best;
}

void note_no_motion(const Prompt& ir, std::string_view target, Diagnostics& diags) {
  if (!ir.motion.empty() || !ir.camera.moves.empty()) return;
  report(diags, Code::NoMotion, Severity::Info,
         fmt::format("the prompt names no motion or camera move; {} will improvise them", target),
         "motion");
}

bool read_common_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                      const LineRules& rules) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  if (label == "negative prompt") {
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(piece.text), 1.0, piece.span, false});
  } else if (label == "aspect ratio") {
    if (const auto r = parse_ratio(v))
      ir.params.aspect_ratio = *r;
    else
      kit::report_bad_value(line, "an aspect ratio such as 16:9", diags);
  } else if (label == "duration") {
    if (const auto d = parse_duration(v, rules.duration_words))
      ir.params.duration_s = *d;
    else
      kit::report_bad_value(line, fmt::format("a duration such as {}", rules.duration_example),
                            diags);
  } else if (label == "seed") {
    kit::read_setting(line, kit::Setting::Seed, ir, diags);
  } else if (label == "camera") {
    read_camera_line(line, ir, diags, rules.record);
  } else {
    return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (i.empty()) continue;
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

std::string join_sentences(const std::vector<std::string>& sentences) {
  return join(sentences, " ");
}

std::string camera_sentence(const Camera& camera, bool with_moves) {
  std::string words;
  for (const auto& w : camera_words(camera, with_moves)) words += (words.empty() ? "" : ", ") + w;
  return words.empty() ? "" : "Camera: " + words + ".";
}

void report_weights(const Prompt& ir, const std::vector<std::string_view>& fields,
                    const std::function<std::string(std::string_view field)>& message,
                    Diagnostics& diags, double tolerance) {
  for (const std::string_view field : fields) {
    bool any = false;
    if (field == "subject")
      any = weighted(ir.subject, tolerance);
    else if (field == "motion")
      any = weighted(ir.motion, tolerance);
    else if (field == "style")
      any = weighted(ir.style, tolerance);
    else if (field == "camera.terms")
      any = weighted(ir.camera.terms, tolerance);
    if (any)
      report(diags, Code::ApproximatedWeight, Severity::Info, message(field), std::string(field));
  }
}

}  // namespace promptport::video
