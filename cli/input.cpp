// Reads CLI input records: PROMPT arguments, or a file descriptor one line at a time.
#include "input.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace promptport::cli {

namespace {

constexpr std::size_t kBufferSize = 1 << 16;

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

LineReader::LineReader(int fd, std::function<void()> before_block)
    : fd_(fd), before_block_(std::move(before_block)) {}

bool LineReader::fill() {
  if (eof_ || error_ != 0) return false;
  if (buf_.empty()) buf_.resize(kBufferSize);  // allocated on first use only
  if (before_block_) before_block_();
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data(), buf_.size());
    if (n > 0) {
      pos_ = 0;
      end_ = static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno != EINTR) {
      error_ = errno;
      return false;
    }
  }
}

bool LineReader::next(std::string_view& line) {
  bool carrying = false;
  for (;;) {
    if (pos_ < end_) {
      const char* start = buf_.data() + pos_;
      std::size_t avail = end_ - pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
      if (nl != nullptr) {
        std::size_t n = static_cast<std::size_t>(nl - start);
        pos_ += n + 1;
        ++line_number_;
        if (carrying) {
          carry_.append(start, n);
          line = strip_cr(carry_);
        } else {
          line = strip_cr(std::string_view(start, n));
        }
        return true;
      }
      if (!carrying) carry_.clear();
      carry_.append(start, avail);
      carrying = true;
      pos_ = end_;
    }
    if (!fill()) {
      if (!carrying || error_ != 0) return false;
      ++line_number_;  // the last line had no newline
      line = strip_cr(carry_);
      return true;
    }
  }
}

bool needs_bracket_mark(std::string_view arg) {
  return arg.size() >= 2 && arg.front() == '[' && arg.back() == ']';
}

RecordReader::RecordReader(const std::vector<std::string>& prompts,
                           std::function<void()> before_block)
    : prompts_(prompts),
      from_stdin_(prompts.empty() || (prompts.size() == 1 && prompts[0] == "-")),
      lines_(STDIN_FILENO, std::move(before_block)) {}

bool RecordReader::next(InputRecord& record) {
  if (from_stdin_) {
    if (!lines_.next(record.text)) return false;
    record.number = lines_.line_number();
    record.name = "<stdin>";
    record.line = record.number;
    return true;
  }
  if (index_ >= prompts_.size()) return false;
  record.text = prompts_[index_];
  if (record.text.size() > 2 && record.text.back() == kBracketMark &&
      needs_bracket_mark(record.text.substr(0, record.text.size() - 1)))
    record.text.remove_suffix(1);
  record.number = ++index_;
  name_ = "<arg " + std::to_string(index_) + ">";
  record.name = name_;
  record.line = 1;
  return true;
}

}  // namespace promptport::cli
