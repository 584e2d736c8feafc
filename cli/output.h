// Writes CLI output: a buffered writer, the record formats and human diagnostics.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "promptport/diagnostic.h"
#include "promptport/serialize.h"
#include "promptport/translate.h"

namespace promptport::cli {

/// A big-buffered writer on a file descriptor. The first write error is remembered and
/// later output is discarded, so a closed pipe stops the run instead of crashing it.
class Writer {
 public:
  explicit Writer(int fd);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() { flush(); }

  void write(std::string_view s);
  void put(char c) { write(std::string_view(&c, 1)); }
  /// Writes out the buffer; false once any write has failed.
  bool flush();
  bool failed() const { return error_ != 0; }
  int error() const { return error_; }

 private:
  void write_all(std::string_view s);

  int fd_;
  std::string buf_;
  int error_ = 0;
};

/// How records are written.
enum class Format {
  Text,    ///< paste-ready text; blank lines between records that span several lines
  Prompt,  ///< exactly one line per record: the prompt box content
  Json,    ///< JSON Lines: {"line", "from", "to", ..., "diagnostics", "lossless"}
  Yaml,    ///< the IR as YAML documents separated by "---"
  IrJson,  ///< the IR as JSON, one object per line
};
/// "text", "prompt", "json", "ir"/"yaml"; the caller has already validated the name.
Format format_from_name(std::string_view name);

/// Writes records one after the other in one format.
class RecordPrinter {
 public:
  RecordPrinter(Writer& out, Format format, DumpOptions dump = {});
  /// `number` is the input record's number ("line" in JSON).
  void print(const Record& record, std::size_t number);

 private:
  void print_text(const Record& record);
  void print_json(const Record& record, std::size_t number);

  Writer& out_;
  Format format_;
  DumpOptions dump_;
  bool first_ = true;
  bool previous_multiline_ = false;
  std::string scratch_;
};

/// Compiler-style diagnostics (promptport::render_human), each ending in a newline.
/// `source` is the record text the spans point into; spans outside it are not drawn.
void print_diagnostics(Writer& err, const Diagnostics& diags, std::string_view input_name,
                       std::size_t line, std::string_view source);

/// Appends the JSON text of a value, keys in the value's order. Invalid UTF-8 in strings
/// becomes U+FFFD instead of an exception: records are written whatever their bytes.
void append_json(std::string& out, const nlohmann::json& value);
/// The same for a document that keeps its keys in input order.
void append_json(std::string& out, const nlohmann::ordered_json& value);
/// Appends `s` as a quoted JSON string, the same way.
void append_json_string(std::string& out, std::string_view s);

}  // namespace promptport::cli
