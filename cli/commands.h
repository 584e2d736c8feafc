// The promptport subcommands: for each, its arguments struct, setup_x() and run_x().
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace promptport::cli {

/// Exit statuses (DESIGN.md "CLI"); also listed in every --help footer.
enum ExitStatus : int {
  kExitOk = 0,           ///< every record written, nothing lost (or --strict not given)
  kExitLossy = 1,        ///< --strict and some record had a warning
  kExitUsage = 2,        ///< bad flag, unknown dialect, bad -O
  kExitRecordError = 3,  ///< some records had error diagnostics (all others were written)
  kExitIo = 4,           ///< unreadable input or unwritable output
};

struct TranslateArgs {
  std::string from = "auto";
  std::string to;
  std::string format = "text";  ///< text|prompt|json|ir
  bool strict = false;
  bool quiet = false;
  std::vector<std::string> options;  ///< -O key=value
  std::vector<std::string> prompts;  ///< empty: standard input, one record per line
};
/// Registers `translate`; its callback stores the exit status in `status`.
void setup_translate(CLI::App& app, int& status);
int run_translate(const TranslateArgs& opt);

struct ParseArgs {
  std::string from = "auto";
  std::string format = "yaml";  ///< yaml|json
  bool spans = false;
  bool quiet = false;
  std::vector<std::string> options;
  std::vector<std::string> prompts;
};
void setup_parse(CLI::App& app, int& status);
int run_parse(const ParseArgs& opt);

struct EmitArgs {
  std::string to;
  std::string format = "text";  ///< text|prompt|json
  bool strict = false;
  bool quiet = false;
  std::vector<std::string> options;
  std::string file = "-";  ///< IR documents: a YAML stream or JSON Lines; "-" is stdin
};
void setup_emit(CLI::App& app, int& status);
int run_emit(const EmitArgs& opt);

struct DetectArgs {
  std::string format = "text";  ///< text|json
  std::vector<std::string> prompts;
};
void setup_detect(CLI::App& app, int& status);
int run_detect(const DetectArgs& opt);

/// Registers `migrate` (cli/migrate.cpp): whole prompt libraries, files and folders.
void setup_migrate(CLI::App& app, int& status);

struct DialectsArgs {
  std::string format = "text";  ///< text|json
  std::string name;             ///< "" lists every dialect
};
void setup_dialects(CLI::App& app, int& status);
int run_dialects(const DialectsArgs& opt);

}  // namespace promptport::cli
