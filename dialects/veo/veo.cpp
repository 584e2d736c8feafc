// The Veo dialect (Google Veo 3.1 on Vertex AI / the Gemini API): prose with camera words
// and audio sentences, a negativePrompt field, and the predictLongRunning body.
#include <fmt/format.h>

#include <memory>

#include "promptport/dialect.h"
#include "promptport/text.h"
#include "veo/veo_reader.h"
#include "veo/veo_writer.h"

namespace promptport {
namespace {

class Veo final : public Dialect {
 public:
  std::string_view name() const override { return "veo"; }
  std::string_view summary() const override {
    return "Google Veo 3.1 (Vertex/Gemini API): prose with camera words, dialogue, SFX and "
           "ambient audio, negativePrompt";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.audio = true;
    c.video = true;
    c.aspect_ratios = {"16:9", "9:16"};
    c.durations_s = {4, 6, 8};
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "model id", "veo-3.1-generate-preview",
             "Vertex model; it names the endpoint (.../models/MODEL:predictLongRunning), not a "
             "body field"},
            {"resolution", "720p|1080p", "720p", "parameters.resolution"},
            {"audio", "on|off", "on", "parameters.generateAudio"}};
  }

  // Veo's audio idiom is the tell: SFX and ambient lines, speech as `X says, "..."`.
  double detect(std::string_view t) const override {
    for (std::string_view mark : {"SFX:", "Ambient noise:", "says, \""})
      if (t.find(mark) != std::string_view::npos) return 0.6;
    return 0;
  }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return veo::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return veo::write(ir, settings(options, diags), diags);
  }

 private:
  static veo::Settings settings(const Options& options, Diagnostics& diags) {
    veo::Settings s;
    auto invalid = [&](const std::string& key, const std::string& value, std::string_view want,
                       std::string_view fallback) {
      report(diags, Code::InvalidValue, Severity::Warning,
             fmt::format("unknown Veo {} '{}' ({}); using {}", key, value, want, fallback), key);
    };
    if (const auto it = options.find("model"); it != options.end()) {
      const std::string_view m = text::trim(it->second);
      if (!m.empty()) s.model = std::string(m);
    }
    if (const auto it = options.find("resolution"); it != options.end()) {
      const std::string r = text::lower_ascii(text::trim(it->second));
      if (r == "720p" || r == "1080p")
        s.resolution = r;
      else
        invalid("resolution", it->second, "720p or 1080p", "720p");
    }
    if (const auto it = options.find("audio"); it != options.end()) {
      const std::string a = text::lower_ascii(text::trim(it->second));
      if (a == "on" || a == "true")
        s.generate_audio = true;
      else if (a == "off" || a == "false")
        s.generate_audio = false;
      else
        invalid("audio", it->second, "on or off", "on");
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_veo() { return std::make_unique<Veo>(); }

}  // namespace promptport
