// Helpers every subcommand shares: usage checks, exit statuses and help text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "output.h"
#include "promptport/dialect.h"
#include "promptport/translate.h"

namespace CLI {
class App;
}

namespace promptport::cli {

/// Prints "promptport: error: <message>" on standard error; returns kExitUsage.
int usage_error(std::string_view message);

/// Looks up a dialect by name or alias. Unknown: nullptr, and `error` says
/// "unknown dialect 'fluxx' (did you mean 'flux'?)".
const Dialect* find_dialect(const Registry& registry, std::string_view name, std::string& error);

/// Fills `options` from the --from/--to names and -O key=value arguments and checks them
/// all (dialect names, and option keys via check_options); returns "" or the message.
std::string prepare(const Registry& registry, const std::vector<std::string>& dialect_options,
                    TranslateOptions& options);

/// translate() that turns an exception other than UsageError (a library bug) into an error
/// record with the text passed through, so the run goes on with the next record.
std::vector<Record> translate_safely(const Registry& registry, std::string_view text,
                                     const TranslateOptions& options);

/// Tallies the records of a run into the exit status.
class Tally {
 public:
  void add(const Diagnostics& diags);
  /// kExitRecordError over kExitLossy (with `strict`) over kExitOk.
  int status(bool strict) const;

 private:
  bool any_error_ = false;
  bool any_warning_ = false;
};

/// Flushes `out` and turns a read or write failure into kExitIo with a message.
/// `read_error` is an errno from reading `input_name`, 0 if none.
int finish(Writer& out, Writer& err, int status, int read_error, std::string_view input_name);

/// The loop `translate` and `parse` share: reads every input record (PROMPT arguments or
/// stdin lines), translates it (parse only when `options.to` is empty), prints each output
/// record, and the human diagnostics when `human_diagnostics`; returns the exit status.
int stream_records(const Registry& registry, const TranslateOptions& options,
                   const std::vector<std::string>& prompts, Format format, DumpOptions dump,
                   bool human_diagnostics, bool strict);

/// Text for a subcommand's --help: the examples, the command's own notes (formats), then
/// how PROMPT input is read (when `reads_prompts`) and the exit statuses.
std::string help_footer(std::string_view examples, std::string_view notes, bool reads_prompts);

/// Adds the -f/--format option with its allowed values.
void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& names);

/// Adds the repeatable -O key=value option.
void add_dialect_option(CLI::App& command, std::vector<std::string>& options);

}  // namespace promptport::cli
