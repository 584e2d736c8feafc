// AtomicFile: write-then-rename, so a killed run never leaves a half-written output.
#include "atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace promptport::migrate {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kTempMarker = ".promptport-tmp-";
constexpr std::size_t kBufferLimit = 1 << 20;
}  // namespace

AtomicFile::~AtomicFile() { abandon(); }

std::string AtomicFile::open(const fs::path& path) {
  path_ = path;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return "cannot create folder " + path.parent_path().string() + ": " + ec.message();
  temp_ = path.parent_path() /
          ("." + path.filename().string() + std::string(kTempMarker) + std::to_string(::getpid()));
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) return "cannot write " + path.string() + ": " + std::strerror(errno);
  return {};
}

bool AtomicFile::flush_buffer() {
  std::size_t done = 0;
  while (error_ == 0 && done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
  return error_ == 0;
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0 || error_ != 0) return;
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferLimit) flush_buffer();
}

std::string AtomicFile::commit() {
  if (fd_ < 0) return "cannot write " + path_.string();
  flush_buffer();
  if (::close(fd_) != 0 && error_ == 0) error_ = errno;
  fd_ = -1;
  if (error_ == 0 && ::rename(temp_.c_str(), path_.c_str()) != 0) error_ = errno;
  if (error_ != 0) {
    const std::string message = "cannot write " + path_.string() + ": " + std::strerror(error_);
    ::unlink(temp_.c_str());
    temp_.clear();
    return message;
  }
  temp_.clear();
  return {};
}

void AtomicFile::abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

bool is_temporary_name(std::string_view name) {
  return !name.empty() && name[0] == '.' && name.find(kTempMarker) != std::string_view::npos;
}

namespace {
// A temporary whose writer is still running belongs to a concurrent run into the same
// folder: removing it would make that run fail at its rename.
bool writer_is_alive(std::string_view name) {
  const std::size_t at = name.rfind(kTempMarker);
  if (at == std::string_view::npos) return false;
  long pid = 0;
  for (char c : name.substr(at + kTempMarker.size())) {
    if (c < '0' || c > '9' || pid > 1'000'000'000) return false;
    pid = pid * 10 + (c - '0');
  }
  if (pid <= 0 || pid == ::getpid()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}
}  // namespace

std::size_t remove_stale_temporaries(const fs::path& folder) {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && is_temporary_name(name) && !writer_is_alive(name)) {
      if (fs::remove(it->path(), ec)) ++removed;
    }
  }
  return removed;
}

}  // namespace promptport::migrate
