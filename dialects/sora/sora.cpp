// The Sora dialect (OpenAI Sora 2 API): a prose brief with a Cinematography block,
// dialogue and background sound; size and seconds set only through the request.
#include <fmt/format.h>

#include <memory>

#include "promptport/dialect.h"
#include "promptport/text.h"
#include "sora/sora_reader.h"
#include "sora/sora_writer.h"

namespace promptport {
namespace {

class Sora final : public Dialect {
 public:
  std::string_view name() const override { return "sora"; }
  std::string_view summary() const override {
    return "OpenAI Sora 2 API: prose brief with a Cinematography block, dialogue and background "
           "sound; size and seconds";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.audio = true;
    c.video = true;
    c.aspect_ratios = {"16:9", "9:16"};
    c.durations_s = {4, 8, 12};
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "sora-2|sora-2-pro", "sora-2", "the request's model"}};
  }

  // The Cinematography block is the cookbook's template; other platforms do not use it.
  double detect(std::string_view t) const override {
    return t.find("Cinematography:") != std::string_view::npos ? 0.8 : 0;
  }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return sora::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return sora::write(ir, model(options, diags), diags);
  }

 private:
  static std::string model(const Options& options, Diagnostics& diags) {
    const auto it = options.find("model");
    if (it == options.end()) return "sora-2";
    const std::string m = text::lower_ascii(text::trim(it->second));
    if (m == "sora-2" || m == "sora-2-pro") return m;
    report(diags, Code::InvalidValue, Severity::Warning,
           fmt::format("unknown Sora model '{}' (sora-2 or sora-2-pro); using sora-2", it->second),
           "model");
    return "sora-2";
  }
};

}  // namespace

std::unique_ptr<Dialect> make_sora() { return std::make_unique<Sora>(); }

}  // namespace promptport
