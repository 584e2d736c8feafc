// The InvokeAI dialect (compel syntax): word+ / word-, (words)1.3, .blend(), .and(), .swap().
#include <fmt/format.h>

#include <memory>
#include <tuple>

#include "common/sd_sizes.h"
#include "invokeai/invokeai_internal.h"
#include "promptport/dialect.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport {
namespace {

using sdfamily::Size;

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

class InvokeAI final : public Dialect {
 public:
  std::string_view name() const override { return "invokeai"; }
  std::vector<std::string_view> aliases() const override { return {"compel"}; }
  std::string_view summary() const override {
    return "InvokeAI (compel syntax): word+ / word-, (words)1.3, .blend(), .and(), .swap()";
  }

  Capabilities capabilities() const override {
    Capabilities c;
    c.negative_prompt = true;
    c.weights = true;
    c.weight_model = WeightModel::Scale;
    return c;
  }

  std::vector<OptionSpec> options() const override { return {sdfamily::base_option_spec()}; }

  double detect(std::string_view text) const override;
  Prompt parse(std::string_view text, const Options& options, Diagnostics& diags) const override;
  Emitted emit(const Prompt& ir, const Options& options, Diagnostics& diags) const override;

 private:
  static void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                        nlohmann::json& entries);
};

// compel's own operators are near certain; `)1.3` and `)++` come next; `word++` at a word
// end is rare elsewhere, a single `word+` less telling.
double InvokeAI::detect(std::string_view t) const {
  for (std::string_view op :
       {").blend(", "\").blend(", ").and(", "\").and(", ".swap(", "withLora("})
    if (t.find(op) != std::string_view::npos) return 0.95;
  double score = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c != '+' && c != '-') {
      if (c == ')' && i + 1 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9') score = 0.9;
      continue;
    }
    if (i == 0 || (i > 0 && t[i - 1] == c)) continue;  // only at the start of a sign run
    std::size_t j = i;
    while (j < t.size() && t[j] == c) ++j;
    const bool ends =
        j == t.size() || t[j] == ' ' || t[j] == ',' || t[j] == ')' || t[j] == '.' || t[j] == '\n';
    if (!ends) continue;
    const std::size_t n = j - i;
    if (t[i - 1] == ')' && (n >= 2 || c == '+')) score = std::max(score, 0.9);
    if (word_char(t[i - 1]) && n >= 2) score = std::max(score, 0.85);
    if (word_char(t[i - 1]) && n == 1 && c == '+') score = std::max(score, 0.6);
  }
  return score;
}

void InvokeAI::read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                         nlohmann::json& entries) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  auto bad = [&](std::string_view what) { kit::report_bad_value(line, what, diags); };
  if (label == "negative prompt") {
    invokeai::read_prompt(line.value, line.value_span.begin, true, ir, entries, diags);
  } else if (label == "steps") {
    kit::read_setting(line, kit::Setting::Steps, ir, diags);
  } else if (label == "cfg scale") {
    kit::read_setting(line, kit::Setting::Guidance, ir, diags);
  } else if (label == "seed") {
    if (const auto n = text::parse_int(v); n && *n >= 0)
      ir.params.seed = *n;
    else
      bad("a seed (an integer from 0)");
  } else if (label == "size") {
    kit::read_setting(line, kit::Setting::Size, ir, diags);
  } else if (label == "scheduler" || label == "model") {
    if (!v.empty()) ir.extensions["invokeai"][label] = std::string(v);
  }
}

Prompt InvokeAI::parse(std::string_view text, const Options&, Diagnostics& diags) const {
  static const std::vector<std::string_view> kLabels{
      "Negative prompt", "Steps", "CFG scale", "Seed", "Size", "Scheduler", "Model"};
  Prompt ir;
  nlohmann::json entries = nlohmann::json::array();
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  invokeai::read_prompt(lt.prompt, lt.prompt_span.begin, false, ir, entries, diags);
  for (const auto& line : lt.lines) read_line(line, ir, diags, entries);
  if (!entries.empty()) ir.extensions["invokeai"]["inline"] = std::move(entries);
  return ir;
}

Emitted InvokeAI::emit(const Prompt& ir, const Options& options, Diagnostics& diags) const {
  const sdfamily::Base base = sdfamily::base_option(options, diags);
  Emitted out;
  invokeai::WrittenPrompts written = invokeai::write_prompts(ir, diags);
  out.prompt = std::move(written.prompt);
  out.negative_prompt = std::move(written.negative);
  std::vector<std::string_view> carried{
      "subject",      "style",           "camera.shot",        "camera.angle",
      "camera.lens",  "camera.terms",    "negative",           "params.seed",
      "params.steps", "params.guidance", "extensions.invokeai"};
  const Params& p = ir.params;
  std::optional<Size> size;
  if (p.width && p.height) {
    const Size asked{static_cast<int>(*p.width), static_cast<int>(*p.height)};
    size = sdfamily::round_to_8(asked);
    // One diagnostic per side, so each changed field is named.
    for (const auto& [from, to, field] : {std::tuple{asked.width, size->width, "params.width"},
                                          std::tuple{asked.height, size->height, "params.height"}})
      if (from != to)
        report(diags, Code::SnappedValue, Severity::Info,
               fmt::format("{} {} is not a multiple of 8; written as {}", field, from, to), field);
    carried.insert(carried.end(), {"params.width", "params.height"});
    if (p.aspect_ratio) carried.push_back("params.aspect_ratio");
  } else if (p.aspect_ratio) {
    size = sdfamily::size_for_ratio(*p.aspect_ratio, base);
    if (size) {
      carried.push_back("params.aspect_ratio");
      const std::string written = sdfamily::ratio_of(*size);
      const auto r = text::parse_int(p.aspect_ratio->substr(0, p.aspect_ratio->find(':')));
      const auto h = text::parse_int(p.aspect_ratio->substr(p.aspect_ratio->find(':') + 1));
      const auto asked = r && h ? text::reduce_ratio(*r, *h) : std::nullopt;
      if (asked != written)
        report(diags, Code::SnappedAspectRatio, Severity::Info,
               fmt::format("aspect ratio {} is written as the size {}x{} ({})", *p.aspect_ratio,
                           size->width, size->height, written),
               "params.aspect_ratio");
    }
  }
  // The shape InvokeAI stores as image metadata and "Recall parameters" reads back (its REST
  // API takes node graphs instead).
  nlohmann::json& r = out.request;
  r["positive_prompt"] = out.prompt;
  r["negative_prompt"] = out.negative_prompt;
  if (size) {
    r["width"] = size->width;
    r["height"] = size->height;
  }
  if (p.seed) r["seed"] = *p.seed;
  if (p.steps) r["steps"] = *p.steps;
  if (p.guidance) r["cfg_scale"] = *p.guidance;
  std::string scheduler, model;
  if (auto d = ir.extensions.find("invokeai"); d != ir.extensions.end() && d->is_object()) {
    if (auto s = d->find("scheduler"); s != d->end() && s->is_string()) scheduler = *s;
    if (auto m = d->find("model"); m != d->end() && m->is_string()) model = *m;
  }
  if (!scheduler.empty()) r["scheduler"] = scheduler;
  if (!model.empty()) r["model"] = model;
  out.text = kit::compose_text(
      out.prompt, {{"Negative prompt", out.negative_prompt},
                   {"Steps", p.steps ? std::to_string(*p.steps) : ""},
                   {"CFG scale", p.guidance ? text::format_number(*p.guidance) : ""},
                   {"Seed", p.seed ? std::to_string(*p.seed) : ""},
                   {"Size", size ? fmt::format("{}x{}", size->width, size->height) : ""},
                   {"Scheduler", scheduler},
                   {"Model", model}});
  kit::report_uncarried(ir, carried, "InvokeAI", diags);
  return out;
}

}  // namespace

std::unique_ptr<Dialect> make_invokeai() { return std::make_unique<InvokeAI>(); }

}  // namespace promptport
