// Where tests find the real prompts of ../shared/data (absent on a user's machine).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace promptport::testing {

/// Path of `name` under the real-data folder: $PROMPTPORT_DATA_DIR if set, else the folder
/// CMake was configured with. "" when the file is absent, so the test can skip.
inline std::string real_data_file(const std::string& name) {
  const char* env = std::getenv("PROMPTPORT_DATA_DIR");
  const std::filesystem::path path = std::filesystem::path(env ? env : PROMPTPORT_DATA_DIR) / name;
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) ? path.string() : std::string();
}

}  // namespace promptport::testing
