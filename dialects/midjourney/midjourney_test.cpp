// Unit tests of the Midjourney dialect: parameters, weights, permutations, emit, round trips.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "midjourney/midjourney_params.h"
#include "promptport/dialect.h"
#include "promptport/text.h"
#include "test_data.h"

using namespace promptport;

namespace {

const Dialect& dialect() {
  const Dialect* d = builtin_registry().find("midjourney");
  REQUIRE(d != nullptr);
  return *d;
}

struct Parsed {
  Prompt ir;
  Diagnostics diags;
};

Parsed parse(std::string_view text, const Options& options = {}) {
  Parsed p;
  p.ir = dialect().parse(text, options, p.diags);
  return p;
}

std::string weighted(const std::string& text, double w) {
  return w == 1.0 ? text : text + "*" + text::format_number(w);
}

// Subject, style and camera terms together in source order: what the prompt said, whatever
// the vocabulary made of each fragment.
std::string terms(const Prompt& ir) {
  std::vector<std::pair<std::uint32_t, std::string>> all;
  for (const auto& t : ir.subject)
    all.emplace_back(t.span ? t.span->begin : 0, weighted(t.text, t.weight));
  for (const auto& t : ir.style)
    all.emplace_back(t.span ? t.span->begin : 0, weighted(t.text, t.weight));
  for (const auto& t : ir.camera.terms)
    all.emplace_back(t.span ? t.span->begin : 0, weighted(t.text, t.weight));
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [at, t] : all) out += (out.empty() ? "" : " | ") + t;
  return out;
}

std::string negatives(const Prompt& ir) {
  std::string out;
  for (const auto& t : ir.negative) out += (out.empty() ? "" : " | ") + weighted(t.text, t.weight);
  return out;
}

std::string params(const Prompt& ir) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
  if (ir.params.aspect_ratio) add("ar=" + *ir.params.aspect_ratio);
  if (ir.params.width) add("width=" + std::to_string(*ir.params.width));
  if (ir.params.height) add("height=" + std::to_string(*ir.params.height));
  if (ir.params.seed) add("seed=" + std::to_string(*ir.params.seed));
  if (!ir.motion_intensity.empty()) add("motion=" + ir.motion_intensity);
  return out;
}

std::string refs(const Prompt& ir) {
  std::string out;
  for (const auto& r : ir.references) {
    std::string s = std::string(to_string(r.kind)) + ":" + r.uri;
    if (r.weight) {
      s += '*';
      s += text::format_number(*r.weight);
    }
    out += (out.empty() ? "" : " | ") + s;
  }
  return out;
}

std::string ext(const Prompt& ir) {
  auto it = ir.extensions.find("midjourney");
  return it == ir.extensions.end() ? "" : it->dump();
}

std::string diag_set(const Diagnostics& diags) {
  std::vector<std::string> all;
  for (const auto& d : diags) all.push_back(std::string(code_name(d.code)) + " " + d.field);
  std::sort(all.begin(), all.end());
  std::string out;
  for (const auto& s : all) out += (out.empty() ? "" : "; ") + s;
  return out;
}

struct Case {
  const char* input;
  const char* terms;
  const char* negative;
  const char* params;
  const char* refs;
  const char* ext;
  const char* diags;
};

// Expected values are what a Midjourney user means by each prompt (REFERENCE.md §1).
const Case kParseCases[] = {
    // multi-prompts and weights
    {"red fox::2 snowy forest --ar 16:9 --no text --chaos 20", "red fox*2 | snowy forest", "text",
     "ar=16:9", "", R"({"chaos":20})", ""},
    {"hot dog", "hot dog", "", "", "", "", ""},
    {"hot:: dog", "hot | dog", "", "", "", "", ""},
    {"hot::2 dog", "hot*2 | dog", "", "", "", "", ""},
    // weights are relative: one shared weight is the same as none (REFERENCE §1.2)
    {"hot::100 dog::100", "hot | dog", "", "", "", "", "approximated-weight subject"},
    {"a red fox, watercolor::2", "a red fox | watercolor", "", "", "", "",
     "approximated-weight subject"},
    {"tulips:: red::-.5", "tulips", "red", "", "", "", ""},
    {"tulips::2 red::-1", "tulips", "red", "", "", "", "approximated-weight subject"},
    {"castle:: fog::-1", "castle", "fog*2", "", "", "", "invalid-value subject"},
    {"vibrant tulip fields --no red, shadows", "vibrant tulip fields", "red | shadows", "", "", "",
     ""},
    {"a cat::1.5, a dog", "a cat*1.5 | a dog", "", "", "", "", ""},
    {"cat::0 dog", "cat*0 | dog", "", "", "", "", ""},
    {"hot::2dog", "hot | 2dog", "", "", "", "", ""},
    {"a : : b", "a : : b", "", "", "", "", ""},
    {"a:: b::-1 --no c", "a", "b*2 | c", "", "", "", "invalid-value subject"},
    {"cat:: dog::-0.25", "cat", "dog*0.5", "", "", "", ""},
    // a weight with two dots: kept as text, and said (one too large for a double: below)
    {"cat::1.2.3 dog", "cat | 1.2.3 dog", "", "", "", "", "invalid-value subject"},
    // image prompts
    {"https://example.com/a.png a cat --iw 1.5", "a cat", "", "",
     "image:https://example.com/a.png*1.5", "", ""},
    {"https://a.com/1.png <https://a.com/2.png> a cat", "a cat", "", "",
     "image:https://a.com/1.png | image:https://a.com/2.png", "", ""},
    {"a cat <https://s.mj.run/abc>", "a cat", "", "", "image:https://s.mj.run/abc", "", ""},
    {"a cat --iw 2", "a cat", "", "", "", R"({"iw":2})", ""},
    {"https://a.com/1.png a cat --iw 5", "a cat", "", "", "image:https://a.com/1.png",
     R"({"iw":5})", "out-of-range extensions.midjourney.iw"},
    {"https://a.com/1.png a cat --iw 2.5 --v 5", "a cat", "", "", "image:https://a.com/1.png",
     R"({"iw":2.5,"version":"5"})", "out-of-range extensions.midjourney.iw"},
    {"https://a.com/1.png a cat --iw 1,", "a cat", "", "", "image:https://a.com/1.png*1", "", ""},
    // dashes and aspect ratios
    {"a cat —ar 16:9", "a cat", "", "ar=16:9", "", "", ""},
    {"a cat –ar 2:3", "a cat", "", "ar=2:3", "", "", ""},
    {"a cat −ar 3:2", "a cat", "", "ar=3:2", "", "", ""},
    {"a cat --aspect 1920:1080", "a cat", "", "ar=16:9", "", "", ""},
    {"a cat --ar 13:19", "a cat", "", "ar=13:19", "", "", ""},
    {"a cat --ar 9：16", "a cat", "", "ar=9:16", "", "", ""},
    {"a cat --ar 1.5:1", "a cat", "", "", "", R"({"aspect":"1.5:1"})",
     "invalid-value extensions.midjourney.aspect"},
    {"a cat —ar test", "a cat", "", "", "", R"({"aspect":"test"})",
     "invalid-value extensions.midjourney.aspect"},
    {"a cat --ar", "a cat", "", "", "", "", "missing-value --ar"},
    {"a cat --ar 16:9 --ar 1:1", "a cat", "", "ar=1:1", "", "", "duplicate-parameter --ar"},
    {"a cat --ar 3:2 --no red --ar 2:3", "a cat", "red", "ar=2:3", "", "",
     "duplicate-parameter --ar"},
    // versions and aesthetics
    {"a cat --version 6.1", "a cat", "", "", "", R"({"version":"6.1"})", ""},
    {"a cat --v 5.0", "a cat", "", "", "", R"({"version":"5"})", ""},
    {"a cat --v5", "a cat", "", "", "", R"({"version":"5"})", ""},
    {"a cat --v 9", "a cat", "", "", "", R"({"version":"9"})",
     "out-of-range extensions.midjourney.version"},
    {"a cat --niji 6", "a cat", "", "", "", R"({"niji":"6"})", ""},
    {"a cat --niji", "a cat", "", "", "", R"({"niji":true})", ""},
    {"a cat --style raw", "a cat", "", "", "", R"({"style":"raw"})", ""},
    {"a cat --style gothic", "a cat", "", "", "", R"({"style":"gothic"})",
     "invalid-value extensions.midjourney.style"},
    {"a cat --s 250", "a cat", "", "", "", R"({"stylize":250})", ""},
    {"a cat --stylize 1001", "a cat", "", "", "", R"({"stylize":1001})",
     "out-of-range extensions.midjourney.stylize"},
    {"a cat --c 20", "a cat", "", "", "", R"({"chaos":20})", ""},
    {"a cat --chaos 101", "a cat", "", "", "", R"({"chaos":101})",
     "out-of-range extensions.midjourney.chaos"},
    {"a cat --chaos abc", "a cat", "", "", "", R"({"chaos":"abc"})",
     "invalid-value extensions.midjourney.chaos"},
    {"a cat --weird 3000", "a cat", "", "", "", R"({"weird":3000})", ""},
    {"a cat --w 500", "a cat", "", "", "", R"({"weird":500})", ""},
    {"a cat --weird 3001", "a cat", "", "", "", R"({"weird":3001})",
     "out-of-range extensions.midjourney.weird"},
    {"a cat --q 2", "a cat", "", "", "", R"({"quality":2})", ""},
    {"a cat --q .5", "a cat", "", "", "", R"({"quality":0.5})",
     "out-of-range extensions.midjourney.quality"},
    {"a cat --q .5 --v 6", "a cat", "", "", "", R"({"quality":0.5,"version":"6"})", ""},
    {"a cat --seed 42", "a cat", "", "seed=42", "", "", ""},
    {"a cat --seed 4294967296", "a cat", "", "", "", R"({"seed":4294967296})",
     "out-of-range extensions.midjourney.seed"},
    {"a cat --seed 1.5", "a cat", "", "", "", R"({"seed":"1.5"})",
     "invalid-value extensions.midjourney.seed"},
    {"a cat --ar 16:9 --seed", "a cat", "", "ar=16:9", "", "", "missing-value --seed"},
    {"a cat --stop 50", "a cat", "", "", "", R"({"stop":50})", ""},
    {"a cat --stop 5", "a cat", "", "", "", R"({"stop":5})",
     "out-of-range extensions.midjourney.stop"},
    {"a cat --tile", "a cat", "", "", "", R"({"tile":true})", ""},
    {"a cat --no", "a cat", "", "", "", "", "missing-value --no"},
    {"a cat --no dof, --no blur", "a cat", "dof | blur", "", "", "", "duplicate-parameter --no"},
    // references
    {"a cat --sref https://a.com/s.png::2 123456 random", "a cat", "", "",
     "style:https://a.com/s.png*2 | style:123456 | style:random", "", ""},
    {"a cat --sref 123 --sw 200 --sv 4", "a cat", "", "", "style:123", R"({"sv":4,"sw":200})", ""},
    {"a cat --sv 6 --v 6", "a cat", "", "", "", R"({"sv":6,"version":"6"})",
     "out-of-range extensions.midjourney.sv"},
    {"a cat --sref notaurl", "a cat", "", "", "", R"({"sref":"notaurl"})",
     "invalid-value extensions.midjourney.sref"},
    {"a cat --cref https://a.com/c.png --cw 0", "a cat", "", "", "character:https://a.com/c.png*0",
     "", ""},
    {"a cat --cref https://a.com/c1.png --cref https://a.com/c2.png", "a cat", "", "",
     "character:https://a.com/c1.png | character:https://a.com/c2.png", "",
     "duplicate-parameter --cref"},
    {"a cat --cw 50", "a cat", "", "", "", R"({"cw":50})", ""},
    {"a cat --oref https://a.com/o.png --ow 400", "a cat", "", "", "omni:https://a.com/o.png*400",
     "", ""},
    // personalization, modes, video
    {"a cat --p", "a cat", "", "", "", R"({"personalize":true})", ""},
    {"a cat --p abc1234 xyz9876", "a cat", "", "", "", R"({"personalize":["abc1234","xyz9876"]})",
     ""},
    {"a cat --personalize k7x6jgc2", "a cat", "", "", "", R"({"personalize":["k7x6jgc2"]})", ""},
    {"a cat --exp 25 --draft --relax --repeat 4", "a cat", "", "", "",
     R"({"draft":true,"exp":25,"relax":true,"repeat":4})", ""},
    {"a cat --r 41", "a cat", "", "", "", R"({"repeat":41})",
     "out-of-range extensions.midjourney.repeat"},
    {"https://a.com/start.png a lighthouse in fog --video --motion high --end "
     "https://a.com/end.png "
     "--bs 4",
     "a lighthouse in fog", "", "motion=high", "image:https://a.com/start.png",
     R"({"bs":4,"end":"https://a.com/end.png","video":true})", ""},
    {"a cat --motion medium", "a cat", "", "", "", R"({"motion":"medium"})",
     "invalid-value extensions.midjourney.motion"},
    {"a cat --raw --loop", "a cat", "", "", "", R"({"loop":true,"raw":true})", ""},
    // 2022 legacy parameters
    {"a ship --w 3340 --h 1440 --uplight", "a ship", "", "width=3340 height=1440", "",
     R"({"uplight":true})",
     "legacy-parameter extensions.midjourney.h; legacy-parameter extensions.midjourney.uplight; "
     "legacy-parameter extensions.midjourney.w"},
    {"a ship --w 4000", "a ship", "", "width=4000", "", "",
     "legacy-parameter extensions.midjourney.w"},
    {"a ship --w 600 --hd", "a ship", "", "width=600", "", R"({"hd":true})",
     "legacy-parameter extensions.midjourney.hd; legacy-parameter extensions.midjourney.w"},
    {"a ship --h 1024", "a ship", "", "height=1024", "", "",
     "legacy-parameter extensions.midjourney.h"},
    {"a cat --v 4 --w 600", "a cat", "", "width=600", "", R"({"version":"4"})",
     "legacy-parameter extensions.midjourney.w"},
    {"x --w1920--h1080", "x", "", "width=1920 height=1080", "", "",
     "legacy-parameter extensions.midjourney.h; legacy-parameter extensions.midjourney.w"},
    {"x —w750 —h1334", "x", "", "width=750 height=1334", "", "",
     "legacy-parameter extensions.midjourney.h; legacy-parameter extensions.midjourney.w"},
    {"a ship --test --testp --creative --beta --upbeta --upanime --wallpaper", "a ship", "", "", "",
     R"({"beta":true,"creative":true,"test":true,"testp":true,"upanime":true,"upbeta":true,"wallpaper":true})",
     "legacy-parameter extensions.midjourney.beta; legacy-parameter "
     "extensions.midjourney.creative; "
     "legacy-parameter extensions.midjourney.test; legacy-parameter extensions.midjourney.testp; "
     "legacy-parameter extensions.midjourney.upanime; legacy-parameter "
     "extensions.midjourney.upbeta; "
     "legacy-parameter extensions.midjourney.wallpaper"},
    {"1 --sameseed 15205", "1", "", "", "", R"({"sameseed":15205})",
     "legacy-parameter extensions.midjourney.sameseed"},
    {"a cat --video", "a cat", "", "", "", R"({"video":true})",
     "legacy-parameter extensions.midjourney.video"},
    // unknown parameters, text after parameters, glued and odd spellings
    {"a cat --foo bar", "a cat", "", "", "", R"({"unknown":{"foo":"bar"}})",
     "unknown-parameter --foo"},
    {"a cat --zineq", "a cat", "", "", "", R"({"unknown":{"zineq":true}})",
     "unknown-parameter --zineq"},
    {"—ar 188:164 vertical gradient, texture", "vertical gradient | texture", "", "ar=47:41", "",
     "", "text-after-parameters vertical gradient, texture"},
    {"sea --ar 16:9,8k, high res", "sea | 8k | high res", "", "ar=16:9", "", "",
     "text-after-parameters 8k, high res"},
    {"watercolor—ar 9:16", "watercolor", "", "ar=9:16", "", "", ""},
    {"yes—no way", "yes—no way", "", "", "", "", ""},
    {"well--known fact", "well--known fact", "", "", "", "", ""},
    {"/imagine prompt: a cat --ar 2:3", "a cat", "", "ar=2:3", "", "", ""},
    {"a cat,\nsitting on a mat", "a cat | sitting on a mat", "", "", "", "", ""},
    {"a cat\nNegative prompt: blurry, text", "a cat", "blurry | text", "", "", "", ""},
};

}  // namespace

TEST_CASE("midjourney: parse table") {
  for (const Case& c : kParseCases) {
    CAPTURE(c.input);
    const Parsed p = parse(c.input);
    CHECK(terms(p.ir) == c.terms);
    CHECK(negatives(p.ir) == c.negative);
    CHECK(params(p.ir) == c.params);
    CHECK(refs(p.ir) == c.refs);
    CHECK(ext(p.ir) == c.ext);
    CHECK(diag_set(p.diags) == c.diags);
  }
}

TEST_CASE("midjourney: a weight too large for a double is kept as text with a warning") {
  const std::string huge(400, '9');
  const Parsed p = parse("cat::" + huge + " dog");
  CHECK(terms(p.ir) == "cat | " + huge + " dog");
  CHECK(diag_set(p.diags) == "invalid-value subject");
}

TEST_CASE("midjourney: names, aliases and options") {
  CHECK(builtin_registry().find("mj") == &dialect());
  CHECK(builtin_registry().find("niji") == &dialect());
  bool version = false, legacy = false;
  for (const auto& o : dialect().options()) {
    version = version || o.name == "version";
    legacy = legacy || o.name == "legacy";
  }
  CHECK(version);
  CHECK(legacy);
  // Every alias in the table reaches its parameter.
  for (const auto& spec : mj::all_params())
    for (auto alias : spec.aliases)
      if (!alias.empty()) CHECK(mj::find_param(alias) == &spec);
}

TEST_CASE("midjourney: unknown parameters suggest a close name") {
  auto message = [](std::string_view input) {
    const Parsed p = parse(input);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == Code::UnknownParameter);
    return p.diags[0].message;
  };
  CHECK(message("a cat --upligh").find("did you mean --uplight?") != std::string::npos);
  CHECK(message("a cat --chaoss 5").find("did you mean --chaos?") != std::string::npos);
  CHECK(message("a cat --asp 9:20").find("did you mean --aspect?") != std::string::npos);
  CHECK(message("a cat --zineq").find("did you mean") == std::string::npos);
  CHECK(ext(parse("a cat --chaoss 5").ir) == R"({"unknown":{"chaoss":"5"}})");
}

TEST_CASE("midjourney: spans are byte offsets into the text") {
  const std::string input = "https://a.com/x.png red fox::2 snowy forest --no text";
  const Parsed p = parse(input);
  REQUIRE(p.ir.subject.size() == 2);
  const Span fox = *p.ir.subject[0].span;
  CHECK(input.substr(fox.begin, fox.end - fox.begin) == "red fox");
  const Span neg = *p.ir.negative.at(0).span;
  CHECK(input.substr(neg.begin, neg.end - neg.begin) == "text");
  const Span url = *p.ir.references.at(0).span;
  CHECK(input.substr(url.begin, url.end - url.begin) == "https://a.com/x.png");
  const Parsed im = parse("/imagine prompt: a cat");
  CHECK(im.ir.subject.at(0).span->begin == 17);
}

namespace {

std::vector<std::string> expand(std::string_view text, Diagnostics* out = nullptr) {
  Diagnostics d;
  auto records = dialect().expand(text, d);
  if (out) *out = d;
  return records;
}

}  // namespace

TEST_CASE("midjourney: permutations") {
  Diagnostics d;
  CHECK(expand("a {red, green} bird", &d) ==
        std::vector<std::string>{"a red bird", "a green bird"});
  CHECK(diag_set(d) == "permutation-expanded {red, green}");
  CHECK(d.at(0).severity == Severity::Info);
  CHECK(expand("a {red, green} {cat, dog}") ==
        std::vector<std::string>{"a red cat", "a red dog", "a green cat", "a green dog"});
  CHECK(expand("a {big {red, blue}, small} ball") ==
        std::vector<std::string>{"a big red ball", "a big blue ball", "a small ball"});
  CHECK(expand(R"(a {salt\, pepper, sugar} shaker)") ==
        std::vector<std::string>{"a salt, pepper shaker", "a sugar shaker"});
  CHECK(expand("cat --ar {16:9, 1:1}") ==
        std::vector<std::string>{"cat --ar 16:9", "cat --ar 1:1"});
  CHECK(expand("cat::{1, 2} dog") == std::vector<std::string>{"cat::1 dog", "cat::2 dog"});
  CHECK(expand("no braces here", &d) == std::vector<std::string>{"no braces here"});
  CHECK(d.empty());
  // Dynamic-prompts syntax belongs to no platform: kept byte for byte.
  CHECK(expand("{a|b} cat", &d) == std::vector<std::string>{"{a|b} cat"});
  CHECK(d.empty());
  CHECK(expand("a {red, green bird", &d) == std::vector<std::string>{"a {red, green bird"});
  CHECK(diag_set(d) == "unbalanced-bracket {");
  CHECK(expand("a red} bird", &d) == std::vector<std::string>{"a red} bird"});
  CHECK(diag_set(d) == "unbalanced-bracket }");
  // 7 x 7 = 49 jobs: over Midjourney's 40, cut with a warning.
  const auto many = expand("{1, 2, 3, 4, 5, 6, 7} {a, b, c, d, e, f, g}", &d);
  CHECK(many.size() == 40);
  CHECK(many.front() == "1 a");
  CHECK(many.back() == "6 e");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == Code::PermutationExpanded);
  CHECK(d[0].severity == Severity::Warning);
  const std::string deep = std::string(20, '{') + "a, b" + std::string(20, '}');
  CHECK(expand(deep, &d) == std::vector<std::string>{deep});
  CHECK(diag_set(d) == "invalid-input {");
}

TEST_CASE("midjourney: detect") {
  CHECK(dialect().detect("a cat --ar 16:9") >= 0.9);
  CHECK(dialect().detect("a cat —ar 16:9") >= 0.9);
  CHECK(dialect().detect("a cat --no dogs") >= 0.9);
  CHECK(dialect().detect("watercolor—ar 9:16") >= 0.9);
  CHECK(dialect().detect("hot::2 dog") >= 0.85);
  CHECK(dialect().detect("a {red, green} bird") == doctest::Approx(0.5));
  CHECK(dialect().detect("a red fox in the snow") <= 0.1);
  CHECK(dialect().detect("(masterpiece:1.2), 1girl, <lora:detail:0.8>") <= 0.1);
  CHECK(dialect().detect("a cat --ratio 16:9 --duration 5") <= 0.1);  // Seedance's inline flags
}

namespace {

struct Emit {
  Emitted out;
  Diagnostics diags;
};

Emit emit(const Prompt& ir, const Options& options = {}) {
  Emit e;
  e.out = dialect().emit(ir, options, e.diags);
  return e;
}

Term term(std::string text, double weight = 1.0) {
  return Term{std::move(text), weight, std::nullopt};
}

StyleTerm style(std::string text, StyleKind kind, double weight = 1.0) {
  StyleTerm t;
  t.text = std::move(text);
  t.kind = kind;
  t.weight = weight;
  return t;
}

}  // namespace

TEST_CASE("midjourney: emit canonical form") {
  Prompt ir;
  ir.subject = {term("red fox", 2), term("snowy forest")};
  ir.style = {style("watercolor", StyleKind::Medium)};
  ir.negative = {term("text")};
  ir.params.aspect_ratio = "16:9";
  ir.extensions["midjourney"]["chaos"] = 20;
  Emit e = emit(ir);
  CHECK(e.out.prompt == "red fox::2 snowy forest, watercolor --ar 16:9 --chaos 20 --no text");
  CHECK(e.out.text == e.out.prompt);
  CHECK(e.out.request == nlohmann::json{{"prompt", e.out.prompt}});
  CHECK(e.diags.empty());

  SUBCASE("all weights 1: no ::") {
    Prompt p;
    p.subject = {term("a cat"), term("a hat")};
    CHECK(emit(p).out.prompt == "a cat, a hat");
  }
  SUBCASE("ratios are reduced, odd ones kept, decimals made whole") {
    Prompt p;
    p.subject = {term("x")};
    p.params.aspect_ratio = "1920:1080";
    CHECK(emit(p).out.prompt == "x --ar 16:9");
    p.params.aspect_ratio = "13:19";
    CHECK(emit(p).out.prompt == "x --ar 13:19");
    p.params.aspect_ratio = "2.39:1";
    CHECK(emit(p).out.prompt == "x --ar 239:100");
  }
  SUBCASE("pixel sizes become --ar") {
    Prompt p;
    p.subject = {term("x")};
    p.params.width = 1344;
    p.params.height = 768;
    const Emit s = emit(p);
    CHECK(s.out.prompt == "x --ar 7:4");
    CHECK(diag_set(s.diags) ==
          "approximated-parameter params.height; approximated-parameter params.width");
  }
  SUBCASE("parameters in one stable order") {
    Prompt p;
    p.subject = {term("x")};
    p.params.aspect_ratio = "3:2";
    p.params.seed = 42;
    auto& m = p.extensions["midjourney"];
    m = {{"tile", true}, {"chaos", 20}, {"stylize", 250}, {"version", "6.1"}, {"weird", 100},
         {"quality", 2}, {"stop", 50},  {"exp", 10},      {"repeat", 2},      {"draft", false}};
    CHECK(emit(p).out.prompt ==
          "x --ar 3:2 --v 6.1 --stylize 250 --chaos 20 --weird 100 --quality 2 --seed 42 --stop 50 "
          "--tile --exp 10 --repeat 2");
  }
  SUBCASE("negatives: weight 1 in --no, others as negative weights") {
    Prompt p;
    p.subject = {term("a")};
    p.negative = {term("x", 2), term("y")};
    CHECK(emit(p).out.prompt == "a:: x::-1 --no y");
  }
  SUBCASE("references") {
    Prompt p;
    p.subject = {term("cat")};
    p.references = {{ReferenceKind::Image, "https://a/1.png", 1.5, std::nullopt},
                    {ReferenceKind::Style, "https://s/x.png", 2, std::nullopt},
                    {ReferenceKind::Style, "123", std::nullopt, std::nullopt},
                    {ReferenceKind::Character, "https://c/1.png", 50, std::nullopt},
                    {ReferenceKind::Omni, "https://o/1.png", std::nullopt, std::nullopt},
                    {ReferenceKind::Omni, "https://o/2.png", std::nullopt, std::nullopt}};
    const Emit s = emit(p);
    CHECK(s.out.prompt ==
          "https://a/1.png cat --iw 1.5 --sref https://s/x.png::2 123 --cref https://c/1.png --cw "
          "50 --oref https://o/1.png");
    CHECK(diag_set(s.diags) == "dropped-reference references");
  }
  SUBCASE("unknown parameters are written back as they were") {
    Prompt p;
    p.subject = {term("x")};
    p.extensions["midjourney"]["unknown"] = {{"zineq", true}, {"asp", "9:20"}};
    CHECK(emit(p).out.prompt == "x --asp 9:20 --zineq");
  }
}

TEST_CASE("midjourney: emit reports what it cannot carry") {
  Prompt ir;
  ir.source = Source{"kling", "..."};
  ir.subject = {term("a fox", 1.3), term("snow")};
  ir.camera.moves = {CameraMove{"dolly-in", "slow", std::nullopt}};
  ir.motion = {term("the fox turns its head")};
  ir.motion_intensity = "high";
  ir.params.steps = 30;
  ir.params.guidance = 7;
  ir.params.duration_s = 5;
  ir.params.seed = 5000000000;
  ir.loras = {Lora{"detail", 0.8}};
  ir.audio.sfx = {"wind"};
  ir.extensions["sd"]["sampler"] = "Euler a";
  const Emit e = emit(ir);
  CHECK(e.out.prompt == "a fox::1.3 snow");
  CHECK(diag_set(e.diags) ==
        "approximated-weight subject; dropped-audio audio; dropped-lora loras; dropped-motion "
        "camera.moves; dropped-motion motion; dropped-motion motion_intensity; dropped-parameter "
        "extensions.sd.sampler; dropped-parameter params.duration_s; dropped-parameter "
        "params.guidance; dropped-parameter params.seed; dropped-parameter params.steps");
}

TEST_CASE("midjourney: emit from another platform's IR") {
  Prompt ir;
  ir.source = Source{"flux", "..."};
  ir.subject = {term("A fox made of folded paper")};
  ir.style = {style("Ernst Haeckel", StyleKind::Artist), style("by Moebius", StyleKind::Artist),
              style("baroque", StyleKind::Movement)};
  ir.extensions["flux"]["raw"] = true;
  const Emit e = emit(ir);
  // A bare artist name would read as a subject in Midjourney: "by" keeps it an artist.
  CHECK(e.out.prompt ==
        "A fox made of folded paper, by Ernst Haeckel, by Moebius, baroque --style raw");
  CHECK(diag_set(e.diags) == "approximated-parameter extensions.flux.raw");
  ir.extensions["flux"]["raw"] = false;
  const Emit plain = emit(ir);
  CHECK(plain.out.prompt == "A fox made of folded paper, by Ernst Haeckel, by Moebius, baroque");
  CHECK(plain.diags.empty());
}

TEST_CASE("midjourney: emit options") {
  Prompt ir;
  ir.subject = {term("x")};
  CHECK(emit(ir).out.prompt == "x");  // no version unless asked or present
  CHECK(emit(ir, {{"version", "7"}}).out.prompt == "x --v 7");
  ir.extensions["midjourney"]["version"] = "6";
  CHECK(emit(ir).out.prompt == "x --v 6");
  const Emit replaced = emit(ir, {{"version", "7"}});
  CHECK(replaced.out.prompt == "x --v 7");
  CHECK(diag_set(replaced.diags) == "approximated-parameter extensions.midjourney.version");
  CHECK(diag_set(emit(ir, {{"version", "9"}}).diags) == "invalid-value version");

  // By default the writer writes what Midjourney takes today; legacy=keep writes it as read.
  const Parsed old = parse("a ship --w 3340 --h 1440 --uplight");
  const Emit current = emit(old.ir);
  CHECK(current.out.prompt == "a ship --ar 167:72");
  CHECK(diag_set(current.diags) ==
        "approximated-parameter params.height; approximated-parameter params.width; "
        "dropped-parameter extensions.midjourney.uplight");
  const Emit kept = emit(old.ir, {{"legacy", "keep"}});
  CHECK(kept.out.prompt == "a ship --w 3340 --h 1440 --uplight");
  CHECK(kept.diags.empty());
  CHECK(diag_set(emit(old.ir, {{"legacy", "maybe"}}).diags) ==
        "approximated-parameter params.height; approximated-parameter params.width; "
        "dropped-parameter extensions.midjourney.uplight; invalid-value legacy");
}

TEST_CASE("midjourney: emit fits values to the version written") {
  auto out = [](std::string_view input, const Options& options = {}) {
    const Parsed p = parse(input);
    const Emit e = emit(p.ir, options);
    return e.out.prompt + " | " + diag_set(e.diags);
  };
  CHECK(out("x --chaos 150 --stylize 5000") ==
        "x --stylize 1000 --chaos 100 | snapped-value extensions.midjourney.chaos; snapped-value "
        "extensions.midjourney.stylize");
  // v7 quality is 1, 2 or 4: 3 is as near 2 as 4, the lower one is taken; v6 takes .5.
  CHECK(out("x --q 3") == "x --quality 2 | snapped-value extensions.midjourney.quality");
  CHECK(out("x --q .5 --v 6") == "x --v 6 --quality 0.5 | ");
  CHECK(out("x --q .5", {{"version", "7"}}) ==
        "x --v 7 --quality 1 | snapped-value extensions.midjourney.quality");
  CHECK(out("https://a.com/1.png x --iw 5") ==
        "https://a.com/1.png x --iw 3 | snapped-value extensions.midjourney.iw");
  CHECK(out("x --v 9 --style gothic --seed -3 --motion medium") ==
        "x | dropped-parameter extensions.midjourney.motion; dropped-parameter "
        "extensions.midjourney.seed; dropped-parameter extensions.midjourney.style; "
        "dropped-parameter extensions.midjourney.version");
  CHECK(out("x --ar 1.5:1") == "x --ar 3:2 | approximated-parameter extensions.midjourney.aspect");
  CHECK(out("x --ar wide") == "x | dropped-parameter extensions.midjourney.aspect");
  CHECK(out("x --hd --test --zineq") ==
        "x --zineq | dropped-parameter extensions.midjourney.hd; dropped-parameter "
        "extensions.midjourney.test");
  // The same prompts as read, for archives: nothing changed, nothing reported.
  CHECK(out("x --chaos 150 --v 9 --ar 1.5:1 --hd", {{"legacy", "keep"}}) ==
        "x --ar 1.5:1 --v 9 --chaos 150 --hd | ");
}

TEST_CASE("midjourney: camera words are written as short tags that read back") {
  for (const char* angle : {"eye-level", "low-angle", "high-angle", "overhead", "worms-eye",
                            "dutch", "over-the-shoulder", "pov"}) {
    CAPTURE(angle);
    Prompt ir;
    ir.subject = {term("a lighthouse")};
    ir.camera.angle = angle;
    CHECK(parse(emit(ir).out.prompt).ir.camera.angle == angle);
  }
  Prompt ir;
  ir.subject = {term("a jazz singer")};
  ir.camera.shot = "close-up";
  ir.camera.angle = "low-angle";
  ir.camera.lens = "35mm";
  CHECK(emit(ir).out.prompt == "a jazz singer, close-up shot, low angle, 35mm");
}

TEST_CASE("midjourney: source order is kept when terms have spans") {
  const Parsed p = parse("8k, a cat::2 watercolor, close up, 35mm");
  CHECK(emit(p.ir).out.prompt.rfind("8k, a cat::2 watercolor", 0) == 0);
}

TEST_CASE("midjourney: round trips") {
  const char* inputs[] = {
      "red fox::2 snowy forest, watercolor --ar 16:9 --no text --chaos 20",
      "a red fox in deep snow, watercolor::2 --ar 3:2 --no text --chaos 20",
      "tulips:: red::-.5 yellow::-1 --no blue",
      "https://a.com/1.png https://a.com/2.png a cat --iw 0.5 --v 6.1 --style raw",
      "a cat --sref https://a.com/s.png::2 123 random --sw 50 --sv 4 --cref https://a.com/c.png "
      "--cw 20 --p abc1234",
      "https://a.com/1.png a cat --oref https://a.com/o.png --ow 200 --exp 10 --draft --turbo",
      "https://a.com/s.png sea waves --video --motion high --loop --raw --bs 2 --end "
      "https://a.com/e.png",
      "a ship --w 3340 --h 1440 --uplight --test",
      "a ship --w 600 --hd --stop 80",
      "1 --sameseed 15205 --video",
      "a cat --foo bar --zineq --chaos 150 --ar 1.5:1 --seed -3",
      "—ar 188:164 vertical gradient, texture, geometric patterns",
      "sea--ar 16:9,8k, High res",
      "close up portrait of a woman, 35mm lens, low angle, wide shot, slow dolly in",
      "a cat, low angle, close up::2, wide shot, fisheye lens, f/1.8",
      "a cat, from a worm's-eye view, extreme wide shot",
      "cloudscape ::1 monochrome blue and white risograph print ::1 --vertical",
      "a::0 b::-0.3333333 c",
      "beautiful blue girl wearing fur coat, <https://s.mj.run/R7e_cUJVpWg>",
      "--uplight",
      "",
  };
  const Options keep{{"legacy", "keep"}};
  for (const char* input : inputs) {
    CAPTURE(input);
    // As read (archival): always the same IR back, and a fixed point.
    const Parsed first = parse(input, keep);
    const Emit once = emit(first.ir, keep);
    const Parsed second = parse(once.out.prompt, keep);
    CHECK(same_content(first.ir, second.ir));
    CHECK(emit(second.ir, keep).out.prompt == once.out.prompt);
    // Current Midjourney: the same IR back whenever the writer changed nothing.
    const Emit current = emit(first.ir);
    if (current.diags.empty()) CHECK(same_content(first.ir, parse(current.out.prompt).ir));
  }
}

namespace {

// A --name written in the source is carried when the output has it (or its canonical
// spelling), or a diagnostic names it.
bool carried(std::string_view name, const std::string& output, const Diagnostics& diags) {
  std::vector<std::string> spellings{"--" + std::string(name)};
  if (const mj::ParamSpec* spec = mj::find_param(name)) {
    spellings.emplace_back(spec->emit_as.empty() ? "--" + std::string(spec->key)
                                                 : std::string(spec->emit_as));
    if (spec->key == "weird") spellings.emplace_back("--w");  // 2022 width
  }
  for (const auto& s : spellings)
    if (output.find(s + " ") != std::string::npos ||
        (output.size() >= s.size() && output.compare(output.size() - s.size(), s.size(), s) == 0))
      return true;
  for (const auto& d : diags)
    if (d.field.find(name) != std::string::npos ||
        d.message.find("--" + std::string(name)) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("midjourney: every real 2022 prompt") {
  const std::string path = testing::real_data_file("midjourney-2022.txt");
  if (path.empty()) {
    MESSAGE("midjourney-2022.txt not found (set PROMPTPORT_DATA_DIR); skipped");
    return;
  }
  std::ifstream in(path);
  std::string line;
  std::size_t lines = 0, records = 0, round_trip_failures = 0, uncarried = 0;
  std::map<std::string, std::size_t> codes;
  while (std::getline(in, line)) {
    ++lines;
    Diagnostics diags;
    for (const std::string& record : dialect().expand(line, diags)) {
      ++records;
      Prompt ir = dialect().parse(record, {}, diags);
      const Emitted out = dialect().emit(ir, {}, diags);
      for (const auto& d : diags) ++codes[std::string(code_name(d.code))];
      Diagnostics again;
      const Options keep{{"legacy", "keep"}};
      const Emitted archived = dialect().emit(ir, keep, again);
      if (!same_content(ir, dialect().parse(archived.prompt, keep, again))) {
        ++round_trip_failures;
        CAPTURE(record);
        CAPTURE(archived.prompt);
        CHECK(round_trip_failures == 0);
      }
      for (std::size_t i = 0; i < record.size(); ++i) {
        std::size_t dash = 0;
        if (record.compare(i, 2, "--") == 0)
          dash = 2;
        else if (record.compare(i, 3, "\xE2\x80\x94") == 0 ||
                 record.compare(i, 3, "\xE2\x80\x93") == 0)
          dash = 3;
        if (!dash || (i > 0 && record[i - 1] != ' ')) continue;
        std::size_t j = i + dash;
        std::string name;
        while (j < record.size() && std::isalnum(static_cast<unsigned char>(record[j])))
          name += static_cast<char>(std::tolower(static_cast<unsigned char>(record[j++])));
        if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) continue;
        std::string letters = name;  // a glued value ("—w750") is read as --w 750
        while (!letters.empty() && !std::isalpha(static_cast<unsigned char>(letters.back())))
          letters.pop_back();
        if (!carried(name, out.prompt, diags) && !carried(letters, out.prompt, diags)) {
          ++uncarried;
          CAPTURE(record);
          CAPTURE(out.prompt);
          CHECK(name == "");
        }
      }
      diags.clear();
    }
  }
  std::string summary =
      "records " + std::to_string(records) + " from " + std::to_string(lines) + " lines:";
  for (const auto& [code, n] : codes) summary += " " + code + "=" + std::to_string(n);
  MESSAGE(summary);
  CHECK(lines == 12668);
  CHECK(records >= lines);
  CHECK(round_trip_failures == 0);
  CHECK(uncarried == 0);
}
