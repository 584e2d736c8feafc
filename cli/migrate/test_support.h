// Helpers for the migrate unit tests: run one input through a format without the engine.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "format.h"

namespace promptport::migrate::testing {

/// Settings for the built-in dialects: `targets` by name, --from `from`.
Settings settings_for(const std::vector<std::string>& targets, const std::string& from = "auto");

/// Reads `input` with `format` in batches of `batch_records`, translates and renders each
/// batch in order (no threads), then finish(); returns each output's bytes (outputs() order).
/// `error` receives open()'s or error()'s message.
std::vector<std::string> run(InputFormat format, const Input& input, const Settings& settings,
                             std::string* error = nullptr, std::size_t batch_records = 3);

/// Every item read from `input` (translated), in order, for checks on kinds and diagnostics.
std::vector<Item> items(InputFormat format, const Input& input, const Settings& settings);

/// A fresh empty folder under the system temp folder.
std::filesystem::path temp_dir();

/// Writes `bytes` to `path` (creating folders); returns `path`.
std::filesystem::path write_file(const std::filesystem::path& path, const std::string& bytes);

/// Input for one file with `relative` = its file name.
Input input_for(const std::filesystem::path& file, InputFormat format);

}  // namespace promptport::migrate::testing
