// Reads Pika prompts: the prose, the inline flags (`-ar 16:9 -neg "…" -motion 2 -camera pan
// left -gs 12 -fps 24 -seed 7`), then the labelled lines of the text format.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/video.h"
#include "pika/pika_internal.h"
#include "promptport/kit.h"

namespace promptport::pika {
namespace {

const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Duration", "Seed",
                                            "Camera",          "Resolution"};

// -motion 0-4 as the IR's intensity: 0 and 1 low (1 is the bot's default), 2 medium, 3 and
// 4 high. 0 and 4 also stay in extensions.pika.motion, which the intensity cannot say back.
std::string_view intensity_of(std::int64_t motion) {
  return motion <= 1 ? "low" : motion == 2 ? "medium" : "high";
}

class FlagReader {
 public:
  FlagReader(Prompt& ir, Diagnostics& diags) : ir_(ir), diags_(diags) {}

  void read(const Flag& f) {
    const std::string token = "-" + f.name;
    if (!seen_.insert(f.name).second)
      report(diags_, Code::DuplicateParameter, Severity::Warning,
             fmt::format("{} is given twice; the last one wins", token), token, f.span);
    if (!known_flag(f.name)) return unknown(f, token);
    if (f.name == "hide") {
      ext()["hide"] = true;
      return;
    }
    if (f.words.empty()) {
      report(diags_, Code::MissingValue, Severity::Warning,
             fmt::format("{} needs a value; ignored", token), token, f.span);
      return;
    }
    if (f.name == "ar") return ratio(f);
    if (f.name == "neg") return negative(f);
    if (f.name == "motion") return motion(f);
    if (f.name == "camera") return camera(f);
    if (f.name == "gs") return guidance(f);
    if (f.name == "fps") return fps(f);
    if (f.name == "seed") return seed(f);
  }

  std::vector<text::Piece> stray;  // words a flag left over (text after parameters)

 private:
  nlohmann::json& ext() { return ir_.extensions["pika"]; }

  void problem(Code code, const Flag& f, nlohmann::json kept, std::string_view why) {
    ext()[f.name] = std::move(kept);
    report(diags_, code, Severity::Warning,
           fmt::format("-{} {} {}; kept in extensions.pika.{}", f.name, f.value, why, f.name),
           "extensions.pika." + f.name, f.span);
  }

  void unknown(const Flag& f, const std::string& token) {
    const std::string_view near = text::closest(f.name, flag_names());
    report(diags_, Code::UnknownParameter, Severity::Warning,
           near.empty() ? fmt::format("{} is not a Pika parameter; kept in extensions.pika.{}",
                                      token, f.name)
                        : fmt::format("{} is not a Pika parameter (did you mean -{}?); kept in "
                                      "extensions.pika.{}",
                                      token, near, f.name),
           token, f.name_span);
    if (f.words.empty())
      ext()[f.name] = true;
    else
      ext()[f.name] = f.value;
  }

  void ratio(const Flag& f) {
    const std::size_t colon = f.value.find(':');
    std::optional<std::string> r;
    if (colon != std::string::npos) {
      const auto w = text::parse_int(f.value.substr(0, colon));
      const auto h = text::parse_int(f.value.substr(colon + 1));
      if (w && h) r = text::reduce_ratio(*w, *h);
    }
    if (!r) return problem(Code::InvalidValue, f, f.value, "is not an aspect ratio such as 16:9");
    ir_.params.aspect_ratio = *r;
  }

  void negative(const Flag& f) {
    if (f.unterminated)
      report(diags_, Code::UnbalancedBracket, Severity::Warning,
             "the -neg quote is never closed; the rest of the prompt is the negative prompt", "\"",
             f.value_span);
    ir_.negative.clear();  // a second -neg replaces the first
    for (const auto& w : f.words)
      for (const auto& piece : text::split_fragments(w.text, w.span.begin))
        ir_.negative.push_back(Term{std::string(piece.text), 1.0, piece.span, false});
  }

  void motion(const Flag& f) {
    const auto m = text::parse_int(f.value);
    if (!m) return problem(Code::InvalidValue, f, f.value, "is not a whole number");
    if (*m < kMinMotion || *m > kMaxMotion)
      return problem(Code::OutOfRange, f, *m, "is out of range (0-4)");
    ir_.motion_intensity = intensity_of(*m);
    if (*m == 0 || *m == 4)
      ext()["motion"] = *m;
    else if (const auto p = ir_.extensions.find("pika"); p != ir_.extensions.end()) {
      p->erase("motion");  // an earlier -motion 0 or 4
      if (p->empty()) ir_.extensions.erase(p);
    }
  }

  void camera(const Flag& f) {
    std::vector<std::string> words;
    for (const auto& w : f.words) words.push_back(text::lower_ascii(w.text));
    const auto v = read_camera(words);
    // One camera type per prompt: a second -camera replaces the first.
    auto& moves = ir_.camera.moves;
    std::vector<CameraMove> kept;
    for (std::size_t i = 0; i < moves.size(); ++i)
      if (!from_flag_.count(i)) kept.push_back(std::move(moves[i]));
    moves = std::move(kept);
    from_flag_.clear();
    if (!v) {
      return problem(Code::InvalidValue, f, f.value,
                     "is not a Pika camera (zoom in|out, pan up|down|left|right, rotate "
                     "clockwise|counterclockwise)");
    }
    const Span value{f.words.front().span.begin, f.words[v->used - 1].span.end};
    for (const auto& m : v->moves) {
      from_flag_.insert(moves.size());
      moves.push_back(CameraMove{m, "", value});
    }
    if (v->used < f.words.size())
      stray.push_back({std::string_view(f.words[v->used].text.data(),
                                        f.words.back().text.data() + f.words.back().text.size() -
                                            f.words[v->used].text.data()),
                       Span{f.words[v->used].span.begin, f.words.back().span.end}});
  }

  void guidance(const Flag& f) {
    const auto g = text::parse_double(f.value);
    if (!g) return problem(Code::InvalidValue, f, f.value, "is not a number");
    if (*g < kMinGuidance || *g > kMaxGuidance)
      return problem(Code::OutOfRange, f, *g, "is out of range (5-25)");
    ir_.params.guidance = *g;
  }

  void fps(const Flag& f) {
    const auto n = text::parse_int(f.value);
    if (!n) return problem(Code::InvalidValue, f, f.value, "is not a whole number");
    if (*n < kMinFps || *n > kMaxFps)
      return problem(Code::OutOfRange, f, *n, "is out of range (8-24)");
    ext()["fps"] = *n;
  }

  void seed(const Flag& f) {
    const auto n = text::parse_int(f.value);
    if (!n || *n < 0) return problem(Code::InvalidValue, f, f.value, "is not a whole number ≥ 0");
    ir_.params.seed = *n;
  }

  Prompt& ir_;
  Diagnostics& diags_;
  std::set<std::string> seen_;
  std::set<std::size_t> from_flag_;  // indexes of the moves the last -camera gave
};

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  if (video::read_common_line(line, ir, diags)) return;
  if (text::lower_ascii(line.label) == "resolution") {
    const std::string v = text::lower_ascii(text::trim(line.value));
    if (v == "720p" || v == "1080p")
      ir.extensions["pika"]["resolution"] = v;
    else
      kit::report_bad_value(line, "720p or 1080p", diags);
  }
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  const Lexed lexed = lex(lt.prompt, lt.prompt_span.begin);
  video::read_prose(lexed.prose, lexed.prose_span.begin, ir, diags);
  FlagReader flags(ir, diags);
  for (const Flag& f : lexed.flags) flags.read(f);
  std::vector<text::Piece> stray = lexed.stray;
  stray.insert(stray.end(), flags.stray.begin(), flags.stray.end());
  std::sort(stray.begin(), stray.end(),
            [](const text::Piece& a, const text::Piece& b) { return a.span.begin < b.span.begin; });
  for (const auto& s : stray) {
    report(diags, Code::TextAfterParameters, Severity::Warning,
           fmt::format("\"{}\" comes after the parameters; kept as prompt text", s.text),
           std::string(s.text), s.span);
    video::read_prose(s.text, s.span.begin, ir, diags);
  }
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

}  // namespace promptport::pika
