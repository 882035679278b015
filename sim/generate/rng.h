#pragma once

// A small deterministic random source for the estate generator. std::mt19937 is
// portable but the std distributions are not (their algorithms are implementation
// defined), so a given seed would give different estates on different standard
// libraries. SplitMix64 plus our own range mapping is the same everywhere.

#include <cstdint>
#include <string>
#include <string_view>

namespace certguard::sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }

  // Uniform in [lo, hi] (inclusive). The modulo bias is irrelevant for test data.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1U;
    return lo + static_cast<std::int64_t>(next() % span);
  }

  // True with the given probability in percent (0..100).
  bool percent(int p) { return between(0, 99) < p; }

  // `length` characters drawn from `alphabet`.
  std::string text(std::size_t length, std::string_view alphabet) {
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i) out.push_back(alphabet[next() % alphabet.size()]);
    return out;
  }

  // A child generator: lets one part of the estate draw numbers without shifting
  // every later part (adding a stage does not change the next account's ids).
  Rng fork() { return Rng(next()); }

 private:
  std::uint64_t state_;
};

}  // namespace certguard::sim
