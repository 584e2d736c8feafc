// Image sizes for the Stable Diffusion family: the SDXL 1024² buckets and SD 1.5's 512 base.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "promptport/dialect.h"

namespace promptport::sdfamily {

enum class Base {
  Sd15,  ///< SD 1.x/2.x checkpoints trained at 512 px: short side 512, long side a multiple of 64
  Sdxl,  ///< SDXL and its descendants (Pony, Illustrious): the ~1 MP training buckets
};

struct Size {
  int width = 0;
  int height = 0;
};

/// `-O model=sd15|sdxl` (default sdxl); an unknown value is reported (invalid-value) and
/// gives the default.
Base base_option(const Options& options, Diagnostics& diags);

/// The option's spec for Dialect::options().
OptionSpec base_option_spec();

/// The size a skilled user picks for aspect ratio "W:H": the SDXL bucket nearest in
/// log-ratio (16:9 -> 1344x768, 2:3 -> 832x1216), or for SD 1.5 a 512 short side and a long
/// side rounded to 64 (16:9 -> 896x512) up to 1024. nullopt when `ratio` is not "W:H".
std::optional<Size> size_for_ratio(std::string_view ratio, Base base);

/// "W:H" reduced of a size ("1344x768" -> "7:4").
std::string ratio_of(Size size);

/// Pixel sizes must be multiples of 8 (the VAE's factor); rounds each side to the nearest
/// multiple of 8, at least 64.
Size round_to_8(Size size);

}  // namespace promptport::sdfamily
