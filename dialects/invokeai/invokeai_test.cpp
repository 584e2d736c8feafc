// Unit tests of the invokeai (compel) dialect: reading weights and constructs, writing them
// back, round trips, hostile input and the real prompts of ../shared/data/sd.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "promptport/promptport.h"
#include "test_data.h"

namespace {

using namespace promptport;

const Dialect& invoke() { return *builtin_registry().find("invokeai"); }

Prompt parse(std::string_view text, Diagnostics* diags = nullptr) {
  Diagnostics local;
  Prompt ir = invoke().parse(text, {}, diags ? *diags : local);
  ir.source = Source{"invokeai", std::string(text)};
  return ir;
}

Emitted emit(const Prompt& ir, Diagnostics* diags = nullptr, Options options = {}) {
  Diagnostics local;
  return invoke().emit(ir, options, diags ? *diags : local);
}

std::string rewrite(std::string_view text) { return emit(parse(text)).prompt; }

Term term(std::string text, double weight = 1.0, bool joined = false) {
  return Term{std::move(text), weight, std::nullopt, joined};
}

bool has(const Diagnostics& diags, Code code, std::string_view field = {}) {
  for (const auto& d : diags)
    if (d.code == code && (field.empty() || d.field == field)) return true;
  return false;
}

std::size_t count(const Diagnostics& diags, Code code) {
  std::size_t n = 0;
  for (const auto& d : diags) n += d.code == code;
  return n;
}

}  // namespace

TEST_CASE("invokeai: registered with its alias and capabilities") {
  CHECK(builtin_registry().find("compel") == &invoke());
  const Capabilities c = invoke().capabilities();
  CHECK(c.negative_prompt);
  CHECK(c.weights);
  CHECK(c.weight_model == WeightModel::Scale);
  REQUIRE(invoke().options().size() == 1);
  CHECK(invoke().options()[0].name == "model");
}

TEST_CASE("invokeai: word+ and word- multiply by 1.1 and 0.9 per sign") {
  const Prompt ir = parse("a man picking apricots++ from a tree-");
  REQUIRE(ir.subject.size() == 4);
  CHECK(ir.subject[0].text == "a man picking");
  CHECK(ir.subject[1].text == "apricots");
  CHECK(ir.subject[1].weight == doctest::Approx(1.21));
  CHECK(ir.subject[1].joined);
  CHECK(ir.subject[2].text == "from a");
  CHECK(ir.subject[3].text == "tree");
  CHECK(ir.subject[3].weight == doctest::Approx(0.9));
  CHECK(parse("mountain---").subject[0].weight == doctest::Approx(0.729));
}

TEST_CASE("invokeai: a sign inside a word is text") {
  const Prompt ir = parse("well-lit room, a+b, semi-transparent");
  REQUIRE(ir.subject.size() + ir.style.size() == 3);
  for (const auto& t : ir.subject) CHECK(t.weight == 1.0);
  CHECK(ir.subject[0].text == "well-lit room");
  // a lone sign after a space belongs to no word
  CHECK(parse("red - blue").subject[0].text == "red - blue");
}

TEST_CASE("invokeai: groups take +, -, a number or .attend(); bare parentheses only group") {
  const Prompt ir = parse("a tall man (picking apricots)1.3, (ripe fruit)--, (leaves).attend(0.5)");
  REQUIRE(ir.subject.size() == 4);
  CHECK(ir.subject[1].text == "picking apricots");
  CHECK(ir.subject[1].weight == doctest::Approx(1.3));
  CHECK(ir.subject[2].weight == doctest::Approx(0.81));
  CHECK(ir.subject[3].weight == doctest::Approx(0.5));
  // compel gives bare parentheses no weight (A1111 would give 1.1)
  const Prompt bare = parse("a (red) fox");
  REQUIRE(bare.subject.size() == 1);
  CHECK(bare.subject[0].text == "a red fox");
  CHECK(bare.subject[0].weight == 1.0);
  CHECK(parse("(cat)2").subject[0].weight == doctest::Approx(2.0));
}

TEST_CASE("invokeai: nesting multiplies") {
  const Prompt ir = parse("a tall thin man (picking apricots+)++");
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[1].text == "picking");
  CHECK(ir.subject[1].weight == doctest::Approx(1.21));
  CHECK(ir.subject[2].text == "apricots");
  CHECK(ir.subject[2].weight == doctest::Approx(1.331));
  const Prompt n = parse("(a (b)1.5)0.5");
  REQUIRE(n.subject.size() == 2);
  CHECK(n.subject[0].weight == doctest::Approx(0.5));
  CHECK(n.subject[1].weight == doctest::Approx(0.75));
}

TEST_CASE("invokeai: quoted fragments weigh like groups") {
  const Prompt ir = parse("\"a red fox\"1.2 in snow");
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[0].text == "a red fox");
  CHECK(ir.subject[0].weight == doctest::Approx(1.2));
}

TEST_CASE("invokeai: escapes give the character") {
  const Prompt ir = parse("\\(literal\\) brackets, C\\+\\+ code, say \\\"hi\\\"");
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[0].text == "(literal) brackets");
  CHECK(ir.subject[1].text == "C++ code");
  CHECK(ir.subject[2].text == "say \"hi\"");
  for (const auto& t : ir.subject) CHECK(t.weight == 1.0);
}

TEST_CASE("invokeai: spans are record offsets") {
  const Prompt ir = parse("red fox++, snow");
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[0].span == Span{0, 3});
  CHECK(ir.subject[2].span == Span{11, 15});
}

TEST_CASE("invokeai: A1111 (x:1.2) is plain text in compel") {
  Diagnostics diags;
  const Prompt ir = parse("(masterpiece:1.2), a castle", &diags);
  CHECK(ir.subject[0].text == "masterpiece:1.2");
  CHECK(ir.subject[0].weight == 1.0);
  CHECK(count(diags, Code::LiteralText) == 1);
}

TEST_CASE("invokeai: unbalanced brackets are literal characters with a warning") {
  Diagnostics diags;
  const Prompt ir = parse("a (red fox", &diags);
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "a (red fox");
  REQUIRE(count(diags, Code::UnbalancedBracket) == 1);
  CHECK(diags[0].span == Span{2, 3});
  diags.clear();
  CHECK(parse("fox) in snow", &diags).subject[0].text == "fox) in snow");
  CHECK(has(diags, Code::UnbalancedBracket, "subject"));
  diags.clear();
  CHECK(parse("12\" record", &diags).subject[0].text == "12\" record");
  CHECK(has(diags, Code::UnbalancedBracket));
  // what is written reads back the same
  CHECK(rewrite("a (red fox") == "a \\(red fox");
  CHECK(same_content(parse(rewrite("a (red fox")), parse("a (red fox")));
}

TEST_CASE("invokeai: .swap() keeps the replacement, the construct goes inline") {
  const Prompt ir = parse("a cat.swap(dog) sitting on a car");
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[1].text == "dog");
  CHECK(ir.subject[1].joined);
  const auto& e = ir.extensions["invokeai"]["inline"];
  REQUIRE(e.size() == 1);
  CHECK(e[0]["field"] == "subject");
  CHECK(e[0]["index"] == 1);
  CHECK(e[0]["syntax"] == "cat.swap(dog)");
  CHECK(e[0]["text"] == "dog");
  CHECK(emit(ir).prompt == "a cat.swap(dog) sitting on a car");
  const Prompt group = parse("(a red car).swap(\"a blue bike\", t_start=0.1)");
  REQUIRE(group.subject.size() == 1);
  CHECK(group.subject[0].text == "a blue bike");
  CHECK(emit(group).prompt == "(a red car).swap(\"a blue bike\", t_start=0.1)");
}

TEST_CASE("invokeai: .blend() and .and() become fragments and one inline entry") {
  const std::string blend = "(\"spider man\", \"robot mech\").blend(1, 0.8)";
  const Prompt ir = parse(blend);
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[0].text == "spider man");
  CHECK(ir.subject[1].text == "robot mech");
  CHECK(ir.subject[1].weight == 1.0);  // blend weights are not term weights
  CHECK_FALSE(ir.subject[1].joined);
  const auto& e = ir.extensions["invokeai"]["inline"];
  REQUIRE(e.size() == 1);
  CHECK(e[0]["syntax"] == blend);
  CHECK(e[0]["text"] == "");
  CHECK(e[0]["count"] == 2);
  CHECK(e[0]["index"] == 0);
  CHECK(emit(ir).prompt == blend);

  const std::string conj =
      "(\"A dream of a distant galaxy, by Caspar David Friedrich, matte painting\", "
      "\"trending on artstation, HQ\").and()";
  const Prompt c = parse(conj);
  CHECK(c.style.size() >= 2);  // the prompts' fragments are placed normally
  CHECK(emit(c).prompt == conj);
  CHECK(rewrite("(cat, dog).and(1, 0.5)") == "(cat, dog).and(1, 0.5)");
}

TEST_CASE("invokeai: constructs survive neighbours and a canonical order") {
  Prompt ir = parse("a castle, (\"a cat\", \"a dog\").blend(0.5, 0.5), oil painting");
  CHECK(emit(ir).prompt == "a castle, (\"a cat\", \"a dog\").blend(0.5, 0.5), oil painting");
  for (auto& t : ir.subject) t.span.reset();
  for (auto& t : ir.style) t.span.reset();
  CHECK(emit(ir).prompt == "a castle, (\"a cat\", \"a dog\").blend(0.5, 0.5), oil painting");
}

TEST_CASE("invokeai: a construct whose terms changed is written as terms") {
  Prompt ir = parse("(\"a cat\", \"a dog\").blend(1, 1)");
  ir.subject[1].text = "a bird";
  Diagnostics diags;
  CHECK(emit(ir, &diags).prompt == "a cat, a bird");
  CHECK(has(diags, Code::ApproximatedSyntax));
  Prompt sw = parse("a cat.swap(dog)");
  sw.subject[1].text = "fox";
  diags.clear();
  CHECK(emit(sw, &diags).prompt == "a fox");
  CHECK(has(diags, Code::ApproximatedSyntax));
}

TEST_CASE("invokeai: other writers get the terms and an approximated-syntax note") {
  const Prompt ir = parse("(\"a cat\", \"a dog\").blend(1, 0.8), cat.swap(fox)");
  Diagnostics diags;
  const Emitted sd = builtin_registry().find("flux")->emit(ir, {}, diags);
  CHECK(count(diags, Code::ApproximatedSyntax) == 2);
  CHECK(sd.prompt.find("fox") != std::string::npos);
}

TEST_CASE("invokeai: the writer's +, - and number rule") {
  Prompt ir;
  ir.subject = {term("apricots", 1.1),
                term("mountain", 1.21),
                term("man", 1.331),
                term("fruit", 0.9),
                term("leaf", 0.81),
                term("tree", 0.729),
                term("picking apricots", 1.1),
                term("red sky", 0.81),
                term("cat", 1.3),
                term("big dog", 0.91),
                term("sun", 2),
                term("moon", 1.4641)};
  CHECK(emit(ir).prompt ==
        "apricots+, mountain++, man+++, fruit-, leaf--, tree---, (picking apricots)+, "
        "(red sky)--, (cat)1.3, (big dog)0.91, (sun)2, (moon)1.46");
  // joined terms are weighted one by one, separated by a space
  Prompt j;
  j.subject = {term("a"), term("red", 1.21, true), term("fox", 1.0, true)};
  CHECK(emit(j).prompt == "a red++ fox");
  // text that looks like syntax is escaped
  Prompt e;
  e.subject = {term("C++"), term("f(x)", 1.3), term("half-open", 1.1), term("x = y", 1.2)};
  CHECK(emit(e).prompt == "C\\+\\+, (f\\(x\\))1.3, half-open+, (x \\= y)1.2");
  CHECK(same_content(parse(emit(e).prompt), e));
}

TEST_CASE("invokeai: weights from Midjourney are converted") {
  Prompt ir;
  ir.source = Source{"midjourney", "fox::2"};
  ir.subject = {term("fox", 2)};
  CHECK(emit(ir).prompt == "(fox)1.3");
}

TEST_CASE("invokeai: camera slots are written as phrases, motion is dropped") {
  Prompt ir;
  ir.subject = {term("a knight")};
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  ir.camera.moves = {CameraMove{"dolly-in", "", std::nullopt}};
  Diagnostics diags;
  CHECK(emit(ir, &diags).prompt == "a knight, close-up shot, from a low angle, 35mm");
  CHECK(has(diags, Code::DroppedMotion));
}

TEST_CASE("invokeai: the text format and the request read back") {
  const std::string text =
      "a red fox++, snow\nNegative prompt: blurry--, (ugly)1.3\nSteps: 30\nCFG scale: 7.5\n"
      "Seed: 42\nSize: 832x1216\nScheduler: dpmpp_2m_k";
  Diagnostics diags;
  const Prompt ir = parse(text, &diags);
  CHECK(diags.empty());
  REQUIRE(ir.negative.size() == 2);
  CHECK(ir.negative[0].weight == doctest::Approx(0.81));
  CHECK(ir.negative[1].weight == doctest::Approx(1.3));
  CHECK(ir.params.steps == 30);
  CHECK(ir.params.guidance == 7.5);
  CHECK(ir.params.seed == 42);
  CHECK(ir.params.width == 832);
  CHECK(ir.params.aspect_ratio == "13:19");
  const Emitted out = emit(ir);
  CHECK(out.text == text);
  CHECK(out.negative_prompt == "blurry--, (ugly)1.3");
  CHECK(out.request["positive_prompt"] == "a red fox++, snow");
  CHECK(out.request["negative_prompt"] == "blurry--, (ugly)1.3");
  CHECK(out.request["width"] == 832);
  CHECK(out.request["height"] == 1216);
  CHECK(out.request["cfg_scale"] == 7.5);
  CHECK(out.request["scheduler"] == "dpmpp_2m_k");
  CHECK_FALSE(out.request.contains("model"));
}

TEST_CASE("invokeai: sizes from an aspect ratio follow -O model") {
  Prompt ir;
  ir.subject = {term("a fox")};
  ir.params.aspect_ratio = "16:9";
  Diagnostics diags;
  const Emitted xl = emit(ir, &diags);
  CHECK(xl.request["width"] == 1344);
  CHECK(xl.request["height"] == 768);
  CHECK(has(diags, Code::SnappedAspectRatio, "params.aspect_ratio"));
  const Emitted sd15 = emit(ir, nullptr, {{"model", "sd15"}});
  CHECK(sd15.request["height"] == 512);
  CHECK(emit(Prompt{}).request == nlohmann::json{{"positive_prompt", ""}, {"negative_prompt", ""}});
}

TEST_CASE("invokeai: withLora() is read into loras; InvokeAI's box has no LoRA syntax") {
  const Prompt ir = parse("a fox withLora(fluffy, 0.8)");
  REQUIRE(ir.loras.size() == 1);
  CHECK(ir.loras[0].name == "fluffy");
  CHECK(ir.loras[0].weight == doctest::Approx(0.8));
  CHECK(ir.subject[0].text == "a fox");
  Diagnostics diags;
  emit(ir, &diags);
  CHECK(has(diags, Code::DroppedLora));
}

TEST_CASE("invokeai: detection") {
  CHECK(invoke().detect("(\"a\", \"b\").blend(1, 0.8)") >= 0.95);
  CHECK(invoke().detect("a cat.swap(dog)") >= 0.95);
  CHECK(invoke().detect("a (red fox)1.3 in snow") == doctest::Approx(0.9));
  CHECK(invoke().detect("a (red fox)++ in snow") == doctest::Approx(0.9));
  CHECK(invoke().detect("apricots++ on a tree") == doctest::Approx(0.85));
  CHECK(invoke().detect("apricots+ on a tree") == doctest::Approx(0.6));
  CHECK(invoke().detect("a red fox --ar 16:9") == 0);
  CHECK(invoke().detect("(masterpiece:1.2), 1girl") == 0);
  CHECK(invoke().detect("well-lit room") == 0);
}

TEST_CASE("invokeai: round trips") {
  for (const char* text : {
           "a man picking apricots++ from a tree",
           "(picking apricots)1.3, leaves--, \\(literal\\)",
           "a cat.swap(dog) sitting on a car, watercolor",
           "(\"spider man\", \"robot mech\").blend(1, 0.8)",
           "a castle, (\"a cat\", \"a dog\").and(), oil painting",
           "x\nNegative prompt: (ugly)1.3, blurry-\nSteps: 20",
       }) {
    CAPTURE(text);
    const Prompt ir = parse(text);
    Diagnostics diags;
    const Emitted out = emit(ir, &diags);
    CHECK(diags.empty());
    CHECK(same_content(parse(out.text), ir));
  }
}

TEST_CASE("invokeai: hostile input stays linear and never throws") {
  const std::string deep = std::string(100000, '(') + "x" + std::string(100000, ')');
  Diagnostics diags;
  const Prompt ir = parse(deep, &diags);
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].text == "x");
  diags.clear();
  const Prompt open = parse(std::string(100000, '(') + "x", &diags);
  REQUIRE(open.subject.size() == 1);
  CHECK(open.subject[0].text.size() == 100001);
  CHECK(count(diags, Code::UnbalancedBracket) < 20);  // a few, then one summary
  std::string weighted;
  for (int i = 0; i < 50000; ++i) weighted += "(a ";
  for (int i = 0; i < 50000; ++i) weighted += ")1.5";
  diags.clear();
  const Prompt heavy = parse(weighted, &diags);
  for (const auto& t : heavy.subject) CHECK(t.weight <= 1e6);
  CHECK(has(diags, Code::OutOfRange));
  emit(heavy);
  for (const char* junk : {"", ")", "\"", "(((", ")))", "\\", "+", "--", ".swap(", "a.swap(",
                           "(\"a\").blend(", "().and()", "(a)(b).blend(1)", "x.swap()",
                           "\"\".and()", "a,,,,", "withLora(", "withLora(x, y)"}) {
    CAPTURE(junk);
    Diagnostics d;
    const Prompt p = parse(junk, &d);
    emit(p, &d);
  }
}

TEST_CASE("invokeai: every real SD prompt reads and writes without a crash") {
  const std::string path = testing::real_data_file("sd/civitai-mixed.jsonl");
  if (path.empty()) {
    MESSAGE("sd/civitai-mixed.jsonl not found; skipped");
    return;
  }
  std::ifstream in(path);
  std::string line;
  std::size_t records = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    for (const char* key : {"prompt", "negative_prompt"}) {
      if (!j.contains(key) || !j[key].is_string()) continue;
      const std::string text = j[key].get<std::string>();
      Diagnostics diags;
      const Prompt ir = parse(text, &diags);
      const Emitted out = emit(ir, &diags);
      CHECK_FALSE(has_severity(diags, Severity::Error));
      CHECK(out.prompt.find('\n') == std::string::npos);
      ++records;
    }
  }
  CHECK(records > 0);
}
