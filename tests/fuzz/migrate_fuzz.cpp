// libFuzzer target: one migrate input format (CSV, TSV, JSON Lines, JSON, YAML, PNG, txt) read,
// translated to two dialects and written back, on arbitrary file contents.
// Built once per format with -DPROMPTPORT_FUZZ_FORMAT=<InputFormat enumerator>.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "test_support.h"

namespace mt = promptport::migrate::testing;
using promptport::migrate::InputFormat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto settings = mt::settings_for({"flux", "sd"});
  static const std::filesystem::path dir = mt::temp_dir();
  // The formats read files (PNG through libpng, JSON/YAML whole), so the input goes to disk.
  const std::filesystem::path file =
      mt::write_file(dir / "input", std::string(reinterpret_cast<const char*>(data), size));
  std::string error;
  (void)mt::run(InputFormat::PROMPTPORT_FUZZ_FORMAT,
                mt::input_for(file, InputFormat::PROMPTPORT_FUZZ_FORMAT), settings, &error, 2);
  return 0;
}
