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
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace promptport {

/// A fast, well-mixed 64-bit hash of a short string, eight bytes at a time (keys here are
/// prompt fragments and words). For in-memory tables only: it is not keyed, so not for
/// tables an attacker fills, and its values may change between versions.
inline std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  std::uint64_t v = 0;
  for (std::size_t k = 0; i + k < s.size(); ++k)
    v |= std::uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
  h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

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
    Slot& slot = (*slots_)[hash_bytes(key) & (kSlots - 1)];
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
