// The pieces of the Luma dialect: camera concept keys, reading its text format, writing
// its prompt and its API request.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::luma {

/// The concept key of a canonical camera move ("dolly-in" -> "push_in"); "" when Luma has
/// none (tracking, fpv, whip-pan, rack-focus).
std::string_view move_concept(std::string_view move);

/// The concept key of a canonical angle ("low-angle" -> "low_angle"); "" when none.
std::string_view angle_concept(std::string_view angle);

/// The concept keys of a camera, moves first (in order, each once), then the angle.
std::vector<std::string> concepts(const Camera& camera);

/// What a concept key stands for in the IR.
struct ConceptMeaning {
  enum class Kind { Move, Angle, Words } kind = Kind::Words;
  std::string value;  ///< canonical move or angle, or camera words ("bolt cam")
};
/// nullopt when `key` is not one of Luma's concept keys.
std::optional<ConceptMeaning> concept_meaning(std::string_view key);

/// Reads one record: prose and the text format's labelled lines (Loop, Resolution,
/// Concepts and the video lines every dialect shares).
Prompt read(std::string_view text, Diagnostics& diags);

/// 0.8 with a `Concepts:` or `Loop:` line, else 0.
double detect(std::string_view text);

/// A valid Luma resolution in its canonical spelling ("1080p", "4k"), else nullopt.
std::optional<std::string> resolution(std::string_view value);

/// The prompt: scene, style and a "Camera: ..." sentence. Reports weights and quality
/// boosters it leaves out.
std::string write_prompt(const Prompt& ir, Diagnostics& diags);

using Lines = std::vector<std::pair<std::string, std::string>>;

/// Fills out.request (out.prompt must be set), returns the labelled lines of the text format
/// and adds the IR fields it carried to `carried`. Reports an invalid resolution option.
Lines write_request(const Prompt& ir, const Options& options, Emitted& out,
                    std::vector<std::string_view>& carried, Diagnostics& diags);

}  // namespace promptport::luma
