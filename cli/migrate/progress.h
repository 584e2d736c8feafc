// The progress line drawn on a terminal while a migration runs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace promptport::migrate {

class Progress {
 public:
  /// Draws nothing unless `enabled` (standard error is a terminal and not --quiet).
  Progress(bool enabled, std::size_t files, std::uint64_t bytes);
  /// Redraws at most ten times a second.
  void update(std::size_t files_done, std::size_t records, std::uint64_t bytes_done);
  /// Clears the line.
  void finish();

 private:
  bool enabled_;
  std::size_t files_;
  std::uint64_t bytes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
};

/// "12,345": thousands separated for people.
std::string with_commas(std::uint64_t n);

}  // namespace promptport::migrate
