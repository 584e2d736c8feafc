// The Midjourney parameter table: every parameter and alias with its kind, range and versions.
#include "midjourney_params.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "promptport/text.h"

namespace promptport::mj {
namespace {

constexpr Range span_of(double from, double min, double max) { return Range{from, min, max, {}}; }
constexpr Range set_of(double from, std::string_view allowed) { return Range{from, 0, 0, allowed}; }

constexpr ParamSpec spec(std::string_view key, std::string_view emit_as,
                         std::array<std::string_view, 2> aliases, Kind kind, Target target,
                         bool legacy, std::string_view versions,
                         std::initializer_list<Range> ranges, std::string_view help) {
  ParamSpec s;
  s.key = key;
  s.emit_as = emit_as;
  s.aliases = aliases;
  s.kind = kind;
  s.target = target;
  s.legacy = legacy;
  s.versions = versions;
  for (const Range& r : ranges) s.ranges[s.range_count++] = r;
  s.help = help;
  return s;
}

constexpr ParamSpec flag(std::string_view key, bool legacy, std::string_view versions,
                         std::string_view help) {
  return spec(key, {}, {}, Kind::Flag, Target::Extension, legacy, versions, {}, help);
}

using K = Kind;
using T = Target;

// The order of this table is REFERENCE.md §1.4's and the writer's parameter order (README
// "Emitted form"); `emit_as` left empty means "--" + key. --no is written last by the writer
// because its value runs to the next parameter.
constexpr ParamSpec kTable[] = {
    spec("aspect", "--ar", {"ar"}, K::Ratio, T::AspectRatio, false, "all", {},
         "aspect ratio W:H in whole numbers"),
    spec("w", "--w", {}, K::Integer, T::Width, true, "V1-V3", {span_of(0, 1, 100000)},
         "output width in pixels, now --w is --weird"),
    spec("h", "--h", {}, K::Integer, T::Height, true, "V1-V3", {span_of(0, 1, 100000)},
         "output height in pixels"),
    spec("version", "--v", {"v"}, K::Version, T::Extension, false, "all", {set_of(0, kVersions)},
         "model version"),
    spec("niji", "--niji", {}, K::OptionalNumber, T::Extension, false, "niji 4+",
         {set_of(0, kNijiVersions)}, "the anime model"),
    spec("style", "--style", {}, K::Word, T::Extension, false, "v4+, niji",
         {set_of(0, "raw|cute|expressive|scenic|original|4a|4b|4c")}, "style variant"),
    spec("stylize", "--stylize", {"s"}, K::Number, T::Extension, false, "all",
         {span_of(0, 625, 60000), span_of(4, 0, 1000)}, "strength of Midjourney's aesthetic"),
    spec("chaos", "--chaos", {"c"}, K::Number, T::Extension, false, "all", {span_of(0, 0, 100)},
         "variety of the grid"),
    spec("weird", "--weird", {"w"}, K::Number, T::Extension, false, "v5.2+", {span_of(0, 0, 3000)},
         "quirky, unconventional aesthetics"),
    spec("quality", "--quality", {"q"}, K::Number, T::Extension, false, "all",
         {span_of(0, 0.25, 5), set_of(4, "0.25|0.5|1"), set_of(5, "0.25|0.5|1|2"),
          set_of(7, "1|2|4")},
         "GPU time spent (v7: 1, 2, 4)"),
    spec("seed", "--seed", {}, K::Integer, T::Seed, false, "all", {span_of(0, 0, 4294967295.0)},
         "starting noise"),
    spec("stop", "--stop", {}, K::Integer, T::Extension, false, "all", {span_of(0, 10, 100)},
         "stop the job early, in percent"),
    flag("tile", false, "all", "seamless repeating pattern"),
    spec("iw", "--iw", {}, K::Number, T::ImageWeight, false, "all",
         {span_of(5, 0, 2), span_of(6, 0, 3)}, "image prompt weight"),
    spec("sref", "--sref", {}, K::StyleRefs, T::StyleRefs, false, "v6+, niji 6", {},
         "style reference URLs, codes or random"),
    spec("sw", "--sw", {}, K::Number, T::Extension, false, "v6+", {span_of(0, 0, 1000)},
         "style reference weight"),
    spec("sv", "--sv", {}, K::Integer, T::Extension, false, "v6+",
         {span_of(0, 1, 4), span_of(7, 1, 6)}, "style reference algorithm version"),
    spec("cref", "--cref", {}, K::Urls, T::CharacterRefs, false, "v6, niji 6", {},
         "character reference URLs"),
    spec("cw", "--cw", {}, K::Number, T::CharacterWeight, false, "v6, niji 6", {span_of(0, 0, 100)},
         "character reference weight"),
    spec("oref", "--oref", {}, K::Url, T::OmniRef, false, "v7", {}, "omni reference URL"),
    spec("ow", "--ow", {}, K::Number, T::OmniWeight, false, "v7", {span_of(0, 1, 1000)},
         "omni reference weight"),
    spec("personalize", "--p", {"p"}, K::Codes, T::Extension, false, "v6+", {},
         "personalization profile or moodboard codes"),
    spec("exp", "--exp", {}, K::Number, T::Extension, false, "v7", {span_of(0, 0, 100)},
         "experimental aesthetics"),
    flag("draft", false, "v7", "draft mode"),
    flag("relax", false, "all", "relax speed mode"),
    flag("fast", false, "all", "fast speed mode"),
    flag("turbo", false, "v5+", "turbo speed mode"),
    spec("repeat", "--repeat", {"r"}, K::Integer, T::Extension, false, "all", {span_of(0, 1, 40)},
         "run the job several times"),
    flag("video", false, "V1-V3 (progress video), video V1", "make a video"),
    spec("motion", "--motion", {}, K::Word, T::MotionIntensity, false, "video V1",
         {set_of(0, "low|high")}, "video motion amount"),
    flag("raw", false, "video V1, v7", "raw mode (less Midjourney styling)"),
    flag("loop", false, "video V1", "end frame equals start frame"),
    spec("end", "--end", {}, K::Url, T::Extension, false, "video V1", {}, "end frame image URL"),
    spec("bs", "--bs", {}, K::Integer, T::Extension, false, "video V1", {span_of(0, 1, 4)},
         "number of videos"),
    flag("uplight", true, "V1-V3", "light upscaler"),
    flag("upbeta", true, "V3-V4", "beta upscaler"),
    flag("upanime", true, "V4", "anime upscaler"),
    flag("test", true, "2022 test models", "the 2022 test model"),
    flag("testp", true, "2022 test models", "the 2022 photographic test model"),
    flag("creative", true, "2022 test models", "creative variant of --test"),
    flag("beta", true, "2022", "beta algorithm"),
    flag("hd", true, "V1-V3", "the early HD algorithm"),
    flag("wallpaper", true, "V1-V2", "wallpaper size output"),
    spec("sameseed", "--sameseed", {}, K::OptionalNumber, T::Extension, true, "V1-V3",
         {span_of(0, 0, 4294967295.0)}, "one seed for the whole grid"),
    spec("no", "--no", {}, K::List, T::Negative, false, "all", {}, "negative prompt list"),
};

struct Index {
  std::vector<std::pair<std::string_view, const ParamSpec*>> by_name;
  std::vector<std::pair<std::string_view, const ParamSpec*>> by_key;
  std::vector<std::string_view> suggestions;  // names of two letters or more
};

const Index& index() {
  static const Index idx = [] {
    Index i;
    for (const ParamSpec& s : kTable) {
      i.by_key.emplace_back(s.key, &s);
      // --w is --weird by name; the legacy width is chosen by context in the parser.
      if (s.target == Target::Width) continue;
      i.by_name.emplace_back(s.key, &s);
      for (auto alias : s.aliases)
        if (!alias.empty()) i.by_name.emplace_back(alias, &s);
    }
    auto less = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::sort(i.by_name.begin(), i.by_name.end(), less);
    std::sort(i.by_key.begin(), i.by_key.end(), less);
    for (const auto& [name, s] : i.by_name)
      if (name.size() >= 2) i.suggestions.push_back(name);
    return i;
  }();
  return idx;
}

const ParamSpec* lookup(const std::vector<std::pair<std::string_view, const ParamSpec*>>& v,
                        std::string_view name) {
  auto it = std::lower_bound(v.begin(), v.end(), name,
                             [](const auto& e, std::string_view n) { return e.first < n; });
  return it != v.end() && it->first == name ? it->second : nullptr;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::span<const ParamSpec> all_params() { return kTable; }

const ParamSpec* find_param(std::string_view name) { return lookup(index().by_name, name); }

const ParamSpec* find_by_key(std::string_view key) { return lookup(index().by_key, key); }

const ParamSpec& width_spec() { return *find_by_key("w"); }
const ParamSpec& height_spec() { return *find_by_key("h"); }

const Range* range_for(const ParamSpec& spec, double version) {
  const Range* found = nullptr;
  for (std::size_t i = 0; i < spec.range_count; ++i)
    if (spec.ranges[i].from_version <= version) found = &spec.ranges[i];
  return found;
}

bool in_set(std::string_view set, std::string_view value) {
  while (!set.empty()) {
    const std::size_t bar = set.find('|');
    if (iequals(set.substr(0, bar), value)) return true;
    if (bar == std::string_view::npos) break;
    set.remove_prefix(bar + 1);
  }
  return false;
}

bool in_range(const Range& range, double value) {
  if (range.allowed.empty()) return value >= range.min && value <= range.max;
  std::string_view set = range.allowed;
  while (!set.empty()) {
    const std::size_t bar = set.find('|');
    const auto item = text::parse_double(set.substr(0, bar));
    if (item && *item == value) return true;
    if (bar == std::string_view::npos) break;
    set.remove_prefix(bar + 1);
  }
  return false;
}

std::string describe(const Range& r) {
  if (r.allowed.empty()) return text::format_number(r.min) + "-" + text::format_number(r.max);
  std::string out(r.allowed);
  std::replace(out.begin(), out.end(), '|', ' ');
  return "one of " + out;
}

double snap(const Range& r, double value) {
  if (r.allowed.empty()) return std::clamp(value, r.min, r.max);
  std::optional<double> best;
  std::string_view set = r.allowed;
  while (!set.empty()) {
    const std::size_t bar = set.find('|');
    if (const auto item = text::parse_double(set.substr(0, bar)))
      if (!best || std::fabs(*item - value) < std::fabs(*best - value)) best = *item;
    if (bar == std::string_view::npos) break;
    set.remove_prefix(bar + 1);
  }
  return best.value_or(value);
}

std::string_view suggest_param(std::string_view unknown) {
  const Index& idx = index();
  // A cut-off name (--asp, --tes, --upligh) is the most common slip in the 2022 prompts.
  if (unknown.size() >= 2) {
    std::string_view best;
    for (auto name : idx.suggestions)
      if (name.size() > unknown.size() && name.substr(0, unknown.size()) == unknown &&
          (best.empty() || name.size() < best.size()))
        best = name;
    if (!best.empty()) return best;
  }
  return text::closest(unknown, idx.suggestions, unknown.size() <= 4 ? 1 : 2);
}

}  // namespace promptport::mj
