#pragma once

// AWS partitions as static data (botocore 1.43.11 endpoints.json): which partition a region
// belongs to, its DNS suffix, and the regions where API Gateway exists.

#include <span>
#include <string_view>

namespace certguard::aws {

struct Partition {
  std::string_view id;                    // "aws", "aws-cn", "aws-us-gov"
  std::string_view dns_suffix;            // "amazonaws.com", "amazonaws.com.cn"
  std::string_view organizations_region;  // the global Organizations endpoint's region
  std::span<const std::string_view> apigateway_regions;
};

// The partition of `region`: cn-* -> aws-cn, us-gov-* -> aws-us-gov, anything else -> aws
// (as botocore does for a region it does not know).
const Partition& partition_for_region(std::string_view region);

// The partition with this id, or nullptr.
const Partition* find_partition(std::string_view id);

// Every partition we know (aws, aws-cn, aws-us-gov).
std::span<const Partition> all_partitions();

}  // namespace certguard::aws
