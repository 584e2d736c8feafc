// Tests of the IR's YAML and JSON forms: shapes, round trips and error reporting.
#include <doctest/doctest.h>

#include "promptport/serialize.h"

using namespace promptport;

namespace {

Prompt sample() {
  Prompt ir;
  ir.source = Source{"midjourney", "red fox::2 snow --ar 16:9"};
  ir.subject = {Term{"red fox", 2.0, Span{0, 7}}, Term{"snow", 1.0, Span{10, 14}}};
  StyleTerm s;
  s.text = "watercolor";
  s.kind = StyleKind::Medium;
  ir.style.push_back(s);
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  ir.camera.moves.push_back(CameraMove{"dolly-in", "slow", std::nullopt});
  ir.camera.terms.push_back(Term{"shallow depth of field", 1.0, std::nullopt});
  ir.motion.push_back(Term{"the fox turns its head", 1.0, std::nullopt});
  ir.motion_intensity = "low";
  ir.negative.push_back(Term{"text", 1.0, std::nullopt});
  ir.params.aspect_ratio = "16:9";
  ir.params.width = 1344;
  ir.params.height = 768;
  ir.params.seed = 42;
  ir.params.duration_s = 5;
  ir.params.steps = 30;
  ir.params.guidance = 7.5;
  ir.references.push_back(Reference{ReferenceKind::Style, "https://x/y.png", 2.0, std::nullopt});
  ir.loras.push_back(Lora{"add_detail", 0.8});
  ir.audio.dialogue.push_back(Dialogue{"woman", "We made it."});
  ir.audio.sfx.push_back("waves");
  ir.audio.ambience.push_back("gulls");
  ir.extensions["midjourney"] = {{"chaos", 20}, {"version", "7"}, {"tile", true}};
  return ir;
}

}  // namespace

TEST_CASE("JSON uses the contract's field names and always carries spans") {
  const auto j = to_json(sample());
  CHECK(j["version"] == 1);
  CHECK(j["subject"][0]["text"] == "red fox");
  CHECK(j["subject"][0]["weight"] == 2.0);
  CHECK(j["subject"][0]["span"] == nlohmann::json::array({0, 7}));
  CHECK(j["style"][0]["kind"] == "medium");
  CHECK(j["camera"]["moves"][0]["move"] == "dolly-in");
  CHECK(j["camera"]["moves"][0]["speed"] == "slow");
  CHECK(j["params"]["aspect_ratio"] == "16:9");
  CHECK(j["params"]["duration_s"] == 5.0);
  CHECK(j["references"][0]["kind"] == "style");
  CHECK(j["audio"]["dialogue"][0]["speaker"] == "woman");
  CHECK(j["extensions"]["midjourney"]["chaos"] == 20);
  CHECK_FALSE(to_json(Prompt{}).contains("subject"));
}

TEST_CASE("JSON and YAML round trips keep the content") {
  const Prompt ir = sample();
  Diagnostics diags;
  CHECK(same_content(prompt_from_json(to_json(ir), diags), ir));
  CHECK(same_content(prompt_from_yaml(to_yaml(ir), diags), ir));
  CHECK(same_content(prompt_from_yaml(to_yaml(ir, {true}), diags), ir));
  CHECK(diags.empty());
}

TEST_CASE("YAML keeps strings that look like numbers as strings") {
  Prompt ir;
  ir.subject.push_back(Term{"1984", 1.0, std::nullopt});
  ir.subject.push_back(Term{"true", 1.0, std::nullopt});
  ir.extensions["midjourney"] = {{"version", "7"}, {"stylize", 250}};
  Diagnostics diags;
  const Prompt back = prompt_from_yaml(to_yaml(ir), diags);
  CHECK(back.subject[0].text == "1984");
  CHECK(back.subject[1].text == "true");
  CHECK(back.extensions["midjourney"]["version"] == "7");
  CHECK(back.extensions["midjourney"]["stylize"] == 250);
}

TEST_CASE("YAML output omits default weights and spans unless asked") {
  Prompt ir;
  ir.subject.push_back(Term{"red fox", 1.0, Span{0, 7}});
  ir.subject.push_back(Term{"snow", 2.0, Span{9, 13}});
  const std::string yaml = to_yaml(ir);
  CHECK(yaml == "version: 1\nsubject:\n  - {text: red fox}\n  - {text: snow, weight: 2}\n");
  CHECK(to_yaml(ir, {true}).find("span: [0, 7]") != std::string::npos);
}

TEST_CASE("the corpus shorthand reads with defaults") {
  Diagnostics diags;
  const Prompt ir = prompt_from_yaml(
      "subject: [{text: red fox, weight: 2}, {text: snowy forest}]\n"
      "style: [{text: watercolor, kind: medium}]\n"
      "negative: [{text: text}]\n"
      "params: {aspect_ratio: \"16:9\"}\n"
      "extensions: {midjourney: {chaos: 20}}\n",
      diags);
  CHECK(diags.empty());
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[0].weight == 2.0);
  CHECK(ir.subject[1].weight == 1.0);
  CHECK(ir.style[0].kind == StyleKind::Medium);
  CHECK(ir.params.aspect_ratio == "16:9");
  CHECK(ir.extensions["midjourney"]["chaos"] == 20);
}

TEST_CASE("bad IR documents are reported, not thrown") {
  Diagnostics diags;
  prompt_from_yaml("subject: [unclosed", diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::InvalidInput);
  CHECK(diags[0].severity == Severity::Error);

  diags.clear();
  const Prompt ir = prompt_from_yaml(
      "subjects: [x]\nstyle: [{text: a, kind: wibble}]\nparams: {seed: abc, steps: 20}\n", diags);
  CHECK(diags.size() == 3);  // unknown field, unknown kind, bad seed
  CHECK(ir.style[0].kind == StyleKind::Other);
  CHECK(ir.params.steps == 20);
  CHECK_FALSE(ir.params.seed);

  diags.clear();
  prompt_from_json(nlohmann::json::array({1, 2}), diags);
  CHECK(diags.size() == 1);
}

TEST_CASE("deeply nested YAML is refused without overflowing the stack") {
  std::string deep = "extensions: ";
  for (int i = 0; i < 200; ++i) deep += "[";
  for (int i = 0; i < 200; ++i) deep += "]";
  Diagnostics diags;
  prompt_from_yaml(deep, diags);
  REQUIRE_FALSE(diags.empty());
  CHECK(diags[0].code == Code::InvalidInput);
}
