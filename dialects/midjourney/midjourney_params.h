// The Midjourney parameter table (REFERENCE.md §1.4, §1.5 and the 2022 legacy flags) as data.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace promptport::mj {

/// How a parameter's value is written (how many tokens it takes and their shape).
enum class Kind : std::uint8_t {
  Flag,            ///< no value: --tile
  Number,          ///< one number: --chaos 20
  Integer,         ///< one whole number: --seed 42
  Ratio,           ///< W:H in whole numbers: --ar 16:9
  Word,            ///< one word from `allowed`: --style raw, --motion high
  Version,         ///< one value from `allowed`, kept as a string: --v 6.1
  OptionalNumber,  ///< a flag that may take a number: --niji [6], --sameseed [N]
  Url,             ///< one URL: --oref, --end
  Urls,            ///< one or more URLs: --cref
  StyleRefs,       ///< URLs, numeric codes or `random`, each with an optional ::w: --sref
  Codes,           ///< zero or more profile/moodboard codes: --p
  List,            ///< everything up to the next parameter, a comma list: --no
};

/// Where a valid value goes in the IR. Values that are out of range or of the wrong
/// shape always go to extensions.midjourney.<key>, whatever the target.
enum class Target : std::uint8_t {
  Extension,        ///< extensions.midjourney.<key>
  AspectRatio,      ///< params.aspect_ratio
  Seed,             ///< params.seed
  Width,            ///< params.width (legacy --w)
  Height,           ///< params.height (legacy --h)
  Negative,         ///< negative terms (weight 1)
  ImageWeight,      ///< weight of the image references (--iw), else the extension
  StyleRefs,        ///< references of kind style
  CharacterRefs,    ///< references of kind character
  CharacterWeight,  ///< weight of the character references (--cw), else the extension
  OmniRef,          ///< a reference of kind omni
  OmniWeight,       ///< weight of the omni reference (--ow), else the extension
  MotionIntensity,  ///< ir.motion_intensity
};

/// A documented range that applies from a model version on (the last matching row wins).
struct Range {
  double from_version = 0;
  double min = 0;
  double max = 0;
  std::string_view allowed;  ///< "a|b|c": a set of values instead of min..max
};

struct ParamSpec {
  std::string_view key;      ///< canonical name and extensions.midjourney key: "stylize"
  std::string_view emit_as;  ///< how the writer spells it: "--stylize"
  std::array<std::string_view, 2> aliases;  ///< other accepted names: {"s"}
  Kind kind = Kind::Flag;
  Target target = Target::Extension;
  bool legacy = false;        ///< a retired (2022-era) parameter: reported, kept in extensions
  std::string_view versions;  ///< where it exists, for people: "v6+", "v7", "V1-V3"
  std::array<Range, 4> ranges{};
  std::size_t range_count = 0;
  std::string_view help;  ///< one line, used in diagnostics and the README
};

/// Every known parameter, in the writer's canonical order.
std::span<const ParamSpec> all_params();

/// The spec for a name or alias (lower-case ASCII, without dashes), or nullptr.
const ParamSpec* find_param(std::string_view name);

/// The spec with this extensions.midjourney key, or nullptr.
const ParamSpec* find_by_key(std::string_view key);

/// The legacy width/height specs (`--w` is --weird in current versions; see midjourney.cpp).
const ParamSpec& width_spec();
const ParamSpec& height_spec();

/// The range row that applies at `version`, or nullptr when the parameter has none.
const Range* range_for(const ParamSpec& spec, double version);

/// True when `value` is within `range` (numerically, for `allowed` sets of numbers too).
bool in_range(const Range& range, double value);

/// "0-100", or "one of 1 2 4" for a set, for messages.
std::string describe(const Range& range);

/// The value within `range` closest to `value` (for a set, the nearest item; the lower one
/// on a tie).
double snap(const Range& range, double value);

/// A known name or alias close to `unknown` ("did you mean"), or "" when none is close.
std::string_view suggest_param(std::string_view unknown);

/// Model versions accepted by --version and -O version, and --niji.
inline constexpr std::string_view kVersions = "1|2|3|4|5|5.1|5.2|6|6.1|7|8|8.1";
inline constexpr std::string_view kNijiVersions = "4|5|6|7";
/// The version assumed when the prompt names none (V7 became the default in 2025).
inline constexpr double kLatestVersion = 7;
/// The version assumed for prompts that use 2022-era parameters (--uplight, --hd, ...).
inline constexpr double kLegacyVersion = 3;

/// True when `value` is one of the "|"-separated items of `set` (ASCII case-insensitive).
bool in_set(std::string_view set, std::string_view value);

}  // namespace promptport::mj
