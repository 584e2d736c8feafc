// Reads a file one physical line at a time, keeping each line's own line end.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace promptport::migrate {

/// Constant memory whatever the file size: a fixed buffer, plus one copy of a line only
/// when it straddles two reads. Any byte is content.
class RawLineReader {
 public:
  RawLineReader() = default;
  RawLineReader(const RawLineReader&) = delete;
  RawLineReader& operator=(const RawLineReader&) = delete;
  ~RawLineReader();

  /// "" or the open error ("cannot open x: No such file or directory").
  std::string open(const std::string& path);
  /// The next line including its "\n" (a last line may have none). Valid until the next
  /// call. False at the end or on a read error (see error()).
  bool next(std::string_view& line);
  /// 1-based number of the line last returned.
  std::size_t line_number() const { return line_number_; }
  /// Bytes consumed so far (for progress).
  std::size_t offset() const { return offset_; }
  const std::string& error() const { return error_; }

 private:
  bool fill();

  int fd_ = -1;
  std::vector<char> buf_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::string carry_;
  std::size_t line_number_ = 0;
  std::size_t offset_ = 0;
  bool eof_ = false;
  std::string error_;
  std::string path_;
};

/// The line without its "\n" or "\r\n".
std::string_view strip_line_end(std::string_view line);

}  // namespace promptport::migrate
