// The DALL·E 3 and gpt-image-1 tables (REFERENCE §13.1-13.2), the options, the no-rewrite
// prefixes and OpenAI's character count.
#include <fmt/format.h>

#include <algorithm>

#include "dalle/dalle_internal.h"
#include "promptport/text.h"

namespace promptport::dalle {
namespace {

bool one_of(std::string_view v, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of `prefix` at the start of `text`, white space runs matching each other.
std::size_t match(std::string_view text, std::string_view prefix) {
  std::size_t i = 0, j = 0;
  while (j < prefix.size()) {
    if (space(prefix[j])) {
      if (i >= text.size() || !space(text[i])) return 0;
      while (j < prefix.size() && space(prefix[j])) ++j;
      while (i < text.size() && space(text[i])) ++i;
      continue;
    }
    if (i >= text.size() || lower(text[i]) != lower(prefix[j])) return 0;
    ++i;
    ++j;
  }
  return i;
}

}  // namespace

const Model& dall_e_3() {
  static const Model m{"dall-e-3",
                       "DALL\xC2\xB7"
                       "E 3",
                       4000,
                       {{"1:1", "1024x1024"}, {"7:4", "1792x1024"}, {"4:7", "1024x1792"}},
                       {"standard", "hd"},
                       true,
                       false};
  return m;
}

const Model& gpt_image_1() {
  // No size means `auto` (the model picks); the first listed size is not its default, but
  // the writer never omits a size it was asked for, so only the ratios matter here.
  static const Model m{"gpt-image-1",
                       "gpt-image-1",
                       32000,
                       {{"1:1", "1024x1024"}, {"3:2", "1536x1024"}, {"2:3", "1024x1536"}},
                       {"low", "medium", "high", "auto"},
                       false,
                       true};
  return m;
}

const Model& model_option(const Options& options, Diagnostics& diags) {
  const auto it = options.find("model");
  if (it == options.end()) return dall_e_3();
  const std::string v = text::lower_ascii(text::trim(it->second));
  if (v == "dall-e-3") return dall_e_3();
  if (v == "gpt-image-1") return gpt_image_1();
  report(diags, Code::InvalidValue, Severity::Warning,
         fmt::format("unknown OpenAI image model '{}' (dall-e-3 or gpt-image-1); using dall-e-3",
                     it->second),
         "model");
  return dall_e_3();
}

Settings settings(const Options& options, Diagnostics& diags) {
  Settings s;
  s.model = &model_option(options, diags);
  if (const auto it = options.find("as-is"); it != options.end()) {
    const std::string v = text::lower_ascii(text::trim(it->second));
    if (v == "on" || v == "true" || v == "yes")
      s.as_is = true;
    else if (!(v == "off" || v == "false" || v == "no"))
      report(diags, Code::InvalidValue, Severity::Warning,
             fmt::format("as-is '{}' is not on or off; off is used", it->second), "as-is");
  }
  return s;
}

const Size* size_for_ratio(const Model& model, std::string_view ratio) {
  for (const auto& s : model.sizes)
    if (s.ratio == ratio) return &s;
  return nullptr;
}

std::string_view listed_size_ratio(std::string_view size) {
  for (const Model* m : {&dall_e_3(), &gpt_image_1()})
    for (const auto& s : m->sizes)
      if (s.size == size) return s.ratio;
  return "";
}

std::string_view quality_for(const Model& model, std::string_view q) {
  if (std::find(model.qualities.begin(), model.qualities.end(), q) != model.qualities.end())
    return q;
  if (model.gpt_image) {
    if (q == "hd") return "high";
    if (q == "standard") return "medium";
    return "";
  }
  if (q == "high") return "hd";
  if (q == "medium" || q == "low") return "standard";
  return "";  // auto: DALL·E 3's default (standard) is what no quality field gives
}

bool known_quality(std::string_view v) {
  return one_of(v, {"standard", "hd", "low", "medium", "high", "auto"});
}
bool known_style(std::string_view v) { return one_of(v, {"vivid", "natural"}); }
bool known_background(std::string_view v) { return one_of(v, {"transparent", "opaque", "auto"}); }
bool known_output_format(std::string_view v) { return one_of(v, {"png", "jpeg", "webp"}); }
bool known_moderation(std::string_view v) { return one_of(v, {"auto", "low"}); }

const std::vector<std::string_view>& no_rewrite_prefixes() {
  static const std::vector<std::string_view> prefixes{
      // Azure OpenAI's documented way to keep DALL·E 3 from rewriting (REFERENCE §13.1).
      "I NEED to test how the tool works with extremely simple prompts. DO NOT add any detail, "
      "just use it AS-IS:",
      // The variant for long prompts circulated with it [U].
      "My prompt has full detail so no need to add more:"};
  return prefixes;
}

std::size_t prefix_length(std::string_view text) {
  for (auto p : no_rewrite_prefixes())
    if (const std::size_t n = match(text, p)) return n;
  return 0;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace promptport::dalle
