#pragma once

// EC2 (Query protocol, Version=2016-11-15, XML): DescribeRegions, to learn which
// regions an account has enabled (or all of them with their opt-in status).

#include <string>
#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/core/task.h"

namespace certguard::services::ec2 {

struct Region {
  std::string region_name;
  std::string endpoint;
  std::string opt_in_status;  // opt-in-not-required | opted-in | not-opted-in
};

struct DescribeRegionsRequest {
  bool all_regions = false;
  std::vector<std::string> region_names;
};

aws::Operation to_operation(const DescribeRegionsRequest& r, std::string_view region);
Result<std::vector<Region>> decode_describe_regions(std::string_view body);

class Ec2Client {
 public:
  explicit Ec2Client(aws::AwsClient& client) : client_(&client) {}
  Task<Result<std::vector<Region>>> describe_regions(const DescribeRegionsRequest& r);

 private:
  aws::AwsClient* client_;
};

}  // namespace certguard::services::ec2
