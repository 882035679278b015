#include "certguard/aws/config/partitions.h"

#include <array>

namespace certguard::aws {
namespace {

// endpoints.json -> partitions[].services.apigateway.endpoints, fips-* keys dropped.
constexpr std::array<std::string_view, 34> kAwsApiGatewayRegions = {
    "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1",   "ca-west-1",      "eu-central-1",   "eu-central-2",   "eu-north-1",
    "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",      "eu-west-3",
    "il-central-1",   "me-central-1",   "me-south-1",     "mx-central-1",   "sa-east-1",
    "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",
};
constexpr std::array<std::string_view, 2> kCnApiGatewayRegions = {"cn-north-1", "cn-northwest-1"};
constexpr std::array<std::string_view, 2> kGovApiGatewayRegions = {"us-gov-east-1",
                                                                   "us-gov-west-1"};

constexpr std::array<Partition, 3> kPartitions = {
    Partition{"aws", "amazonaws.com", "us-east-1", kAwsApiGatewayRegions},
    Partition{"aws-cn", "amazonaws.com.cn", "cn-northwest-1", kCnApiGatewayRegions},
    Partition{"aws-us-gov", "amazonaws.com", "us-gov-west-1", kGovApiGatewayRegions},
};

}  // namespace

const Partition& partition_for_region(std::string_view region) {
  if (region.starts_with("cn-")) return kPartitions[1];
  if (region.starts_with("us-gov-")) return kPartitions[2];
  return kPartitions[0];
}

const Partition* find_partition(std::string_view id) {
  for (const auto& p : kPartitions) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::span<const Partition> all_partitions() {
  return kPartitions;
}

}  // namespace certguard::aws
