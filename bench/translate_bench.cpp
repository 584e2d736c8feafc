// Throughput of the library on the real Midjourney prompts (../shared/data), per stage.
#include <benchmark/benchmark.h>
#include <promptport/promptport.h>
#include <promptport/vocab.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

const std::vector<std::string>& prompts() {
  static const std::vector<std::string> lines = [] {
    const char* dir = std::getenv("PROMPTPORT_DATA_DIR");
    std::ifstream in(std::string(dir ? dir : PROMPTPORT_DATA_DIR) + "/midjourney-2022.txt");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }();
  return lines;
}

std::size_t total_bytes() {
  std::size_t n = 0;
  for (const auto& p : prompts()) n += p.size() + 1;
  return n;
}

void run(benchmark::State& state, const char* from, const char* to) {
  if (prompts().empty()) {
    state.SkipWithError("../shared/data/midjourney-2022.txt not found");
    return;
  }
  const auto& registry = promptport::builtin_registry();
  const promptport::TranslateOptions options{from, to, {}};
  for (auto _ : state) {
    for (const auto& p : prompts()) {
      auto records = promptport::translate(registry, p, options);
      benchmark::DoNotOptimize(records);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * prompts().size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes()));
}

void BM_TranslateMidjourneyToFlux(benchmark::State& state) { run(state, "midjourney", "flux"); }
void BM_ParseMidjourney(benchmark::State& state) { run(state, "midjourney", ""); }
void BM_TranslateMidjourneyToMidjourney(benchmark::State& state) {
  run(state, "midjourney", "midjourney");
}
void BM_DetectAndTranslateToFlux(benchmark::State& state) { run(state, "auto", "flux"); }

void BM_ClassifyFragments(benchmark::State& state) {
  static const char* kFragments[] = {"a red fox sitting in deep snow",
                                     "golden hour",
                                     "by Greg Rutkowski",
                                     "octane render",
                                     "8k",
                                     "35mm film still",
                                     "close up",
                                     "trending on artstation"};
  for (auto _ : state)
    for (const char* f : kFragments) benchmark::DoNotOptimize(promptport::vocab::classify(f));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * std::size(kFragments)));
}

}  // namespace

BENCHMARK(BM_TranslateMidjourneyToFlux)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseMidjourney)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TranslateMidjourneyToMidjourney)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DetectAndTranslateToFlux)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClassifyFragments);
BENCHMARK_MAIN();
