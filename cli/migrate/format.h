// The interface between the migrate engine and one input format (txt, csv, json, ...).
//
// The engine reads an input in batches on the main thread, translates the records of each
// batch on a worker thread, has the format render the batch's output bytes there too, and
// writes the batches in input order. A format never sees threads: read/absorb/finish run on
// the main thread in order; render runs on any thread but only reads `this` (it is const).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "output.h"
#include "promptport/diagnostic.h"
#include "promptport/dialect.h"
#include "promptport/translate.h"

namespace promptport::migrate {

enum class InputFormat { Auto, Txt, Csv, Tsv, Jsonl, Json, Yaml, Png };
std::string_view to_string(InputFormat format);

/// One --to dialect, with the options that apply to it.
struct Target {
  const Dialect* dialect = nullptr;
  std::string name;  ///< the canonical dialect name: the prefix of added fields ("flux")
  TranslateOptions options;
};

/// What the user asked for; read-only while the run goes on.
struct Settings {
  const Registry* registry = nullptr;
  std::vector<Target> targets;
  std::string column;  ///< csv/tsv prompt column: a header name or 1-based number; "" finds it
  std::string negative_column;   ///< "" finds negative_prompt/negative/...; "-" reads none
  std::string field = "prompt";  ///< json/jsonl/yaml: dotted path of the prompt
  std::string negative_field;    ///< "" reads a sibling negative_prompt/negative; "-" none
  bool replace = false;          ///< the translation replaces the prompt (one target only)
};

/// One target's translation of one record.
struct TargetResult {
  std::vector<std::string> prompts;  ///< one per output record (permutations give several)
  std::string prompt;                ///< `prompts` joined by '\n'
  std::string negative_prompt;       ///< of the first output record
  nlohmann::json request;            ///< an object; an array of objects when expanded
  Diagnostics diags;                 ///< every output record's diagnostics, in order
  bool lossless = true;              ///< no warning and no error
  bool failed = false;               ///< some error diagnostic
};

/// One unit of an input file: a record to translate, or bytes copied through as they are.
struct Item {
  enum class Kind {
    Passthrough,  ///< comment, blank line, header...: `raw` is written unchanged
    Record,       ///< `prompt` (and `negative`) is translated into `results`
    Failed,       ///< a record the format could not read: `raw` is copied through, `input_diags`
                  ///< says why (an error diagnostic); it counts as a failed record
  };
  Kind kind = Kind::Passthrough;
  std::string raw;            ///< the original bytes of this item, including its line end
  std::string prompt;         ///< Record: the prompt text
  std::string negative;       ///< Record: the negative prompt, when the source had one
  bool has_negative = false;  ///< a negative column/field exists for this record
  std::string from;           ///< Record: source dialect for this item; "" uses the --from value
  std::size_t line = 0;       ///< 1-based line of the input where the item starts (0: none)
  std::size_t record = 0;     ///< 1-based record number in its file (Record and Failed)
  std::string label;          ///< how reports name the item when not by line (a PNG's path)
  Diagnostics input_diags;    ///< problems the format found (Failed: the error)
  std::vector<TargetResult> results;  ///< Record: one per target, filled before render()
  std::size_t tag = 0;                ///< free for the format (an index into its document)

  /// The text given to translate(): the prompt, then "\nNegative prompt: ..." when
  /// has_negative and the negative is not empty. Diagnostic spans point into this text.
  std::string source_text() const;
};

/// A run of items read together; the unit of parallel work.
struct Batch {
  std::vector<Item> items;
  std::vector<std::string> out;  ///< render(): bytes appended to each output, in outputs() order
  bool first = false;            ///< the first batch of the file (e.g. for a header)
};

/// An input: usually one file; for PNG, every image of one folder (one manifest).
struct Input {
  InputFormat format = InputFormat::Auto;
  std::vector<std::filesystem::path> files;  ///< what to read (PNG: sorted by name)
  std::filesystem::path relative;            ///< path under its input root (PNG: the folder)
};

/// Reads and writes one format. Construct one per Input.
class FormatFile {
 public:
  virtual ~FormatFile() = default;

  /// Opens the input. Returns "" or a message for an unreadable input (then nothing is
  /// written for it and the run exits 4).
  virtual std::string open(const Input& input) = 0;

  /// The output files, given `mirrored` (OUT/<relative>, or the input itself in place).
  /// Most formats return {mirrored}; txt returns one .txt and one .jsonl per target.
  virtual std::vector<std::filesystem::path> outputs(
      const std::filesystem::path& mirrored) const = 0;

  /// Reads the next items (up to about `max_records` records) into `batch.items`.
  /// False, with no items, at the end. A record the format cannot read becomes a Failed
  /// item: the run goes on. A read error ends the input: return false and set error().
  virtual bool read(Batch& batch, std::size_t max_records) = 0;

  /// Appends each output's bytes for the batch to batch.out (resized to outputs().size()).
  /// Called on a worker thread after the records are translated; must only read `this`.
  virtual void render(Batch& batch) const = 0;

  /// Main thread, in batch order, after render(): whole-document formats keep results here.
  virtual void absorb(Batch& /*batch*/) {}

  /// After the last batch: bytes appended at the end of each output (whole-document
  /// formats write the document here). Empty means nothing to add.
  virtual std::vector<std::string> finish() { return {}; }

  /// The read error that ended the input early ("" if none).
  virtual std::string error() const { return {}; }
};

/// A new FormatFile for `format` (not Auto).
std::unique_ptr<FormatFile> make_format(InputFormat format, const Settings& settings);

// ---- helpers the formats share (render.cpp) ----

/// Names of the columns/fields added for each target, in order: for "flux":
/// flux_prompt, flux_negative_prompt, flux_request, flux_diagnostics.
std::vector<std::string> added_names(const Settings& settings);

/// A target's diagnostics as JSON objects (code, severity, message, span, field).
nlohmann::json diagnostics_json(const Diagnostics& diags);

/// A target's diagnostics as text for a spreadsheet cell: one "severity: message [code]"
/// per line.
std::string diagnostics_text(const Diagnostics& diags);

/// Compact JSON writers that never throw: invalid UTF-8 becomes U+FFFD (cli/output.h);
/// append_json takes nlohmann::json and nlohmann::ordered_json.
using cli::append_json;
using cli::append_json_string;

/// Appends the added fields of `item` as JSON members, each preceded by a comma:
/// ,"flux_prompt":"...","flux_negative_prompt":"...","flux_request":{...},"flux_diagnostics":[...]
/// For a Failed item (no results) nothing is appended.
void append_added_json_members(std::string& out, const Settings& settings, const Item& item);

}  // namespace promptport::migrate
