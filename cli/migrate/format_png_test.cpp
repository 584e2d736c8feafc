// Tests of the png input: one manifest row per image, in name order, failures included.
#include <doctest/doctest.h>

#include <fstream>

#include "png_fixture.h"
#include "test_support.h"

namespace promptport::migrate {
namespace {

namespace fs = std::filesystem;
using testing::FixtureText;

const char* const kInfotext =
    "a red fox\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, "
    "Size: 512x768";

const char* const kGraph =
    R"j({"3": {"class_type": "KSampler", "inputs": {"seed": 5, "steps": 20, "cfg": 7,)j"
    R"j( "positive": ["6", 0], "negative": ["7", 0]}},)j"
    R"j( "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a (snow owl:1.2)"}},)j"
    R"j( "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "lowres"}}})j";

fs::path image(const fs::path& dir, const std::string& name,
               const std::vector<FixtureText>& texts) {
  const fs::path path = dir / name;
  REQUIRE(testing::write_png(path, texts) == "");
  return path;
}

// A folder "shots" of five images, in name order: infotext, none, graph, not a PNG,
// truncated before its after-IDAT infotext.
Input shots(const fs::path& root) {
  const fs::path dir = root / "shots";
  fs::create_directories(dir);
  Input input;
  input.format = InputFormat::Png;
  input.relative = "shots";
  input.files.push_back(image(dir, "a.png", {{'t', "parameters", kInfotext, false}}));
  input.files.push_back(image(dir, "b.png", {{'t', "Software", "paint", false}}));
  input.files.push_back(image(dir, "c.png", {{'z', "prompt", kGraph, false}}));
  input.files.push_back(testing::write_file(dir / "d.png", "not an image"));
  const fs::path cut = image(dir, "e.png", {{'t', "parameters", "a dog", true}});
  std::ifstream in(cut, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  in.close();
  testing::write_file(cut, bytes.substr(0, bytes.size() - 30));
  input.files.push_back(cut);
  return input;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    lines.push_back(text.substr(begin, end - begin));
  }
  CHECK(begin == text.size());  // every row ends in a newline
  return lines;
}

TEST_CASE("png: the manifest has one row per image, failures included") {
  const Input input = shots(testing::temp_dir());
  const Settings settings = testing::settings_for({"flux"});
  std::string error;
  const std::vector<std::string> out =
      testing::run(InputFormat::Png, input, settings, &error, /*batch_records=*/2);
  CHECK(error == "");
  REQUIRE(out.size() == 1);
  const std::vector<std::string> rows = lines_of(out[0]);
  REQUIRE(rows.size() == 5);

  CHECK(rows[0].rfind(
            R"j({"file":"shots/a.png","chunk":"parameters","source":"a red fox\nNegative prompt: )j"
            R"j(blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x768",)j"
            R"j("flux_prompt":")j",
            0) == 0);
  CHECK(rows[1] ==
        R"j({"file":"shots/b.png","chunk":null,"source":null,"error":"no prompt metadata (no )j"
        R"j('parameters' or ComfyUI 'prompt' text chunk)"})j");
  CHECK(rows[2].rfind(R"j({"file":"shots/c.png","chunk":"prompt","source":"a (snow owl:1.2)\n)j"
                      R"j(Negative prompt: lowres\nSteps: 20\nCFG: 7\nSeed: 5","flux_prompt":")j",
                      0) == 0);
  CHECK(rows[3] ==
        R"j({"file":"shots/d.png","chunk":null,"source":null,"error":"not a PNG file"})j");
  CHECK(rows[4] == R"j({"file":"shots/e.png","chunk":null,"source":null,)j"
                   R"j("error":"the file ends early (truncated PNG)"})j");

  for (std::size_t i : {0, 2}) {
    const nlohmann::ordered_json row = nlohmann::ordered_json::parse(rows[i]);
    std::vector<std::string> keys;
    for (const auto& [key, value] : row.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"file", "chunk", "source", "flux_prompt",
                                           "flux_negative_prompt", "flux_request",
                                           "flux_diagnostics"});
    CHECK(row["flux_request"].is_object());
    CHECK(row["flux_diagnostics"].is_array());
  }
  CHECK(nlohmann::json::parse(rows[0])["flux_prompt"].get<std::string>().find("red fox") !=
        std::string::npos);
  CHECK(nlohmann::json::parse(rows[2])["flux_prompt"].get<std::string>().find("snow owl") !=
        std::string::npos);
}

TEST_CASE("png: items carry labels, record numbers and the source dialect") {
  const Input input = shots(testing::temp_dir());
  const std::vector<Item> items =
      testing::items(InputFormat::Png, input, testing::settings_for({"flux"}));
  REQUIRE(items.size() == 5);
  const std::vector<Item::Kind> kinds{Item::Kind::Record, Item::Kind::Failed, Item::Kind::Record,
                                      Item::Kind::Failed, Item::Kind::Failed};
  const std::vector<std::string> labels{"shots/a.png", "shots/b.png", "shots/c.png", "shots/d.png",
                                        "shots/e.png"};
  const std::vector<std::string> from{"sd", "", "comfyui", "", ""};
  for (std::size_t i = 0; i < items.size(); ++i) {
    CAPTURE(i);
    CHECK(items[i].kind == kinds[i]);
    CHECK(items[i].label == labels[i]);
    CHECK(items[i].from == from[i]);
    CHECK(items[i].record == i + 1);
    CHECK(items[i].line == 0);
    CHECK(items[i].raw == "");
    CHECK(items[i].has_negative == false);
    if (items[i].kind == Item::Kind::Failed) {
      REQUIRE(items[i].input_diags.size() == 1);
      CHECK(items[i].input_diags[0].severity == Severity::Error);
      CHECK(items[i].input_diags[0].code == Code::InvalidInput);
    }
  }
  CHECK(items[0].prompt == kInfotext);
  REQUIRE(items[0].results.size() == 1);
  // The infotext's negative is read by sd, so flux reports it dropped.
  CHECK(items[0].results[0].lossless == false);
}

TEST_CASE("png: --replace still writes the translated prompt (an image is never rewritten)") {
  const fs::path dir = testing::temp_dir();
  Input input;
  input.format = InputFormat::Png;
  input.files = {image(dir, "one.png", {{'i', "parameters", "a quiet lake", false}})};
  Settings settings = testing::settings_for({"flux"});
  settings.replace = true;
  const std::vector<std::string> out = testing::run(InputFormat::Png, input, settings);
  REQUIRE(out.size() == 1);
  CHECK(out[0].rfind(R"j({"file":"one.png","chunk":"parameters","source":"a quiet lake",)j"
                     R"j("flux_prompt":")j",
                     0) == 0);
  CHECK(out[0].find(R"j("flux_negative_prompt":)j") != std::string::npos);
}

TEST_CASE("png: a plain-text prompt chunk, a bad graph, several samplers") {
  const fs::path dir = testing::temp_dir();
  Input input;
  input.format = InputFormat::Png;
  input.relative = "x";
  input.files = {
      image(dir, "1.png", {{'t', "prompt", "a lone tree", false}}),
      image(dir, "2.png", {{'t', "prompt", "{\"1\": {\"class_type\": \"SaveImage\"}}", false}}),
      image(dir, "3.png",
            {{'t', "prompt",
              R"j({"2": {"class_type": "KSampler", "inputs": {"positive": ["4", 0],)j"
              R"j( "negative": ["4", 0]}}, "1": {"class_type": "KSampler", "inputs":)j"
              R"j( {"positive": ["4", 0], "negative": ["4", 0]}},)j"
              R"j( "4": {"class_type": "CLIPTextEncode", "inputs": {"text": "moss"}}})j",
              false}})};
  const std::vector<Item> items =
      testing::items(InputFormat::Png, input, testing::settings_for({"flux"}));
  REQUIRE(items.size() == 3);
  CHECK(items[0].kind == Item::Kind::Record);
  CHECK(items[0].prompt == "a lone tree");
  CHECK(items[0].from == "");
  CHECK(items[1].kind == Item::Kind::Failed);
  REQUIRE(items[1].input_diags.size() == 1);
  CHECK(items[1].input_diags[0].message ==
        "no sampler node (KSampler, or a node with positive and negative inputs)");
  CHECK(items[2].kind == Item::Kind::Record);
  CHECK(items[2].prompt == "moss\nNegative prompt: moss");
  REQUIRE(items[2].input_diags.size() == 1);
  CHECK(items[2].input_diags[0].severity == Severity::Info);
  REQUIRE(items[2].results.size() == 1);
  CHECK(items[2].results[0].diags.at(0).message ==
        "the graph has 2 sampler nodes (1, 2); the prompt of the first, node 1, is read");
  const std::string manifest =
      testing::run(InputFormat::Png, input, testing::settings_for({"flux"})).at(0);
  CHECK(
      manifest.find(R"j({"file":"x/2.png","chunk":"prompt","source":null,"error":"no sampler)j") !=
      std::string::npos);
}

TEST_CASE("png: the manifest is png-manifest.jsonl in the mirrored folder") {
  auto file = make_format(InputFormat::Png, testing::settings_for({"flux"}));
  REQUIRE(file);
  CHECK(file->outputs("out/shots") ==
        std::vector<fs::path>{fs::path("out/shots") / "png-manifest.jsonl"});
}

}  // namespace
}  // namespace promptport::migrate
