// The Runway dialect (Gen-4 / Gen-3 API): "[camera movement]: [scene]" prose, pixel ratio
// strings, integer duration, a seed; no negative prompt, no audio.
#include <fmt/format.h>

#include <memory>

#include "common/video.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"
#include "runway/runway_internal.h"

namespace promptport {
namespace {

// promptText takes 1-1000 characters.
constexpr std::size_t kMaxChars = 1000;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

class Runway final : public Dialect {
 public:
  std::string_view name() const override { return "runway"; }
  std::string_view summary() const override {
    return "Runway Gen-4/Gen-3 API: '[camera movement]: [scene]. [details]' prose, pixel ratio "
           "strings, no negative";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.video = true;
    c.weight_model = WeightModel::None;
    c.max_prompt_chars = kMaxChars;
    c.aspect_ratios = {"16:9", "9:16", "4:3", "3:4", "1:1", "21:9"};
    c.durations_s = {5, 10};
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "gen4_turbo|gen3a_turbo|gen4.5", "gen4_turbo",
             "API model; gen3a_turbo takes only the 16:9 and 9:16 ratios (1280:768, 768:1280)"}};
  }

  double detect(std::string_view text) const override { return runway::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return runway::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    const runway::Model model = runway::model_option(options, diags);
    Emitted out;
    out.prompt = runway::write_prompt(ir, diags);
    if (const std::size_t n = code_points(out.prompt); n > kMaxChars)
      report(diags, Code::PromptTooLong, Severity::Warning,
             fmt::format("the prompt is {} characters; Runway's promptText takes at most {}", n,
                         kMaxChars),
             "prompt");
    std::vector<std::string_view> carried{"subject", "style", "camera", "motion"};
    const runway::Lines lines = runway::write_request(ir, model, out, carried, diags);
    out.text = kit::compose_text(out.prompt, lines);
    video::note_no_motion(ir, "Runway", diags);
    kit::report_uncarried(ir, carried, "Runway", diags);
    return out;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_runway() { return std::make_unique<Runway>(); }

}  // namespace promptport
