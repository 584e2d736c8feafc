// The sd dialect: AUTOMATIC1111 / Forge WebUI prompts, infotext and txt2img requests.
#include <memory>

#include "common/sd_sizes.h"
#include "promptport/dialect.h"
#include "sd/sd_detect.h"
#include "sd/sd_reader.h"
#include "sd/sd_writer.h"

namespace promptport {
namespace {

class Sd final : public Dialect {
 public:
  std::string_view name() const override { return "sd"; }
  std::vector<std::string_view> aliases() const override {
    return {"a1111", "forge", "stable-diffusion"};
  }
  std::string_view summary() const override {
    return "AUTOMATIC1111 / Forge WebUI: (x:1.2) attention, [a:b:0.5] prompt editing, AND, BREAK, "
           "<lora:…>, infotext";
  }
  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.weights = true;
    c.weight_model = WeightModel::Scale;
    return c;  // no length limit: A1111 encodes long prompts in 75-token chunks
  }
  std::vector<OptionSpec> options() const override { return {sdfamily::base_option_spec()}; }
  double detect(std::string_view text) const override { return sd::detect(text); }
  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return sd::read(text, diags);
  }
  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return sd::write(ir, options, diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_sd() { return std::make_unique<Sd>(); }

}  // namespace promptport
