#pragma once

// STS (Query protocol, XML): GetCallerIdentity. AssumeRole and
// AssumeRoleWithWebIdentity live in aws/auth (the credential chain needs them below
// services/); callers that want them use aws/auth's providers directly.

#include <string>

#include "certguard/aws/client/aws_client.h"
#include "certguard/core/task.h"

namespace certguard::services::sts {

struct GetCallerIdentityResult {
  std::string user_id;
  std::string account;
  std::string arn;
  std::string request_id;
};

aws::Operation get_caller_identity_operation(std::string_view region);
Result<GetCallerIdentityResult> decode_get_caller_identity(std::string_view body);

class StsClient {
 public:
  explicit StsClient(aws::AwsClient& client) : client_(&client) {}
  Task<Result<GetCallerIdentityResult>> get_caller_identity();

 private:
  aws::AwsClient* client_;
};

}  // namespace certguard::services::sts
