// The Imagen dialect (Google Imagen 3/4 on Vertex AI or the Gemini API, and the Gemini image
// models chosen with -O model=gemini-...): plain prose, aspectRatio, negativePrompt on the
// oldest model only, enhancePrompt off.
#include <memory>
#include <string>

#include "imagen/imagen_internal.h"
#include "promptport/dialect.h"

namespace promptport {
namespace {

class Imagen final : public Dialect {
 public:
  std::string_view name() const override { return "imagen"; }
  std::vector<std::string_view> aliases() const override { return {"gemini"}; }
  std::string_view summary() const override {
    return "Google Imagen 3/4 and Gemini image models: plain prose; 5 aspect ratios (8 on "
           "Gemini), negativePrompt only on imagen-3.0-generate-001, enhancePrompt off, 480 "
           "tokens";
  }

  Capabilities capabilities() const override {
    // The default model's (Imagen 4): no negative prompt.
    Capabilities c;
    c.max_prompt_tokens = imagen::kMaxTokens;
    c.aspect_ratios = imagen::ratios(imagen::Family::Imagen);
    return c;
  }

  std::vector<OptionSpec> options() const override {
    std::string ids;
    for (auto id : imagen::known_models()) ids += (ids.empty() ? "" : "|") + std::string(id);
    return {{"model", ids, std::string(imagen::kDefaultModel),
             "names the endpoint (.../models/MODEL:predict, or :generateContent for gemini-*), "
             "not a body field; imagen-3.0-generate-001 is the only one with negativePrompt; "
             "gemini-* models take 8 aspect ratios and the generateContent body"}};
  }

  double detect(std::string_view text) const override { return imagen::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return imagen::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return imagen::write(ir, imagen::model_option(options, diags), diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_imagen() { return std::make_unique<Imagen>(); }

}  // namespace promptport
