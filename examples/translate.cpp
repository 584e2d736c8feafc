// Using the library: translate a Midjourney prompt to Flux and print what was lost.
#include <promptport/promptport.h>

#include <iostream>

int main() {
  const promptport::Registry& registry = promptport::builtin_registry();
  promptport::TranslateOptions options;
  options.from = "midjourney";
  options.to = "flux";
  const auto records = promptport::translate(
      registry, "a lighthouse on a cliff at dusk, oil painting::2 --ar 16:9 --no people --seed 7",
      options);
  for (const auto& record : records) {
    std::cout << record.out.prompt << '\n' << record.out.request.dump() << '\n';
    for (const auto& d : record.diags)
      std::cout << promptport::to_string(d.severity) << ' ' << promptport::code_name(d.code) << ' '
                << d.field << '\n';
  }
  // A usable example exits non-zero if the translation stopped producing a prompt.
  return records.size() == 1 && !records[0].out.prompt.empty() ? 0 : 1;
}
