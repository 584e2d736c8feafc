// What the prose video platforms (Kling, Runway, Luma, Veo, Sora) share: reading their prose
// into subject, motion, camera, style and audio; the scene sentence every writer starts
// from; audio lines; and fitting settings to a platform's allowed values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"
#include "promptport/kit.h"

namespace promptport::video {

/// Reads video prose (one record, labelled lines already removed) into `ir`:
/// - audio: a line or sentence "SFX: x" -> audio.sfx; "Ambient noise: x", "Ambient: x",
///   "Ambience: x", "Background sound: x" -> audio.ambience; "Dialogue:" followed by lines
///   `Speaker: "line"` (a leading "- " allowed), or inline `<speaker> says, "<line>"` /
///   `<speaker>: "<line>"` -> audio.dialogue (the speaker without a leading article);
/// - a leading "<camera phrase>: " (Runway's "[camera movement]: [scene]") -> camera;
/// - "Cinematography:" / "Camera:" / "Camera motion:" / "Camera shot:" / "Lens:" lines ->
///   camera (their comma fragments);
/// - then sentences, cut into comma fragments: a fragment vocab reads as a camera move
///   goes to camera.moves (with its speed), shot/angle/lens/camera words to camera, style
///   to style; the first remaining fragment of the record is the subject even when it
///   has a verb ("a woman walks through the rain"); a later fragment with a motion verb
///   ("waves crashing below") is motion; anything else is subject.
/// Spans are offsets in the record (`base` is added).
void read_prose(std::string_view text, std::uint32_t base, Prompt& ir, Diagnostics& diags);

/// The scene sentence: subject terms then motion terms joined with ", ", the first letter
/// upper-cased, ending in "." (unless it already ends in . ! ?). "" when both are empty.
/// Joined terms (per-word weights) read as one phrase; weights are ignored (the caller
/// reports them).
std::string scene_sentence(const Prompt& ir);

/// Style terms joined with ", " as one sentence ("Watercolor, golden hour lighting."),
/// quality boosters left out (one dropped-term info each, field "style"). "" when none.
std::string style_sentence(const Prompt& ir, Diagnostics& diags);

/// "slow dolly in", "pan left", "aerial shot" (vocab::move_phrase, speed first).
std::string move_text(const CameraMove& move);

/// Camera words in reading order: shot phrase ("close-up shot"), angle ("low angle"), lens,
/// camera terms, then the moves (move_text) unless `with_moves` is false. Empty pieces are
/// left out.
std::vector<std::string> camera_words(const Camera& camera, bool with_moves = true);

/// Audio as sentences, Veo's way: `The woman says, "We made it."`, `SFX: waves crash.`,
/// `Ambient noise: gulls.` (speaker "" -> `A voice says, "..."`).
std::string audio_sentences(const Audio& audio);

/// The allowed ratio nearest to the IR's aspect ratio (or its width:height) in log space;
/// `fallback` (no diagnostic) when the IR has neither. A different ratio gets a
/// snapped-aspect-ratio info (field params.aspect_ratio). Ties go to the earlier entry.
/// Width and height (both given) get one approximated-parameter info each: the platform
/// picks its own pixels, the ratio stands for them. Callers then count them as carried.
std::string fit_ratio(const Prompt& ir, const std::vector<std::string>& allowed,
                      std::string_view fallback, std::string_view target, Diagnostics& diags);

/// Whether fit_ratio finds a ratio in the IR (rather than using its fallback): an aspect
/// ratio W:H of positive numbers, or else positive width and height. `from_pixels` says it
/// came from width and height, so the caller counts those as carried.
bool ratio_given(const Params& params, bool& from_pixels);

/// The allowed duration nearest to params.duration_s (ties: the shorter); `fallback` (no
/// diagnostic) when the IR has none. A change gets a snapped-value info (field
/// params.duration_s).
double fit_duration(const Prompt& ir, const std::vector<double>& allowed, double fallback,
                    std::string_view target, Diagnostics& diags);

/// One no-motion info (field "motion") when the IR names neither motion nor a camera move:
/// an image prompt sent to a video platform.
void note_no_motion(const Prompt& ir, std::string_view target, Diagnostics& diags);

/// How a dialect reads the labelled lines its text format shares with the other video
/// dialects (read_common_line). The defaults are Kling's.
struct LineRules {
  /// The example in the invalid Duration warning: "'Duration: x' is not a duration such as
  /// 5s; ignored". Veo and Sora say 8s, their usual clip.
  std::string_view duration_example = "5s";
  /// Also take a unit word after the number ("5 sec", "5 secs", "5 second", "5 seconds",
  /// any case), as Runway and Luma do. Without it only "5", "5s", "5 s", "5S" read.
  bool duration_words = false;
  /// The whole record, for Veo and Sora: their Camera line is read as written, from the
  /// start of its line (label included), instead of as "Camera:" + value. The two agree
  /// except for a label spaced before its colon ("Camera : pan left"), which read_prose
  /// then does not take as a camera label. Empty: the "Camera:" + value way.
  std::string_view record;
};

/// Reads one of the labelled lines every video text format shares into `ir`; the label is
/// matched case-insensitively. Returns whether the label was one of these (true also when
/// its value was invalid and reported), so the caller reads its own labels otherwise:
/// - "Negative prompt": comma fragments -> negative (weight 1, spans in the record), also
///   for platforms without a negative field, so a translation elsewhere keeps them;
/// - "Aspect ratio": W:H of integers ("16:9", Runway's "1280:720"), reduced ->
///   params.aspect_ratio;
/// - "Duration": a positive number of seconds, "s" allowed after it (see LineRules) ->
///   params.duration_s;
/// - "Seed": an integer -> params.seed (kit::read_setting);
/// - "Camera": read by read_prose as a camera block ("Camera: <value>"), so words it cannot
///   place stay camera terms instead of becoming subject.
/// An invalid value gets one invalid-value warning (field = the label as written, span = the
/// value) and changes nothing.
bool read_common_line(const kit::LabelledLine& line, Prompt& ir, Diagnostics& diags,
                      const LineRules& rules = {});

/// `items` joined with `separator`, empty items left out (a writer's optional pieces).
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// The non-empty sentences joined with one space: how every video writer assembles its
/// prompt from scene, style, camera and audio sentences.
std::string join_sentences(const std::vector<std::string>& sentences);

/// "Camera: close-up shot, low angle, slow dolly in." (camera_words joined with ", ");
/// "" when there are none. `with_moves` false leaves the moves out (Kling, when its
/// camera_control carries them). Words are appended as they come, so an empty one (a move with
/// neither name nor speed) after the first gives "Camera: odd, , slow pan left."; Veo's
/// writer skips empty words, so it joins camera_words itself.
std::string camera_sentence(const Camera& camera, bool with_moves = true);

/// For writers of platforms without weight syntax, which keep the words in their order:
/// one approximated-weight info (Severity::Info, field = the field's name) for each of
/// `fields` in which some term's weight differs from 1 by more than `tolerance`, worded by
/// `message(field)`. Fields: "subject", "motion", "style", "camera.terms"; others are
/// ignored. One info per field, not per term: the loss is the same for every term.
void report_weights(const Prompt& ir, const std::vector<std::string_view>& fields,
                    const std::function<std::string(std::string_view field)>& message,
                    Diagnostics& diags, double tolerance = 0);

}  // namespace promptport::video
