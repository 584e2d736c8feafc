// Tests of the dialect-author helpers: labelled lines, composing text, loss accounting.
#include <doctest/doctest.h>

#include "promptport/kit.h"

using namespace promptport;

TEST_CASE("split_labelled separates the prompt from known labelled lines") {
  const std::string text = "a red fox: in snow\nwatercolor\nNegative prompt: text, blur\nSeed: 42";
  const auto t = kit::split_labelled(text, {"negative prompt", "seed", "size"});
  CHECK(t.prompt == "a red fox: in snow\nwatercolor");
  REQUIRE(t.lines.size() == 2);
  CHECK(t.lines[0].label == "Negative prompt");
  CHECK(t.lines[0].value == "text, blur");
  CHECK(text.substr(t.lines[0].value_span.begin, 10) == "text, blur");
  CHECK(t.lines[1].label == "Seed");
  CHECK(t.lines[1].value == "42");
}

TEST_CASE("split_labelled keeps unknown labels in the prompt and continues values") {
  const auto t = kit::split_labelled("Title: fox\nNegative prompt: a\nb", {"negative prompt"});
  CHECK(t.prompt == "Title: fox");
  REQUIRE(t.lines.size() == 1);
  CHECK(t.lines[0].value == "a\nb");
  CHECK(kit::split_labelled("just a prompt", {"seed"}).lines.empty());
}

TEST_CASE("compose_text writes labelled lines and skips empty values") {
  CHECK(kit::compose_text("fox", {{"Size", "1248x832"}, {"Seed", ""}, {"Steps", "28"}}) ==
        "fox\nSize: 1248x832\nSteps: 28");
}

TEST_CASE("report_uncarried names every field the writer did not carry") {
  Prompt ir;
  ir.subject.push_back(Term{"fox", 1.0, std::nullopt});
  ir.negative.push_back(Term{"text", 1.0, std::nullopt});
  ir.params.seed = 1;
  ir.params.steps = 30;
  ir.camera.moves.push_back(CameraMove{"pan-left", "", std::nullopt});
  ir.loras.push_back(Lora{"x", 1.0});
  ir.extensions["midjourney"] = {{"chaos", 20}, {"tile", true}};
  Diagnostics diags;
  kit::report_uncarried(ir, {"subject", "params.seed", "extensions.midjourney.tile"}, "test",
                        diags);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& d : diags) got.emplace_back(std::string(code_name(d.code)), d.field);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"dropped-motion", "camera.moves"},
      {"dropped-negative", "negative"},
      {"dropped-parameter", "params.steps"},
      {"dropped-lora", "loras"},
      {"dropped-parameter", "extensions.midjourney.chaos"},
  };
  CHECK(got == want);
  for (const auto& d : diags) CHECK(d.severity == Severity::Warning);
}

TEST_CASE("a carried prefix covers its children") {
  Prompt ir;
  ir.extensions["midjourney"] = {{"chaos", 20}};
  ir.camera.shot = "close-up";
  Diagnostics diags;
  kit::report_uncarried(ir, {"extensions.midjourney", "camera"}, "test", diags);
  CHECK(diags.empty());
}

TEST_CASE("place_fragment puts fragments in their IR slots and loses nothing") {
  Prompt ir;
  kit::place_fragment(ir, "a red fox in deep snow", Span{0, 22});
  kit::place_fragment(ir, "golden hour", Span{24, 35});
  kit::place_fragment(ir, "close up", Span{37, 45});
  kit::place_fragment(ir, "wide shot", Span{47, 56});       // a second shot size
  kit::place_fragment(ir, "low angle", Span{58, 67}, 1.5);  // weighted: kept verbatim
  kit::place_fragment(ir, "85mm", Span{69, 73});
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a red fox in deep snow");
  REQUIRE(ir.style.size() == 1);
  CHECK(ir.style[0].kind == StyleKind::Lighting);
  CHECK(ir.camera.shot == "close-up");
  CHECK(ir.camera.angle.empty());
  CHECK(ir.camera.lens == "85mm");
  REQUIRE(ir.camera.terms.size() == 2);
  CHECK(ir.camera.terms[0].text == "wide shot");
  CHECK(ir.camera.terms[1].text == "low angle");
  CHECK(ir.camera.terms[1].weight == 1.5);
}
