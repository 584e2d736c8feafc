// The Seedance dialect (ByteDance Seedance 1.0 lite/pro, 1.5 pro, 2.0 on BytePlus ModelArk /
// Volcengine Ark): prose, shot labels of multi-shot prompts, inline --flags.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "promptport/dialect.h"
#include "promptport/text.h"
#include "seedance/seedance_internal.h"

namespace promptport {
namespace seedance {

const std::vector<std::string>& ratios() {
  static const std::vector<std::string> kRatios{"16:9", "4:3", "1:1", "3:4", "9:16", "21:9"};
  return kRatios;
}

const std::vector<double>& durations() {
  static const std::vector<double> kDurations{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  return kDurations;
}

const std::vector<std::int64_t>& resolutions() {
  static const std::vector<std::int64_t> kResolutions{480, 720, 1080};
  return kResolutions;
}

}  // namespace seedance

namespace {

// Short names for the model ids of REFERENCE §9.1; any other id passes through.
constexpr std::pair<std::string_view, std::string_view> kModels[] = {
    {"lite", "seedance-1-0-lite-t2v-250428"},
    {"pro", "seedance-1-0-pro-250528"},
    {"pro-fast", "seedance-1-0-pro-fast-251015"},
    {"1.5-pro", "seedance-1-5-pro-251215"},
};

class Seedance final : public Dialect {
 public:
  std::string_view name() const override { return "seedance"; }
  std::string_view summary() const override {
    return "ByteDance Seedance 1.0 lite/pro, 1.5 pro, 2.0 (Ark API): prose, [Shot label] "
           "multi-shot prompts, inline --ratio --duration --resolution --camerafixed --seed "
           "--watermark";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.video = true;
    c.audio = true;  // 1.5 pro and 2.0 (-O model)
    c.aspect_ratios = seedance::ratios();
    c.durations_s = seedance::durations();
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {
        {"model", "model id, or lite, pro, pro-fast, 1.5-pro", std::string(seedance::kDefaultModel),
         "the request's model: lite = seedance-1-0-lite-t2v-250428, pro = "
         "seedance-1-0-pro-250528, pro-fast = seedance-1-0-pro-fast-251015, 1.5-pro = "
         "seedance-1-5-pro-251215 (1.5 and 2.0 models keep the audio); any other id is "
         "used as given"},
        {"resolution", "480p|720p|1080p", "",
         "write --resolution (by default only when the prompt had one; Seedance's own "
         "default is 720p on lite, 1080p on pro)"}};
  }

  double detect(std::string_view text) const override { return seedance::detect(text); }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return seedance::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    return seedance::write(ir, settings(options, diags), diags);
  }

 private:
  static seedance::Settings settings(const Options& options, Diagnostics& diags) {
    seedance::Settings s;
    if (const auto it = options.find("model"); it != options.end()) {
      const std::string_view m = text::trim(it->second);
      s.model = std::string(m);
      for (const auto& [short_name, id] : kModels)
        if (text::lower_ascii(m) == short_name) s.model = std::string(id);
      if (m.empty()) {
        report(diags, Code::InvalidValue, Severity::Warning,
               fmt::format("empty Seedance model name; using {}", seedance::kDefaultModel),
               "model");
        s.model = std::string(seedance::kDefaultModel);
      }
    }
    if (const auto it = options.find("resolution"); it != options.end()) {
      const auto lines = seedance::resolution_lines(it->second);
      const auto& allowed = seedance::resolutions();
      if (lines && std::find(allowed.begin(), allowed.end(), *lines) != allowed.end())
        s.resolution = *lines;
      else
        report(diags, Code::InvalidValue, Severity::Warning,
               fmt::format("unknown Seedance resolution '{}' (480p, 720p or 1080p); not written",
                           it->second),
               "resolution");
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_seedance() { return std::make_unique<Seedance>(); }

}  // namespace promptport
