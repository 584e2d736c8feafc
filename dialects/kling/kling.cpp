// The Kling dialect (Kuaishou text-to-video API): prose, a negative field, camera_control.
#include <memory>

#include "kling/kling_internal.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport {
namespace kling {

const std::vector<std::string>& ratios() {
  static const std::vector<std::string> kRatios{"16:9", "9:16", "1:1"};
  return kRatios;
}

const std::vector<double>& durations() {
  static const std::vector<double> kDurations{5, 10};
  return kDurations;
}

}  // namespace kling

namespace {

class Kling final : public Dialect {
 public:
  std::string_view name() const override { return "kling"; }
  std::string_view summary() const override {
    return "Kling (Kuaishou) text-to-video API: prose, negative_prompt, camera_control, "
           "cfg_scale 0–1, mode";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.camera_control = true;
    c.video = true;
    c.max_prompt_chars = kling::kMaxPromptChars;
    c.aspect_ratios = kling::ratios();
    c.durations_s = kling::durations();
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "model name", std::string(kling::kDefaultModel),
             "model_name of the request (kling-v1, kling-v1-6, kling-v2-master, "
             "kling-v2-1-master, or a newer one)"},
            {"mode", "std|pro", "std", "std is cheaper; pro is higher quality and slower"}};
  }

  // Kling prose looks like any prose; only its own text-format lines give it away.
  double detect(std::string_view text) const override {
    bool cfg = false, mode = false;
    for (const auto& line : kit::split_labelled(text, kling::labels()).lines) {
      const std::string label = text::lower_ascii(line.label);
      cfg = cfg || label == "cfg scale";
      mode = mode || label == "mode";
    }
    return cfg && mode ? 0.8 : 0;
  }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return kling::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return kling::write(ir, options, diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_kling() { return std::make_unique<Kling>(); }

}  // namespace promptport
