// Tests of the PNG text chunk reader: chunk kinds, encodings, placement and broken files.
#include <doctest/doctest.h>

#include <fstream>

#include "png_fixture.h"
#include "png_text.h"
#include "test_support.h"

namespace promptport::migrate {
namespace {

namespace fs = std::filesystem;
using testing::FixtureText;

fs::path fixture(const std::vector<FixtureText>& texts, bool interlaced = false) {
  const fs::path path = testing::temp_dir() / "image.png";
  REQUIRE(testing::write_png(path, texts, interlaced) == "");
  return path;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::vector<std::string_view> kWanted{"parameters", "prompt"};

TEST_CASE("png: tEXt, zTXt and iTXt chunks are read in file order") {
  const std::string long_text(5000, 'x');
  const fs::path path = fixture({{'t', "parameters", "a cat\nSteps: 20", false},
                                 {'z', "Comment", long_text, false},
                                 {'i', "Title", "un chat tr\xC3\xA8s doux, \xE7\x8C\xAB", false}});
  std::vector<PngText> texts;
  CHECK(read_png_text(path, texts) == "");
  REQUIRE(texts.size() == 3);
  CHECK(texts[0].keyword == "parameters");
  CHECK(texts[0].text == "a cat\nSteps: 20");
  CHECK(texts[1].keyword == "Comment");
  CHECK(texts[1].text == long_text);
  CHECK(texts[2].keyword == "Title");
  CHECK(texts[2].text == "un chat tr\xC3\xA8s doux, \xE7\x8C\xAB");
}

TEST_CASE("png: Latin-1 tEXt and zTXt become UTF-8; UTF-8 written there is kept") {
  const fs::path path = fixture({{'t', "parameters", "caf\xE9 \xB0 na\xEFve", false},
                                 {'z', "Comment", "\xC0 la carte", false},
                                 {'t', "Software", "caf\xC3\xA9", false}});
  std::vector<PngText> texts;
  CHECK(read_png_text(path, texts) == "");
  REQUIRE(texts.size() == 3);
  CHECK(texts[0].text == "caf\xC3\xA9 \xC2\xB0 na\xC3\xAFve");
  CHECK(texts[1].text == "\xC3\x80 la carte");
  CHECK(texts[2].text == "caf\xC3\xA9");
  CHECK(latin1_to_utf8("plain") == "plain");
  CHECK(latin1_to_utf8("\xFF") == "\xC3\xBF");
  CHECK(latin1_to_utf8("\xC3\xA9\xFF") == "\xC3\x83\xC2\xA9\xC3\xBF");  // not all UTF-8
}

TEST_CASE("png: chunks after the image data are read when the wanted ones are not before it") {
  for (bool interlaced : {false, true}) {
    CAPTURE(interlaced);
    const fs::path path =
        fixture({{'t', "Software", "paint", false}, {'z', "parameters", "a dog\nSteps: 30", true}},
                interlaced);
    std::vector<PngText> texts;
    CHECK(read_png_text(path, texts, kWanted) == "");
    REQUIRE(texts.size() == 2);
    CHECK(texts[0].keyword == "Software");
    CHECK(texts[1].keyword == "parameters");
    CHECK(texts[1].text == "a dog\nSteps: 30");
  }
}

TEST_CASE("png: the image data is not decoded when a wanted chunk comes before it") {
  const fs::path path =
      fixture({{'t', "prompt", "{}", false}, {'t', "Comment", "after the pixels", true}});
  std::vector<PngText> texts;
  CHECK(read_png_text(path, texts, kWanted) == "");
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].keyword == "prompt");
  texts.clear();
  CHECK(read_png_text(path, texts) == "");
  CHECK(texts.size() == 2);
}

TEST_CASE("png: a truncated file is an error unless the wanted chunk came before the cut") {
  const fs::path after = fixture({{'t', "parameters", "a dog", true}});
  std::string bytes = bytes_of(after);
  testing::write_file(after, bytes.substr(0, bytes.size() - 30));
  std::vector<PngText> texts;
  CHECK(read_png_text(after, texts, kWanted) == "the file ends early (truncated PNG)");
  CHECK(texts.empty());

  const fs::path before = fixture({{'t', "parameters", "a dog", false}});
  bytes = bytes_of(before);
  testing::write_file(before, bytes.substr(0, bytes.size() - 20));  // inside IDAT or IEND
  CHECK(read_png_text(before, texts, kWanted) == "");
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].text == "a dog");
}

TEST_CASE("png: not a PNG, an empty file, a missing file and a bad CRC are errors") {
  const fs::path dir = testing::temp_dir();
  std::vector<PngText> texts;
  CHECK(read_png_text(testing::write_file(dir / "a.png", "GIF89a and more bytes"), texts) ==
        "not a PNG file");
  CHECK(read_png_text(testing::write_file(dir / "b.png", ""), texts) == "not a PNG file");
  CHECK(read_png_text(dir / "missing.png", texts).rfind("cannot open ", 0) == 0);
  const fs::path path = fixture({{'t', "parameters", "a dog", false}});
  std::string bytes = bytes_of(path);
  bytes[16] = '\x7F';  // IHDR width: the chunk's CRC no longer matches
  testing::write_file(path, bytes);
  CHECK(read_png_text(path, texts) == "IHDR: CRC error");
  CHECK(texts.empty());
}

TEST_CASE("png: more than 16 MiB of inflated text is refused") {
  const std::string six_mib(std::size_t{6} << 20, 'a');
  const fs::path path = fixture({{'z', "a", six_mib, false},
                                 {'z', "b", six_mib, false},
                                 {'z', "c", six_mib, false},
                                 {'t', "parameters", "a dog", false}});
  std::vector<PngText> texts;
  CHECK(read_png_text(path, texts, kWanted) ==
        "text chunks over the 16 MiB limit; the file is refused");
  CHECK(texts.empty());
  const fs::path last =
      fixture({{'z', "a", six_mib, false}, {'z', "b", six_mib, false}, {'z', "c", six_mib, false}});
  CHECK(read_png_text(last, texts) == "text chunks over the 16 MiB limit; the file is refused");
  CHECK(texts.empty());
}

}  // namespace
}  // namespace promptport::migrate
