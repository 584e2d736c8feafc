// Finds the inputs of a migration: files and folders, recursively, in a stable order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "format.h"

namespace promptport::migrate {

struct WalkOptions {
  InputFormat forced = InputFormat::Auto;  ///< --input-format; Auto detects per file
  std::vector<std::string> include;        ///< globs; a file must match one (when any)
  std::vector<std::string> exclude;        ///< globs; matching files and folders are skipped
  /// File names that are outputs of an in-place run (NAME.flux.txt, png-manifest.jsonl);
  /// never read as inputs, so a rerun does not translate its own output.
  std::vector<std::string> output_suffixes;
};

struct WalkResult {
  std::vector<Input> inputs;
  std::vector<std::uint64_t> sizes;          ///< bytes of each input (for progress)
  std::vector<std::string> errors;           ///< missing paths, unreadable folders (exit 4)
  std::vector<std::string> unknown;          ///< files skipped: no known format
  std::vector<std::filesystem::path> roots;  ///< the folder each input is relative to
};

/// Folders are read recursively in byte order of names; names that start with '.' are
/// skipped (.git, our own state file). Files given by name are always read (their format
/// sniffed when the extension says nothing). PNGs of one folder form one Input.
WalkResult find_inputs(const std::vector<std::string>& paths, const WalkOptions& options);

/// The format an extension names (.txt, .csv, .tsv, .jsonl/.ndjson, .json, .yaml/.yml,
/// .png), or Auto.
InputFormat format_from_extension(const std::filesystem::path& path);

/// Looks at the first bytes: PNG signature, JSON Lines, JSON, else text.
InputFormat sniff_format(const std::filesystem::path& path);

/// --input-format names: auto txt csv tsv jsonl json yaml png; false if unknown.
bool format_from_name(std::string_view name, InputFormat& format);

}  // namespace promptport::migrate
