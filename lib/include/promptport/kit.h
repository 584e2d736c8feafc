/// Helpers for dialect authors: placing fragments in the IR, labelled-line text formats.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"
#include "promptport/text.h"

namespace promptport::kit {

/// Places one fragment in the IR using the shared vocabulary (vocab::classify): subject,
/// style (with its kind), camera shot/angle/lens/move/terms. A second shot size or angle
/// goes to camera.terms verbatim, so nothing is lost.
void place_fragment(Prompt& ir, std::string_view fragment, Span span, double weight = 1.0);

/// A "Label: value" line of a dialect's `text` format (e.g. "Negative prompt: blurry").
struct LabelledLine {
  std::string label;  ///< as written, without the colon
  std::string_view value;
  Span value_span;  ///< offsets of `value` in the whole text
};

/// Splits a multi-line record into its prompt (the lines before the first labelled line)
/// and labelled lines whose label (case-insensitive) is in `labels`. Lines that look
/// labelled but use another label stay part of the prompt.
struct LabelledText {
  std::string_view prompt;
  Span prompt_span;
  std::vector<LabelledLine> lines;
};
LabelledText split_labelled(std::string_view text, const std::vector<std::string_view>& labels);

/// prompt + "\n" + "Label: value" lines (labels with empty values are skipped).
std::string compose_text(std::string_view prompt,
                         const std::vector<std::pair<std::string, std::string>>& fields);

/// Reports every non-empty IR field the writer did not consume. `carried` names the fields
/// the writer handled ("subject", "style", "camera", "motion", "negative", "params.seed",
/// "params.aspect_ratio", ..., "references", "loras", "audio", "extensions.<dialect>").
/// Anything else non-empty gets a warning (dropped-*), so no writer forgets a field.
void report_uncarried(const Prompt& ir, const std::vector<std::string_view>& carried,
                      std::string_view target, Diagnostics& diags);

}  // namespace promptport::kit
