// Internals shared by the Midjourney reader, writer, expander and detector.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::mj {

/// Midjourney runs at most 40 jobs from one permutation prompt (Pro/Mega plans; Standard 10,
/// Basic 4), so a larger product is cut there with a warning.
inline constexpr std::size_t kMaxPermutations = 40;
/// Deeper brace nesting than this is not a permutation anyone writes; the text passes through.
inline constexpr std::size_t kMaxPermutationDepth = 16;

Prompt parse_prompt(std::string_view text, const Options& options, Diagnostics& diags);
Emitted emit_prompt(const Prompt& ir, const Options& options, Diagnostics& diags);
std::vector<std::string> expand_permutations(std::string_view text, Diagnostics& diags);
double detect_score(std::string_view text);

}  // namespace promptport::mj
