// Runs one corpus case file: the reader leg, the writer legs and the free properties.
//
//   corpus_runner corpus/midjourney/fox.yaml [--accept]
//
// Exit status 0 when every check passes, 1 otherwise (also for a malformed case file), 2 on
// usage errors. --accept rewrites the file's `ir` and each target's prompt, negative_prompt
// and diagnostics (and `text` and `request.prompt` where listed) from what the program
// produced, for review in `git diff` only.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "corpus_case.h"
#include "promptport/promptport.h"

namespace {

using promptport::Diagnostics;
using promptport::Emitted;
using promptport::Prompt;

constexpr std::string_view kRuler =
    "------------------------------------------------------------------------";

// What the writer legs produced, kept for --accept.
struct WriterResult {
  std::string target;
  std::optional<std::vector<std::string>> expected_diagnostics;
  Emitted out;
  Diagnostics diags;
};

class Runner {
 public:
  Runner(const corpus::Case& c, const promptport::Registry& registry)
      : case_(c), registry_(registry) {}

  void run() {
    written_.resize(case_.records.size());
    read();
    for (std::size_t i = 0; i < case_.records.size(); ++i) check_record(i);
  }

  int checks() const { return checks_; }
  int failures() const { return failures_; }

  // Rewrites the expectations in `root` (the document the case was loaded from).
  void accept() {
    for (std::size_t i = 0; i < case_.records.size(); ++i) {
      YAML::Node node = case_.records[i].node;
      if (i < actual_.size()) node["ir"] = corpus::ir_node(actual_[i].ir);
      if (i >= written_.size()) continue;
      for (const auto& w : written_[i]) {
        YAML::Node t = node["to"][w.target];
        t["prompt"] = corpus::quoted(w.out.prompt);
        if (t["text"]) t["text"] = corpus::quoted(w.out.text);
        // A request that lists the prompt would otherwise contradict the new prompt.
        if (t["request"] && t["request"].IsMap() && t["request"]["prompt"] &&
            w.out.request.contains("prompt") && w.out.request["prompt"].is_string())
          t["request"]["prompt"] = corpus::quoted(w.out.request["prompt"].get<std::string>());
        if (!w.out.negative_prompt.empty() || t["negative_prompt"])
          t["negative_prompt"] = corpus::quoted(w.out.negative_prompt);
        // Diagnostics are compared order-free: a list that already matches is left as written.
        const auto keys = corpus::diagnostic_keys(w.diags);
        if (w.expected_diagnostics &&
            corpus::multiset_difference(*w.expected_diagnostics, keys).empty())
          continue;
        YAML::Node list(YAML::NodeType::Sequence);
        for (const auto& key : keys) list.push_back(key);
        t["diagnostics"] = list;
      }
    }
  }

  void fail(std::string_view leg, std::string_view summary,
            const std::vector<std::pair<std::string, std::string>>& blocks = {}) {
    ++failures_;
    std::cout << fmt::format("FAIL {} [{}]: {}\n  note: {}\n", case_.path, leg, summary,
                             case_.note);
    for (const auto& [title, body] : blocks) {
      const std::string head = fmt::format("---- {} ", title);
      std::cout << head << kRuler.substr(std::min(head.size(), kRuler.size())) << '\n' << body;
      if (!body.empty() && body.back() != '\n') std::cout << '\n';
    }
    if (!blocks.empty()) std::cout << kRuler << '\n';
  }

 private:
  std::string label(std::size_t i) const {
    return case_.has_records ? fmt::format("records[{}] ", i) : std::string();
  }

  static std::string lines(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& item : items) s += item + '\n';
    return s;
  }

  // Reader leg: the input through translate() with no target, against the expected IRs.
  void read() {
    promptport::TranslateOptions options;
    options.from = case_.from;
    options.to = "";
    options.options = case_.options;
    ++checks_;
    try {
      actual_ = promptport::translate(registry_, case_.input, options);
    } catch (const std::exception& e) {
      fail("reader", fmt::format("translate() threw: {}", e.what()));
      return;
    }
    if (actual_.size() != case_.records.size()) {
      std::string dumps;
      for (const auto& r : actual_) dumps += promptport::to_yaml(r.ir) + "...\n";
      fail("reader",
           fmt::format("expected {} record(s), got {}", case_.records.size(), actual_.size()),
           {{"actual records", dumps}});
    }
    for (std::size_t i = 0; i < actual_.size() && i < case_.records.size(); ++i) {
      const auto& expect = case_.records[i];
      const auto& got = actual_[i];
      if (expect.ir) {
        ++checks_;
        if (!promptport::same_content(*expect.ir, got.ir))
          fail("reader", label(i) + "IR differs",
               {{"expected ir", promptport::to_yaml(*expect.ir)},
                {"actual ir", promptport::to_yaml(got.ir)}});
      }
      if (expect.parse_diagnostics) {
        ++checks_;
        const auto diff = corpus::multiset_difference(*expect.parse_diagnostics,
                                                      corpus::diagnostic_keys(got.diags));
        if (!diff.empty())
          fail(
              "reader", label(i) + "parse diagnostics differ",
              {{"difference", lines(diff)}, {"actual", lines(corpus::diagnostic_keys(got.diags))}});
      }
    }
  }

  const promptport::Options& options_for(std::string_view dialect, std::size_t i) const {
    for (const auto& t : case_.records[i].targets)
      if (registry_.find(t.name) && registry_.find(t.name)->name() == dialect) return t.options;
    return case_.options;
  }

  // Emits with one dialect; false (and a failure) when it throws.
  bool emit(const promptport::Dialect& d, const Prompt& ir, const promptport::Options& options,
            std::string_view leg, Emitted& out, Diagnostics& diags) {
    try {
      out = d.emit(ir, options, diags);
      return true;
    } catch (const std::exception& e) {
      fail(leg, fmt::format("{}: emit() threw: {}", d.name(), e.what()));
      return false;
    }
  }

  void compare_string(std::string_view leg, std::string_view what,
                      const std::optional<std::string>& expected, const std::string& actual) {
    if (!expected) return;
    ++checks_;
    if (*expected != actual)
      fail(leg, fmt::format("{} differs", what), {{"expected", *expected}, {"actual", actual}});
  }

  void check_target(std::size_t i, const corpus::TargetExpect& t, const Prompt& ir) {
    const std::string leg = fmt::format("{}to {}", label(i), t.name);
    ++checks_;
    const promptport::Dialect* d = registry_.find(t.name);
    if (!d) {
      fail(leg, fmt::format("unknown target dialect '{}'", t.name));
      return;
    }
    WriterResult w{t.name, t.diagnostics, {}, {}};
    if (!emit(*d, ir, t.options, leg, w.out, w.diags)) return;
    compare_string(leg, "prompt", t.prompt, w.out.prompt);
    compare_string(leg, "negative_prompt", t.negative_prompt, w.out.negative_prompt);
    compare_string(leg, "text", t.text, w.out.text);
    if (t.request) {
      ++checks_;
      std::vector<std::string> problems;
      corpus::compare_subset(*t.request, w.out.request, "", problems);
      if (!problems.empty())
        fail(leg, "request differs",
             {{"problems", lines(problems)}, {"actual request", w.out.request.dump(2)}});
    }
    if (t.diagnostics) {
      ++checks_;
      const auto keys = corpus::diagnostic_keys(w.diags);
      const auto diff = corpus::multiset_difference(*t.diagnostics, keys);
      if (!diff.empty())
        fail(leg, "writer diagnostics differ",
             {{"difference", lines(diff)}, {"actual", lines(keys)}});
    }
    written_[i].push_back(std::move(w));
  }

  // (a) parse(emit(ir)) in the source dialect has the same content as ir.
  void source_round_trip(std::size_t i, const Prompt& ir) {
    const std::string leg = label(i) + "round trip";
    ++checks_;
    const promptport::Dialect* src = registry_.find(case_.from);
    if (!src) {
      fail(leg, fmt::format("unknown source dialect '{}'", case_.from));
      return;
    }
    Emitted out;
    Diagnostics diags;
    if (!emit(*src, ir, case_.options, leg, out, diags)) return;
    // A writer that reports a change (a size snapped, a booster dropped) says itself that
    // its output is not the IR; the property holds for what it writes without remark.
    if (!diags.empty()) {
      --checks_;
      std::cout << fmt::format("note: {} {}round trip not checked: the {} writer reported {}\n",
                               case_.path, label(i), case_.from,
                               fmt::join(corpus::diagnostic_keys(diags), ", "));
      return;
    }
    const std::string& text = out.text.empty() ? out.prompt : out.text;
    promptport::TranslateOptions options;
    options.from = case_.from;
    options.to = "";
    options.options = case_.options;
    std::vector<promptport::Record> back;
    try {
      back = promptport::translate(registry_, text, options);
    } catch (const std::exception& e) {
      fail(leg, fmt::format("translate() threw on the emitted text: {}", e.what()));
      return;
    }
    if (back.size() != 1 || !promptport::same_content(back.front().ir, ir))
      fail(leg, fmt::format("{}: parse(emit(ir)) differs from ir", case_.from),
           {{"emitted", text},
            {"ir", promptport::to_yaml(ir)},
            {"parsed back", back.empty() ? "(no record)" : promptport::to_yaml(back.front().ir)}});
  }

  // (b) the YAML and JSON dumps read back to the same IR.
  void dump_round_trip(std::size_t i, const Prompt& ir, std::string_view which) {
    const std::string leg = label(i) + "ir dump";
    ++checks_;
    Diagnostics yaml_diags, json_diags;
    const std::string yaml = promptport::to_yaml(ir);
    const Prompt from_yaml = promptport::prompt_from_yaml(yaml, yaml_diags);
    if (!yaml_diags.empty() || !promptport::same_content(from_yaml, ir))
      fail(leg, fmt::format("{} IR: prompt_from_yaml(to_yaml(ir)) differs", which),
           {{"to_yaml", yaml},
            {"read back", promptport::to_yaml(from_yaml)},
            {"diagnostics", lines(corpus::diagnostic_keys(yaml_diags))}});
    ++checks_;
    const nlohmann::json json = promptport::to_json(ir);
    const Prompt from_json = promptport::prompt_from_json(json, json_diags);
    if (!json_diags.empty() || !promptport::same_content(from_json, ir))
      fail(leg, fmt::format("{} IR: prompt_from_json(to_json(ir)) differs", which),
           {{"to_json", json.dump(2)},
            {"read back", promptport::to_yaml(from_json)},
            {"diagnostics", lines(corpus::diagnostic_keys(json_diags))}});
  }

  // (c) every dialect emits without throwing or errors; (d) nothing is silently lost.
  void every_dialect(std::size_t i, const Prompt& ir) {
    for (const promptport::Dialect* d : registry_.all()) {
      const std::string leg = fmt::format("{}every dialect: {}", label(i), d->name());
      ++checks_;
      Emitted out;
      Diagnostics diags;
      if (!emit(*d, ir, options_for(d->name(), i), leg, out, diags)) continue;
      std::vector<std::string> errors;
      for (const auto& diag : diags)
        if (diag.severity == promptport::Severity::Error)
          errors.push_back(corpus::diagnostic_key(diag) + ": " + diag.message);
      if (!errors.empty()) fail(leg, "error diagnostics from emit()", {{"errors", lines(errors)}});
      ++checks_;
      const auto lost = corpus::unaccounted_items(ir, out, diags, d->name());
      if (!lost.empty())
        fail(leg, "loss accounting: IR items silently dropped",
             {{"lost", lines(lost)},
              {"prompt", out.prompt},
              {"negative_prompt", out.negative_prompt},
              {"request", out.request.dump()},
              {"diagnostics", lines(corpus::diagnostic_keys(diags))}});
    }
  }

  void check_record(std::size_t i) {
    const auto& expect = case_.records[i];
    const Prompt* actual_ir = i < actual_.size() ? &actual_[i].ir : nullptr;
    // Writer legs start from the expected IR, so a reader bug does not break them.
    Prompt ir;
    if (expect.ir) {
      ir = *expect.ir;
    } else if (actual_ir) {
      ir = *actual_ir;
    } else {
      return;
    }
    ir.source = promptport::Source{case_.from, actual_ir ? actual_[i].source_text : case_.input};
    for (const auto& t : expect.targets) check_target(i, t, ir);
    source_round_trip(i, ir);
    dump_round_trip(i, ir, expect.ir ? "expected" : "actual");
    if (expect.ir && actual_ir) dump_round_trip(i, *actual_ir, "actual reader");
    every_dialect(i, ir);
  }

  const corpus::Case& case_;
  const promptport::Registry& registry_;
  std::vector<promptport::Record> actual_;
  std::vector<std::vector<WriterResult>> written_;
  int checks_ = 0;
  int failures_ = 0;
};

int usage() {
  std::cerr << "usage: corpus_runner CASE.yaml [--accept]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  bool accept = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--accept") {
      accept = true;
    } else if (!arg.empty() && arg[0] == '-') {
      return usage();
    } else if (path.empty()) {
      path = arg;
    } else {
      return usage();
    }
  }
  if (path.empty()) return usage();

  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    std::cout << fmt::format("FAIL {}: not a readable YAML file: {}\n", path, e.what());
    return 1;
  }
  std::vector<std::string> errors;
  corpus::Case c;
  try {
    c = corpus::load_case(path, root, errors);
  } catch (const YAML::Exception& e) {
    errors.push_back(fmt::format("{}: {}", path, e.what()));
  }
  if (!errors.empty()) {
    for (const auto& e : errors) std::cout << "FAIL " << e << '\n';
    return 1;
  }

  Runner runner(c, promptport::builtin_registry());
  runner.run();
  if (accept) {
    runner.accept();
    std::ofstream file(path, std::ios::trunc);
    file << corpus::dump_document(root);
    if (!file) {
      std::cout << fmt::format("FAIL {}: cannot rewrite the file\n", path);
      return 1;
    }
    std::cout << fmt::format("accepted: rewrote {}; review it with git diff\n", path);
  }
  if (runner.failures() > 0) {
    std::cout << fmt::format("{}: {} of {} checks failed\n", path, runner.failures(),
                             runner.checks());
    return 1;
  }
  std::cout << fmt::format("{}: all {} checks passed\n", path, runner.checks());
  return 0;
}
