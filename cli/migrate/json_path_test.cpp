// Dotted paths into JSON records: lookup, the negative's place, and the messages of misses.
#include "json_path.h"

#include <doctest/doctest.h>

namespace promptport::migrate {

namespace {

using Json = nlohmann::ordered_json;

Json parse(const char* text) { return Json::parse(text); }

}  // namespace

TEST_CASE("json_path: dotted paths split at dots, digit segments are indexes") {
  CHECK(parse_path("prompt") == JsonPath{"prompt"});
  CHECK(parse_path("items.0.text") == JsonPath{"items", "0", "text"});
  CHECK(parse_path("").empty());
  CHECK(parse_path("a..b") == JsonPath{"a", "", "b"});
  CHECK(is_index("0"));
  CHECK(is_index("12"));
  CHECK_FALSE(is_index(""));
  CHECK_FALSE(is_index("1a"));
  CHECK_FALSE(is_index("-1"));
}

TEST_CASE("json_path: resolve walks objects and arrays") {
  const Json doc = parse(R"({"items":[{"text":"a"},{"text":"b"}],"0":"zero","n":5})");
  REQUIRE(resolve(doc, parse_path("items.1.text")) != nullptr);
  CHECK(*resolve(doc, parse_path("items.1.text")) == "b");
  // On an object a digit segment is a key like any other.
  CHECK(*resolve(doc, parse_path("0")) == "zero");
  CHECK(resolve(doc, parse_path("items.2.text")) == nullptr);
  CHECK(resolve(doc, parse_path("items.x")) == nullptr);
  CHECK(resolve(doc, parse_path("n.m")) == nullptr);
  CHECK(resolve(doc, parse_path("items.99999999999999999999999")) == nullptr);
  CHECK(resolve(doc, {}) == &doc);
}

TEST_CASE("json_path: read_fields finds the prompt and a sibling negative") {
  const Json record = parse(R"({"meta":{"uc":"ugly","negative":"blurry","prompt":"a fox"}})");
  const RecordFields fields = read_fields(record, parse_path("meta.prompt"), "");
  CHECK(fields.error == "");
  CHECK(fields.prompt == "a fox");
  CHECK(fields.has_negative);
  // "negative" comes before "uc" in the list, whatever the key order of the record.
  CHECK(fields.negative == "blurry");
  CHECK(fields.negative_path == JsonPath{"meta", "negative"});
}

TEST_CASE("json_path: guessed negatives must hold text; '-' reads none") {
  const Json record = parse(R"({"prompt":"a fox","negative_prompt":null,"uc":3,"negative":"x"})");
  const RecordFields guessed = read_fields(record, {"prompt"}, "");
  CHECK(guessed.negative == "x");
  const RecordFields none = read_fields(record, {"prompt"}, "-");
  CHECK_FALSE(none.has_negative);
  CHECK(none.negative == "");
  const Json only_number = parse(R"({"prompt":"a fox","uc":3})");
  CHECK_FALSE(read_fields(only_number, {"prompt"}, "").has_negative);
  CHECK(read_fields(only_number, {"prompt"}, "").error == "");
}

TEST_CASE("json_path: an explicit negative field may be missing or null, not another type") {
  const Json record = parse(R"({"prompt":"a fox","neg":{"text":"blurry"},"n":null,"k":[1]})");
  const RecordFields nested = read_fields(record, {"prompt"}, "neg.text");
  CHECK(nested.negative == "blurry");
  CHECK(nested.negative_path == JsonPath{"neg", "text"});
  CHECK_FALSE(read_fields(record, {"prompt"}, "missing").has_negative);
  CHECK_FALSE(read_fields(record, {"prompt"}, "n").has_negative);
  CHECK(read_fields(record, {"prompt"}, "k").error ==
        "negative field \"k\" is array, not a string");
}

TEST_CASE("json_path: a prompt field named like a negative is not its own negative") {
  const Json record = parse(R"({"negative_prompt":"blurry","negative":"dark"})");
  const RecordFields fields = read_fields(record, {"negative_prompt"}, "");
  CHECK(fields.prompt == "blurry");
  CHECK(fields.negative == "dark");
}

TEST_CASE("json_path: messages say where the prompt is missing") {
  const Json record = parse(R"({"meta":{"title":"x"},"items":[],"n":5,"prompt":7})");
  CHECK(read_fields(record, parse_path("text"), "").error ==
        "no field \"text\" (the record has no key \"text\")");
  CHECK(read_fields(record, parse_path("meta.caption"), "").error ==
        "no field \"meta.caption\" (\"meta\" has no key \"caption\")");
  CHECK(read_fields(record, parse_path("items.0.text"), "").error ==
        "no field \"items.0.text\" (\"items\" has 0 elements)");
  CHECK(read_fields(record, parse_path("n.text"), "").error ==
        "no field \"n.text\" (\"n\" is number, not an object)");
  CHECK(read_fields(record, parse_path("prompt"), "").error ==
        "field \"prompt\" is number, not a string");
}

TEST_CASE("json_path: json_error gives nlohmann's position without its exception name") {
  CHECK(json_error(R"({"a":1})") == "");
  const std::string message = json_error("{\"a\":\n tru}");
  CHECK(message.rfind("parse error at line 2, column ", 0) == 0);
  CHECK(message.find("[json.exception") == std::string::npos);
  CHECK(json_error("{} x") != "");
}

}  // namespace promptport::migrate
