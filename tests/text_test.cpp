// Tests of the text utilities: UTF-8 validation, NFC, folding, splitting and numbers.
#include <doctest/doctest.h>

#include "promptport/text.h"

using namespace promptport;

TEST_CASE("first_invalid_utf8 accepts valid text and finds the first bad byte") {
  CHECK_FALSE(text::first_invalid_utf8("a red fox"));
  CHECK_FALSE(
      text::first_invalid_utf8("\xE7\x8B\x90\xE7\x8B\xB8 \xF0\x9F\xA6\x8A"));  // 狐狸 🦊
  CHECK(text::first_invalid_utf8("ab\xFF") == std::optional<std::size_t>(2));
  CHECK(text::first_invalid_utf8("\xC0\xAF") == std::optional<std::size_t>(0));  // overlong '/'
  CHECK(text::first_invalid_utf8("x\xE0\x80\xAF") ==
        std::optional<std::size_t>(1));  // overlong 3-byte
  CHECK(text::first_invalid_utf8("\xED\xA0\x80") == std::optional<std::size_t>(0));  // surrogate
  CHECK(text::first_invalid_utf8("\xF4\x90\x80\x80") ==
        std::optional<std::size_t>(0));                                             // > U+10FFFF
  CHECK(text::first_invalid_utf8("abc\xE7\x8B") == std::optional<std::size_t>(3));  // truncated
  CHECK_FALSE(text::first_invalid_utf8(std::string_view("a\0b", 3)));  // NUL is valid UTF-8
}

TEST_CASE("nfc composes decomposed accents and leaves ASCII alone") {
  CHECK(text::nfc("cafe\xCC\x81") == "caf\xC3\xA9");  // e + combining acute -> é
  CHECK(text::nfc("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(text::nfc("plain ascii") == "plain ascii");
}

TEST_CASE("fold lower-cases ASCII and folds Unicode case") {
  CHECK(text::fold("Golden HOUR") == "golden hour");
  CHECK(text::fold("\xC3\x89T\xC3\x89") == "\xC3\xA9t\xC3\xA9");  // ÉTÉ -> été
  CHECK(text::fold("Stra\xC3\x9F"
                   "e") == "strasse");  // ß folds to ss
}

TEST_CASE("ascii_punctuation turns full-width separators into ASCII") {
  CHECK(text::ascii_punctuation("\xE7\x8B\x90\xE7\x8B\xB8\xEF\xBC\x8C\xE9\x9B\xAA") ==
        "\xE7\x8B\x90\xE7\x8B\xB8, \xE9\x9B\xAA");
  CHECK(text::ascii_punctuation("a\xE3\x80\x80"
                                "b") == "a b");
}

TEST_CASE("split_fragments splits on ASCII and full-width commas with source spans") {
  const std::string s = " red fox ,snow\xEF\xBC\x8C watercolor\xE3\x80\x81 ,";
  const auto pieces = text::split_fragments(s, 10);
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].text == "red fox");
  CHECK(pieces[0].span == Span{11, 18});
  CHECK(pieces[1].text == "snow");
  CHECK(pieces[1].span == Span{20, 24});
  CHECK(pieces[2].text == "watercolor");
  CHECK(pieces[2].span == Span{28, 38});
}

TEST_CASE("trim removes ASCII and ideographic spaces") {
  CHECK(text::trim("  a b \t") == "a b");
  CHECK(text::trim("\xE3\x80\x80x\xE3\x80\x80") == "x");
  CHECK(text::trim("   ").empty());
  // Bytes that could start or end U+3000 but do not.
  CHECK(text::trim("\xE3\x81\x82 ") == "\xE3\x81\x82");  // あ
  CHECK(text::trim(" \xE2\x82\xAC\xC2\x80") == "\xE2\x82\xAC\xC2\x80");
  CHECK(text::trim("\xE3\x80\x80\xE3\x80\x80").empty());
}

TEST_CASE("numbers parse strictly") {
  CHECK(text::parse_double("1.5") == 1.5);
  CHECK(text::parse_double("-.5") == -0.5);
  CHECK(text::parse_double(".25") == 0.25);
  CHECK(text::parse_double("+2") == 2.0);
  CHECK_FALSE(text::parse_double("NaN"));
  CHECK_FALSE(text::parse_double("inf"));
  CHECK_FALSE(text::parse_double("1e309"));
  CHECK_FALSE(text::parse_double("2x"));
  CHECK_FALSE(text::parse_double(""));
  CHECK(text::parse_int("42") == 42);
  CHECK_FALSE(text::parse_int("4.2"));
  CHECK_FALSE(text::parse_int("99999999999999999999"));
}

TEST_CASE("format_number writes the short form") {
  CHECK(text::format_number(2.0) == "2");
  CHECK(text::format_number(0.5) == "0.5");
  CHECK(text::format_number(1.65) == "1.65");
  CHECK(text::format_number(-0.25) == "-0.25");
  CHECK(text::format_number(1.0 / 3.0) == "0.333333");
}

TEST_CASE("reduce_ratio") {
  CHECK(text::reduce_ratio(1920, 1080) == "16:9");
  CHECK(text::reduce_ratio(13, 19) == "13:19");
  CHECK(text::reduce_ratio(3340, 1440) == "167:72");
  CHECK_FALSE(text::reduce_ratio(0, 5));
}

TEST_CASE("edit distance and closest") {
  CHECK(text::edit_distance("tile", "tilee") == 1);
  CHECK(text::edit_distance("chaos", "choas") == 2);
  CHECK(text::closest("stylise", {"stylize", "style", "seed"}) == "stylize");
  CHECK(text::closest("zzzzzz", {"stylize", "seed"}).empty());
}
