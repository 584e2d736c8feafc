// libFuzzer target: one dialect's expand + parse + emit-to-itself on arbitrary bytes.
// Built once per dialect with -DPROMPTPORT_FUZZ_DIALECT="name".
#include <promptport/promptport.h>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& registry = promptport::builtin_registry();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const promptport::TranslateOptions options{PROMPTPORT_FUZZ_DIALECT, PROMPTPORT_FUZZ_DIALECT, {}};
  for (const auto& record : promptport::translate(registry, text, options)) {
    // Spans must point inside the parsed text.
    for (const auto& d : record.diags)
      if (d.span && (d.span->begin > d.span->end || d.span->end > record.source_text.size()))
        __builtin_trap();
    (void)promptport::to_json(record.ir).dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
