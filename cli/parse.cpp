// `promptport parse`: read each record into the neutral IR and print it (YAML or JSON).
#include <CLI/CLI.hpp>
#include <memory>

#include "commands.h"
#include "common.h"
#include "output.h"

namespace promptport::cli {

namespace {

constexpr std::string_view kExamples =
    "  promptport parse --from midjourney 'a red fox::2 snowy forest, watercolor --ar 16:9'\n"
    "  promptport parse -f json < prompts.txt | jq -c .subject";

constexpr std::string_view kNotes =
    "Formats:\n"
    "  yaml  one IR document per record, separated by --- (--spans adds byte spans)\n"
    "  json  one IR object per line (spans included)\n"
    "Midjourney permutations {a, b} give one IR per combination. Diagnostics go to standard\n"
    "error in both formats. The output is what `promptport emit` reads.";

}  // namespace

void setup_parse(CLI::App& app, int& status) {
  auto opt = std::make_shared<ParseArgs>();
  CLI::App* cmd = app.add_subcommand("parse", "Print the neutral IR of each prompt");
  cmd->add_option("--from", opt->from, "Source dialect, or auto to detect it for each prompt")
      ->type_name("DIALECT")
      ->capture_default_str();
  add_format_option(*cmd, opt->format, {"yaml", "json"});
  cmd->add_flag("--spans", opt->spans, "YAML: show each term's byte span in the source");
  add_dialect_option(*cmd, opt->options);
  cmd->add_flag("-q,--quiet", opt->quiet, "Print no diagnostics on standard error");
  cmd->add_option("PROMPT", opt->prompts, "Prompts to parse (default: standard input)");
  cmd->footer(help_footer(kExamples, kNotes, true));
  cmd->callback([opt, &status] { status = run_parse(*opt); });
}

int run_parse(const ParseArgs& opt) {
  const Registry& registry = builtin_registry();
  promptport::TranslateOptions options;  // no target: parse only
  options.from = opt.from;
  if (std::string error = prepare(registry, opt.options, options); !error.empty()) {
    return usage_error(error);
  }

  return stream_records(registry, options, opt.prompts,
                        opt.format == "json" ? Format::IrJson : Format::Yaml,
                        DumpOptions{opt.spans}, !opt.quiet, false);
}

}  // namespace promptport::cli
