/// Helpers for dialect authors: placing fragments in the IR, labelled-line text formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/dialect.h"
#include "promptport/ir.h"
#include "promptport/text.h"

namespace promptport::kit {

/// Places one fragment in the IR using the shared vocabulary (vocab::classify): subject,
/// style (with its kind), camera shot/angle/lens/move/terms. A second shot size or angle
/// goes to camera.terms verbatim, so nothing is lost.
void place_fragment(Prompt& ir, std::string_view fragment, Span span, double weight = 1.0);

/// A run of prompt text with one weight, as readers of weighted syntaxes produce it.
/// `span` covers the run's source bytes (escapes included, so it may be longer than text).
struct WeightedRun {
  std::string text;
  double weight = 1.0;
  Span span;
};

/// Places a whole prompt given as weighted runs. The text is cut into fragments at commas
/// (',', '，', '、') and line breaks; each fragment is classified by its whole text
/// (vocab::classify) and its runs go to that slot as terms, the second and later runs of a
/// fragment `joined`. A fragment of one run is place_fragment().
void place_runs(Prompt& ir, const std::vector<WeightedRun>& runs);

/// Joined terms read back as one phrase (see Term::joined).
struct Phrase {
  std::string text;       ///< the terms' texts joined with spaces
  double weight = 1;      ///< the common weight, or the one farthest from 1 when `mixed`
  bool mixed = false;     ///< the terms of the phrase have different weights
  std::size_t first = 0;  ///< index of its first term
  std::size_t count = 0;  ///< number of terms
};
std::vector<Phrase> phrases(const std::vector<Term>& terms);
std::vector<Phrase> phrases(const std::vector<StyleTerm>& terms);

/// One positive item of the IR in writing order: a term (or phrase of joined terms) of
/// subject, style or camera.terms, a camera slot that has no term (shot, angle, lens), or a
/// camera move.
struct Placed {
  enum class Kind { Subject, Style, CameraTerm, Shot, Angle, Lens, Move };
  Kind kind = Kind::Subject;
  std::size_t index = 0;  ///< the (first) term or the move in its list; 0 for shot/angle/lens
  std::size_t count = 1;  ///< terms from `index`: more than 1 only for a phrase
};

/// What writing_order() places besides single terms.
struct OrderOptions {
  /// One Placed per phrase of joined terms (see phrases()), placed by its first term, for
  /// writers that weigh whole phrases; else one per term.
  bool phrases = false;
  /// camera.moves too, after the camera terms; their spans then decide source order as well.
  bool moves = false;
};

/// Whether writers keep the source order: every subject, style and camera term (and, with
/// `moves`, every camera move) has a span. Terms added by hand have none, and a position
/// for some terms only would put the others anywhere.
bool source_ordered(const Prompt& ir, bool moves = false);

/// The positive items in the order writers write them: by source position (span.begin)
/// when source_ordered(), else subject, style, shot, angle, lens, camera terms (and moves).
/// Shot, angle and lens have no span of their own (the vocabulary made them canonical), so
/// they go right before the first camera term, or last when there are none: a second shot
/// size kept in camera.terms then reads back as a term again. Ties keep the order above.
/// Empty shot/angle/lens are left out.
std::vector<Placed> writing_order(const Prompt& ir, const OrderOptions& options = {});

/// For writers without per-word weights: a copy of `ir` where each phrase of joined terms
/// is one term (weight as in Phrase, spans united), or nullopt when nothing is joined.
std::optional<Prompt> merge_joined(const Prompt& ir);

/// A weight of model `from` in model `to` (the rule is in the README, "Weights"):
/// Relative -> Scale: 1 + 0.3*log2(w), clamped to [0.5, 1.6], 2 decimals (MJ ::2 is 1.3);
/// Scale -> Relative: the inverse, 1 decimal (A1111 1.3 is ::2). Non-positive weights and
/// conversions from or to None are returned unchanged.
double convert_weight(double w, WeightModel from, WeightModel to);

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

/// The neutral settings a labelled line can carry in several dialects' text formats.
enum class Setting {
  Steps,     ///< a positive integer -> params.steps
  Guidance,  ///< a number -> params.guidance ("CFG scale", "Scale", "Guidance")
  Seed,      ///< an integer -> params.seed
  Size,      ///< "WxH" -> params.width, params.height and the reduced params.aspect_ratio
};

/// Reports that a labelled line's value is not `expected` ("a positive integer"): one
/// invalid-value warning, field = the label as written, span = the value. The caller then
/// ignores the line.
void report_bad_value(const LabelledLine& line, std::string_view expected, Diagnostics& diags);

/// Reads `line` as `setting` into the IR. A value of the wrong shape is reported
/// (invalid-value, field = the label as written, span = the value) and changes nothing;
/// returns whether the value was used.
bool read_setting(const LabelledLine& line, Setting setting, Prompt& ir, Diagnostics& diags);

/// prompt + "\n" + "Label: value" lines (labels with empty values are skipped).
std::string compose_text(std::string_view prompt,
                         const std::vector<std::pair<std::string, std::string>>& fields);

/// Inline syntax only one dialect can write is kept in `extensions.<dialect>.inline`, a
/// list of {"field": "subject", "index": 2, "syntax": "[cat:dog:0.5]", "text": "dog"}:
/// the construct stood at term `index` of `field` (before it when `text` is ""), and
/// `text` is what the IR holds there. Its own writer puts `syntax` back; report_uncarried
/// reports each entry to other writers as approximated-syntax (info).
///
/// Reports every non-empty IR field the writer did not consume. `carried` names the fields
/// the writer handled ("subject", "style", "camera", "motion", "negative", "params.seed",
/// "params.aspect_ratio", ..., "references", "loras", "audio", "extensions.<dialect>").
/// Anything else non-empty gets a warning (dropped-*), so no writer forgets a field.
void report_uncarried(const Prompt& ir, const std::vector<std::string_view>& carried,
                      std::string_view target, Diagnostics& diags);

}  // namespace promptport::kit
