// `promptport detect`: say which platform each prompt is most likely written for.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <memory>

#include "commands.h"
#include "common.h"
#include "input.h"
#include "output.h"
#include "promptport/text.h"

namespace promptport::cli {

namespace {

constexpr std::string_view kExamples =
    "  promptport detect 'a red fox in deep snow --ar 3:2 --no text'\n"
    "  promptport detect -f json < prompts.txt | jq -r .dialect | sort | uniq -c";

constexpr std::string_view kNotes =
    "Formats:\n"
    "  text  DIALECT<TAB>CONFIDENCE per record (confidence 0..1, two decimals)\n"
    "  json  {\"line\", \"dialect\", \"confidence\"} per record";

}  // namespace

void setup_detect(CLI::App& app, int& status) {
  auto opt = std::make_shared<DetectArgs>();
  CLI::App* cmd =
      app.add_subcommand("detect", "Say which platform each prompt is most likely written for");
  add_format_option(*cmd, opt->format, {"text", "json"});
  cmd->add_option("PROMPT", opt->prompts, "Prompts to look at (default: standard input)");
  cmd->footer(help_footer(kExamples, kNotes, true));
  cmd->callback([opt, &status] { status = run_detect(*opt); });
}

int run_detect(const DetectArgs& opt) {
  const Registry& registry = builtin_registry();
  Writer out(STDOUT_FILENO);
  Writer err(STDERR_FILENO);
  bool json = opt.format == "json";
  RecordReader input(opt.prompts, [&] { out.flush(); });
  InputRecord in;
  std::string line;
  while (!out.failed() && input.next(in)) {
    Detection d = detect(registry, in.text);
    std::string_view name = d.dialect != nullptr ? d.dialect->name() : std::string_view("none");
    line.clear();
    if (json) {
      line += "{\"line\":";
      line += std::to_string(in.number);
      line += ",\"dialect\":";
      append_json(line, d.dialect != nullptr ? nlohmann::json(name) : nlohmann::json());
      line += ",\"confidence\":";
      append_json(line, nlohmann::json(d.confidence));
      line += "}\n";
    } else {
      // Two decimals are all a person needs to compare candidates.
      line += name;
      line += '\t';
      line += text::format_number(std::round(d.confidence * 100) / 100);
      line += '\n';
    }
    out.write(line);
  }
  return finish(out, err, kExitOk, input.error(), "<stdin>");
}

}  // namespace promptport::cli
