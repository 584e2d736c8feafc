// `promptport dialects`: list the platforms, or show one platform's capabilities and options.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "commands.h"
#include "common.h"
#include "output.h"
#include "promptport/text.h"

namespace promptport::cli {

namespace {

constexpr std::string_view kExamples =
    "  promptport dialects\n"
    "  promptport dialects flux\n"
    "  promptport dialects -f json | jq -r .name";

constexpr std::string_view kNotes =
    "Formats:\n"
    "  text  a table of names, aliases and summaries; with NAME, its capabilities and options\n"
    "  json  one object per dialect {\"name\", \"aliases\", \"summary\"}; with NAME, also\n"
    "        \"capabilities\" and \"options\"";

std::string join(const std::vector<std::string_view>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  return join(std::vector<std::string_view>(items.begin(), items.end()), separator);
}

nlohmann::json names_json(const std::vector<std::string_view>& names) {
  nlohmann::json array = nlohmann::json::array();
  for (std::string_view n : names) array.push_back(n);
  return array;
}

void list_text(Writer& out, const std::vector<const Dialect*>& dialects) {
  std::size_t name_width = 4;
  std::size_t alias_width = 7;
  for (const Dialect* d : dialects) {
    name_width = std::max(name_width, d->name().size());
    alias_width = std::max(alias_width, join(d->aliases(), ", ").size());
  }
  out.write(
      fmt::format("{:<{}}  {:<{}}  {}\n", "NAME", name_width, "ALIASES", alias_width, "SUMMARY"));
  for (const Dialect* d : dialects) {
    out.write(fmt::format("{:<{}}  {:<{}}  {}\n", d->name(), name_width, join(d->aliases(), ", "),
                          alias_width, d->summary()));
  }
}

void list_json(Writer& out, const std::vector<const Dialect*>& dialects) {
  for (const Dialect* d : dialects) {
    nlohmann::ordered_json j;
    j["name"] = d->name();
    j["aliases"] = names_json(d->aliases());
    j["summary"] = d->summary();
    out.write(j.dump());
    out.put('\n');
  }
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

std::string limit(std::size_t n) { return n == 0 ? "none" : std::to_string(n); }

void show_text(Writer& out, const Dialect& d) {
  Capabilities c = d.capabilities();
  std::vector<std::string> durations;
  for (double s : c.durations_s) durations.push_back(text::format_number(s) + "s");
  std::string aliases = join(d.aliases(), ", ");
  out.write(fmt::format("{}: {}\n", d.name(), d.summary()));
  out.write(fmt::format("aliases: {}\n", aliases.empty() ? "none" : aliases));
  out.write("capabilities:\n");
  const std::pair<std::string_view, std::string> rows[] = {
      {"negative prompt", yes_no(c.negative_prompt)},
      {"weights", c.weights ? std::string(to_string(c.weight_model)) : "no"},
      {"camera control", yes_no(c.camera_control)},
      {"audio", yes_no(c.audio)},
      {"video", yes_no(c.video)},
      {"references", yes_no(c.references)},
      {"max prompt chars", limit(c.max_prompt_chars)},
      {"max prompt tokens", limit(c.max_prompt_tokens)},
      {"aspect ratios", c.aspect_ratios.empty() ? "any" : join(c.aspect_ratios, ", ")},
      {"durations", durations.empty() ? "any" : join(durations, ", ")},
  };
  for (const auto& [label, value] : rows) out.write(fmt::format("  {:<18} {}\n", label, value));
  std::vector<OptionSpec> options = d.options();
  if (options.empty()) {
    out.write("options: none\n");
    return;
  }
  out.write("options (-O key=value):\n");
  for (const OptionSpec& o : options) {
    std::string spec = fmt::format("{}={}", o.name, o.values);
    std::string default_note =
        o.default_value.empty() ? "" : fmt::format(" (default: {})", o.default_value);
    out.write(fmt::format("  {:<24} {}{}\n", spec, o.help, default_note));
  }
}

void show_json(Writer& out, const Dialect& d) {
  Capabilities c = d.capabilities();
  nlohmann::ordered_json caps;
  caps["negative_prompt"] = c.negative_prompt;
  caps["weights"] = c.weights;
  caps["weight_model"] = to_string(c.weight_model);
  caps["camera_control"] = c.camera_control;
  caps["audio"] = c.audio;
  caps["video"] = c.video;
  caps["references"] = c.references;
  caps["max_prompt_chars"] = c.max_prompt_chars;
  caps["max_prompt_tokens"] = c.max_prompt_tokens;
  caps["aspect_ratios"] = c.aspect_ratios;
  caps["durations_s"] = c.durations_s;
  nlohmann::ordered_json options = nlohmann::ordered_json::array();
  for (const OptionSpec& o : d.options()) {
    options.push_back(
        {{"name", o.name}, {"values", o.values}, {"default", o.default_value}, {"help", o.help}});
  }
  nlohmann::ordered_json j;
  j["name"] = d.name();
  j["aliases"] = names_json(d.aliases());
  j["summary"] = d.summary();
  j["capabilities"] = std::move(caps);
  j["options"] = std::move(options);
  out.write(j.dump());
  out.put('\n');
}

}  // namespace

void setup_dialects(CLI::App& app, int& status) {
  auto opt = std::make_shared<DialectsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dialects", "List the platforms, or show one platform's capabilities and -O options");
  add_format_option(*cmd, opt->format, {"text", "json"});
  cmd->add_option("NAME", opt->name, "A dialect name or alias to describe");
  cmd->footer(help_footer(kExamples, kNotes, false));
  cmd->callback([opt, &status] { status = run_dialects(*opt); });
}

int run_dialects(const DialectsArgs& opt) {
  const Registry& registry = builtin_registry();
  const Dialect* dialect = nullptr;
  if (!opt.name.empty()) {
    std::string error;
    dialect = find_dialect(registry, opt.name, error);
    if (dialect == nullptr) return usage_error(error);
  }
  Writer out(STDOUT_FILENO);
  Writer err(STDERR_FILENO);
  bool json = opt.format == "json";
  if (dialect != nullptr) {
    json ? show_json(out, *dialect) : show_text(out, *dialect);
  } else {
    json ? list_json(out, registry.all()) : list_text(out, registry.all());
  }
  return finish(out, err, kExitOk, 0, "");
}

}  // namespace promptport::cli
