// Unit tests of the NovelAI dialect: braces, numerical emphasis, danbooru prefixes, the
// weight writer rule, sizes and the request body.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "promptport/promptport.h"

namespace {

using namespace promptport;

const Dialect& nai() { return *builtin_registry().find("novelai"); }

Prompt parse(std::string_view text, Diagnostics& diags) { return nai().parse(text, {}, diags); }
Prompt parse(std::string_view text) {
  Diagnostics diags;
  return parse(text, diags);
}

Emitted emit(const Prompt& ir, Diagnostics& diags, Options options = {}) {
  return nai().emit(ir, options, diags);
}
std::string prompt_of(const Prompt& ir, Options options = {}) {
  Diagnostics diags;
  return emit(ir, diags, std::move(options)).prompt;
}

std::size_t count(const Diagnostics& diags, Code code, std::string_view field = {}) {
  return static_cast<std::size_t>(std::count_if(diags.begin(), diags.end(), [&](const auto& d) {
    return d.code == code && (field.empty() || d.field == field);
  }));
}

Term term(std::string text, double weight = 1.0) { return Term{std::move(text), weight, {}}; }

TEST_CASE("novelai: braces x1.05 and brackets /1.05 per level") {
  Prompt ir = parse("{a}, {{b}}, [c], [[d]], {x [y]}");
  REQUIRE(ir.subject.size() == 6);
  CHECK(ir.subject[0].weight == doctest::Approx(1.05));
  CHECK(ir.subject[1].weight == doctest::Approx(1.1025));
  CHECK(ir.subject[2].weight == doctest::Approx(1 / 1.05));
  CHECK(ir.subject[3].weight == doctest::Approx(1 / 1.1025));
  CHECK(ir.subject[4].weight == doctest::Approx(1.05));
  CHECK(ir.subject[5].weight == doctest::Approx(1.0));
  CHECK(ir.subject[5].joined);
}

TEST_CASE("novelai: V4 numerical emphasis, negative too, times the braces around it") {
  Diagnostics diags;
  Prompt ir = parse("1.5::red hair ::, -1::hat ::, {2::cat ears ::}, 0.5::a, b ::", diags);
  CHECK(diags.empty());
  REQUIRE(ir.subject.size() == 5);
  CHECK(ir.subject[0].text == "red hair");
  CHECK(ir.subject[0].weight == doctest::Approx(1.5));
  CHECK(ir.subject[1].text == "hat");
  CHECK(ir.subject[1].weight == doctest::Approx(-1));
  CHECK(ir.subject[2].weight == doctest::Approx(2.1));
  CHECK(ir.subject[3].weight == doctest::Approx(0.5));
  CHECK(ir.subject[4].weight == doctest::Approx(0.5));
}

TEST_CASE("novelai: unbalanced braces weigh the rest of the prompt, with a warning") {
  Diagnostics diags;
  Prompt ir = parse("{a, b", diags);
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[1].weight == doctest::Approx(1.05));
  CHECK(count(diags, Code::UnbalancedBracket, "{") == 1);
  Diagnostics stray;
  Prompt s = parse("a}, 1.2::b", stray);
  CHECK(s.subject[0].text == "a}");
  CHECK(s.subject[1].weight == doctest::Approx(1.2));
  CHECK(count(stray, Code::UnbalancedBracket) == 2);
}

TEST_CASE("novelai: artist: tags are artist style terms, rating: an extension") {
  Prompt ir = parse("rating:general, 1girl, artist:wlop, {artist:ask (askzy)}");
  REQUIRE(ir.subject.size() == 1);
  REQUIRE(ir.style.size() == 2);
  CHECK(ir.style[0].text == "wlop");
  CHECK(ir.style[0].kind == StyleKind::Artist);
  CHECK(ir.style[1].weight == doctest::Approx(1.05));
  CHECK(ir.extensions["novelai"]["rating"] == "general");
  CHECK(prompt_of(ir) == "rating:general, 1girl, artist:wlop, {artist:ask (askzy)}");
}

TEST_CASE("novelai: A1111 (x:1.2) is plain text with one literal-text warning") {
  Diagnostics diags;
  Prompt ir = parse("(red:1.2), (blue:1.3)", diags);
  CHECK(ir.subject[0].text == "(red:1.2)");
  CHECK(ir.subject[0].weight == 1.0);
  CHECK(count(diags, Code::LiteralText, "subject") == 1);
}

TEST_CASE("novelai: the writer uses braces near 1.05^n, else numeric emphasis") {
  Prompt ir;
  ir.subject = {term("a", 1.05), term("b", 1.1), term("c", 1.1025), term("d", 1 / 1.05),
                term("e", 1.3),  term("f", -1),  term("g", 0.91),   term("h", 1.004)};
  CHECK(prompt_of(ir) == "{a}, {{b}}, {{c}}, [d], 1.3::e ::, -1::f ::, [[g]], h");
  Diagnostics diags;
  const std::string v3 = emit(ir, diags, {{"model", "v3"}}).prompt;
  CHECK(v3 == "{a}, {{b}}, {{c}}, [d], {{{{{e}}}}}, f, [[g]], h");
  CHECK(count(diags, Code::ApproximatedWeight, "subject") == 1);
}

TEST_CASE("novelai: weights from A1111 map by value: (x:1.3) -> 1.3::x ::") {
  Diagnostics diags;
  Prompt ir = builtin_registry().find("comfyui")->parse("(x:1.3), (y), ((z))", {}, diags);
  ir.source = Source{"comfyui", ""};
  CHECK(prompt_of(ir) == "1.3::x ::, {{y}}, 1.21::z ::");
}

TEST_CASE("novelai: tags first (subject, artists, style, camera), prose after") {
  Prompt ir;
  ir.subject = {term("A woman walks through the rain at night."), term("1girl"), term("blue hair")};
  StyleTerm watercolor;
  watercolor.text = "watercolor";
  watercolor.kind = StyleKind::Medium;
  StyleTerm artist;
  artist.text = "by Greg Rutkowski";
  artist.kind = StyleKind::Artist;
  ir.style = {watercolor, artist};
  ir.camera.shot = "medium";
  ir.camera.angle = "low-angle";
  CHECK(prompt_of(ir) ==
        "1girl, blue hair, artist:Greg Rutkowski, watercolor, upper body, from below, A woman "
        "walks through the rain at night.");
}

TEST_CASE("novelai: danbooru camera tags read back as camera values") {
  const Prompt ir = parse("1girl, cowboy shot, from above");
  CHECK(ir.camera.shot == "cowboy");
  CHECK(ir.camera.angle == "high-angle");
  Prompt over;
  over.camera.angle = "over-the-shoulder";
  Diagnostics diags;
  CHECK(emit(over, diags).prompt == "from behind");
  CHECK(count(diags, Code::ApproximatedParameter, "camera.angle") == 1);
}

TEST_CASE("novelai: sizes snap to multiples of 64 or the nearest preset") {
  Prompt ir;
  ir.params.aspect_ratio = "16:9";
  Diagnostics diags;
  const nlohmann::json r = emit(ir, diags).request;
  CHECK(r["parameters"]["width"] == 1216);
  CHECK(r["parameters"]["height"] == 832);
  CHECK(count(diags, Code::SnappedAspectRatio, "params.aspect_ratio") == 1);
  Prompt px;
  px.params.width = 1000;
  px.params.height = 1500;
  Diagnostics d2;
  const nlohmann::json r2 = emit(px, d2).request;
  CHECK(r2["parameters"]["width"] == 1024);
  CHECK(r2["parameters"]["height"] == 1472);
  CHECK(count(d2, Code::SnappedValue) == 2);
}

TEST_CASE("novelai: the request body and the text format") {
  const std::string text =
      "1girl, {{smile}}\nUndesired Content: lowres, [bad hands]\nSteps: 28\nScale: 5.5\n"
      "Seed: 9\nSize: 832x1216\nSampler: k_euler_ancestral";
  Diagnostics diags;
  const Prompt ir = parse(text, diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[1].weight == doctest::Approx(1 / 1.05));
  Diagnostics out;
  const Emitted e = emit(ir, out);
  CHECK(out.empty());
  CHECK(e.text == text);
  const nlohmann::json& r = e.request;
  CHECK(r["input"] == "1girl, {{smile}}");
  CHECK(r["model"] == "nai-diffusion-4-5-full");
  CHECK(r["action"] == "generate");
  const nlohmann::json& p = r["parameters"];
  CHECK(p["negative_prompt"] == "lowres, [bad hands]");
  CHECK(p["steps"] == 28);
  CHECK(p["scale"] == 5.5);
  CHECK(p["seed"] == 9);
  CHECK(p["sampler"] == "k_euler_ancestral");
  CHECK(p["n_samples"] == 1);
  CHECK(p["qualityToggle"] == false);
  CHECK(emit(ir, out, {{"model", "v3"}}).request["model"] == "nai-diffusion-3");
}

TEST_CASE("novelai: detection") {
  CHECK(nai().detect("1.5::red hair ::, 1girl") == doctest::Approx(0.95));
  CHECK(nai().detect("a\nUndesired Content: lowres") == doctest::Approx(0.95));
  CHECK(nai().detect("{{masterpiece}}, 1girl") == doctest::Approx(0.85));
  CHECK(nai().detect("artist:wlop") == doctest::Approx(0.85));
  CHECK(nai().detect("1girl, {smile}") == doctest::Approx(0.8));
  CHECK(nai().detect("1girl, solo, smile") == doctest::Approx(0.55));
  CHECK(nai().detect("1girl, (smile:1.2)") == 0);
  CHECK(nai().detect("a red fox in the snow") == 0);
}

TEST_CASE("novelai: deep braces are iterative and stay finite") {
  const std::string deep = std::string(50000, '{') + "x" + std::string(50000, '}');
  Diagnostics diags;
  const Prompt ir = parse(deep, diags);
  REQUIRE(ir.subject.size() == 1);
  CHECK(std::isfinite(ir.subject[0].weight));
}

}  // namespace
