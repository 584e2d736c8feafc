// What a migration has finished, kept in OUT/.promptport-migrate.jsonl for --resume.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "format.h"

namespace promptport::migrate {

/// One line per finished input: {"input": KEY, "signature": HEX}. A line cut short by a
/// killed run is not valid JSON and is ignored, so appending needs no rename.
class ResumeState {
 public:
  /// Reads the state file when `resume`; otherwise starts it empty (truncates it).
  /// "" or an error message.
  std::string open(const std::filesystem::path& out, bool resume);
  /// True when `key` finished with `signature` in an earlier run.
  bool finished(const std::string& key, const std::string& signature) const;
  /// Records a finished input (appended and flushed at once).
  void mark(const std::string& key, const std::string& signature);

 private:
  std::filesystem::path path_;
  std::map<std::string, std::string> done_;
};

/// Identifies an input's content and the settings it was migrated with: file paths, sizes
/// and modification times, and `settings_key` (targets, options, columns...).
std::string input_signature(const Input& input, const std::string& settings_key);

}  // namespace promptport::migrate
