// Reads CLI input records: PROMPT arguments, or a file descriptor one line at a time.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace promptport::cli {

/// Splits a file descriptor into lines with a fixed buffer, so memory stays constant
/// whatever the input size (only one over-long line is ever held as a copy). Any byte is
/// content: NUL bytes and invalid UTF-8 pass through untouched.
class LineReader {
 public:
  /// `before_block` runs before every read() that may wait for input, so that output
  /// already produced reaches an interactive reader (or a coprocess) before we wait.
  LineReader(int fd, std::function<void()> before_block);
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// The next line without its "\n" and without one "\r" before it. A last line with no
  /// newline still counts; an input ending in "\n" has no extra empty line after it.
  /// The view is valid until the next call. False at end of input or on a read error.
  bool next(std::string_view& line);
  /// 1-based number of the line last returned.
  std::size_t line_number() const { return line_number_; }
  /// errno of a failed read(), 0 if none.
  int error() const { return error_; }

 private:
  bool fill();

  int fd_;
  std::function<void()> before_block_;
  std::vector<char> buf_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::string carry_;  // a line that straddles two buffer fills
  std::size_t line_number_ = 0;
  bool eof_ = false;
  int error_ = 0;
};

/// CLI11 reads an argument "[a, b]" as a list and splits it; a prompt may be exactly that
/// (Hailuo "[Push in] a man walks in [Pull out]", A1111 "[blurry]"). main() appends this
/// byte to such arguments of translate, parse and detect so CLI11 keeps them whole, and
/// RecordReader takes it off again.
constexpr char kBracketMark = '\x1f';
/// True for an argument main() must mark: it starts with '[' and ends with ']'.
bool needs_bracket_mark(std::string_view arg);

/// One input record and how diagnostics name it.
struct InputRecord {
  std::string_view text;
  std::size_t number = 0;  ///< 1-based: the stdin line, or the argument's position
  std::string_view name;   ///< "<stdin>" or "<arg N>"
  std::size_t line = 0;    ///< line of `name` where the record starts (1 for arguments)
};

/// Yields the PROMPT arguments (each one record, even when it spans several lines), or,
/// with none (or the single argument "-"), standard input one record per line.
class RecordReader {
 public:
  RecordReader(const std::vector<std::string>& prompts, std::function<void()> before_block);
  bool next(InputRecord& record);
  /// errno of a failed read of standard input, 0 if none.
  int error() const { return lines_.error(); }

 private:
  const std::vector<std::string>& prompts_;
  bool from_stdin_;
  std::size_t index_ = 0;
  std::string name_;
  LineReader lines_;
};

}  // namespace promptport::cli
