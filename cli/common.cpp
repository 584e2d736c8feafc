// Helpers every subcommand shares: usage checks, exit statuses and help text.
#include "common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>

#include "commands.h"
#include "input.h"

namespace promptport::cli {

int usage_error(std::string_view message) {
  std::string line = fmt::format("promptport: error: {}\n", message);
  Writer err(STDERR_FILENO);
  err.write(line);
  return kExitUsage;
}

const Dialect* find_dialect(const Registry& registry, std::string_view name, std::string& error) {
  if (const Dialect* d = registry.find(name)) return d;
  std::string suggestion = registry.suggest(name);
  error = suggestion.empty()
              ? fmt::format("unknown dialect '{}' (promptport dialects lists them)", name)
              : fmt::format("unknown dialect '{}' (did you mean '{}'?)", name, suggestion);
  return nullptr;
}

std::string prepare(const Registry& registry, const std::vector<std::string>& dialect_options,
                    TranslateOptions& options) {
  std::string error;
  if (options.from != "auto" && find_dialect(registry, options.from, error) == nullptr) {
    return error;
  }
  if (!options.to.empty() && find_dialect(registry, options.to, error) == nullptr) return error;
  for (const std::string& arg : dialect_options) {
    std::size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      return fmt::format("-O expects key=value, got '{}'", arg);
    }
    options.options.insert_or_assign(arg.substr(0, eq), arg.substr(eq + 1));  // last one wins
  }
  try {
    return check_options(registry, options);
  } catch (const UsageError& e) {
    return e.what();
  }
}

// Library code must not throw on user text; if it does anyway, that record becomes an
// error record passed through unchanged and the run goes on with the next one.
std::vector<Record> translate_safely(const Registry& registry, std::string_view text,
                                     const promptport::TranslateOptions& options) {
  try {
    return translate(registry, text, options);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    Record record;
    record.from = options.from == "auto" ? nullptr : registry.find(options.from);
    record.to = options.to.empty() ? nullptr : registry.find(options.to);
    record.source_text = std::string(text);
    record.out.prompt = record.source_text;
    record.out.text = record.source_text;
    report(record.diags, Code::InvalidInput, Severity::Error,
           std::string("internal error while translating: ") + e.what() +
               "; the text was passed through");
    return {std::move(record)};
  }
}

void Tally::add(const Diagnostics& diags) {
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::Error) any_error_ = true;
    if (d.severity == Severity::Warning) any_warning_ = true;
  }
}

int Tally::status(bool strict) const {
  if (any_error_) return kExitRecordError;
  if (strict && any_warning_) return kExitLossy;
  return kExitOk;
}

int finish(Writer& out, Writer& err, int status, int read_error, std::string_view input_name) {
  out.flush();
  if (read_error != 0) {
    err.write(fmt::format("promptport: error: cannot read {}: {}\n", input_name,
                          std::strerror(read_error)));
    status = kExitIo;
  }
  if (out.failed()) {
    // A reader that went away (`| head`) is not worth a message, only the exit status.
    if (out.error() != EPIPE) {
      err.write(
          fmt::format("promptport: error: cannot write output: {}\n", std::strerror(out.error())));
    }
    status = kExitIo;
  }
  err.flush();
  return status;
}

int stream_records(const Registry& registry, const TranslateOptions& options,
                   const std::vector<std::string>& prompts, Format format, DumpOptions dump,
                   bool human_diagnostics, bool strict) {
  Writer out(STDOUT_FILENO);
  Writer err(STDERR_FILENO);
  RecordPrinter printer(out, format, dump);
  RecordReader input(prompts, [&] {
    out.flush();
    err.flush();
  });
  Tally tally;
  InputRecord in;
  while (!out.failed() && input.next(in)) {
    for (const Record& record : translate_safely(registry, in.text, options)) {
      printer.print(record, in.number);
      if (human_diagnostics) {
        print_diagnostics(err, record.diags, in.name, in.line, record.source_text);
      }
      tally.add(record.diags);
    }
  }
  return finish(out, err, tally.status(strict), input.error(), "<stdin>");
}

std::string help_footer(std::string_view examples, std::string_view notes, bool reads_prompts) {
  std::string text = fmt::format("Examples:\n{}\n\n{}\n", examples, notes);
  if (reads_prompts) {
    text +=
        "\nInput: each PROMPT argument is one record, even over several lines (named <arg N>\n"
        "in diagnostics). With no PROMPT, or \"-\", standard input is read one record per line\n"
        "(<stdin>:LINE); empty lines give empty records. Put \"--\" before a prompt that starts\n"
        "with \"-\".\n";
  }
  text +=
      "\nExit status: 0 success; 1 --strict and some record lost something (a warning);\n"
      "2 usage error; 3 some records had errors (passed through, all others written);\n"
      "4 unreadable input or unwritable output.";
  return text;
}

void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& names) {
  command.add_option("-f,--format", format, "Output format (see below)")
      ->check(CLI::IsMember(names))
      ->capture_default_str();
}

void add_dialect_option(CLI::App& command, std::vector<std::string>& options) {
  command
      .add_option("-O", options, "Dialect option, repeatable (promptport dialects NAME lists them)")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUE");
}

}  // namespace promptport::cli
