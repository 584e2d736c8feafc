// The Runway API body (POST /v1/image_to_video; text-only use is the same without
// promptImage): model, promptText, pixel `ratio` string, integer duration, seed.
#include <fmt/format.h>

#include <cstdint>

#include "common/video.h"
#include "promptport/text.h"
#include "runway/runway_internal.h"

namespace promptport::runway {
namespace {

// The API takes seeds 0 to 2^32 - 1.
constexpr std::int64_t kMaxSeed = 4294967295;

struct PixelRatio {
  std::string_view ratio;
  std::string_view pixels;
};

// gen4_turbo and gen4.5 sizes, in the order ties are settled (the capabilities' order).
constexpr PixelRatio kGen4[] = {{"16:9", "1280:720"}, {"9:16", "720:1280"}, {"4:3", "1104:832"},
                                {"3:4", "832:1104"},  {"1:1", "960:960"},   {"21:9", "1584:672"}};
// gen3a_turbo renders 1280x768 (5:3) for its landscape ratio; it is offered as 16:9.
constexpr PixelRatio kGen3a[] = {{"16:9", "1280:768"}, {"9:16", "768:1280"}};

template <std::size_t N>
std::vector<std::string> ratio_list(const PixelRatio (&table)[N]) {
  std::vector<std::string> out;
  for (const auto& r : table) out.emplace_back(r.ratio);
  return out;
}

template <std::size_t N>
std::string pixels_of(const PixelRatio (&table)[N], std::string_view ratio) {
  for (const auto& r : table)
    if (r.ratio == ratio) return std::string(r.pixels);
  return std::string(table[0].pixels);
}

std::string_view model_name(Model m) {
  switch (m) {
    case Model::Gen3aTurbo:
      return "gen3a_turbo";
    case Model::Gen45:
      return "gen4.5";
    case Model::Gen4Turbo:
      break;
  }
  return "gen4_turbo";
}

}  // namespace

Model model_option(const Options& options, Diagnostics& diags) {
  const auto it = options.find("model");
  if (it == options.end()) return Model::Gen4Turbo;
  const std::string v = text::lower_ascii(text::trim(it->second));
  if (v == "gen4_turbo") return Model::Gen4Turbo;
  if (v == "gen3a_turbo") return Model::Gen3aTurbo;
  if (v == "gen4.5") return Model::Gen45;
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("unknown Runway model '{}' (gen4_turbo, gen3a_turbo or gen4.5); using "
                     "gen4_turbo",
                     it->second),
         "model");
  return Model::Gen4Turbo;
}

Lines write_request(const Prompt& ir, Model model, Emitted& out,
                    std::vector<std::string_view>& carried, Diagnostics& diags) {
  const Params& p = ir.params;
  nlohmann::json& req = out.request;
  Lines lines;
  req["model"] = model_name(model);
  req["promptText"] = out.prompt;

  const bool gen3a = model == Model::Gen3aTurbo;
  static const std::vector<std::string> kGen4Ratios = ratio_list(kGen4);
  static const std::vector<std::string> kGen3aRatios = ratio_list(kGen3a);
  const std::string ratio =
      video::fit_ratio(ir, gen3a ? kGen3aRatios : kGen4Ratios, "16:9", "Runway", diags);
  // Pixels always travel as the ratio (fit_ratio says so for each side).
  if (p.width && p.height) carried.insert(carried.end(), {"params.width", "params.height"});
  req["ratio"] = gen3a ? pixels_of(kGen3a, ratio) : pixels_of(kGen4, ratio);
  bool from_pixels = false;
  if (video::ratio_given(p, from_pixels)) {
    lines.emplace_back("Aspect ratio", ratio);
    if (!from_pixels) carried.push_back("params.aspect_ratio");
  }

  const double duration = video::fit_duration(ir, {5, 10}, 5, "Runway", diags);
  req["duration"] = static_cast<int>(duration);
  if (p.duration_s) {
    lines.emplace_back("Duration", text::format_number(duration) + "s");
    carried.push_back("params.duration_s");
  }

  // A seed out of the API's range is dropped by report_uncarried.
  if (p.seed && *p.seed >= 0 && *p.seed <= kMaxSeed) {
    req["seed"] = *p.seed;
    lines.emplace_back("Seed", std::to_string(*p.seed));
    carried.push_back("params.seed");
  }
  return lines;
}

}  // namespace promptport::runway
