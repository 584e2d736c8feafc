// The Ideogram dialect (Ideogram 3.0 API): prose whose quoted text is rendered as lettering,
// a negative_prompt field and the /v1/ideogram-v3/generate request.
#include <fmt/format.h>

#include <iterator>
#include <memory>

#include "ideogram/ideogram_internal.h"
#include "promptport/dialect.h"
#include "promptport/text.h"

namespace promptport {
namespace {

// Labelled lines only Ideogram's text format has.
constexpr std::string_view kOwnLabels[] = {"style type:", "magic prompt:", "rendering speed:"};

// Words that ask for quoted text to be lettered: `a poster with the words "OPEN"`.
constexpr std::string_view kTypographyWords[] = {
    "the words",   "the word",  "the text", "text ",      "that says", "that reads", "reading",
    "saying",      "lettering", "letters",  "typography", "font",      "title",      "headline",
    "caption",     "logo",      "label",    "sign",       "poster",    "banner",     "written",
    "inscription", "slogan",    "wordmark", "spelling"};

// Another platform's syntax: Midjourney --flags and ::, SD/NovelAI brackets and <lora:>,
// Pika's " -flag ", permutations.
bool foreign_syntax(std::string_view lower) {
  for (std::string_view mark : {"--", "::", "<lora:", "{", "}", "[", "]", " -ar ", " -neg ",
                                "\xE2\x80\x94"
                                "ar "})
    if (lower.find(mark) != std::string_view::npos) return true;
  // "(word:1.2)"
  for (std::size_t open = lower.find('('); open != std::string_view::npos;
       open = lower.find('(', open + 1)) {
    const std::size_t close = lower.find(')', open);
    if (close == std::string_view::npos) break;
    const std::size_t colon = lower.find(':', open);
    if (colon < close && colon + 1 < close &&
        ((lower[colon + 1] >= '0' && lower[colon + 1] <= '9') || lower[colon + 1] == '.'))
      return true;
  }
  return false;
}

bool line_starts_with(std::string_view lower, std::string_view label) {
  for (std::size_t at = 0; at < lower.size();) {
    const std::size_t end = lower.find('\n', at);
    const std::string_view line =
        text::trim(lower.substr(at, end == std::string_view::npos ? end : end - at));
    if (line.substr(0, label.size()) == label) return true;
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return false;
}

bool has_quotation(std::string_view text) {
  for (const auto& piece : ideogram::split_prompt(text, 0))
    if (piece.quoted) return true;
  return false;
}

class Ideogram final : public Dialect {
 public:
  std::string_view name() const override { return "ideogram"; }
  std::string_view summary() const override {
    return "Ideogram 3.0 (API /v1/ideogram-v3/generate): prose with quoted text rendered as "
           "lettering, kept byte for byte; negative_prompt, style_type, magic_prompt OFF";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.aspect_ratios = ideogram::ratios();
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"speed", "turbo|default|quality", "",
             "rendering_speed of the request (unset: the API default, DEFAULT)"}};
  }

  // Its own labelled lines are the tell; otherwise quoted text with a word asking for
  // lettering ("a sign that reads \"OPEN\""), just above plain prose (Flux's 0.3).
  double detect(std::string_view t) const override {
    const std::string lower = text::lower_ascii(t);
    for (std::string_view label : kOwnLabels)
      if (line_starts_with(lower, label)) return 0.7;
    if (foreign_syntax(lower)) return 0;
    // "Aspect ratio: 16x9": Ideogram's way of writing a ratio.
    if (const std::size_t at = lower.find("aspect ratio:");
        at != std::string::npos && line_starts_with(lower, "aspect ratio:")) {
      std::string_view value = std::string_view(lower).substr(at + 13);
      value = text::trim(value.substr(0, value.find('\n')));
      const std::size_t x = value.find('x');
      if (x != std::string_view::npos && text::parse_int(text::trim(value.substr(0, x))) &&
          text::parse_int(text::trim(value.substr(x + 1))))
        return 0.65;
    }
    if (!has_quotation(t)) return 0;
    for (std::string_view word : kTypographyWords)
      if (lower.find(word) != std::string::npos) return 0.35;
    return 0;
  }

  Prompt parse(std::string_view text, const Options&, Diagnostics& diags) const override {
    return ideogram::read(text, diags);
  }

  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override {
    ideogram::Settings s;
    if (const auto it = options.find("speed"); it != options.end()) {
      s.rendering_speed = ideogram::enum_value(it->second, ideogram::speeds());
      if (s.rendering_speed->empty()) {
        report(diags, Code::InvalidValue, Severity::Warning,
               fmt::format("unknown Ideogram rendering speed '{}' (turbo, default or quality); "
                           "the API default is used",
                           it->second),
               "speed");
        s.rendering_speed.reset();
      }
    }
    return ideogram::write(ir, s, diags);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_ideogram() { return std::make_unique<Ideogram>(); }

}  // namespace promptport
