// An output file that appears complete or not at all: written to a temporary name beside
// it and renamed over the final name by commit().
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace promptport::migrate {

/// Temporary files are named ".NAME.promptport-tmp-PID" so a rerun can find and remove the
/// ones a killed run left behind (remove_stale_temporaries).
class AtomicFile {
 public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  ///< an uncommitted file is removed

  /// Creates the folders and the temporary file; "" or the error message.
  std::string open(const std::filesystem::path& path);
  void write(std::string_view bytes);
  /// Flushes, closes and renames; "" or the error message (then nothing is left behind).
  std::string commit();
  /// Removes the temporary file.
  void abandon();
  const std::filesystem::path& path() const { return path_; }

 private:
  bool flush_buffer();

  std::filesystem::path path_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::string buffer_;
  int error_ = 0;
};

/// True for a name AtomicFile uses for its temporary files.
bool is_temporary_name(std::string_view name);

/// Deletes temporary files under `folder` (recursively) left by a killed run (not those of a
/// still-running process, which may be a concurrent run into the same folder); returns how
/// many.
std::size_t remove_stale_temporaries(const std::filesystem::path& folder);

}  // namespace promptport::migrate
