// Tests of translate(): detection, expansion, UTF-8 pass-through, NFC, options and errors.
#include <doctest/doctest.h>

#include "fake_dialect.h"
#include "promptport/translate.h"

using namespace promptport;

TEST_CASE("translate parses with one dialect and emits with another") {
  const Registry r = testing::plain_registry();
  TranslateOptions opt;
  opt.from = "plain";
  opt.to = "other";
  const auto records = translate(r, "red fox, snow", opt);
  REQUIRE(records.size() == 1);
  const Record& rec = records[0];
  CHECK(rec.from->name() == "plain");
  CHECK(rec.to->name() == "other");
  CHECK_FALSE(rec.detected);
  CHECK(rec.out.prompt == "red fox, snow");
  REQUIRE(rec.ir.source);
  CHECK(rec.ir.source->dialect == "plain");
  CHECK(rec.ir.source->text == "red fox, snow");
  CHECK(rec.lossless());
  CHECK_FALSE(rec.has_error());
}

TEST_CASE("auto detection picks the most confident dialect, ties to the first registered") {
  const Registry r = testing::plain_registry();
  const Detection d = detect(r, "no marker");
  CHECK(d.dialect->name() == "plain");
  CHECK(d.confidence == doctest::Approx(0.1));
  TranslateOptions opt;
  opt.to = "other";
  const auto records = translate(r, "x!", opt);
  REQUIRE(records.size() == 1);
  CHECK(records[0].detected);
  CHECK(records[0].confidence == doctest::Approx(0.9));
}

TEST_CASE("expansion gives one record per variant; expansion diagnostics go to the first") {
  const Registry r = testing::plain_registry();
  TranslateOptions opt;
  opt.from = "plain";
  opt.to = "plain";
  const auto records = translate(r, "a {red|blue} fox", opt);
  REQUIRE(records.size() == 2);
  CHECK(records[0].out.prompt == "a red fox");
  CHECK(records[1].out.prompt == "a blue fox");
  REQUIRE(records[0].diags.size() == 1);
  CHECK(records[0].diags[0].code == Code::PermutationExpanded);
  CHECK(records[1].diags.empty());
}

TEST_CASE("invalid UTF-8 is an error and the text passes through unchanged") {
  const Registry r = testing::plain_registry();
  TranslateOptions opt;
  opt.from = "plain";
  opt.to = "other";
  const std::string bad = "fox \xFF\xFE snow";
  const auto records = translate(r, bad, opt);
  REQUIRE(records.size() == 1);
  CHECK(records[0].has_error());
  CHECK(records[0].out.prompt == bad);
  REQUIRE(records[0].diags.size() == 1);
  CHECK(records[0].diags[0].code == Code::InvalidUtf8);
  CHECK(records[0].diags[0].span == Span{4, 5});
}

TEST_CASE("text is normalised to NFC before parsing") {
  const Registry r = testing::plain_registry();
  TranslateOptions opt;
  opt.from = "plain";
  opt.to = "plain";
  const auto records = translate(r, "cafe\xCC\x81", opt);
  CHECK(records[0].out.prompt == "caf\xC3\xA9");
}

TEST_CASE("unknown dialects are usage errors with a suggestion") {
  const Registry r = testing::plain_registry();
  TranslateOptions opt;
  opt.from = "plain";
  opt.to = "othre";
  CHECK_THROWS_WITH_AS(translate(r, "x", opt), "unknown dialect 'othre' (did you mean 'other'?)",
                       UsageError);
  opt.to = "zzzzzzzz";
  CHECK_THROWS_WITH_AS(translate(r, "x", opt), "unknown dialect 'zzzzzzzz'", UsageError);
}

TEST_CASE("check_options accepts declared keys and suggests for typos") {
  const Registry r = testing::plain_registry();
  TranslateOptions opt;
  opt.from = "plain";
  opt.to = "other";
  opt.options = {{"model", "b"}};
  CHECK(check_options(r, opt).empty());
  opt.options = {{"model", "c"}};
  CHECK(check_options(r, opt) == "option model=c is not valid for plain (expected a|b)");
  opt.options = {{"modle", "b"}};
  CHECK(check_options(r, opt) == "unknown option 'modle' (did you mean 'model'?)");
  const auto records = translate(r, "x", TranslateOptions{"plain", "other", {{"model", "b"}}});
  CHECK(records[0].out.request["model"] == "b");
}

TEST_CASE("parse only: no target leaves the output empty") {
  const Registry r = testing::plain_registry();
  const auto records = translate(r, "a, b", TranslateOptions{"plain", "", {}});
  REQUIRE(records.size() == 1);
  CHECK(records[0].to == nullptr);
  CHECK(records[0].ir.subject.size() == 2);
  CHECK(records[0].out.prompt.empty());
}

TEST_CASE("every diagnostic span points into its own record's text (fuzz finding)") {
  // The permutation diagnostic pointed into the unexpanded line, past the end of the
  // shorter expanded record.
  const std::string line =
      "a {red, the end of the world stormy clouds lightning in the sky} fox --ar 3:2";
  const auto records =
      translate(builtin_registry(), line, TranslateOptions{"midjourney", "flux", {}});
  REQUIRE(records.size() == 2);
  for (const auto& rec : records)
    for (const auto& d : rec.diags)
      if (d.span) {
        CHECK(d.span->begin <= d.span->end);
        CHECK(d.span->end <= rec.source_text.size());
      }
  CHECK(records[0].diags.front().code == Code::PermutationExpanded);
  CHECK_FALSE(records[0].diags.front().span);
}
