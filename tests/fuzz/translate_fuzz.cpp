// libFuzzer target: auto-detect, then translate to every dialect, on arbitrary bytes.
#include <promptport/promptport.h>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& registry = promptport::builtin_registry();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const promptport::Dialect* to : registry.all()) {
    const promptport::TranslateOptions options{"auto", std::string(to->name()), {}};
    for (const auto& record : promptport::translate(registry, text, options))
      (void)record.out.request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
