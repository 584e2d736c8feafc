// make_png OUT.png [--before|--after] [--interlace] [-t key=value]... [-z key=value]...
//   [-i key=value]...
// Writes a 2x2 RGB PNG with tEXt (-t), zTXt (-z) and iTXt (-i) chunks, before the image
// data (default) or after it (--after), for migrate's shell tests. A value starting with
// '@' is read from that file (JSON graphs are long); "@@" starts a literal '@'.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "png_fixture.h"

namespace {

int usage() {
  std::fputs(
      "usage: make_png OUT.png [--before|--after] [--interlace] [-t key=value]... "
      "[-z key=value]... [-i key=value]...\n",
      stderr);
  return 2;
}

bool read_value(const std::string& spec, std::string& value) {
  if (spec.rfind("@@", 0) == 0) {
    value = spec.substr(1);
    return true;
  }
  if (spec.empty() || spec[0] != '@') {
    value = spec;
    return true;
  }
  std::ifstream in(spec.substr(1), std::ios::binary);
  if (!in) return false;
  value.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string out = argv[1];
  bool after = false;
  bool interlaced = false;
  std::vector<promptport::migrate::testing::FixtureText> texts;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--before" || arg == "--after") {
      after = arg == "--after";
    } else if (arg == "--interlace") {
      interlaced = true;
    } else if ((arg == "-t" || arg == "-z" || arg == "-i") && i + 1 < argc) {
      const std::string pair = argv[++i];
      const std::size_t eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) return usage();
      promptport::migrate::testing::FixtureText text;
      text.type = arg[1];
      text.keyword = pair.substr(0, eq);
      text.after = after;
      if (!read_value(pair.substr(eq + 1), text.text)) {
        std::fprintf(stderr, "make_png: cannot read %s\n", pair.substr(eq + 2).c_str());
        return 1;
      }
      texts.push_back(std::move(text));
    } else {
      return usage();
    }
  }
  const std::string error = promptport::migrate::testing::write_png(out, texts, interlaced);
  if (!error.empty()) {
    std::fprintf(stderr, "make_png: %s\n", error.c_str());
    return 1;
  }
  return 0;
}
