// Tests of the dialect registry: lookup, aliases, duplicates and "did you mean".
#include <doctest/doctest.h>

#include "fake_dialect.h"

using namespace promptport;

TEST_CASE("find resolves names and aliases case-insensitively") {
  const Registry r = testing::plain_registry();
  REQUIRE(r.find("plain"));
  CHECK(r.find("plain")->name() == "plain");
  CHECK(r.find("PL") == r.find("plain"));
  CHECK(r.find("ot")->name() == "other");
  CHECK(r.find("nope") == nullptr);
  CHECK(r.all().size() == 2);
  CHECK(r.all()[0]->name() == "plain");
}

TEST_CASE("suggest proposes the closest name within a few edits") {
  const Registry r = testing::plain_registry();
  CHECK(r.suggest("plian") == "plain");
  CHECK(r.suggest("othr") == "other");
  CHECK(r.suggest("midjourney").empty());
}

TEST_CASE("duplicate names or aliases are a programming error") {
  Registry r;
  r.add(std::make_unique<testing::PlainDialect>("plain", "pl"));
  CHECK_THROWS_AS(r.add(std::make_unique<testing::PlainDialect>("pl", "x")), std::logic_error);
  CHECK_THROWS_AS(r.add(nullptr), std::logic_error);
}

TEST_CASE("the builtin registry has the issue's dialects with their aliases") {
  const Registry& r = builtin_registry();
  REQUIRE(r.find("midjourney"));
  CHECK(r.find("mj") == r.find("midjourney"));
  CHECK(r.find("niji") == r.find("midjourney"));
  REQUIRE(r.find("flux"));
  CHECK(r.suggest("fluxx") == "flux");
  CHECK(r.suggest("midjorney") == "midjourney");
}
