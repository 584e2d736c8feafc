// The DALL·E dialect (OpenAI DALL·E 3 and gpt-image-1, POST /v1/images/generations). Both
// models were retired in 2026: the dialect is kept mainly to read old prompt libraries.
#include <memory>

#include "dalle/dalle_internal.h"
#include "promptport/dialect.h"

namespace promptport {
namespace {

class Dalle final : public Dialect {
 public:
  std::string_view name() const override { return "dalle"; }
  std::vector<std::string_view> aliases() const override { return {"gpt-image"}; }
  std::string_view summary() const override {
    return "OpenAI DALL\xC2\xB7"
           "E 3 / gpt-image-1 (retired in 2026; kept to read old prompt libraries): plain "
           "prose; size, quality, style; no negative prompt, no seed";
  }

  Capabilities capabilities() const override {
    // The default model's (DALL·E 3); gpt-image-1 takes 32000 characters and 1:1, 3:2, 2:3.
    Capabilities c;
    c.max_prompt_chars = dalle::dall_e_3().max_chars;
    for (const auto& s : dalle::dall_e_3().sizes) c.aspect_ratios.emplace_back(s.ratio);
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "dall-e-3|gpt-image-1", "dall-e-3",
             "the request's model: DALL\xC2\xB7"
             "E 3 sizes 1024x1024, 1792x1024, 1024x1792, quality standard|hd, style "
             "vivid|natural, 4000 characters; gpt-image-1 sizes 1024x1024, 1536x1024, "
             "1024x1536, quality low|medium|high|auto, background, output_format, moderation, "
             "32000 characters"},
            {"as-is", "on|off", "off",
             "start the prompt with the sentence Azure documents to keep DALL\xC2\xB7"
             "E 3 from rewriting it"}};
  }

  double detect(std::string_view text) const override { return dalle::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return dalle::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return dalle::write(ir, dalle::settings(options, diags), diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_dalle() { return std::make_unique<Dalle>(); }

}  // namespace promptport
