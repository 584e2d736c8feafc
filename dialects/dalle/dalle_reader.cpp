// Reading DALL·E / gpt-image prompts: the no-rewrite prefix, prose (Flux's reader: the same
// plain sentences), and the labelled lines of the text format; detection.
#include <fmt/format.h>

#include <algorithm>

#include "dalle/dalle_internal.h"
#include "flux/flux_prose.h"
#include "promptport/kit.h"
#include "promptport/text.h"

namespace promptport::dalle {
namespace {

const std::vector<std::string_view> kLabels{"Size",           "Quality",        "Style",
                                            "Background",     "Output format",  "Moderation",
                                            "Revised prompt", "Negative prompt"};

// Labels of other platforms' text formats: a record that has one is not a DALL·E record.
const std::vector<std::string_view> kForeignLabels{"Steps",
                                                   "Sampler",
                                                   "Scale",
                                                   "CFG scale",
                                                   "CFG",
                                                   "Guidance",
                                                   "Seed",
                                                   "Raw",
                                                   "Undesired Content",
                                                   "Aspect ratio",
                                                   "Duration",
                                                   "Camera",
                                                   "Mode",
                                                   "Resolution",
                                                   "Enhance prompt",
                                                   "Concepts",
                                                   "Person generation"};

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// White space runs as one space: the prompt the writer puts it in is one line.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (blank(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void set(Prompt& ir, const char* key, nlohmann::json value) {
  ir.extensions["dalle"][key] = std::move(value);
}

// "1792x1024", also "1792 x 1024" and "1792×1024": the canonical "WxH", or "".
std::string size_value(std::string_view v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v.substr(i, 2) == "\xC3\x97") {  // ×
      s += 'x';
      ++i;
    } else if (v[i] == 'X') {
      s += 'x';
    } else if (v[i] != ' ') {
      s += v[i];
    }
  }
  return s;
}

void read_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags) {
  const std::string label = text::lower_ascii(line.label);
  const std::string_view raw = text::trim(line.value);
  const std::string v = text::lower_ascii(raw);
  auto bad = [&](std::string_view what) { kit::report_bad_value(line, what, diags); };
  if (label == "negative prompt") {
    const std::size_t before = ir.negative.size();
    for (const auto& piece : text::split_fragments(line.value, line.value_span.begin))
      ir.negative.push_back(Term{std::string(piece.text), 1.0, piece.span});
    if (ir.negative.size() > before)
      report(diags, Code::DroppedNegative, Severity::Warning,
             "DALL\xC2\xB7"
             "E has no negative prompt: these terms had no effect there; they are kept for "
             "other platforms",
             "negative", line.value_span);
  } else if (label == "size") {
    const std::string size = size_value(raw);
    if (v == "auto") return;  // gpt-image-1's default: the model picks, no ratio asked
    // A listed size is a choice of ratio; its pixels come with the model.
    if (const std::string_view ratio = listed_size_ratio(size); !ratio.empty()) {
      ir.params.aspect_ratio = std::string(ratio);
      return;
    }
    // Any other size (DALL·E 2's 512x512) is what the user asked for.
    kit::LabelledLine sized = line;
    sized.value = size;
    if (!kit::read_setting(sized, kit::Setting::Size, ir, diags)) return;
  } else if (label == "quality") {
    if (known_quality(v))
      set(ir, "quality", v);
    else
      bad("standard, hd, low, medium, high or auto");
  } else if (label == "style") {
    if (known_style(v)) {
      set(ir, "style", v);
    } else {
      // "Style: watercolor" is not the API's style: the words are part of the prompt, as
      // DALL·E itself would read them.
      const auto skipped = static_cast<std::uint32_t>(raw.data() - line.value.data());
      flux::read_prose(raw, line.value_span.begin + skipped, ir);
    }
  } else if (label == "background") {
    if (known_background(v))
      set(ir, "background", v);
    else
      bad("transparent, opaque or auto");
  } else if (label == "output format") {
    if (known_output_format(v))
      set(ir, "output_format", v);
    else
      bad("png, jpeg or webp");
  } else if (label == "moderation") {
    if (known_moderation(v))
      set(ir, "moderation", v);
    else
      bad("auto or low");
  } else if (label == "revised prompt") {
    if (!raw.empty()) set(ir, "revised_prompt", std::string(raw));
  }
}

}  // namespace

Prompt read(std::string_view text, Diagnostics& diags) {
  Prompt ir;
  const kit::LabelledText lt = kit::split_labelled(text, kLabels);
  std::string_view prose = lt.prompt;
  std::uint32_t base = lt.prompt_span.begin;
  std::size_t lead = 0;
  while (lead < prose.size() && blank(prose[lead])) ++lead;
  if (const std::size_t n = prefix_length(prose.substr(lead))) {
    set(ir, "no_rewrite_prefix", one_line(prose.substr(lead, n)));
    base += static_cast<std::uint32_t>(lead + n);
    prose.remove_prefix(lead + n);
  }
  flux::read_prose(prose, base, ir);
  for (const auto& line : lt.lines) read_line(line, ir, diags);
  return ir;
}

// Plain prose belongs to Flux (0.3): DALL·E only claims a record with its own marks, the
// no-rewrite prefix or a labelled line only its text format has.
double detect(std::string_view text) {
  std::size_t lead = 0;
  while (lead < text.size() && blank(text[lead])) ++lead;
  if (prefix_length(text.substr(lead)) > 0) return 0.9;
  std::vector<std::string_view> labels = kLabels;
  labels.insert(labels.end(), kForeignLabels.begin(), kForeignLabels.end());
  const kit::LabelledText lt = kit::split_labelled(text, labels);
  double score = 0;
  for (const auto& line : lt.lines) {
    const std::string label = text::lower_ascii(line.label);
    const std::string v = text::lower_ascii(text::trim(line.value));
    for (auto foreign : kForeignLabels)
      if (label == text::lower_ascii(foreign)) return 0;
    bool own = false;
    if (label == "size") {
      const std::string size = size_value(v);
      // 1024x1024 is every platform's square; Flux's Size line claims it first.
      if (size == "1024x1024")
        score = std::max(score, 0.4);
      else
        own = size == "auto" || !listed_size_ratio(size).empty();
    } else if (label == "quality") {
      own = known_quality(v);
    } else if (label == "style") {
      own = known_style(v);
    } else if (label == "background") {
      own = known_background(v);
    } else if (label == "output format") {
      own = known_output_format(v);
    } else if (label == "moderation") {
      own = known_moderation(v);
    } else if (label == "revised prompt") {
      own = !v.empty();
    }
    if (own) score = std::max(score, 0.7);
  }
  return score;
}

}  // namespace promptport::dalle
