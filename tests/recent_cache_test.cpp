#include "promptport/recent_cache.h"

#include <doctest/doctest.h>

#include <string>

using promptport::RecentCache;

TEST_CASE("RecentCache computes without storing until it has warmed up") {
  RecentCache<int, 8> cache;
  int computed = 0;
  auto length = [&](std::string_view key) {
    return cache.get(key, [&] {
      ++computed;
      return static_cast<int>(key.size());
    });
  };
  for (std::size_t i = 1; i < RecentCache<int, 8>::kWarmup; ++i) CHECK(length("abc") == 3);
  CHECK(computed == static_cast<int>(RecentCache<int, 8>::kWarmup) - 1);
  computed = 0;
  CHECK(length("abc") == 3);  // stored now
  CHECK(length("abc") == 3);
  CHECK(length("abc") == 3);
  CHECK(computed == 1);
}

TEST_CASE("RecentCache never answers for another key, even when two keys share a slot") {
  RecentCache<std::string, 2> cache;  // two slots: collisions are certain
  int computed = 0;
  auto upper = [&](const std::string& key) {
    return cache.get(key, [&] {
      ++computed;
      std::string out = key;
      for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      return out;
    });
  };
  for (std::size_t i = 0; i < RecentCache<std::string, 2>::kWarmup; ++i) upper("warm");
  const char* keys[] = {"fox", "owl", "a much longer key than eight bytes", "", "cat", "fox"};
  for (int round = 0; round < 3; ++round) {
    for (const char* key : keys) {
      std::string want = key;
      for (char& c : want) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      CHECK(upper(key) == want);
    }
  }
  // Six lookups a round over two slots: some were recomputed, not all.
  CHECK(computed > 0);
}
