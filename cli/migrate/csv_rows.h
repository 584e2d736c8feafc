// CSV/TSV rows with the exact bytes they came from: libcsv parses, fed one line at a time.
#pragma once

#include <csv.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "block_reader.h"

namespace promptport::migrate {

/// One libcsv parser in non-strict mode that keeps every byte of a cell (no trimming).
class CsvFieldParser {
 public:
  explicit CsvFieldParser(char delimiter);
  CsvFieldParser(const CsvFieldParser&) = delete;
  CsvFieldParser& operator=(const CsvFieldParser&) = delete;
  ~CsvFieldParser();

  /// Parses more bytes of the current row. False on a libcsv error (see error()).
  bool feed(std::string_view bytes);
  /// The input ended: completes a row that has no line end.
  bool finish();
  /// The current row has ended; its fields are complete.
  bool row_ended() const { return row_ended_; }
  /// Inside a quoted field that has not been closed yet.
  bool in_quotes() const;
  /// The ended row's fields; the parser moves on to the next row.
  std::vector<std::string> take_fields();
  const std::string& error() const { return error_; }

 private:
  static void on_field(void* data, std::size_t size, void* self);
  static void on_row(int end, void* self);
  bool parse(std::string_view bytes);

  csv_parser parser_{};
  char delimiter_;
  std::vector<std::string> fields_;
  bool row_ended_ = false;
  std::string error_;
};

/// One row of the file, or one blank line between rows.
struct CsvRow {
  std::string raw;                  ///< its bytes, line end included (a BOM too, for the first)
  std::vector<std::string> fields;  ///< empty for a blank line
  std::size_t line = 0;             ///< 1-based line where it starts
  bool blank = false;               ///< a blank line outside any quoted field
  bool unclosed_quote = false;      ///< the file ended inside one of its quoted fields
};

/// Reads rows one at a time in constant memory (bar one row). Lines end at "\n", "\r\n" or
/// a lone "\r"; a quoted field may span lines.
class CsvRowReader {
 public:
  explicit CsvRowReader(char delimiter) : delimiter_(delimiter), parser_(delimiter) {}

  /// "" or the open error.
  std::string open(const std::string& path) { return lines_.open(path); }
  /// The next row or blank line; false at the end or on an error (see error()).
  bool next(CsvRow& row);
  const std::string& error() const { return error_; }

 private:
  bool next_line(std::string_view& line);
  bool fail(std::string message);

  char delimiter_;
  RawLineReader lines_;
  CsvFieldParser parser_;
  std::string_view rest_;  ///< the unread part of the physical line lines_ returned last
  std::size_t line_count_ = 0;
  bool at_start_ = true;
  bool done_ = false;
  std::string error_;
};

/// The fields of one complete row's bytes (as CsvRowReader gave them).
std::vector<std::string> parse_csv_row(std::string_view raw, char delimiter);

/// Appends `cell`, quoted (RFC 4180) only when a reader could misread it bare.
void append_csv_cell(std::string& out, std::string_view cell, char delimiter);

/// The line end at the end of `raw`: "\r\n", "\n", "\r" or "".
std::string_view csv_line_end(std::string_view raw);

}  // namespace promptport::migrate
