/// The neutral intermediate representation of a prompt (DESIGN.md "The neutral IR").
///
/// Every dialect parses into a `Prompt` and emits from one. Field names match the
/// serialized form (`promptport parse`), which is part of the external contract.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace promptport {

/// Byte offsets [begin, end) into the source text a term was parsed from.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

/// One run of prompt text with its effective weight (1.0 neutral, negative allowed).
struct Term {
  std::string text;
  double weight = 1.0;
  std::optional<Span> span;  ///< set when the term came from parsed text
  /// True when this term continues the previous term of the same list as one phrase (the
  /// source had no comma between them, only a change of weight: "a (red:1.3) fox" is
  /// "a", "red" joined, "fox" joined). Writers without per-word weights join them with a
  /// space; a term at index 0 is never joined.
  bool joined = false;
};

enum class StyleKind {
  Medium,     ///< watercolor, oil painting, 35mm film still, 3d render
  Artist,     ///< by Greg Rutkowski, style by Craig Mullins
  Movement,   ///< art nouveau, impressionism, cyberpunk
  Aesthetic,  ///< octane render, unreal engine, cinematic, retrofuturistic
  Lighting,   ///< golden hour, volumetric lighting, hard light
  Color,      ///< pastel color palette, monochrome, vibrant colors
  Mood,       ///< eerie, serene, awe inspiring
  Quality,    ///< 8k, masterpiece, highly detailed, trending on artstation
  Other,      ///< a style word we could not place more precisely
};
std::string_view to_string(StyleKind kind);
std::optional<StyleKind> style_kind_from_string(std::string_view name);

struct StyleTerm : Term {
  StyleKind kind = StyleKind::Other;
};

/// A canonical camera move (DESIGN.md list: static, pan-left, ..., rack-focus).
struct CameraMove {
  std::string move;   ///< canonical name, e.g. "dolly-in"
  std::string speed;  ///< "", "slow" or "fast"
  std::optional<Span> span;
};

struct Camera {
  /// Shot size: extreme-close-up, close-up, medium-close-up, medium, cowboy, full, wide,
  /// extreme-wide, or "" when not given.
  std::string shot;
  /// Angle: eye-level, low-angle, high-angle, overhead, worms-eye, dutch, over-the-shoulder,
  /// pov, or "" when not given.
  std::string angle;
  std::string lens;  ///< free text: "35mm", "f/1.8", "fisheye", "macro" ...
  std::vector<CameraMove> moves;
  std::vector<Term> terms;  ///< camera words with no canonical slot, verbatim
  bool empty() const {
    return shot.empty() && angle.empty() && lens.empty() && moves.empty() && terms.empty();
  }
};

/// Neutral settings; every field is absent unless the source gave it.
struct Params {
  std::optional<std::string> aspect_ratio;  ///< "W:H", reduced
  std::optional<std::int64_t> width;        ///< only when the source gave pixels
  std::optional<std::int64_t> height;
  std::optional<std::int64_t> seed;
  std::optional<double> duration_s;
  std::optional<std::int64_t> steps;
  std::optional<double> guidance;  ///< CFG / guidance scale
  std::optional<std::string> quality;
  bool empty() const {
    return !aspect_ratio && !width && !height && !seed && !duration_s && !steps && !guidance &&
           !quality;
  }
};

enum class ReferenceKind { Image, Style, Character, Omni };
std::string_view to_string(ReferenceKind kind);
std::optional<ReferenceKind> reference_kind_from_string(std::string_view name);

struct Reference {
  ReferenceKind kind = ReferenceKind::Image;
  std::string uri;  ///< URL, or a platform code such as a Midjourney --sref number
  std::optional<double> weight;
  std::optional<Span> span;
};

struct Lora {
  std::string name;
  double weight = 1.0;
};

struct Dialogue {
  std::string speaker;
  std::string line;
};

struct Audio {
  std::vector<Dialogue> dialogue;
  std::vector<std::string> sfx;
  std::vector<std::string> ambience;
  bool empty() const { return dialogue.empty() && sfx.empty() && ambience.empty(); }
};

struct Source {
  std::string dialect;
  std::string text;
};

/// The neutral form of one prompt.
struct Prompt {
  int version = 1;
  std::optional<Source> source;
  std::vector<Term> subject;  ///< what is shown, incl. scene/setting, in order
  std::vector<StyleTerm> style;
  Camera camera;
  std::vector<Term> motion;
  std::string motion_intensity;  ///< "", "low", "medium" or "high"
  std::vector<Term> negative;
  Params params;
  std::vector<Reference> references;
  std::vector<Lora> loras;
  Audio audio;
  /// Dialect-specific settings with no neutral meaning: {"midjourney": {"chaos": 20}}.
  /// Always a JSON object (possibly empty); keys sorted, so dumps are deterministic.
  nlohmann::json extensions = nlohmann::json::object();
};

/// Content equality, ignoring spans and `source` (what the round-trip properties compare).
bool same_content(const Prompt& a, const Prompt& b);

}  // namespace promptport
