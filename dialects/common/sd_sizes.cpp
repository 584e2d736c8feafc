// Image sizes for the Stable Diffusion family.
#include "common/sd_sizes.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "promptport/text.h"

namespace promptport::sdfamily {
namespace {

// The SDXL training buckets people actually use (~1 MP, sides multiples of 64).
constexpr std::array<Size, 9> kSdxlBuckets{{
    {1024, 1024},
    {1152, 896},
    {896, 1152},
    {1216, 832},
    {832, 1216},
    {1344, 768},
    {768, 1344},
    {1536, 640},
    {640, 1536},
}};

std::optional<double> parse_ratio(std::string_view ratio) {
  const std::size_t colon = ratio.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_double(ratio.substr(0, colon));
  const auto h = text::parse_double(ratio.substr(colon + 1));
  if (!w || !h || !(*w > 0) || !(*h > 0)) return std::nullopt;
  const double r = *w / *h;
  if (!std::isfinite(r) || r <= 0) return std::nullopt;
  return r;
}

}  // namespace

Base base_option(const Options& options, Diagnostics& diags) {
  const auto it = options.find("model");
  if (it == options.end() || it->second == "sdxl") return Base::Sdxl;
  if (it->second == "sd15") return Base::Sd15;
  report(diags, Code::InvalidValue, Severity::Warning,
         "-O model=" + it->second + " is not sd15 or sdxl; using sdxl", "options.model");
  return Base::Sdxl;
}

OptionSpec base_option_spec() {
  return {"model", "sdxl|sd15", "sdxl",
          "checkpoint family for sizes: sdxl (1024² buckets such as 1344x768) or sd15 (512 base)"};
}

std::optional<Size> size_for_ratio(std::string_view ratio, Base base) {
  const auto r = parse_ratio(ratio);
  if (!r) return std::nullopt;
  if (base == Base::Sdxl) {
    Size best = kSdxlBuckets[0];
    double best_distance = 1e300;
    for (const Size& s : kSdxlBuckets) {
      const double d = std::fabs(std::log(static_cast<double>(s.width) / s.height) - std::log(*r));
      if (d < best_distance - 1e-12) {
        best_distance = d;
        best = s;
      }
    }
    return best;
  }
  const double wide = *r >= 1 ? *r : 1 / *r;
  const int long_side =
      static_cast<int>(std::clamp(std::round(512 * wide / 64) * 64, 512.0, 1024.0));
  return *r >= 1 ? Size{long_side, 512} : Size{512, long_side};
}

std::string ratio_of(Size size) {
  return text::reduce_ratio(size.width, size.height).value_or("1:1");
}

Size round_to_8(Size size) {
  auto side = [](int v) { return std::max(64, static_cast<int>(std::lround(v / 8.0)) * 8); };
  return {side(size.width), side(size.height)};
}

}  // namespace promptport::sdfamily
