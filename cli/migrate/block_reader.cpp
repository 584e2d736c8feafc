// RawLineReader: a fixed-size buffer over read(2), split at '\n'.
#include "block_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace promptport::migrate {

namespace {
constexpr std::size_t kBufferSize = 1 << 16;
}

RawLineReader::~RawLineReader() {
  if (fd_ >= 0) ::close(fd_);
}

std::string RawLineReader::open(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return "cannot open " + path + ": " + std::strerror(errno);
  buf_.resize(kBufferSize);
  return {};
}

bool RawLineReader::fill() {
  if (eof_ || fd_ < 0) return false;
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data(), buf_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = "cannot read " + path_ + ": " + std::strerror(errno);
      eof_ = true;
      return false;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    pos_ = 0;
    end_ = static_cast<std::size_t>(n);
    return true;
  }
}

bool RawLineReader::next(std::string_view& line) {
  carry_.clear();
  for (;;) {
    if (pos_ == end_ && !fill()) {
      if (carry_.empty()) return false;
      line = carry_;
      ++line_number_;
      offset_ += line.size();
      return true;
    }
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    if (nl != nullptr) {
      const std::size_t len = static_cast<const char*>(nl) - start + 1;
      pos_ += len;
      ++line_number_;
      if (carry_.empty()) {
        line = std::string_view(start, len);
      } else {
        carry_.append(start, len);
        line = carry_;
      }
      offset_ += line.size();
      return true;
    }
    carry_.append(start, end_ - pos_);
    pos_ = end_;
  }
}

std::string_view strip_line_end(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace promptport::migrate
