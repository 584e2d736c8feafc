// The Flux dialect (Black Forest Labs API): prose prompts and BFL request bodies.
#include <fmt/format.h>
#include <memory>

#include "flux/flux_phrases.h"
#include "flux/flux_prose.h"
#include "flux/flux_request.h"
#include "flux/flux_size.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport {
namespace {

using flux::Size;

constexpr std::size_t kT5Limit = 512;

// "Size: 1248x832" (also "1248 x 832", "1248×832").
std::optional<Size> parse_size(std::string_view v) {
  std::size_t x = v.find_first_of("xX*");
  std::size_t sep = 1;
  if (const std::size_t times = v.find("\xC3\x97"); times != std::string_view::npos) {
    x = times;
    sep = 2;
  }
  if (x == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(v.substr(0, x)));
  const auto h = text::parse_int(text::trim(v.substr(x + sep)));
  if (!w || !h || *w <= 0 || *h <= 0) return std::nullopt;
  return Size{*w, *h};
}

std::optional<bool> parse_bool(std::string_view v) {
  const std::string s = text::lower_ascii(text::trim(v));
  if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
  if (s == "false" || s == "no" || s == "off" || s == "0") return false;
  return std::nullopt;
}

class Flux final : public Dialect {
 public:
  std::string_view name() const override { return "flux"; }
  std::string_view summary() const override {
    return "Black Forest Labs FLUX (BFL API): natural-language prose; no weights, no negative "
           "prompt";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.max_prompt_tokens = kT5Limit;
    return c;
  }

  std::vector<OptionSpec> options() const override {
    return {{"model", "dev|pro|ultra", "pro",
             "BFL endpoint: dev and pro take width/height, steps and guidance; ultra takes "
             "aspect_ratio (21:9 to 9:21) and raw"}};
  }

  double detect(std::string_view text) const override;
  Prompt parse(std::string_view text, const Options& options, Diagnostics& diags) const override;
  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override;

 private:
  static void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                        std::optional<Size>& size);
};

// Flux has no syntax of its own, so it is the fallback for plain prose; the syntax of
// other platforms pushes it down, its own labelled lines up.
double Flux::detect(std::string_view t) const {
  bool foreign = false;
  for (std::size_t i = 0; i + 1 < t.size() && !foreign; ++i) {
    const char c = t[i], n = t[i + 1];
    const bool letter = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z');
    if ((c == '-' && n == '-' && i + 2 < t.size() && t[i + 2] >= 'a' && t[i + 2] <= 'z') ||
        (c == ':' && n == ':') || (c == '{' && n == '{') || (c == '}' && n == '}') ||
        (c == '[' && n == '['))
      foreign = true;
    // an em-dash parameter typed on a phone: "—ar 16:9"
    if (t.substr(i, 3) == "\xE2\x80\x94" && i + 3 < t.size() && t[i + 3] >= 'a' && t[i + 3] <= 'z')
      foreign = true;
    // SD weights "(x:1.2)", extra networks "<lora:...>"
    if (c == ':' && (n == '.' || (n >= '0' && n <= '9'))) {
      std::size_t j = i + 1;
      while (j < t.size() && (t[j] == '.' || (t[j] >= '0' && t[j] <= '9'))) ++j;
      if (j < t.size() && t[j] == ')') foreign = true;
    }
    if (c == '<' && letter && t.substr(i, 6) == "<lora:") foreign = true;
  }
  if (t.find("<lyco:") != std::string_view::npos || t.find(" BREAK ") != std::string_view::npos ||
      t.find("Negative prompt:") != std::string_view::npos ||
      (t.find("Steps: ") != std::string_view::npos &&
       t.find("Sampler: ") != std::string_view::npos))
    foreign = true;
  if (foreign) return 0.05;
  static const std::vector<std::string_view> kLabels{"Size", "Aspect ratio", "Guidance", "Raw"};
  const kit::LabelledText lt = kit::split_labelled(t, kLabels);
  for (const auto& line : lt.lines) {
    if (text::lower_ascii(line.label) == "size" && !parse_size(line.value)) continue;
    return 0.6;
  }
  return 0.3;
}

void Flux::read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                     std::optional<Size>& size) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  auto bad = [&](std::string_view what) { kit::report_bad_value(line, what, diags); };
  if (label == "negative prompt") {
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(piece.text), 1.0, piece.span});
    if (!ir.negative.empty())
      report(diags, Code::DroppedNegative, Severity::Warning,
             "Flux has no negative prompt: these terms had no effect on Flux; they are kept "
             "for other platforms",
             "negative", line.value_span);
  } else if (label == "size") {
    size = parse_size(v);
    if (!size) bad("a size such as 1248x832");
  } else if (label == "aspect ratio") {
    const auto r = flux::parse_ratio(v);
    if (r)
      ir.params.aspect_ratio = text::reduce_ratio(r->w, r->h);  // IR ratios are reduced
    else
      bad("an aspect ratio such as 16:9");
  } else if (label == "seed") {
    kit::read_setting(line, kit::Setting::Seed, ir, diags);
  } else if (label == "steps") {
    kit::read_setting(line, kit::Setting::Steps, ir, diags);
  } else if (label == "guidance") {
    kit::read_setting(line, kit::Setting::Guidance, ir, diags);
  } else if (label == "raw") {
    if (const auto b = parse_bool(v))
      ir.extensions["flux"]["raw"] = *b;
    else
      bad("true or false");
  }
}

Prompt Flux::parse(std::string_view text, const Options&, Diagnostics& diags) const {
  static const std::vector<std::string_view> kLabels{
      "Size", "Aspect ratio", "Seed", "Steps", "Guidance", "Raw", "Negative prompt"};
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  flux::read_prose(lt.prompt, lt.prompt_span.begin, ir);
  std::optional<Size> size;
  for (const auto& line : lt.lines) read_line(line, ir, diags, size);
  // The writer prints the size it derived from an aspect ratio; that size says nothing new.
  if (size) {
    const auto r =
        ir.params.aspect_ratio ? flux::parse_ratio(*ir.params.aspect_ratio) : std::nullopt;
    if (!r || flux::size_for_ratio(r->value()) != *size) {
      ir.params.width = size->width;
      ir.params.height = size->height;
    }
  }
  return ir;
}

Emitted Flux::emit(const Prompt& source_ir, const Options& options, Diagnostics& diags) const {
  // Flux has no per-word weights: "a (red:1.3) fox" is one phrase, "a red fox".
  const std::optional<Prompt> merged = kit::merge_joined(source_ir);
  const Prompt& ir = merged ? *merged : source_ir;
  const flux::Model model = flux::model_option(options, diags);
  Emitted out;
  out.prompt = flux::write_prose(ir, diags);
  const auto lines = flux::write_request(ir, model, out, diags);
  // Every token needs a byte, so short prompts need no count.
  const std::size_t tokens =
      out.prompt.size() * 13 / 10 < kT5Limit ? 0 : flux::approx_t5_tokens(out.prompt);
  if (tokens > kT5Limit)
    report(diags, Code::PromptTooLong, Severity::Warning,
           fmt::format("the prompt is about {} T5 tokens; Flux reads {} and ignores the rest",
                       tokens, kT5Limit),
           "prompt");
  out.text = kit::compose_text(out.prompt, lines);
  static const std::vector<std::string_view> kCarried{
      "subject", "style",      "camera", "motion", "motion_intensity",      "negative",
      "params",  "references", "loras",  "audio",  "extensions.midjourney", "extensions.flux"};
  kit::report_uncarried(ir, kCarried, "Flux", diags);
  return out;
}

}  // namespace

std::unique_ptr<Dialect> make_flux() { return std::make_unique<Flux>(); }

}  // namespace promptport
