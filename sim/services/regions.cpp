#include "sim/services/regions.h"

#include <array>

namespace certguard::sim::svc {
namespace {

// The 17 regions enabled by default, then the opt-in ones.
constexpr std::array<RegionInfo, 34> kRegions = {{
    {"ap-northeast-1", false}, {"ap-northeast-2", false}, {"ap-northeast-3", false},
    {"ap-south-1", false},     {"ap-southeast-1", false}, {"ap-southeast-2", false},
    {"ca-central-1", false},   {"eu-central-1", false},   {"eu-north-1", false},
    {"eu-west-1", false},      {"eu-west-2", false},      {"eu-west-3", false},
    {"sa-east-1", false},      {"us-east-1", false},      {"us-east-2", false},
    {"us-west-1", false},      {"us-west-2", false},      {"af-south-1", true},
    {"ap-east-1", true},       {"ap-east-2", true},       {"ap-south-2", true},
    {"ap-southeast-3", true},  {"ap-southeast-4", true},  {"ap-southeast-5", true},
    {"ap-southeast-6", true},  {"ap-southeast-7", true},  {"ca-west-1", true},
    {"eu-central-2", true},    {"eu-south-1", true},      {"eu-south-2", true},
    {"il-central-1", true},    {"me-central-1", true},    {"me-south-1", true},
    {"mx-central-1", true},
}};

}  // namespace

std::span<const RegionInfo> aws_regions() {
  return kRegions;
}

const RegionInfo* find_region(std::string_view name) {
  for (const auto& r : kRegions) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace certguard::sim::svc
