// How likely a record is written for Wan. Plain prose, English or Chinese, says nothing about
// the platform, so only Wan's own marks count: the official default negative prompt, sizes
// written with `*` as generate.py takes them, the labelled lines of Wan's text format, and
// Chinese prose that opens with a camera move (the guide's camera-first formula).
#include <algorithm>

#include "promptport/kit.h"
#include "promptport/text.h"
#include "wan/wan_internal.h"

namespace promptport::wan {
namespace {

// Lines only Wan's text format writes; "Size" counts with a `*` only (Flux writes 1248x832).
double own_lines(std::string_view t) {
  static const std::vector<std::string_view> kOwn{"Size", "Frames", "Sample steps", "Guide scale",
                                                  "Task"};
  double score = 0;
  for (const auto& line : kit::split_labelled(t, kOwn).lines) {
    const std::string label = text::lower_ascii(line.label);
    const std::string_view v = text::trim(line.value);
    if (label == "size" && v.find('*') != std::string_view::npos && parse_size(v)) {
      score = std::max(score, 0.85);
    } else if (label == "frames") {
      const auto n = text::parse_int(v);
      if (n && *n >= 5 && (*n - 1) % 4 == 0) score = std::max(score, 0.8);
    } else if (label == "task" && known_task(v)) {
      score = std::max(score, 0.8);
    } else if (label == "sample steps" || label == "guide scale") {
      score = std::max(score, 0.5);
    }
  }
  return score;
}

// "镜头缓缓推进，一位老人……": the first fragment of the prose is a Chinese camera move.
bool camera_first(std::string_view t) {
  const std::string_view first_line = t.substr(0, t.find('\n'));
  const auto pieces = text::split_fragments(first_line);
  if (pieces.empty()) return false;
  std::string_view first = pieces.front().text;
  // Up to the first full stop: "镜头推进。一位老人……"
  if (const std::size_t stop = first.find("。"); stop != std::string_view::npos)
    first = first.substr(0, stop);
  const auto p = zh_camera(first);
  return p && p->slot == vocab::Slot::Move;
}

}  // namespace

double detect(std::string_view t) {
  if (contains_default_negative(t)) return 0.9;
  double score = own_lines(t);
  for (std::string_view size : {"1280*720", "720*1280", "832*480", "480*832"})
    if (t.find(size) != std::string_view::npos) score = std::max(score, 0.7);
  if (score == 0 && camera_first(t)) score = 0.45;
  return score;
}

}  // namespace promptport::wan
