// Tests of the helpers for weighted-run dialects: placing runs, phrases, weight conversion,
// and the inline-syntax convention in loss accounting.
#include <doctest/doctest.h>

#include "promptport/kit.h"

using namespace promptport;

namespace {

kit::WeightedRun run(std::string text, double weight, std::uint32_t begin) {
  const auto end = begin + static_cast<std::uint32_t>(text.size());
  return {std::move(text), weight, Span{begin, end}};
}

}  // namespace

TEST_CASE("place_runs: runs inside one comma fragment become joined terms of one slot") {
  // "a (red:1.3) fox, watercolor"
  Prompt ir;
  kit::place_runs(ir, {run("a ", 1, 0), run("red", 1.3, 3), run(" fox, watercolor", 1, 11)});
  REQUIRE(ir.subject.size() == 3);
  CHECK(ir.subject[0].text == "a");
  CHECK_FALSE(ir.subject[0].joined);
  CHECK(ir.subject[1].text == "red");
  CHECK(ir.subject[1].weight == doctest::Approx(1.3));
  CHECK(ir.subject[1].joined);
  CHECK(ir.subject[2].text == "fox");
  CHECK(ir.subject[2].joined);
  CHECK(ir.subject[2].span == Span{12, 15});
  REQUIRE(ir.style.size() == 1);
  CHECK(ir.style[0].text == "watercolor");
  CHECK(ir.style[0].kind == StyleKind::Medium);
  CHECK_FALSE(ir.style[0].joined);
}

TEST_CASE("place_runs: a weighted run spanning commas gives one term per fragment") {
  Prompt ir;
  kit::place_runs(ir, {run("red fox, snowy forest", 1.2, 1)});
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[0].weight == doctest::Approx(1.2));
  CHECK(ir.subject[1].weight == doctest::Approx(1.2));
  CHECK_FALSE(ir.subject[1].joined);
  CHECK(ir.subject[1].span == Span{10, 22});
}

TEST_CASE("place_runs: line breaks separate fragments; blank runs add nothing") {
  Prompt ir;
  kit::place_runs(ir, {run("castle\n", 1, 0), run("  ", 1.1, 7), run("moat", 1, 9)});
  REQUIRE(ir.subject.size() == 2);
  CHECK(ir.subject[0].text == "castle");
  CHECK(ir.subject[1].text == "moat");
  CHECK_FALSE(ir.subject[1].joined);
}

TEST_CASE("place_runs: a run whose text differs from its source keeps the whole span") {
  // "\(x\)" reads as "(x)": the piece cannot be located byte for byte.
  Prompt ir;
  kit::place_runs(ir, {kit::WeightedRun{"(x)", 1, Span{0, 5}}});
  REQUIRE(ir.subject.size() == 1);
  CHECK(ir.subject[0].span == Span{0, 5});
}

TEST_CASE("phrases and merge_joined read joined terms back as one phrase") {
  Prompt ir;
  ir.subject = {Term{"a", 1, std::nullopt, false}, Term{"red", 1.3, std::nullopt, true},
                Term{"fox", 1, std::nullopt, true}, Term{"forest", 0.9, std::nullopt, false}};
  const auto ps = kit::phrases(ir.subject);
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].text == "a red fox");
  CHECK(ps[0].mixed);
  CHECK(ps[0].weight == doctest::Approx(1.3));
  CHECK(ps[0].count == 3);
  CHECK(ps[1].first == 3);
  CHECK_FALSE(ps[1].mixed);
  const auto merged = kit::merge_joined(ir);
  REQUIRE(merged);
  REQUIRE(merged->subject.size() == 2);
  CHECK(merged->subject[0].text == "a red fox");
  CHECK_FALSE(kit::merge_joined(*merged));
}

TEST_CASE("convert_weight: Midjourney ::w and token scale weights, both ways") {
  using kit::convert_weight;
  constexpr auto R = WeightModel::Relative, S = WeightModel::Scale, N = WeightModel::None;
  CHECK(convert_weight(2, R, S) == doctest::Approx(1.3));
  CHECK(convert_weight(0.5, R, S) == doctest::Approx(0.7));
  CHECK(convert_weight(100, R, S) == doctest::Approx(1.6));  // clamped
  CHECK(convert_weight(1.3, S, R) == doctest::Approx(2));
  CHECK(convert_weight(1.1, S, R) == doctest::Approx(1.3));
  CHECK(convert_weight(1.65, S, S) == doctest::Approx(1.65));
  CHECK(convert_weight(1.2, N, S) == doctest::Approx(1.2));
  CHECK(convert_weight(-0.5, S, R) == doctest::Approx(-0.5));
  // Round trips stay put at the written precision.
  CHECK(convert_weight(convert_weight(3, R, S), S, R) == doctest::Approx(3));
}

TEST_CASE("report_uncarried: another dialect's inline syntax is approximated, not dropped") {
  Prompt ir;
  ir.subject = {Term{"dog", 1, std::nullopt, false}};
  ir.extensions["sd"]["inline"] = nlohmann::json::array(
      {{{"field", "subject"}, {"index", 0}, {"syntax", "[cat:dog:0.5]"}, {"text", "dog"}},
       {{"field", "subject"}, {"index", 1}, {"syntax", "BREAK"}, {"text", ""}}});
  ir.extensions["sd"]["sampler"] = "Euler a";
  Diagnostics diags;
  kit::report_uncarried(ir, {"subject"}, "Flux", diags);
  REQUIRE(diags.size() == 3);
  int approximated = 0, dropped = 0;
  for (const auto& d : diags) {
    if (d.code == Code::ApproximatedSyntax && d.field == "extensions.sd.inline") ++approximated;
    if (d.code == Code::DroppedParameter && d.field == "extensions.sd.sampler") ++dropped;
  }
  CHECK(approximated == 2);
  CHECK(dropped == 1);
  diags.clear();
  kit::report_uncarried(ir, {"subject", "extensions.sd"}, "Stable Diffusion", diags);
  CHECK(diags.empty());
}

namespace {

Term at(std::string text, std::uint32_t begin, bool joined = false) {
  const auto end = begin + static_cast<std::uint32_t>(text.size());
  return Term{std::move(text), 1, Span{begin, end}, joined};
}

StyleTerm style_at(std::string text, std::uint32_t begin) {
  StyleTerm t;
  static_cast<Term&>(t) = at(std::move(text), begin);
  return t;
}

// "S0" = subject 0, "C1" = camera term 1, "shot", "angle", "lens", "M0" = move 0.
std::string order_of(const Prompt& ir, const kit::OrderOptions& options = {}) {
  std::string out;
  for (const kit::Placed& p : kit::writing_order(ir, options)) {
    using Kind = kit::Placed::Kind;
    if (!out.empty()) out += ' ';
    switch (p.kind) {
      case Kind::Subject:
        out += "S" + std::to_string(p.index);
        break;
      case Kind::Style:
        out += "Y" + std::to_string(p.index);
        break;
      case Kind::CameraTerm:
        out += "C" + std::to_string(p.index);
        break;
      case Kind::Shot:
        out += "shot";
        break;
      case Kind::Angle:
        out += "angle";
        break;
      case Kind::Lens:
        out += "lens";
        break;
      case Kind::Move:
        out += "M" + std::to_string(p.index);
        break;
    }
    if (p.count != 1) out += "x" + std::to_string(p.count);
  }
  return out;
}

}  // namespace

TEST_CASE("writing_order: by source position when all terms have spans, else by field") {
  // "bokeh, a fox, watercolor, 35mm film grain, close-up, in snow": close-up became
  // camera.shot, which has no span; the camera terms start at "bokeh".
  Prompt ir;
  ir.subject = {at("a fox", 7), at("in snow", 50)};
  ir.style = {style_at("watercolor", 14)};
  ir.camera.terms = {at("35mm film grain", 26), at("bokeh", 0)};
  ir.camera.shot = "close-up";
  ir.camera.lens = "35mm";
  ir.camera.angle = "low-angle";
  CHECK(kit::source_ordered(ir));
  CHECK(order_of(ir) == "shot angle lens C1 S0 Y0 C0 S1");
  // A term added by hand has no position: the field order is used for all.
  ir.subject.push_back(Term{"added by hand", 1, std::nullopt, false});
  CHECK_FALSE(kit::source_ordered(ir));
  CHECK(order_of(ir) == "S0 S1 S2 Y0 shot angle lens C0 C1");
}

TEST_CASE("writing_order: slots go last without camera terms; ties keep insertion order") {
  Prompt ir;
  ir.subject = {at("fox", 5), at("cat", 5)};
  ir.style = {style_at("ink", 5), style_at("oil", 1)};
  ir.camera.angle = "overhead";
  CHECK(order_of(ir) == "Y1 S0 S1 Y0 angle");
  ir.camera.terms = {at("grain", 5)};
  CHECK(order_of(ir) == "Y1 angle S0 S1 Y0 C0");  // a slot before a term at its position
  CHECK(order_of(Prompt{}).empty());
}

TEST_CASE("writing_order: phrases of joined terms, and camera moves when asked") {
  // "a (red:1.3) fox, slow dolly in, bokeh"
  Prompt ir;
  ir.subject = {at("a", 0), at("red", 3, true), at("fox", 8, true)};
  ir.camera.terms = {at("bokeh", 32)};
  ir.camera.moves = {CameraMove{"dolly-in", "slow", Span{17, 30}}};
  CHECK(order_of(ir) == "S0 S1 S2 C0");
  kit::OrderOptions options;
  options.phrases = true;
  CHECK(order_of(ir, options) == "S0x3 C0");
  options.moves = true;
  CHECK(order_of(ir, options) == "S0x3 M0 C0");
  // A move without a span only takes the source order away when moves are written.
  ir.camera.moves[0].span.reset();
  CHECK(kit::source_ordered(ir));
  CHECK_FALSE(kit::source_ordered(ir, true));
  ir.subject[0].span = Span{40, 41};
  CHECK(order_of(ir, options) == "S0x3 C0 M0");
}
