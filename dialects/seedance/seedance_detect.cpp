// Detection: Seedance's own inline flags, or shot labels that are not Hailuo's commands.
#include "promptport/vocab.h"
#include "seedance/seedance_internal.h"

namespace promptport::seedance {
namespace {

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A `--name` Midjourney does not have (`--seed` is both platforms': no sign either way).
bool own_flag(std::string_view t) {
  for (std::size_t i = t.find("--"); i != std::string_view::npos; i = t.find("--", i + 1)) {
    if (i > 0 && !space(t[i - 1])) continue;
    std::size_t e = i + 2;
    while (e < t.size() && letter(t[e])) ++e;
    const std::string_view name = flag_name(t.substr(i + 2, e - i - 2));
    if (!name.empty() && name != "seed") return true;
  }
  return false;
}

}  // namespace

double detect(std::string_view t) {
  if (own_flag(t)) return 0.9;
  // `[Pan left]` is Hailuo's; `[blurry]` is Stable Diffusion's de-emphasis: only a camera
  // phrase that is not one of Hailuo's commands counts as a shot label here.
  std::size_t labels = 0;
  for (const Label& l : find_labels(t)) {
    if (hailuo_command(l.content)) continue;
    const vocab::Slot slot = vocab::classify(l.content).slot;
    if (slot != vocab::Slot::Subject && slot != vocab::Slot::Style) ++labels;
  }
  return labels >= 2 ? 0.75 : labels == 1 ? 0.6 : 0;
}

}  // namespace promptport::seedance
