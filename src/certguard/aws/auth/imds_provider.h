#pragma once

// EC2 instance metadata (IMDSv2, falling back to v1 as botocore does):
//   1. PUT  <base>/latest/api/token  (X-aws-ec2-metadata-token-ttl-seconds: 21600)
//   2. GET  <base>/latest/meta-data/iam/security-credentials/         -> role name
//   3. GET  <base>/latest/meta-data/iam/security-credentials/<role>   -> JSON
// <base> is AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254 (or
// http://[fd00:ec2::254] with AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6).
// AWS_EC2_METADATA_DISABLED=true turns it off. A token PUT answered 403/404/405 or timing out
// falls back to v1 (no token) unless AWS_EC2_METADATA_V1_DISABLED=true. Each request has a
// 1 s timeout (AWS_METADATA_SERVICE_TIMEOUT overrides, in seconds).
// As in botocore, IMDS failures mean "no credentials here" (we may simply not be on EC2), so
// they are reported as not available, with the reason.

#include <chrono>
#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/environment.h"
#include "certguard/aws/http/transport.h"

namespace certguard::aws {

class ImdsProvider final : public CredentialsProvider {
 public:
  ImdsProvider(Environment env, HttpTransport& transport);
  Task<Result<Credentials>> get() override;

  [[nodiscard]] const std::string& base_url() const { return base_; }
  [[nodiscard]] std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  Task<Result<HttpResponse>> call(std::string method, std::string path, std::string token);

  Environment env_;
  HttpTransport* transport_;
  std::string base_;
  std::chrono::milliseconds timeout_{1000};
};

}  // namespace certguard::aws
