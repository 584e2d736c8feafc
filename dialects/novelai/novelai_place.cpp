// Placing NovelAI tags in the IR: the shared vocabulary for ordinary tags, plus the
// danbooru prefixes (`artist:`, `rating:`) and camera tags the vocabulary does not know.
#include <array>

#include "novelai/novelai_internal.h"
#include "promptport/text.h"

namespace promptport::nai {
namespace {

using Fragment = std::vector<kit::WeightedRun>;

// Runs cut into comma / line-break fragments, each run trimmed (exact spans: NovelAI has
// no escapes, so run text is its source).
std::vector<Fragment> fragments(const std::vector<kit::WeightedRun>& runs) {
  std::vector<Fragment> out(1);
  for (const auto& run : runs) {
    const std::string_view s = run.text;
    std::size_t start = 0;
    auto piece = [&](std::size_t end) {
      std::string_view p = s.substr(start, end - start);
      const std::size_t lead = p.find_first_not_of(" \t\r");
      if (lead == std::string_view::npos) return;
      p = p.substr(lead);
      p = p.substr(0, p.find_last_not_of(" \t\r") + 1);
      const auto b = run.span.begin + static_cast<std::uint32_t>(start + lead);
      out.back().push_back(kit::WeightedRun{std::string(p), run.weight,
                                            Span{b, b + static_cast<std::uint32_t>(p.size())}});
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != ',' && s[i] != '\n') continue;
      piece(i);
      if (!out.back().empty()) out.emplace_back();
      start = i + 1;
    }
    piece(s.size());
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// "artist:name" -> the runs without the prefix; false when the fragment has none.
bool strip_prefix(Fragment& f, std::string_view prefix) {
  kit::WeightedRun& first = f.front();
  if (first.text.size() <= prefix.size() ||
      text::lower_ascii(first.text.substr(0, prefix.size())) != prefix)
    return false;
  std::size_t cut = prefix.size();
  while (cut < first.text.size() && first.text[cut] == ' ') ++cut;
  first.text.erase(0, cut);
  first.span.begin += static_cast<std::uint32_t>(cut);
  return true;
}

}  // namespace

void place_positive(Prompt& ir, const std::vector<kit::WeightedRun>& runs) {
  for (Fragment& f : fragments(runs)) {
    if (strip_prefix(f, "rating:")) {
      std::string value;
      for (const auto& r : f) value += (value.empty() ? "" : " ") + r.text;
      ir.extensions["novelai"]["rating"] = value;
      continue;
    }
    if (strip_prefix(f, "artist:")) {
      for (std::size_t i = 0; i < f.size(); ++i) {
        StyleTerm t;
        static_cast<Term&>(t) = Term{f[i].text, f[i].weight, f[i].span, i > 0};
        t.kind = StyleKind::Artist;
        ir.style.push_back(std::move(t));
      }
      continue;
    }
    if (f.size() == 1 && f[0].weight == 1.0 && read_camera_tag(f[0].text, ir.camera)) continue;
    kit::place_runs(ir, f);
  }
}

void place_negative(Prompt& ir, const std::vector<kit::WeightedRun>& runs) {
  for (const Fragment& f : fragments(runs))
    for (std::size_t i = 0; i < f.size(); ++i)
      ir.negative.push_back(Term{f[i].text, f[i].weight, f[i].span, i > 0});
}

// Danbooru's framing and angle tags. The vocabulary reads most of them back already
// ("upper body" is a medium shot, "from below" a low angle).
Tag shot_tag(std::string_view shot) {
  static constexpr std::array<std::pair<std::string_view, Tag>, 8> kShots{{
      {"extreme-close-up", {"close-up", false}},
      {"close-up", {"close-up", true}},
      {"medium-close-up", {"portrait", false}},
      {"medium", {"upper body", true}},
      {"cowboy", {"cowboy shot", true}},
      {"full", {"full body", true}},
      {"wide", {"wide shot", true}},
      {"extreme-wide", {"very wide shot", true}},
  }};
  for (const auto& [canonical, tag] : kShots)
    if (canonical == shot) return tag;
  return {};
}

Tag angle_tag(std::string_view angle) {
  static constexpr std::array<std::pair<std::string_view, Tag>, 8> kAngles{{
      {"eye-level", {"straight-on", true}},
      {"low-angle", {"from below", true}},
      {"high-angle", {"from above", true}},
      {"overhead", {"from above", false}},
      {"worms-eye", {"from below", false}},
      {"dutch", {"dutch angle", true}},
      {"pov", {"pov", true}},
      {"over-the-shoulder", {"from behind", false}},
  }};
  for (const auto& [canonical, tag] : kAngles)
    if (canonical == angle) return tag;
  return {};
}

bool read_camera_tag(std::string_view fragment, Camera& camera) {
  const std::string f = text::lower_ascii(text::trim(fragment));
  if (f == "straight-on" && camera.angle.empty()) {
    camera.angle = "eye-level";
    return true;
  }
  // "portrait" is also a genre ("portrait of a knight"): it stays a subject tag, and only
  // the writer uses it for medium-close-up.
  return false;
}

}  // namespace promptport::nai
