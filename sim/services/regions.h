#pragma once

// The aws partition's commercial regions (botocore 1.43's endpoints.json) and which of
// them need opting in (EC2 DescribeRegions' optInStatus).

#include <span>
#include <string_view>

namespace certguard::sim::svc {

struct RegionInfo {
  std::string_view name;
  bool opt_in;  // true: not enabled unless the account opts in
};

std::span<const RegionInfo> aws_regions();

// Nullptr if `name` is not a known region.
const RegionInfo* find_region(std::string_view name);

}  // namespace certguard::sim::svc
