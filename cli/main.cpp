// The promptport command line: dispatches to one subcommand (see commands.h).
#include <algorithm>
#include <csignal>
#include <iterator>
#include <string_view>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "common.h"
#include "input.h"
#include "promptport/text.h"
#include "promptport/translate.h"

namespace {

constexpr const char* kFooter =
    "Examples:\n"
    "  promptport translate --to flux 'a red fox in deep snow, watercolor::2 --ar 3:2 --no text'\n"
    "  cat mj.txt | promptport translate --from midjourney --to flux -f prompt > flux.txt\n"
    "  promptport dialects\n"
    "\n"
    "Run 'promptport COMMAND --help' for a command's options and exit statuses.";

// CLI11 only says "A subcommand is required" for a misspelt command; name it instead.
bool report_unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-' || !app.get_subcommands().empty()) return false;
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
  std::vector<std::string_view> candidates(names.begin(), names.end());
  std::string_view suggestion = promptport::text::closest(argv[1], candidates);
  std::string message = "unknown command '" + std::string(argv[1]) + "'";
  message += suggestion.empty() ? " (run promptport --help for the list)"
                                : " (did you mean '" + std::string(suggestion) + "'?)";
  promptport::cli::usage_error(message);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed stdout (`| head`) must end the run with exit status 4, not kill it.
  std::signal(SIGPIPE, SIG_IGN);

  namespace cli = promptport::cli;
  CLI::App app{"promptport: translate prompts between AI image and video generation platforms.",
               "promptport"};
  app.set_version_flag("--version", PROMPTPORT_VERSION);
  app.require_subcommand(1);
  app.footer(kFooter);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("promptport: error: ") + e.what() +
           "\nRun with --help for more information.\n";
  });

  // Setting up a command's options costs more than translating one prompt (CLI11 builds
  // strings and std::functions for every option): when the first argument names a command,
  // only that command is set up. Anything else (--help, a typo) sets up all of them.
  struct Command {
    std::string_view name;
    void (*setup)(CLI::App&, int&);
  };
  constexpr Command kCommands[] = {
      {"translate", cli::setup_translate}, {"parse", cli::setup_parse},
      {"emit", cli::setup_emit},           {"detect", cli::setup_detect},
      {"migrate", cli::setup_migrate},     {"dialects", cli::setup_dialects}};
  const std::string_view first = argc > 1 ? argv[1] : "";
  const bool named = std::any_of(std::begin(kCommands), std::end(kCommands),
                                 [&](const Command& c) { return c.name == first; });
  int status = cli::kExitOk;
  for (const Command& command : kCommands)
    if (!named || command.name == first) command.setup(app, status);

  // Keep "[a, b]" prompts whole (see cli::kBracketMark).
  std::vector<std::string> marked(argv, argv + argc);
  std::vector<char*> args;
  const bool prompts =
      argc > 1 && (marked[1] == "translate" || marked[1] == "parse" || marked[1] == "detect");
  for (auto& a : marked) {
    if (prompts && cli::needs_bracket_mark(a)) a += cli::kBracketMark;
    args.push_back(a.data());
  }

  try {
    app.parse(argc, args.data());
  } catch (const CLI::ParseError& e) {
    if (report_unknown_command(app, argc, argv)) return cli::kExitUsage;
    return app.exit(e) == 0 ? cli::kExitOk : cli::kExitUsage;
  } catch (const promptport::UsageError& e) {
    return cli::usage_error(e.what());
  }
  return status;
}
