// SplitMix64: a tiny generator whose output is fixed by its definition, so a
// seed means the same test table on every platform and standard library.
#pragma once

#include <cstdint>
#include <vector>

namespace tally::test {

class SplitMix64 {
public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int bound) { return static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T> const T& pick(const std::vector<T>& items) {
    return items[below(static_cast<int>(items.size()))];
  }

private:
  std::uint64_t state_;
};

} // namespace tally::test
