// `promptport translate`: parse each record in one dialect and emit it in another.
#include <CLI/CLI.hpp>
#include <memory>

#include "commands.h"
#include "common.h"
#include "output.h"

namespace promptport::cli {

namespace {

constexpr std::string_view kExamples =
    "  promptport translate --to flux 'a red fox in deep snow, watercolor::2 --ar 3:2 --no text'\n"
    "  cat mj.txt | promptport translate --from midjourney --to flux -f prompt > flux.txt\n"
    "  promptport translate --to flux -f json -O model=ultra 'a castle at dawn --ar 21:9' | jq "
    ".request";

constexpr std::string_view kNotes =
    "Formats:\n"
    "  text    the prompt, then the platform's other fields as labelled lines (Size: ...);\n"
    "          records that span several lines are separated by a blank line\n"
    "  prompt  exactly one line per record: what goes into the platform's prompt box\n"
    "  json    JSON Lines: {\"line\", \"from\", \"to\", \"detected\", \"confidence\", "
    "\"prompt\",\n"
    "          \"negative_prompt\", \"request\" (the API body), \"diagnostics\", "
    "\"lossless\"}\n"
    "  ir      the neutral IR of each record as YAML, documents separated by ---\n"
    "Midjourney permutations {a, b} give one record per combination, with the same \"line\".\n"
    "Diagnostics go to standard error as INPUT:LINE:COL: severity: message [code], with the\n"
    "source line and a caret; with -f json they are in each record instead.";

}  // namespace

void setup_translate(CLI::App& app, int& status) {
  auto opt = std::make_shared<TranslateArgs>();
  CLI::App* cmd =
      app.add_subcommand("translate", "Translate prompts from one platform's dialect to another's");
  cmd->add_option("--from", opt->from, "Source dialect, or auto to detect it for each prompt")
      ->type_name("DIALECT")
      ->capture_default_str();
  cmd->add_option("--to", opt->to, "Target dialect (promptport dialects lists them)")
      ->type_name("DIALECT")
      ->required();
  add_format_option(*cmd, opt->format, {"text", "prompt", "json", "ir"});
  cmd->add_flag("--strict", opt->strict, "Exit 1 when any record lost something (a warning)");
  add_dialect_option(*cmd, opt->options);
  cmd->add_flag("-q,--quiet", opt->quiet, "Print no diagnostics on standard error");
  cmd->add_option("PROMPT", opt->prompts, "Prompts to translate (default: standard input)");
  cmd->footer(help_footer(kExamples, kNotes, true));
  cmd->callback([opt, &status] { status = run_translate(*opt); });
}

int run_translate(const TranslateArgs& opt) {
  const Registry& registry = builtin_registry();
  promptport::TranslateOptions options;
  options.from = opt.from;
  options.to = opt.to;
  if (std::string error = prepare(registry, opt.options, options); !error.empty()) {
    return usage_error(error);
  }

  const Format format = format_from_name(opt.format);
  return stream_records(registry, options, opt.prompts, format, {},
                        !opt.quiet && format != Format::Json, opt.strict);
}

}  // namespace promptport::cli
