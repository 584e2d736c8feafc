// `promptport migrate`: whole prompt libraries (files and folders) to one or more platforms.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <thread>

#include "commands.h"
#include "common.h"
#include "engine.h"
#include "progress.h"
#include "walk.h"

namespace promptport::cli {

namespace {

namespace fs = std::filesystem;
using migrate::InputFormat;

struct MigrateArgs {
  std::string from = "auto";
  std::vector<std::string> to;
  std::string out;
  bool in_place = false;
  std::string input_format = "auto";
  std::string column, negative_column;
  std::string field = "prompt", negative_field;
  std::vector<std::string> include, exclude;
  bool replace = false;
  std::size_t jobs = 0;
  bool resume = false;
  bool dry_run = false;
  std::string report;
  bool strict = false;
  bool quiet = false;
  std::vector<std::string> options;
  std::vector<std::string> inputs;
};

constexpr std::string_view kExamples =
    "  promptport migrate --from midjourney --to flux --to kling -o out prompts.txt\n"
    "  promptport migrate --from sd --to comfyui -o out styles.csv\n"
    "  promptport migrate --to veo -o out ~/Pictures/generated/   # PNGs -> png-manifest.jsonl\n"
    "  promptport migrate --to flux --field data.text --report report.jsonl -o out library.jsonl";

constexpr std::string_view kNotes =
    "Inputs: files and folders (recursive; names starting with '.' skipped). Formats by\n"
    "extension (.txt .csv .tsv .jsonl .ndjson .json .yaml .yml .png); a file named on the\n"
    "command line with another extension is sniffed. Output mirrors the input tree under OUT:\n"
    "  csv/tsv/jsonl/json/yaml  the same file with added columns or fields per target:\n"
    "                           D_prompt, D_negative_prompt, D_request, D_diagnostics\n"
    "  txt                      NAME.D.txt (line-aligned, paste-ready) and NAME.D.jsonl\n"
    "                           (one row per prompt with request and diagnostics)\n"
    "  png                      png-manifest.jsonl per folder, one row per image\n"
    "Every original byte of line-oriented files is kept; JSON and YAML are rewritten with\n"
    "every value kept. Outputs are written to a temporary file and renamed when complete;\n"
    "OUT/.promptport-migrate.jsonl records finished inputs for --resume. Every output is\n"
    "read back and its records counted against the input's.\n"
    "-O KEY=VALUE goes to every target that has KEY; -O DIALECT:KEY=VALUE to one target.";

// -O options: global ones to every target that declares the key (and to readers); scoped
// "dialect:key=value" ones to that target only.
struct ParsedOption {
  std::string dialect;  // "" global
  std::string key, value;
};

bool declares(const Dialect& dialect, std::string_view key) {
  for (const OptionSpec& spec : dialect.options()) {
    if (spec.name == key) return true;
  }
  return false;
}

std::string parse_options(const Registry& registry, const std::vector<std::string>& args,
                          std::vector<ParsedOption>& parsed) {
  for (const std::string& arg : args) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      return fmt::format("-O expects key=value or dialect:key=value, got '{}'", arg);
    }
    ParsedOption option;
    std::string key = arg.substr(0, eq);
    if (const std::size_t colon = key.find(':'); colon != std::string::npos) {
      option.dialect = key.substr(0, colon);
      key = key.substr(colon + 1);
      std::string error;
      const Dialect* d = find_dialect(registry, option.dialect, error);
      if (!d) return error;
      option.dialect = std::string(d->name());
    }
    option.key = key;
    option.value = arg.substr(eq + 1);
    parsed.push_back(std::move(option));
  }
  return {};
}

std::string build_settings(const MigrateArgs& args, const Registry& registry,
                           migrate::Settings& settings, std::string& settings_key) {
  settings.registry = &registry;
  settings.column = args.column;
  settings.negative_column = args.negative_column;
  settings.field = args.field;
  settings.negative_field = args.negative_field;
  settings.replace = args.replace;
  std::string error;
  if (args.from != "auto" && !find_dialect(registry, args.from, error)) return error;
  std::vector<ParsedOption> parsed;
  if (error = parse_options(registry, args.options, parsed); !error.empty()) return error;
  for (const std::string& name : args.to) {
    const Dialect* dialect = find_dialect(registry, name, error);
    if (!dialect) return error;
    for (const migrate::Target& seen : settings.targets) {
      if (seen.dialect == dialect) return fmt::format("--to {} is given twice", dialect->name());
    }
    migrate::Target target;
    target.dialect = dialect;
    target.name = std::string(dialect->name());
    target.options.from = args.from;
    target.options.to = target.name;
    for (const ParsedOption& option : parsed) {
      if (!option.dialect.empty() && option.dialect != target.name) continue;
      if (option.dialect.empty() && !declares(*dialect, option.key)) {
        // Not this writer's option: it may still be the reader's (checked below).
        const Dialect* reader = args.from == "auto" ? nullptr : registry.find(args.from);
        if (!reader || !declares(*reader, option.key)) continue;
      }
      target.options.options.insert_or_assign(option.key, option.value);
    }
    if (error = check_options(registry, target.options); !error.empty()) {
      return error + fmt::format(" (with several --to, -O {}:KEY=VALUE sets one target's option)",
                                 target.name);
    }
    settings.targets.push_back(std::move(target));
  }
  // A global key no dialect involved declares is a typo.
  for (const ParsedOption& option : parsed) {
    if (!option.dialect.empty()) continue;
    TranslateOptions probe;
    probe.from = args.from;
    probe.to = settings.targets.front().name;
    probe.options.insert_or_assign(option.key, option.value);
    if (error = check_options(registry, probe); !error.empty()) {
      bool used = false;
      for (const migrate::Target& t : settings.targets)
        used |= t.options.options.count(option.key) > 0;
      if (!used) return error;
    }
  }
  for (const ParsedOption& option : parsed) {
    if (option.dialect.empty()) continue;
    bool targeted = false;
    for (const migrate::Target& t : settings.targets) targeted |= t.name == option.dialect;
    if (!targeted)
      return fmt::format("-O {}:{}: {} is not a --to target", option.dialect, option.key,
                         option.dialect);
  }
  settings_key =
      fmt::format("v{}|from={}|column={}|negcol={}|field={}|negfield={}|replace={}|in={}",
                  PROMPTPORT_VERSION, args.from, args.column, args.negative_column, args.field,
                  args.negative_field, args.replace, args.input_format);
  for (const migrate::Target& t : settings.targets) {
    settings_key += "|to=" + t.name;
    for (const auto& [k, v] : t.options.options) settings_key += "," + k + "=" + v;
  }
  return {};
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  std::error_code ec;
  const fs::path a = fs::weakly_canonical(inner, ec);
  const fs::path b = fs::weakly_canonical(outer, ec);
  auto ai = a.begin();
  for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
    if (bi->empty()) continue;  // a trailing separator
    if (ai == a.end() || *ai != *bi) return false;
  }
  return true;
}

std::string check_paths(const MigrateArgs& args) {
  if (args.in_place && !args.out.empty()) return "give either -o OUT or --in-place, not both";
  if (!args.in_place && args.out.empty() && !args.dry_run) {
    return "give -o OUT (a folder for the migrated files), --in-place, or --dry-run";
  }
  if (args.resume && args.out.empty()) return "--resume needs -o OUT";
  if (args.replace && args.to.size() != 1) return "--replace needs exactly one --to";
  if (args.out.empty()) return {};
  for (const std::string& input : args.inputs) {
    std::error_code ec;
    const bool folder = fs::is_directory(input, ec);
    const fs::path tree = folder ? fs::path(input) : fs::path(input).parent_path();
    if (folder && is_within(args.out, tree)) {
      return fmt::format(
          "-o {} is inside the input folder {}: a rerun would read its own output "
          "(choose another folder, or --in-place)",
          args.out, input);
    }
    if (is_within(input, args.out)) {
      return fmt::format("input {} is inside the output folder {}", input, args.out);
    }
  }
  return {};
}

void print_summary(const migrate::Summary& s, const MigrateArgs& args, Writer& err) {
  using migrate::with_commas;
  const double rate = s.seconds > 0 ? static_cast<double>(s.records) / s.seconds : 0;
  std::string files = fmt::format("{} input{}", s.inputs, s.inputs == 1 ? "" : "s");
  if (s.resumed > 0) files += fmt::format(" ({} already done, skipped by --resume)", s.resumed);
  err.write(fmt::format(
      "migrate: {}, {} record{}: {} lossless, {} lossy, {} failed ({:.2f} s, {} records/s){}\n",
      files, with_commas(s.records), s.records == 1 ? "" : "s", with_commas(s.lossless),
      with_commas(s.lossy), with_commas(s.failed), s.seconds,
      with_commas(static_cast<std::uint64_t>(rate)),
      args.dry_run ? " [dry run: nothing written]" : ""));
  if (!args.dry_run) {
    if (s.mismatches.empty()) {
      err.write(fmt::format("  records in = records out: {} output file{} read back and checked\n",
                            s.verified, s.verified == 1 ? "" : "s"));
    }
    for (const std::string& m : s.mismatches) err.write("  RECORD COUNT MISMATCH: " + m + "\n");
  }
  std::vector<std::pair<std::string, std::size_t>> codes(s.codes.begin(), s.codes.end());
  std::stable_sort(codes.begin(), codes.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (!codes.empty()) {
    std::string line = "  top diagnostics:";
    for (std::size_t i = 0; i < codes.size() && i < 6; ++i) {
      line +=
          fmt::format("{} {} {}", i == 0 ? "" : ",", codes[i].first, with_commas(codes[i].second));
    }
    err.write(line + (args.report.empty() ? " (--report FILE lists them all)\n" : "\n"));
  }
  for (const migrate::Failure& f : s.failures) {
    err.write(fmt::format("  failed: {}: {}\n", f.where, f.message));
  }
  if (s.failed > s.failures.size()) {
    err.write(fmt::format("  ... and {} more failed records\n", s.failed - s.failures.size()));
  }
}

int run_migrate(const MigrateArgs& args) {
  const Registry& registry = builtin_registry();
  if (std::string error = check_paths(args); !error.empty()) return usage_error(error);
  migrate::Settings settings;
  migrate::RunOptions run;
  if (std::string error = build_settings(args, registry, settings, run.settings_key);
      !error.empty()) {
    return usage_error(error);
  }
  migrate::WalkOptions walk;
  if (!migrate::format_from_name(args.input_format, walk.forced)) {
    return usage_error("unknown --input-format '" + args.input_format + "'");
  }
  walk.include = args.include;
  walk.exclude = args.exclude;
  if (args.in_place) {
    for (const migrate::Target& t : settings.targets) {
      walk.output_suffixes.push_back("." + t.name + ".txt");
      walk.output_suffixes.push_back("." + t.name + ".jsonl");
    }
    walk.output_suffixes.push_back("png-manifest.jsonl");
    walk.output_suffixes.push_back(".bak");
  }
  const migrate::WalkResult found = migrate::find_inputs(args.inputs, walk);

  run.out = args.out;
  run.in_place = args.in_place;
  run.dry_run = args.dry_run;
  run.resume = args.resume;
  run.jobs = args.jobs > 0 ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  run.report_path = args.report;
  run.progress = !args.quiet && ::isatty(STDERR_FILENO) != 0;
  migrate::Summary summary = migrate::run_migration(found, settings, run);

  Writer err(STDERR_FILENO);
  for (const std::string& e : found.errors) err.write("promptport: error: " + e + "\n");
  for (const std::string& e : summary.io_errors) err.write("promptport: error: " + e + "\n");
  if (!args.quiet) {
    print_summary(summary, args, err);
    if (!found.unknown.empty()) {
      err.write(fmt::format(
          "  skipped {} file{} of no known format (e.g. {}; --input-format "
          "reads them)\n",
          found.unknown.size(), found.unknown.size() == 1 ? "" : "s", found.unknown.front()));
    }
  }
  err.flush();
  if (!found.errors.empty() || !summary.io_errors.empty() || !summary.mismatches.empty()) {
    return kExitIo;
  }
  if (summary.failed > 0) return kExitRecordError;
  if (args.strict && summary.lossy > 0) return kExitLossy;
  return kExitOk;
}

}  // namespace

void setup_migrate(CLI::App& app, int& status) {
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "migrate", "Migrate whole prompt libraries (files and folders) to other platforms");
  cmd->add_option("--from", args->from, "Source dialect, or auto to detect it for each prompt")
      ->type_name("DIALECT")
      ->capture_default_str();
  cmd->add_option("--to", args->to, "Target dialect; repeat for several targets in one run")
      ->type_name("DIALECT")
      ->required();
  cmd->add_option("-o,--output", args->out, "Folder for the migrated files (mirrors the inputs)")
      ->type_name("OUT");
  cmd->add_flag("--in-place", args->in_place,
                "Write beside the inputs; a rewritten file keeps its original as NAME.bak");
  cmd->add_option("--input-format", args->input_format,
                  "auto|txt|csv|tsv|jsonl|json|yaml|png (auto: by extension, else by content)")
      ->capture_default_str();
  cmd->add_option("--column", args->column,
                  "csv/tsv prompt column: a header name or 1-based number (default: prompt, "
                  "text, positive, ...)");
  cmd->add_option("--negative-column", args->negative_column,
                  "csv/tsv negative column (default: negative_prompt, negative, ...; - for none)");
  cmd->add_option("--field", args->field, "json/jsonl/yaml prompt field, a dotted path")
      ->capture_default_str();
  cmd->add_option("--negative-field", args->negative_field,
                  "json/jsonl/yaml negative field (default: a sibling negative_prompt or "
                  "negative; - for none)");
  cmd->add_option("--include", args->include, "Only files matching this glob (repeatable)")
      ->type_name("GLOB");
  cmd->add_option("--exclude", args->exclude, "Skip files and folders matching this glob")
      ->type_name("GLOB");
  cmd->add_flag("--replace", args->replace,
                "Replace the prompt (and negative) with the translation instead of adding fields");
  cmd->add_option("-j,--jobs", args->jobs, "Threads (default: all cores); output is identical")
      ->type_name("N");
  cmd->add_flag("--resume", args->resume,
                "Skip inputs an earlier run finished with the same settings and unchanged input");
  cmd->add_flag("-n,--dry-run", args->dry_run, "Translate and report, write no output file");
  cmd->add_option("--report", args->report, "Write every diagnostic as JSON Lines to FILE")
      ->type_name("FILE");
  cmd->add_flag("--strict", args->strict, "Exit 1 when any record lost something (a warning)");
  add_dialect_option(*cmd, args->options);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line and no summary");
  cmd->add_option("INPUT", args->inputs, "Files and folders to migrate")->required();
  cmd->footer(help_footer(kExamples, kNotes, false));
  cmd->callback([args, &status] { status = run_migrate(*args); });
}

}  // namespace promptport::cli
