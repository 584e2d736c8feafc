// Flux image sizes: BFL width/height (multiples of 32, 256-1440, about 1 MP) and ultra ratios.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace promptport::flux {

inline constexpr std::int64_t kSizeStep = 32;
inline constexpr std::int64_t kMinSide = 256;
inline constexpr std::int64_t kMaxSide = 1440;
inline constexpr std::int64_t kDefaultWidth = 1024;  // the BFL default when nothing is given
inline constexpr std::int64_t kDefaultHeight = 768;

struct Size {
  std::int64_t width = 0;
  std::int64_t height = 0;
  friend bool operator==(const Size&, const Size&) = default;
};

/// A positive "W:H" ratio.
struct Ratio {
  std::int64_t w = 0;
  std::int64_t h = 0;
  double value() const { return static_cast<double>(w) / static_cast<double>(h); }
};

/// Reads "W:H" (positive integers, spaces allowed around the colon); nullopt otherwise.
std::optional<Ratio> parse_ratio(std::string_view text);

/// The Flux size for a ratio: multiples of 32 within 256-1440, area about 1 MP, the ratio as
/// close as the grid allows (cost: |ln ratio error| + 0.1 * |ln area / 1 MP|).
Size size_for_ratio(double ratio);

/// Given pixels made valid: rounded to multiples of 32; a size outside 256-1440 is first
/// scaled (keeping its ratio) to fit.
Size fit_size(std::int64_t width, std::int64_t height);

/// "W:H" as given (not reduced: "21:9" stays "21:9").
std::string ratio_text(Ratio ratio);

/// The ultra aspect ratio: the ratio as given, clamped into 21:9 .. 9:21.
std::string ultra_ratio(Ratio ratio);

}  // namespace promptport::flux
