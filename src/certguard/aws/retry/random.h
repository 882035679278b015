#pragma once

#include <random>

namespace certguard::aws {

// A source of uniform numbers in [0, 1), injected so backoff is repeatable in tests.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double uniform01() = 0;
};

class Mt19937Random final : public RandomSource {
 public:
  explicit Mt19937Random(unsigned seed) : engine_(seed) {}
  double uniform01() override { return dist_(engine_); }

 private:
  std::mt19937 engine_;
  std::uniform_real_distribution<double> dist_{0.0, 1.0};
};

// Always the same value (tests).
class FixedRandom final : public RandomSource {
 public:
  explicit FixedRandom(double value) : value_(value) {}
  double uniform01() override { return value_; }
  void set(double value) { value_ = value; }

 private:
  double value_;
};

}  // namespace certguard::aws
