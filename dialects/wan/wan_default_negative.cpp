// Data table: the official Wan default negative prompt (`sample_neg_prompt` of
// wan/configs/shared_config.py, Wan 2.1; Wan 2.2 ships the same string; REFERENCE §12.1),
// verbatim, and finding it in a negative prompt.
#include "promptport/text.h"
#include "wan/wan_internal.h"

namespace promptport::wan {
namespace {

// 28 terms joined by full-width commas. English, term by term: garish colours, overexposed,
// static, blurry details, subtitles, style, artwork, painting, picture, still, greyish
// overall, worst quality, low quality, JPEG compression artifacts, ugly, mutilated, extra
// fingers, poorly drawn hands, poorly drawn face, deformed, disfigured, malformed limbs,
// fused fingers, frozen motionless frame, cluttered background, three legs, many people in
// the background, walking backwards.
constexpr std::string_view kDefaultNegative =
    "色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低"
    "质量，JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的"
    "，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走";

}  // namespace

std::string_view default_negative() { return kDefaultNegative; }

const std::vector<std::string_view>& default_negative_terms() {
  static const std::vector<std::string_view> kTerms = [] {
    std::vector<std::string_view> out;
    for (const auto& piece : text::split_fragments(kDefaultNegative)) out.push_back(piece.text);
    return out;
  }();
  return kTerms;
}

std::optional<std::size_t> find_default_negative(const std::vector<std::string_view>& texts,
                                                 bool loose_ends) {
  const auto& terms = default_negative_terms();
  const std::size_t n = terms.size();
  for (std::size_t i = 0; i + n <= texts.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < n && match; ++k) {
      const std::string_view t = texts[i + k];
      if (loose_ends && k == 0)
        match = t.size() >= terms[k].size() && t.substr(t.size() - terms[k].size()) == terms[k];
      else if (loose_ends && k + 1 == n)
        match = t.substr(0, terms[k].size()) == terms[k];
      else
        match = t == terms[k];
    }
    if (match) return i;
  }
  return std::nullopt;
}

bool contains_default_negative(std::string_view text) {
  // Cheap test first: every run contains the first term.
  if (text.find(default_negative_terms().front()) == std::string_view::npos) return false;
  std::vector<std::string_view> texts;
  for (const auto& piece : text::split_fragments(text)) texts.push_back(piece.text);
  return find_default_negative(texts, true).has_value();
}

}  // namespace promptport::wan
