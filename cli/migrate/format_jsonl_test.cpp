// JSON Lines: original line bytes kept, added members before the closing brace.
#include <doctest/doctest.h>

#include "test_support.h"

namespace promptport::migrate {

namespace {

using Json = nlohmann::ordered_json;
using testing::input_for;
using testing::temp_dir;
using testing::write_file;

std::vector<std::string> run_jsonl(const std::string& bytes, const Settings& settings) {
  const auto path = write_file(temp_dir() / "in.jsonl", bytes);
  std::string error;
  auto out =
      testing::run(InputFormat::Jsonl, input_for(path, InputFormat::Jsonl), settings, &error);
  CHECK(error == "");
  REQUIRE(out.size() == 1);
  return out;
}

std::vector<Item> items_of(const std::string& bytes, const Settings& settings) {
  const auto path = write_file(temp_dir() / "in.jsonl", bytes);
  return testing::items(InputFormat::Jsonl, input_for(path, InputFormat::Jsonl), settings);
}

// `out` must be `before`, then added members, then `after`; returns the members.
std::string added_between(std::string_view out, std::string_view before, std::string_view after) {
  REQUIRE(out.size() >= before.size() + after.size());
  CHECK(out.substr(0, before.size()) == before);
  CHECK(out.substr(out.size() - after.size()) == after);
  return std::string(out.substr(before.size(), out.size() - before.size() - after.size()));
}

void check_flux_members(const std::string& members) {
  CHECK(members.rfind(",\"flux_prompt\":\"", 0) == 0);
  CHECK(members.find(",\"flux_negative_prompt\":\"") != std::string::npos);
  CHECK(members.find(",\"flux_request\":{") != std::string::npos);
  CHECK(members.find(",\"flux_diagnostics\":[") != std::string::npos);
  CHECK(members.back() == ']');
}

}  // namespace

TEST_CASE("jsonl: the line's bytes are kept and the members go before its last brace") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string line =
      "{ \"prompt\" : \"a red fox\" , \"seed\": 1.50, \"u\": \"\\u00e9\" }  \n";
  const auto out = run_jsonl(line, settings);
  const std::string members = added_between(
      out[0], "{ \"prompt\" : \"a red fox\" , \"seed\": 1.50, \"u\": \"\\u00e9\" ", "}  \n");
  check_flux_members(members);
  const Json row = Json::parse(out[0]);
  CHECK(row["flux_prompt"].get<std::string>().find("red fox") != std::string::npos);
  CHECK(row["flux_request"].is_object());
  std::vector<std::string> keys;
  for (auto it = row.begin(); it != row.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"prompt", "seed", "u", "flux_prompt",
                                         "flux_negative_prompt", "flux_request",
                                         "flux_diagnostics"});
}

TEST_CASE("jsonl: CRLF stays CRLF and a last line without newline stays without") {
  const Settings settings = testing::settings_for({"flux"});
  const auto out = run_jsonl("{\"prompt\":\"a red fox\"}\r\n{\"prompt\":\"a cat\"}", settings);
  const std::size_t first_end = out[0].find("\r\n");
  REQUIRE(first_end != std::string::npos);
  check_flux_members(
      added_between(out[0].substr(0, first_end + 2), "{\"prompt\":\"a red fox\"", "}\r\n"));
  const std::string second = out[0].substr(first_end + 2);
  check_flux_members(added_between(second, "{\"prompt\":\"a cat\"", "}"));
  CHECK(second.find('\n') == std::string::npos);
}

TEST_CASE("jsonl: blank lines are kept and are not records") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input = "\n{\"prompt\":\"a fox\"}\n  \t\r\n\n{\"prompt\":\"a cat\"}\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 5);
  CHECK(items[0].kind == Item::Kind::Passthrough);
  CHECK(items[1].kind == Item::Kind::Record);
  CHECK(items[1].line == 2);
  CHECK(items[1].record == 1);
  CHECK(items[2].kind == Item::Kind::Passthrough);
  CHECK(items[2].raw == "  \t\r\n");
  CHECK(items[3].kind == Item::Kind::Passthrough);
  CHECK(items[4].line == 5);
  CHECK(items[4].record == 2);
  const auto out = run_jsonl(input, settings);
  CHECK(out[0].rfind("\n{\"prompt\":\"a fox\",\"flux_prompt\":", 0) == 0);
  CHECK(out[0].find("]}\n  \t\r\n\n{\"prompt\":\"a cat\",\"flux_prompt\":") != std::string::npos);
}

TEST_CASE("jsonl: lines that are not records are failed and copied through unchanged") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string bad =
      "{\"text\":\"no prompt here\"}\n"
      "not json at all\n"
      "[1, 2]\n"
      "{\"prompt\": 5}\n"
      "{}\n"
      "{\"prompt\":\"\xff\xfe\"}\n";
  const std::string input = "{\"prompt\":\"a fox\"}\n" + bad + "{\"prompt\":\"a cat\"}\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 8);
  const char* messages[] = {"no field \"prompt\" (the record has no key \"prompt\")",
                            "not valid JSON: parse error",
                            "the line is a JSON array, not an object",
                            "field \"prompt\" is number, not a string",
                            "no field \"prompt\" (the record has no key \"prompt\")",
                            "not valid JSON: parse error"};
  for (std::size_t i = 1; i <= 6; ++i) {
    CAPTURE(i);
    CHECK(items[i].kind == Item::Kind::Failed);
    CHECK(items[i].record == i + 1);
    CHECK(items[i].line == i + 1);
    CHECK(items[i].results.empty());
    REQUIRE(items[i].input_diags.size() == 1);
    CHECK(items[i].input_diags[0].severity == Severity::Error);
    CHECK(items[i].input_diags[0].code == Code::InvalidInput);
    CHECK(items[i].input_diags[0].message.rfind(messages[i - 1], 0) == 0);
  }
  CHECK(items[7].kind == Item::Kind::Record);
  CHECK(items[7].record == 8);
  const auto out = run_jsonl(input, settings);
  const std::size_t bad_at = out[0].find("]}\n") + 3;
  CHECK(out[0].substr(bad_at, bad.size()) == bad);
  CHECK(out[0].substr(bad_at + bad.size()).rfind("{\"prompt\":\"a cat\",\"flux_prompt\":", 0) == 0);
}

TEST_CASE("jsonl: nested --field and an array index path") {
  Settings settings = testing::settings_for({"flux"});
  settings.field = "meta.items.1.text";
  const std::string line = R"({"id":7,"meta":{"items":[{"text":"x"},{"text":"a red fox"}]}})";
  const auto items = items_of(line + "\n", settings);
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == Item::Kind::Record);
  CHECK(items[0].prompt == "a red fox");
  const auto out = run_jsonl(line + "\n", settings);
  // The members go on the outer object, after its own keys.
  check_flux_members(added_between(out[0], line.substr(0, line.size() - 1), "}\n"));
}

TEST_CASE("jsonl: a sibling negative prompt is read; --negative-field - reads none") {
  Settings settings = testing::settings_for({"sd"}, "sd");
  const std::string line = R"({"prompt":"red fox, snow","negative_prompt":"blurry"})";
  const auto items = items_of(line + "\n", settings);
  REQUIRE(items.size() == 1);
  CHECK(items[0].has_negative);
  CHECK(items[0].negative == "blurry");
  const Json row = Json::parse(run_jsonl(line + "\n", settings)[0]);
  CHECK(row["negative_prompt"] == "blurry");
  CHECK(row["sd_negative_prompt"].get<std::string>().find("blurry") != std::string::npos);

  settings.negative_field = "-";
  const auto none = items_of(line + "\n", settings);
  CHECK_FALSE(none[0].has_negative);
  CHECK(Json::parse(run_jsonl(line + "\n", settings)[0])["sd_negative_prompt"] == "");
}

TEST_CASE("jsonl: --replace writes the object again with the translation in place") {
  Settings settings = testing::settings_for({"sd"}, "sd");
  settings.replace = true;
  const std::string input =
      "{\"id\": 1, \"prompt\": \"red fox, snow\", \"negative_prompt\": \"blurry\", "
      "\"seed\": 5}\r\n"
      "{\"prompt\": 5}\r\n";
  const auto out = run_jsonl(input, settings);
  const std::size_t end = out[0].find("\r\n");
  REQUIRE(end != std::string::npos);
  const std::string first = out[0].substr(0, end);
  CHECK(first.rfind("{\"id\":1,\"prompt\":\"", 0) == 0);
  CHECK(out[0].substr(end) == "\r\n{\"prompt\": 5}\r\n");
  const Json row = Json::parse(first);
  std::vector<std::string> keys;
  for (auto it = row.begin(); it != row.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"id", "prompt", "negative_prompt", "seed", "sd_request",
                                         "sd_diagnostics"});
  CHECK(row["prompt"].get<std::string>().find("red fox") != std::string::npos);
  CHECK(row["negative_prompt"].get<std::string>().find("blurry") != std::string::npos);
  CHECK(row["seed"] == 5);
}

TEST_CASE("jsonl: --replace keeps a nested prompt's place") {
  Settings settings = testing::settings_for({"flux"});
  settings.replace = true;
  settings.field = "p.text";
  const auto out = run_jsonl("{\"p\":{\"text\":\"a red fox\",\"k\":1},\"z\":2}", settings);
  CHECK(out[0].rfind("{\"p\":{\"text\":\"", 0) == 0);
  CHECK(out[0].find("\",\"k\":1},\"z\":2,\"flux_request\":{") != std::string::npos);
  CHECK(out[0].find("flux_prompt") == std::string::npos);
  CHECK(out[0].back() == '}');
}

TEST_CASE("jsonl: many records across batches keep their order") {
  const Settings settings = testing::settings_for({"flux"});
  std::string input;
  for (int i = 0; i < 8; ++i) input += "{\"n\":" + std::to_string(i) + ",\"prompt\":\"a fox\"}\n";
  const auto out = run_jsonl(input, settings);
  std::size_t pos = 0;
  for (int i = 0; i < 8; ++i) {
    const std::size_t end = out[0].find('\n', pos);
    REQUIRE(end != std::string::npos);
    CHECK(out[0].substr(pos).rfind("{\"n\":" + std::to_string(i) + ",\"prompt\":\"a fox\",", 0) ==
          0);
    pos = end + 1;
  }
  CHECK(pos == out[0].size());
}

}  // namespace promptport::migrate
