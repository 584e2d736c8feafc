/// A small cache of recent results for readers and writers that compute the same thing
/// prompt after prompt ("trending on artstation", "16:9"). Keep one per thread:
///
///     thread_local RecentCache<Result, 2048> cache;
///     return cache.get(key, [&] { return compute(key); });
///
/// It is direct-mapped with a fixed number of slots, so memory stays flat on any input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace promptport {

template <typename Value, std::size_t kSlots>
class RecentCache {
  static_assert((kSlots & (kSlots - 1)) == 0, "kSlots must be a power of two");

 public:
  /// The first kWarmup lookups are computed without caching: a single prompt given on the
  /// command line would otherwise pay for faulting in the whole table (a page fault per
  /// few slots), which costs more than the lookups it saves. Batches pass it at once.
  static constexpr std::size_t kWarmup = 256;

  /// The cached value for `key`, or compute() stored under it. compute() must be a pure
  /// function of the key.
  template <typename Compute>
  Value get(std::string_view key, Compute&& compute) {
    if (slots_ == nullptr) {
      if (++calls_ < kWarmup) return compute();
      slots_ = std::make_unique<std::array<Slot, kSlots>>();
    }
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    Slot& slot = (*slots_)[(h ^ (h >> 29)) & (kSlots - 1)];
    if (slot.used && slot.key == key) return slot.value;
    slot.value = compute();
    slot.key.assign(key);
    slot.used = true;
    return slot.value;
  }

 private:
  struct Slot {
    std::string key;
    Value value{};
    bool used = false;
  };
  std::size_t calls_ = 0;
  std::unique_ptr<std::array<Slot, kSlots>> slots_;
};

}  // namespace promptport
