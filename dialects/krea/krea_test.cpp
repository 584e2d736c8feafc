// Unit tests of the Krea proxy: -O model= picks the dialect, parse and emit are that
// dialect's, the request is its body under Krea's endpoint, unknown models fall back to Flux.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "krea/krea_internal.h"
#include "promptport/promptport.h"

namespace {

using namespace promptport;

const Dialect& krea() { return *builtin_registry().find("krea"); }
const Dialect& dialect(std::string_view name) { return *builtin_registry().find(name); }

std::size_t count(const Diagnostics& diags, Code code, std::string_view field) {
  return static_cast<std::size_t>(std::count_if(diags.begin(), diags.end(), [&](const auto& d) {
    return d.code == code && d.field == field;
  }));
}

Prompt sample() {
  Prompt ir;
  ir.subject = {Term{"a neon sign that reads \"OPEN LATE\" above a noodle bar", 1.0, {}}};
  StyleTerm s;
  s.text = "watercolor";
  s.kind = StyleKind::Medium;
  ir.style = {s};
  ir.negative = {Term{"people", 1.0, {}}};
  ir.params.aspect_ratio = "3:2";
  ir.params.seed = 42;
  return ir;
}

// Krea's output is the underlying dialect's, its request wrapped with the endpoint; the
// diagnostics are the same (plus `extra` before them, from Krea itself).
void check_same_emit(const Options& options, std::string_view underlying, std::string_view endpoint,
                     std::size_t extra = 0) {
  const Prompt ir = sample();
  Diagnostics kd, ud;
  const Emitted k = krea().emit(ir, options, kd);
  Options rest = options;
  rest.erase("model");
  const Emitted u = dialect(underlying).emit(ir, rest, ud);
  CHECK(k.prompt == u.prompt);
  CHECK(k.negative_prompt == u.negative_prompt);
  CHECK(k.text == u.text);
  CHECK(k.request == nlohmann::json{{"endpoint", endpoint}, {"body", u.request}});
  REQUIRE(kd.size() == ud.size() + extra);
  for (std::size_t i = 0; i < ud.size(); ++i) {
    CHECK(kd[extra + i].code == ud[i].code);
    CHECK(kd[extra + i].field == ud[i].field);
  }
}

TEST_CASE("krea: by default it writes Flux under Krea's flux-1.1-pro endpoint") {
  check_same_emit({}, "flux", "/generate/image/bfl/flux-1.1-pro");
  check_same_emit({{"model", "flux"}}, "flux", "/generate/image/bfl/flux-1.1-pro");
}

TEST_CASE("krea: -O model=ideogram writes Ideogram under Krea's ideogram-3 endpoint") {
  check_same_emit({{"model", "ideogram"}}, "ideogram", "/generate/image/ideogram/ideogram-3");
  check_same_emit({{"model", "IDEOGRAM"}}, "ideogram", "/generate/image/ideogram/ideogram-3");
  Diagnostics diags;
  const Emitted out = krea().emit(sample(), {{"model", "ideogram"}}, diags);
  CHECK(out.request["body"]["aspect_ratio"] == "3x2");
  CHECK(out.request["body"]["magic_prompt"] == "OFF");
}

TEST_CASE("krea: other options go to the underlying dialect, model stays Krea's") {
  check_same_emit({{"model", "ideogram"}, {"speed", "turbo"}}, "ideogram",
                  "/generate/image/ideogram/ideogram-3");
  Diagnostics diags;
  const Emitted out = krea().emit(sample(), {{"model", "ideogram"}, {"speed", "turbo"}}, diags);
  CHECK(out.request["body"]["rendering_speed"] == "TURBO");
}

TEST_CASE("krea: the video models it proxies") {
  check_same_emit({{"model", "kling"}}, "kling", "/generate/video/kling/kling-2.1");
  check_same_emit({{"model", "veo"}}, "veo", "/generate/video/google/veo-3.1");
  check_same_emit({{"model", "runway"}}, "runway", "/generate/video/runway/gen-4-video");
  check_same_emit({{"model", "luma"}}, "luma", "/generate/video/luma/ray-2");
}

TEST_CASE("krea: an unknown model is an invalid-value warning and Flux is written") {
  for (const char* model : {"midjourney", "sd", "nonsense", "krea", ""}) {
    CAPTURE(model);
    Diagnostics diags;
    krea().emit(sample(), {{"model", model}}, diags);
    CHECK(count(diags, Code::InvalidValue, "model") == 1);
    check_same_emit({{"model", model}}, "flux", "/generate/image/bfl/flux-1.1-pro", 1);
  }
}

TEST_CASE("krea: a Krea model whose dialect is not built in falls back to Flux, else is used") {
  // hailuo, wan, seedance, imagen and dalle are Krea models; other branches add their
  // dialects. Either way the result is well defined.
  for (const krea::Model& m : krea::models()) {
    CAPTURE(m.dialect);
    const Dialect* d = builtin_registry().find(m.dialect);
    if (d)
      check_same_emit({{"model", std::string(m.dialect)}}, m.dialect, m.endpoint);
    else
      check_same_emit({{"model", std::string(m.dialect)}}, "flux",
                      "/generate/image/bfl/flux-1.1-pro", 1);
  }
}

TEST_CASE("krea: parse is the underlying dialect's") {
  const std::string flux_text = "A red fox in deep snow. Rendered in watercolor.\nSeed: 5";
  Diagnostics kd, fd;
  CHECK(same_content(krea().parse(flux_text, {}, kd), dialect("flux").parse(flux_text, {}, fd)));
  CHECK(kd.size() == fd.size());
  const std::string ideogram_text =
      "a poster with the words \"GRAND OPENING, TODAY\", confetti\nStyle type: GENERAL";
  Diagnostics id, ud;
  const Prompt k = krea().parse(ideogram_text, {{"model", "ideogram"}}, id);
  const Prompt u = dialect("ideogram").parse(ideogram_text, {}, ud);
  CHECK(same_content(k, u));
  REQUIRE(k.subject.size() == 2);
  CHECK(k.subject[0].text == "a poster with the words \"GRAND OPENING, TODAY\"");
  Diagnostics bad;
  krea().parse("a cat", {{"model", "pika-9"}}, bad);
  CHECK(count(bad, Code::InvalidValue, "model") == 1);
}

TEST_CASE("krea: never detected; says it is a proxy and what -O model= does") {
  for (const char* text : {"a red fox", "a fox --ar 3:2", "A red fox.\nMagic prompt: OFF",
                           "a poster with the words \"SALE\""}) {
    CAPTURE(text);
    CHECK(krea().detect(text) == 0);
  }
  CHECK(std::string(krea().summary()).find("proxy") != std::string::npos);
  CHECK(std::string(krea().summary()).find("-O model=") != std::string::npos);
  const auto options = krea().options();
  REQUIRE(options.size() == 1);
  CHECK(options[0].name == "model");
  CHECK(options[0].default_value == "flux");
  CHECK(options[0].values.substr(0, 14) == "flux|ideogram|");
  CHECK(options[0].values.find("krea") == std::string::npos);
  // Its capabilities are the default model's.
  const Capabilities k = krea().capabilities(), f = dialect("flux").capabilities();
  CHECK(k.negative_prompt == f.negative_prompt);
  CHECK(k.max_prompt_tokens == f.max_prompt_tokens);
}

TEST_CASE("krea: translate() from and to krea") {
  TranslateOptions opts;
  opts.from = "midjourney";
  opts.to = "krea";
  opts.options = {{"model", "ideogram"}};
  CHECK(check_options(builtin_registry(), opts).empty());
  const auto records =
      translate(builtin_registry(), "a bakery sign that says \"FRESH, HOT\" --ar 16:9", opts);
  REQUIRE(records.size() == 1);
  CHECK(records[0].out.prompt == "a bakery sign that says \"FRESH, HOT\"");
  CHECK(records[0].out.request["endpoint"] == "/generate/image/ideogram/ideogram-3");
  CHECK(records[0].out.request["body"]["aspect_ratio"] == "16x9");
}

}  // namespace
