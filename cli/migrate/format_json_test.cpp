// Whole-document JSON: shapes, indentation, failed elements kept, invalid documents copied.
#include <doctest/doctest.h>

#include "test_support.h"

namespace promptport::migrate {

namespace {

using Json = nlohmann::ordered_json;
using testing::input_for;
using testing::temp_dir;
using testing::write_file;

std::string run_json(const std::string& bytes, const Settings& settings,
                     std::string* error_out = nullptr) {
  const auto path = write_file(temp_dir() / "lib.json", bytes);
  std::string error;
  auto out = testing::run(InputFormat::Json, input_for(path, InputFormat::Json), settings, &error);
  if (error_out) {
    *error_out = error;
  } else {
    CHECK(error == "");
  }
  REQUIRE(out.size() == 1);
  return out[0];
}

std::vector<Item> items_of(const std::string& bytes, const Settings& settings) {
  const auto path = write_file(temp_dir() / "lib.json", bytes);
  return testing::items(InputFormat::Json, input_for(path, InputFormat::Json), settings);
}

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  return keys;
}

const std::vector<std::string> kFluxAdded = {"flux_prompt", "flux_negative_prompt", "flux_request",
                                             "flux_diagnostics"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

TEST_CASE("json: an array of records; other elements fail and are kept") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input =
      "[\n"
      "  {\"prompt\": \"a red fox\", \"seed\": 1.50, \"big\": 12345678901234567890},\n"
      "  \"oops\",\n"
      "  {\"text\": \"no prompt\", \"tags\": []}\n"
      "]";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 3);
  CHECK(items[0].kind == Item::Kind::Record);
  CHECK(ends_with(items[0].label, "/lib.json:[0]"));
  CHECK(items[0].line == 0);
  CHECK(items[0].record == 1);
  CHECK(items[1].kind == Item::Kind::Failed);
  CHECK(ends_with(items[1].label, "/lib.json:[1]"));
  REQUIRE(items[1].input_diags.size() == 1);
  CHECK(items[1].input_diags[0].message == "the element is a JSON string, not an object");
  CHECK(items[2].kind == Item::Kind::Failed);
  CHECK(items[2].record == 3);
  CHECK(items[2].input_diags[0].message ==
        "no field \"prompt\" (the record has no key \"prompt\")");

  const std::string out = run_json(input, settings);
  CHECK(out.rfind("[\n"
                  "  {\n"
                  "    \"prompt\": \"a red fox\",\n"
                  "    \"seed\": 1.5,\n"
                  "    \"big\": 12345678901234567890,\n"
                  "    \"flux_prompt\": \"",
                  0) == 0);
  const std::string tail =
      "]\n"
      "  },\n"
      "  \"oops\",\n"
      "  {\n"
      "    \"text\": \"no prompt\",\n"
      "    \"tags\": []\n"
      "  }\n"
      "]\n";
  REQUIRE(out.size() > tail.size());
  CHECK(out.substr(out.size() - tail.size()) == tail);
  const Json doc = Json::parse(out);
  std::vector<std::string> expected = {"prompt", "seed", "big"};
  expected.insert(expected.end(), kFluxAdded.begin(), kFluxAdded.end());
  CHECK(keys_of(doc[0]) == expected);
  CHECK(doc[0]["flux_request"].is_object());
  CHECK(doc[0]["flux_diagnostics"].is_array());
}

TEST_CASE("json: the indent of the input's second line is kept") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string four = run_json("{\n    \"prompt\": \"a red fox\"\n}\n", settings);
  CHECK(four.rfind("{\n    \"prompt\": \"a red fox\",\n    \"flux_prompt\": \"", 0) == 0);
  const std::string tab = run_json("[\n\t{\"prompt\": \"a red fox\"}\n]", settings);
  CHECK(tab.rfind("[\n\t{\n\t\t\"prompt\": \"a red fox\",\n\t\t\"flux_prompt\": \"", 0) == 0);
  CHECK(tab.substr(tab.size() - 5) == "\t}\n]\n");
  const std::string one_line = run_json("[{\"prompt\": \"a red fox\"}]", settings);
  CHECK(one_line.rfind("[\n  {\n    \"prompt\": \"a red fox\",\n", 0) == 0);
}

TEST_CASE("json: an object holding an array of records") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input =
      R"({"version": 2, "meta": [{"k": 1}], "tags": ["x"], "prompts": [{"prompt": "a fox"},)"
      R"( {"prompt": "a cat"}]})";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 2);
  CHECK(ends_with(items[0].label, "/lib.json:prompts[0]"));
  CHECK(ends_with(items[1].label, "/lib.json:prompts[1]"));
  CHECK(items[1].prompt == "a cat");
  const Json doc = Json::parse(run_json(input, settings));
  CHECK(keys_of(doc) == std::vector<std::string>{"version", "meta", "tags", "prompts"});
  CHECK(doc["meta"] == Json::parse(R"([{"k": 1}])"));
  std::vector<std::string> expected = {"prompt"};
  expected.insert(expected.end(), kFluxAdded.begin(), kFluxAdded.end());
  CHECK(keys_of(doc["prompts"][1]) == expected);
}

TEST_CASE("json: an array of objects without the field is still read, each element failed") {
  const Settings settings = testing::settings_for({"flux"});
  const auto items = items_of(R"({"list": [{"text": "a fox"}, 3]})", settings);
  REQUIRE(items.size() == 2);
  CHECK(items[0].kind == Item::Kind::Failed);
  CHECK(ends_with(items[0].label, "/lib.json:list[0]"));
  CHECK(items[1].kind == Item::Kind::Failed);
}

TEST_CASE("json: a single object with the field is one record") {
  Settings settings = testing::settings_for({"sd"}, "sd");
  const std::string input =
      "{\n  \"name\": \"fox\",\n  \"prompt\": \"red fox\",\n  \"negative\": \"blurry\",\n"
      "  \"items\": [{\"prompt\": \"not this\"}]\n}\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 1);
  CHECK(ends_with(items[0].label, "/lib.json"));
  CHECK(items[0].negative == "blurry");
  const std::string out = run_json(input, settings);
  CHECK(
      out.rfind("{\n  \"name\": \"fox\",\n  \"prompt\": \"red fox\",\n  \"negative\": \"blurry\",\n"
                "  \"items\": [\n    {\n      \"prompt\": \"not this\"\n    }\n  ],\n"
                "  \"sd_prompt\": \"",
                0) == 0);
  CHECK(out.back() == '\n');
}

TEST_CASE("json: nested --field with an index") {
  Settings settings = testing::settings_for({"flux"});
  settings.field = "parts.0.text";
  const auto items = items_of(R"([{"parts": [{"text": "a red fox"}]}, {"parts": []}])", settings);
  REQUIRE(items.size() == 2);
  CHECK(items[0].prompt == "a red fox");
  CHECK(items[1].input_diags[0].message == "no field \"parts.0.text\" (\"parts\" has 0 elements)");
}

TEST_CASE("json: invalid JSON is one failed record and the output is the input") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string input = "[\n  {\"prompt\": \"a fox\"},\n  {\"prompt\": oops}\n]\n";
  const auto items = items_of(input, settings);
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == Item::Kind::Failed);
  CHECK(ends_with(items[0].label, "/lib.json"));
  REQUIRE(items[0].input_diags.size() == 1);
  CHECK(items[0].input_diags[0].message.rfind("not valid JSON: parse error at line 3, column ",
                                              0) == 0);
  CHECK(run_json(input, settings) == input);
  CHECK(run_json("", settings) == "");
}

TEST_CASE("json: a document without records is copied unchanged") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string object = "{\"a\":   1}";
  const auto items = items_of(object, settings);
  REQUIRE(items.size() == 1);
  CHECK(items[0].input_diags[0].message ==
        "no field \"prompt\" and no array of objects in the document");
  CHECK(run_json(object, settings) == object);
  const auto number = items_of("42\n", settings);
  CHECK(number[0].input_diags[0].message ==
        "the document is a JSON number, not an array or object of records");
  CHECK(run_json("42\n", settings) == "42\n");
}

TEST_CASE("json: an empty array stays empty") {
  const Settings settings = testing::settings_for({"flux"});
  CHECK(items_of("[]", settings).empty());
  CHECK(run_json("[]", settings) == "[]\n");
}

TEST_CASE("json: --replace puts the translation in place and adds request and diagnostics") {
  Settings settings = testing::settings_for({"sd"}, "sd");
  settings.replace = true;
  const std::string input =
      R"([{"prompt": "red fox", "negative_prompt": "blurry", "seed": 3}, {"prompt": 1}])";
  const Json doc = Json::parse(run_json(input, settings));
  CHECK(keys_of(doc[0]) == std::vector<std::string>{"prompt", "negative_prompt", "seed",
                                                    "sd_request", "sd_diagnostics"});
  CHECK(doc[0]["prompt"].get<std::string>().find("red fox") != std::string::npos);
  CHECK(doc[0]["negative_prompt"].get<std::string>().find("blurry") != std::string::npos);
  CHECK(doc[1] == Json::parse(R"({"prompt": 1})"));
}

TEST_CASE("json: records across several batches each get their own results") {
  const Settings settings = testing::settings_for({"flux"});
  std::string input = "[";
  for (int i = 0; i < 7; ++i) {
    input += (i ? "," : "") + std::string("{\"prompt\": \"fox number ") + std::to_string(i) + "\"}";
  }
  input += "]";
  const Json doc = Json::parse(run_json(input, settings));
  REQUIRE(doc.size() == 7);
  for (int i = 0; i < 7; ++i) {
    CAPTURE(i);
    CHECK(doc[i]["flux_prompt"].get<std::string>().find(std::to_string(i)) != std::string::npos);
  }
}

TEST_CASE("json: a UTF-8 byte order mark is kept") {
  const Settings settings = testing::settings_for({"flux"});
  const std::string out = run_json("\xEF\xBB\xBF[{\"prompt\": \"a fox\"}]", settings);
  CHECK(out.rfind("\xEF\xBB\xBF[\n  {\n    \"prompt\": \"a fox\",\n", 0) == 0);
}

TEST_CASE("json: a file over the size limit is refused by open") {
  const Settings settings = testing::settings_for({"flux"});
  const auto path = temp_dir() / "huge.json";
  write_file(path, "[]");
  std::filesystem::resize_file(path, (std::uintmax_t{256} << 20) + 1);
  std::string error;
  testing::run(InputFormat::Json, input_for(path, InputFormat::Json), settings, &error);
  CHECK(error.find("larger than the 256 MiB limit") != std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace promptport::migrate
