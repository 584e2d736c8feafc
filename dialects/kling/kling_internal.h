// What the Kling dialect's files share: the platform's limits, its text-format labels,
// the reader and the writer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "promptport/dialect.h"

namespace promptport::kling {

constexpr std::size_t kMaxPromptChars = 2500;  // prompt and negative_prompt, each
constexpr std::string_view kDefaultModel = "kling-v2-1-master";
constexpr std::string_view kDefaultRatio = "16:9";
constexpr double kDefaultDuration = 5;

const std::vector<std::string>& ratios();  // 16:9, 9:16, 1:1
const std::vector<double>& durations();    // 5, 10

/// The labelled lines of Kling's text format, in the order the writer puts them.
const std::vector<std::string_view>& labels();

/// Reads one record: the prose, then the labelled lines.
Prompt read(std::string_view text, Diagnostics& diags);

/// Writes prompt, request and text (text2video).
Emitted write(const Prompt& ir, const Options& options, Diagnostics& diags);

}  // namespace promptport::kling
