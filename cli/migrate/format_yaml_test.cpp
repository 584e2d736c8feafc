// Whole-document YAML: lists, name -> prompt and name -> record mappings, comments, errors.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "test_support.h"

namespace promptport::migrate {

namespace {

using testing::input_for;
using testing::temp_dir;
using testing::write_file;

std::string run_yaml(const std::string& bytes, const Settings& settings) {
  const auto path = write_file(temp_dir() / "styles.yaml", bytes);
  std::string error;
  auto out = testing::run(InputFormat::Yaml, input_for(path, InputFormat::Yaml), settings, &error);
  CHECK(error == "");
  REQUIRE(out.size() == 1);
  return out[0];
}

std::vector<Item> items_of(const std::string& bytes, const Settings& settings) {
  const auto path = write_file(temp_dir() / "styles.yaml", bytes);
  return testing::items(InputFormat::Yaml, input_for(path, InputFormat::Yaml), settings);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

TEST_CASE("yaml: a list of records; an element without the field fails and is kept") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input =
      "- prompt: a red fox\n"
      "  seed: 42\n"
      "  label: \"42\"\n"
      "- name: no prompt\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 2);
  CHECK(items[0].kind == Item::Kind::Record);
  CHECK(items[0].prompt == "a red fox");
  CHECK(items[0].line == 1);
  CHECK(ends_with(items[0].label, "/styles.yaml:[0]"));
  CHECK(items[0].input_diags.empty());
  CHECK(items[1].kind == Item::Kind::Failed);
  CHECK(items[1].line == 4);
  CHECK(items[1].record == 2);
  REQUIRE(items[1].input_diags.size() == 1);
  CHECK(items[1].input_diags[0].message == "no field \"prompt\"");

  const std::string out = run_yaml(input, settings);
  CHECK(starts_with(out,
                    "- prompt: a red fox\n"
                    "  seed: 42\n"
                    "  label: \"42\"\n"
                    "  flux_prompt: "));
  CHECK(out.find("\n  flux_negative_prompt: \"\"\n  flux_request:\n    ") != std::string::npos);
  const std::string tail = "\n- name: no prompt\n";
  CHECK(out.substr(out.size() - tail.size()) == tail);
  const YAML::Node doc = YAML::Load(out);
  CHECK(doc[0]["flux_request"].IsMap());
  CHECK(doc[0]["flux_diagnostics"].IsSequence());
  CHECK(doc[0]["seed"].Tag() == "?");   // still a plain number
  CHECK(doc[0]["label"].Tag() == "!");  // still a string
}

TEST_CASE("yaml: name -> prompt entries become mappings that keep the original text") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input = "fox: a red fox\ncat: 'a black cat'\nempty:\nlist: [1, 2]\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 4);
  CHECK(ends_with(items[0].label, "/styles.yaml:fox"));
  CHECK(items[0].line == 1);
  CHECK(items[1].prompt == "a black cat");
  CHECK(items[1].line == 2);
  CHECK(items[2].kind == Item::Kind::Failed);
  CHECK(items[2].input_diags[0].message == "the entry is null, not a prompt or a mapping");
  CHECK(items[3].kind == Item::Kind::Failed);
  CHECK(items[3].input_diags[0].message == "the entry is a list, not a prompt or a mapping");

  const std::string out = run_yaml(input, settings);
  CHECK(starts_with(out, "fox:\n  prompt: a red fox\n  flux_prompt: "));
  CHECK(out.find("\ncat:\n  prompt: a black cat\n  flux_prompt: ") != std::string::npos);
  const std::string tail = "\nempty: ~\nlist:\n  - 1\n  - 2\n";
  CHECK(out.substr(out.size() - tail.size()) == tail);
  const YAML::Node doc = YAML::Load(out);
  CHECK(doc["fox"]["flux_request"].IsMap());
  CHECK(doc["cat"]["flux_diagnostics"].IsSequence());
}

TEST_CASE("yaml: name -> record mappings with a negative prompt") {
  const Settings settings = testing::settings_for({"sd"}, "sd");
  const std::string input =
      "fox:\n"
      "  prompt: red fox, snow\n"
      "  negative_prompt: blurry\n"
      "cat:\n"
      "  text: no prompt field\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 2);
  CHECK(items[0].has_negative);
  CHECK(items[0].negative == "blurry");
  CHECK(items[1].kind == Item::Kind::Failed);
  CHECK(items[1].line == 4);
  const std::string out = run_yaml(input, settings);
  CHECK(
      starts_with(out, "fox:\n  prompt: red fox, snow\n  negative_prompt: blurry\n  sd_prompt: "));
  const std::string tail = "\ncat:\n  text: no prompt field\n";
  CHECK(out.substr(out.size() - tail.size()) == tail);
  CHECK(YAML::Load(out)["fox"]["sd_negative_prompt"].as<std::string>().find("blurry") !=
        std::string::npos);
}

TEST_CASE("yaml: a mapping with the prompt field is one record") {
  Settings settings = testing::settings_for({"flux"});
  settings.field = "p.text";
  const std::string input = "p:\n  text: a red fox\nsteps: 20\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 1);
  CHECK(ends_with(items[0].label, "/styles.yaml"));
  CHECK(items[0].prompt == "a red fox");
  CHECK(starts_with(run_yaml(input, settings), "p:\n  text: a red fox\nsteps: 20\nflux_prompt: "));
}

TEST_CASE("yaml: comments draw a layout-not-kept warning on the first record") {
  const Settings settings = testing::settings_for({"flux"});
  const auto items = items_of("# my styles\nfox: a red fox\ncat: a cat  # old\n", settings);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].input_diags.size() == 1);
  CHECK(items[0].input_diags[0].code == Code::LayoutNotKept);
  CHECK(items[0].input_diags[0].severity == Severity::Warning);
  CHECK(items[1].input_diags.empty());
  // The warning reaches every target's diagnostics, so the record is not lossless.
  REQUIRE_FALSE(items[0].results.empty());
  CHECK_FALSE(items[0].results[0].lossless);
  CHECK(run_yaml("# my styles\nfox: a red fox\n", settings).find('#') == std::string::npos);

  const auto failed_first = items_of("# c\n- text: x\n- prompt: a fox\n", settings);
  REQUIRE(failed_first.size() == 2);
  CHECK(failed_first[0].kind == Item::Kind::Failed);
  REQUIRE(failed_first[0].input_diags.size() == 2);
  CHECK(failed_first[0].input_diags[0].code == Code::LayoutNotKept);
  CHECK(failed_first[1].input_diags.empty());
  // The spec's test is textual: " #" inside a quoted string counts too (a warning too many
  // rather than a lost comment unreported).
  CHECK(items_of("fox: 'a #1 fox'\n", settings)[0].input_diags.size() == 1);
  CHECK(items_of("fox: 'a#1 fox'\n", settings)[0].input_diags.empty());
}

TEST_CASE("yaml: quoted strings that look like numbers or booleans stay strings") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input =
      "- prompt: a red fox\n  seed: \"42\"\n  hd: 'yes'\n  n: 7\n  e: ''\n  f: -1.5e3\n";
  const std::string out = run_yaml(input, settings);
  CHECK(starts_with(out,
                    "- prompt: a red fox\n  seed: \"42\"\n  hd: \"yes\"\n  n: 7\n  e: \"\"\n"
                    "  f: -1.5e3\n  flux_prompt: "));
}

TEST_CASE("yaml: an invalid or multi-document file is one failed record, copied unchanged") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string broken = "- prompt: [unclosed\n- prompt: a fox\n";
  const auto items = items_of(broken, settings);
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == Item::Kind::Failed);
  CHECK(ends_with(items[0].label, "/styles.yaml"));
  CHECK(items[0].input_diags[0].message.rfind("not valid YAML: ", 0) == 0);
  CHECK(run_yaml(broken, settings) == broken);

  const std::string two = "# two\nprompt: a fox\n---\nprompt: a cat\n";
  const auto multi = items_of(two, settings);
  REQUIRE(multi.size() == 1);
  CHECK(multi[0].input_diags[0].message.rfind("the file holds more than one YAML document", 0) ==
        0);
  CHECK(run_yaml(two, settings) == two);

  // yaml-cpp 0.7's LoadAll never returns on a leading ',' (found by fuzz_migrate_yaml): a
  // prompt list saved with a .yaml name must still fail fast, copied unchanged.
  const std::string comma = ",(masterpiece) ,1girl, blue hair, <lora:x:1>\n";
  const auto bad = items_of(comma, settings);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].kind == Item::Kind::Failed);
  CHECK(run_yaml(comma, settings) == comma);

  const std::string scalar = "just a sentence\n";
  CHECK(items_of(scalar, settings)[0].input_diags[0].message ==
        "the document is a single value, not a list or mapping of prompts");
  CHECK(run_yaml(scalar, settings) == scalar);
}

TEST_CASE("yaml: an empty or comment-only file has no records and is copied") {
  const Settings settings = testing::settings_for({"flux"});
  CHECK(items_of("", settings).empty());
  CHECK(run_yaml("", settings) == "");
  CHECK(items_of("# nothing yet\n", settings).empty());
  CHECK(run_yaml("# nothing yet\n", settings) == "# nothing yet\n");
  CHECK(run_yaml("[]\n", settings) == "[]\n");
}

TEST_CASE("yaml: --replace keeps a name -> prompt entry a string and says so") {
  Settings settings = testing::settings_for({"flux"});
  settings.replace = true;
  const auto items = items_of("fox: a red fox\n", settings);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].input_diags.size() == 1);
  CHECK(items[0].input_diags[0].code == Code::LayoutNotKept);
  CHECK(items[0].input_diags[0].severity == Severity::Info);
  const std::string out = run_yaml("fox: a red fox\ncat: a black cat\n", settings);
  const YAML::Node doc = YAML::Load(out);
  REQUIRE(doc["fox"].IsScalar());
  CHECK(doc["fox"].as<std::string>().find("red fox") != std::string::npos);
  CHECK(starts_with(out, "fox: "));
  CHECK(out.find("\ncat: ") != std::string::npos);
  CHECK(out.find("flux_") == std::string::npos);
}

TEST_CASE("yaml: --replace in records replaces prompt and negative, adds request") {
  Settings settings = testing::settings_for({"sd"}, "sd");
  settings.replace = true;
  const std::string out =
      run_yaml("- prompt: red fox, snow\n  negative_prompt: blurry\n  steps: 20\n", settings);
  const YAML::Node doc = YAML::Load(out);
  CHECK(doc[0]["prompt"].as<std::string>().find("red fox") != std::string::npos);
  CHECK(doc[0]["negative_prompt"].as<std::string>().find("blurry") != std::string::npos);
  CHECK(doc[0]["sd_request"].IsMap());
  CHECK(doc[0]["sd_diagnostics"].IsSequence());
  CHECK_FALSE(doc[0]["sd_prompt"].IsDefined());
  CHECK(out.find("\n  steps: 20\n  sd_request:\n") != std::string::npos);
}

TEST_CASE("yaml: many records across batches keep their own results") {
  const Settings settings = testing::settings_for({"flux"});
  std::string input;
  for (int i = 0; i < 7; ++i)
    input += "s" + std::to_string(i) + ": fox number " + std::to_string(i) + "\n";
  const YAML::Node doc = YAML::Load(run_yaml(input, settings));
  REQUIRE(doc.size() == 7);
  for (int i = 0; i < 7; ++i) {
    const std::string key = "s" + std::to_string(i);
    CAPTURE(key);
    CHECK(doc[key]["flux_prompt"].as<std::string>().find(std::to_string(i)) != std::string::npos);
  }
}

}  // namespace promptport::migrate
