// Reading Imagen / Gemini prompts: prose (Flux's reader: the same plain sentences) and the
// labelled lines of the text format; detection.
#include "flux/flux_prose.h"
#include "imagen/imagen_internal.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::imagen {
namespace {

const std::vector<std::string_view> kLabels{"Negative prompt", "Aspect ratio", "Seed",
                                            "Person generation", "Enhance prompt"};

std::optional<bool> parse_bool(std::string_view v) {
  const std::string s = text::lower_ascii(text::trim(v));
  if (s == "true" || s == "on" || s == "yes") return true;
  if (s == "false" || s == "off" || s == "no") return false;
  return std::nullopt;
}

// "16:9" (spaces allowed around the colon), reduced as the IR keeps ratios.
std::optional<std::string> parse_ratio(std::string_view v) {
  const std::size_t colon = v.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto w = text::parse_int(text::trim(v.substr(0, colon)));
  const auto h = text::parse_int(text::trim(v.substr(colon + 1)));
  if (!w || !h || *w <= 0 || *h <= 0) return std::nullopt;
  return text::reduce_ratio(*w, *h);
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view v = text::trim(line.value);
  auto bad = [&](std::string_view what) { kit::report_bad_value(line, what, diags); };
  if (label == "negative prompt") {
    // A field of imagen-3.0-generate-001; the writer says when a model cannot take it.
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(piece.text), 1.0, piece.span});
  } else if (label == "aspect ratio") {
    if (const auto r = parse_ratio(v))
      ir.params.aspect_ratio = *r;
    else
      bad("an aspect ratio such as 16:9");
  } else if (label == "seed") {
    kit::read_setting(line, kit::Setting::Seed, ir, diags);
  } else if (label == "person generation") {
    const std::string value = text::lower_ascii(v);
    if (known_person_generation(value))
      ir.extensions["imagen"]["personGeneration"] = value;
    else
      bad("dont_allow, allow_adult or allow_all");
  } else if (label == "enhance prompt") {
    const auto b = parse_bool(v);
    if (!b)
      bad("true or false");
    else if (*b)  // off is what the writer sends anyway
      ir.extensions["imagen"]["enhancePrompt"] = true;
  }
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  flux::read_prose(lt.prompt, lt.prompt_span.begin, ir);
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

// Plain prose belongs to Flux (0.3); Imagen only claims a record with a line only its text
// format has. Its Aspect ratio, Seed and Negative prompt lines are every platform's.
double detect(std::string_view text) {
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  for (const auto& line : lt.lines) {
    const std::string label = text::lower_ascii(line.label);
    if ((label == "enhance prompt" && parse_bool(line.value)) ||
        (label == "person generation" &&
         known_person_generation(text::lower_ascii(text::trim(line.value)))))
      return 0.8;
  }
  return 0;
}

}  // namespace promptport::imagen
