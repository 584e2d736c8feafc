// What the prose video platforms (Kling, Runway, Luma, Veo, Sora) share: reading their prose
// into subject, motion, camera, style and audio; the scene sentence every writer starts
// from; audio lines; and fitting settings to a platform's allowed values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/diagnostic.h"
#include "promptport/ir.h"

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
/// A ratio taken from width and height (no aspect ratio given) gets one
/// approximated-parameter info for params.width and one for params.height: the platform
/// picks its own pixels. Callers then count width and height as carried.
std::string fit_ratio(const Prompt& ir, const std::vector<std::string>& allowed,
                      std::string_view fallback, std::string_view target, Diagnostics& diags);

/// The allowed duration nearest to params.duration_s (ties: the shorter); `fallback` (no
/// diagnostic) when the IR has none. A change gets a snapped-value info (field
/// params.duration_s).
double fit_duration(const Prompt& ir, const std::vector<double>& allowed, double fallback,
                    std::string_view target, Diagnostics& diags);

/// One no-motion info (field "motion") when the IR names neither motion nor a camera move:
/// an image prompt sent to a video platform.
void note_no_motion(const Prompt& ir, std::string_view target, Diagnostics& diags);

}  // namespace promptport::video
