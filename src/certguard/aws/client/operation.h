#pragma once

// What a typed service client hands the call pipeline: one HTTP operation, described
// in protocol terms (method, path, query, headers, body) before endpoint, signing and
// retries are applied.

#include <string>
#include <utility>
#include <vector>

#include "certguard/aws/http/http_message.h"

namespace certguard::aws {

// The wire protocols of the services certguard calls.
enum class Protocol {
  kRestJson,  // API Gateway: method + path + query, JSON bodies
  kJson11,    // ACM, Organizations: POST /, X-Amz-Target, application/x-amz-json-1.1
  kQuery,     // STS: POST /, form body Action=...&Version=..., XML responses
  kEc2Query,  // EC2: like kQuery, different XML error shape
};

// Query parameters in order, unencoded; a repeated key is a list (`embed=a&embed=b`).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Operation {
  std::string name;  // the AWS operation name, e.g. "GetStages"
  Protocol protocol = Protocol::kRestJson;
  std::string method = "GET";
  std::string path = "/";  // already percent-encoded (see encode_path_label)
  QueryParams query;
  Headers headers;   // operation-specific headers (X-Amz-Target, Content-Type)
  std::string body;  // empty: no body, no Content-Type
  // What the call is about, for error messages: an ARN, an id, or the region.
  std::string resource;
  // HTTP statuses that count as success besides 200 (e.g. 201, 202, 204).
  std::vector<int> success_statuses = {200};
  // API Gateway answers both its rate and its quotas with LimitExceededException; for
  // operations that create things it means a quota (kLimitExceeded), else kThrottled.
  bool limit_exceeded_is_quota = false;
};

}  // namespace certguard::aws
