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
