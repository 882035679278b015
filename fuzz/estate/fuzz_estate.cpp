// libFuzzer: parse_estate (and, for accepted input, the exact round trip through to_json)
// and parse_rule_config must never crash, leak or hit UB, whatever the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "certguard/inventory/estate/estate_json.h"
#include "certguard/rules/config.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libFuzzer hands bytes
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 'y') {
    auto config = certguard::rules::parse_rule_config(input, "fuzz.yaml");
    if (!config.ok() && config.error().message.empty()) std::abort();
    return 0;
  }
  auto estate = certguard::inventory::parse_estate(input, "fuzz.json");
  if (!estate.ok()) {
    if (estate.error().message.empty()) std::abort();  // every error says what is wrong
    return 0;
  }
  const std::string text = certguard::inventory::to_json(*estate);
  auto again = certguard::inventory::parse_estate(text, "roundtrip.json");
  if (!again.ok() || !(*again == *estate)) std::abort();  // round trip must be exact
  return 0;
}
