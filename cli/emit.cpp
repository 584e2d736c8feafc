// `promptport emit`: write IR documents (a YAML stream or JSON Lines) for a target dialect.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <memory>

#include "commands.h"
#include "common.h"
#include "input.h"
#include "output.h"

namespace promptport::cli {

namespace {

constexpr std::string_view kExamples =
    "  promptport parse --from midjourney 'a red fox, watercolor --ar 3:2' > fox.yaml\n"
    "  promptport emit --to flux fox.yaml\n"
    "  promptport parse -f json < mj.txt | promptport emit --to flux -f json -";

constexpr std::string_view kNotes =
    "Input: IR documents as `promptport parse` writes them, a YAML stream separated by ---\n"
    "or JSON Lines (one object a line), read one document at a time.\n"
    "Formats: text, prompt and json, as for `promptport translate`; \"line\" is the line\n"
    "where the document starts. Diagnostics go to standard error as FILE:LINE: ...\n"
    "(except with -f json).";

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool is_blank_or_comment(std::string_view line) {
  line = trim_left(line);
  return line.empty() || line.front() == '#';
}

// A YAML document marker ("---", "--- content" or the end marker "..."); `rest` is the
// content after a "---" that belongs to the next document.
bool is_document_marker(std::string_view line, std::string_view& rest) {
  std::string_view marker = line.substr(0, 3);
  if (marker != "---" && marker != "...") return false;
  if (line.size() > 3 && line[3] != ' ' && line[3] != '\t') return false;
  rest = marker == "---" ? trim_left(line.substr(3)) : std::string_view{};
  if (is_blank_or_comment(rest)) rest = {};
  return true;
}

// Splits the input into IR documents. The first content line decides the form: "{" starts
// JSON Lines (one document a line), anything else a YAML stream separated by "---".
class DocumentReader {
 public:
  explicit DocumentReader(LineReader& lines) : lines_(lines) {}

  /// The next document and the line it starts on; false at end of input.
  bool next(std::string& doc, std::size_t& line, bool& json_line) {
    doc.clear();
    bool has_content = false;
    if (!pending_.empty()) {
      doc = pending_ + "\n";
      line = pending_line_;
      has_content = true;
      pending_.clear();
    }
    std::string_view text;
    std::string_view rest;
    while (lines_.next(text)) {
      std::size_t number = lines_.line_number();
      if (mode_ == Mode::Unknown) {
        if (is_blank_or_comment(text)) continue;
        mode_ = trim_left(text).front() == '{' ? Mode::JsonLines : Mode::Yaml;
      }
      if (mode_ == Mode::JsonLines) {
        if (is_blank_or_comment(text)) continue;
        doc.assign(text);
        line = number;
        json_line = true;
        return true;
      }
      if (is_document_marker(text, rest)) {
        if (has_content) {
          pending_.assign(rest);
          pending_line_ = number;
          json_line = false;
          return true;
        }
        if (!rest.empty()) {
          doc.assign(rest);
          doc += '\n';
          line = number;
          has_content = true;
        }
        continue;
      }
      if (!has_content) {
        if (is_blank_or_comment(text)) continue;
        has_content = true;
        line = number;
      }
      doc.append(text);
      doc += '\n';
    }
    json_line = false;
    return has_content;
  }

 private:
  enum class Mode { Unknown, Yaml, JsonLines };
  LineReader& lines_;
  Mode mode_ = Mode::Unknown;
  std::string pending_;
  std::size_t pending_line_ = 0;
};

Prompt read_document(const std::string& doc, bool json_line, Diagnostics& diags) {
  if (json_line) {
    nlohmann::json j = nlohmann::json::parse(doc, nullptr, /*allow_exceptions=*/false);
    // Not JSON: it may still be a one-line YAML flow mapping such as {version: 1}.
    if (!j.is_discarded()) return prompt_from_json(j, diags);
  }
  return prompt_from_yaml(doc, diags);
}

Record emit_document(const Registry& registry, const Dialect& target, const std::string& doc,
                     bool json_line, const Options& options) {
  Record record;
  record.to = &target;
  try {
    record.ir = read_document(doc, json_line, record.diags);
    if (record.ir.source) {
      record.from = registry.find(record.ir.source->dialect);
      record.source_text = record.ir.source->text;
    }
    record.out = target.emit(record.ir, options, record.diags);
  } catch (const std::exception& e) {
    report(record.diags, Code::InvalidInput, Severity::Error,
           std::string("internal error while emitting: ") + e.what());
  }
  return record;
}

}  // namespace

void setup_emit(CLI::App& app, int& status) {
  auto opt = std::make_shared<EmitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "emit", "Write IR documents (YAML stream or JSON Lines) for a target platform");
  cmd->add_option("--to", opt->to, "Target dialect (promptport dialects lists them)")
      ->type_name("DIALECT")
      ->required();
  add_format_option(*cmd, opt->format, {"text", "prompt", "json"});
  cmd->add_flag("--strict", opt->strict, "Exit 1 when any record lost something (a warning)");
  add_dialect_option(*cmd, opt->options);
  cmd->add_flag("-q,--quiet", opt->quiet, "Print no diagnostics on standard error");
  cmd->add_option("FILE", opt->file, "IR documents (YAML or JSON Lines); - is standard input")
      ->type_name("")
      ->capture_default_str();
  cmd->footer(help_footer(kExamples, kNotes, false));
  cmd->callback([opt, &status] { status = run_emit(*opt); });
}

int run_emit(const EmitArgs& opt) {
  const Registry& registry = builtin_registry();
  promptport::TranslateOptions options;
  options.to = opt.to;
  options.from = opt.to;  // -O keys are checked against the target alone
  if (std::string error = prepare(registry, opt.options, options); !error.empty()) {
    return usage_error(error);
  }
  const Dialect& target = *registry.find(opt.to);

  bool from_stdin = opt.file == "-";
  std::string input_name = from_stdin ? "<stdin>" : opt.file;
  int fd = from_stdin ? STDIN_FILENO : ::open(opt.file.c_str(), O_RDONLY | O_CLOEXEC);
  Writer out(STDOUT_FILENO);
  Writer err(STDERR_FILENO);
  if (fd < 0) return finish(out, err, kExitIo, errno, input_name);

  Format format = format_from_name(opt.format);
  bool human_diagnostics = !opt.quiet && format != Format::Json;
  RecordPrinter printer(out, format);
  LineReader lines(fd, [&] {
    out.flush();
    err.flush();
  });
  DocumentReader documents(lines);
  Tally tally;
  std::string doc;
  std::size_t line = 0;
  bool json_line = false;
  while (!out.failed() && documents.next(doc, line, json_line)) {
    Record record = emit_document(registry, target, doc, json_line, options.options);
    printer.print(record, line);
    // The spans point into the original prompt, not into this file: no caret is drawn.
    if (human_diagnostics) print_diagnostics(err, record.diags, input_name, line, {});
    tally.add(record.diags);
  }
  int read_error = lines.error();
  if (!from_stdin) ::close(fd);
  return finish(out, err, tally.status(opt.strict), read_error, input_name);
}

}  // namespace promptport::cli
