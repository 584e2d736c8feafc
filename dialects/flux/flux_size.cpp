// Flux image sizes: the BFL width/height grid and the ultra aspect-ratio range.
#include "flux/flux_size.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "promptport/text.h"

namespace promptport::flux {
namespace {

constexpr double kTargetArea = 1024.0 * 1024.0;
// How much a 1% area change costs against a 1% ratio error: the ratio is what the user
// asked for, the area only has to stay "about 1 MP".
constexpr double kAreaWeight = 0.1;

std::int64_t floor_step(double v) {
  v = std::clamp(v, 0.0, 1e6);  // extreme ratios must not overflow the cast
  return static_cast<std::int64_t>(std::floor(v / kSizeStep)) * kSizeStep;
}

std::int64_t clamp_side(std::int64_t v) { return std::clamp(v, kMinSide, kMaxSide); }

double cost(std::int64_t w, std::int64_t h, double ratio) {
  const double r = static_cast<double>(w) / static_cast<double>(h);
  const double area = static_cast<double>(w) * static_cast<double>(h);
  return std::fabs(std::log(r / ratio)) + kAreaWeight * std::fabs(std::log(area / kTargetArea));
}

}  // namespace

std::optional<Ratio> parse_ratio(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(s.substr(0, colon)));
  const auto h = text::parse_int(text::trim(s.substr(colon + 1)));
  if (!w || !h || *w <= 0 || *h <= 0) return std::nullopt;
  return Ratio{*w, *h};
}

namespace {

Size size_for_ratio_uncached(double ratio);

}  // namespace

// Prompts use a handful of ratios (16:9, 2:3, 3:2...): the last few answers are kept.
Size size_for_ratio(double ratio) {
  struct Entry {
    double ratio = 0;  // 0 is never looked up: it has no size search
    Size size;
  };
  thread_local std::array<Entry, 8> recent;
  thread_local std::size_t next = 0;
  for (const Entry& e : recent)
    if (e.ratio == ratio && ratio > 0) return e.size;
  const Size size = size_for_ratio_uncached(ratio);
  recent[next] = Entry{ratio, size};
  next = (next + 1) % recent.size();
  return size;
}

namespace {

Size size_for_ratio_uncached(double ratio) {
  if (!(ratio > 0) || !std::isfinite(ratio)) return {kDefaultWidth, kDefaultHeight};
  // For a fixed height the ratio term dominates, so the best width is one of the two grid
  // points around height * ratio.
  Size best{kDefaultWidth, kDefaultHeight};
  double best_cost = INFINITY;
  auto consider = [&](std::int64_t w, std::int64_t h) {
    w = clamp_side(w);
    const double c = cost(w, h, ratio);
    // Ties (within rounding) go to the larger area.
    if (c < best_cost - 1e-12 || (c < best_cost + 1e-12 && w * h > best.width * best.height)) {
      best = {w, h};
      best_cost = c;
    }
  };
  // Heights far from the ideal one lose on area more than any rounding of the ratio can
  // win (0.2 * |ln(h / h0)| > 0.045 beyond 25%), so only those near it are tried.
  // h0: the height of the ideal 1 MP frame, shrunk or grown (keeping the ratio) into the box.
  double h0 = std::sqrt(kTargetArea / ratio);
  double w0 = h0 * ratio;
  if (w0 > kMaxSide) w0 = kMaxSide, h0 = w0 / ratio;
  if (h0 > kMaxSide) h0 = kMaxSide, w0 = h0 * ratio;
  if (w0 < kMinSide) w0 = kMinSide, h0 = w0 / ratio;
  if (h0 < kMinSide) h0 = kMinSide;
  h0 = std::min(h0, static_cast<double>(kMaxSide));
  const std::int64_t low = std::max(kMinSide, floor_step(h0 / 1.25));
  const std::int64_t high = std::min(kMaxSide, floor_step(h0 * 1.25) + kSizeStep);
  for (std::int64_t h = low; h <= high; h += kSizeStep) {
    const std::int64_t w = floor_step(static_cast<double>(h) * ratio);
    consider(w, h);
    consider(w + kSizeStep, h);
  }
  return best;
}

}  // namespace

Size fit_size(std::int64_t width, std::int64_t height) {
  if (width <= 0 || height <= 0) return {kDefaultWidth, kDefaultHeight};
  double w = static_cast<double>(width);
  double h = static_cast<double>(height);
  const double longer = std::max(w, h);
  const double shorter = std::min(w, h);
  double scale = 1.0;
  if (longer > kMaxSide) scale = kMaxSide / longer;
  if (shorter * scale < kMinSide) scale = std::min(kMinSide / shorter, kMaxSide / longer);
  w *= scale;
  h *= scale;
  auto snap = [](double v) {
    return clamp_side(static_cast<std::int64_t>(std::lround(v / kSizeStep)) * kSizeStep);
  };
  return {snap(w), snap(h)};
}

std::string ratio_text(Ratio ratio) {
  return std::to_string(ratio.w) + ":" + std::to_string(ratio.h);
}

std::string ultra_ratio(Ratio ratio) {
  // BFL ultra accepts ratios between 21:9 and 9:21.
  const double r = ratio.value();
  if (r > 21.0 / 9.0 + 1e-12) return "21:9";
  if (r < 9.0 / 21.0 - 1e-12) return "9:21";
  return ratio_text(ratio);
}

}  // namespace promptport::flux
