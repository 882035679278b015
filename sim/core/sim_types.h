#pragma once

// What every certguard-sim service handler sees and returns: a request already parsed,
// authenticated and routed to its service, and a response the engine sends back (with
// latency or a fault applied by the engine).

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace certguard::sim {

// Header names as sent; lookups are case-insensitive.
using SimHeaders = std::vector<std::pair<std::string, std::string>>;

// The wire protocol a service speaks; it decides the shape of its error responses.
enum class Protocol {
  kRestJson,  // API Gateway: x-amzn-ErrorType header + {"message"}
  kJson11,    // ACM, Organizations: {"__type", "message"}
  kQuery,     // STS: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>
  kEc2,       // EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/>
};

struct SimRequest {
  std::string method;                      // "GET", "POST", ...
  std::string raw_path;                    // as sent, still percent-encoded
  std::vector<std::string> path_segments;  // decoded, split on '/', no empty ones
  // Decoded query parameters, repeated keys kept in order. For Query/EC2 requests the
  // engine adds the parameters of a form-encoded body here too (Action=..., Version=...).
  std::multimap<std::string, std::string> query;
  SimHeaders headers;
  std::string body;

  // From the verified signature (empty only for unsigned operations such as
  // STS AssumeRoleWithWebIdentity).
  std::string account_id;
  std::string region;   // credential-scope region: selects the regional state
  std::string service;  // credential-scope service: apigateway, acm, sts, organizations, ec2
  std::string access_key_id;
  // Who signed: "arn:aws:iam::ACCOUNT:root" for an estate key, or
  // "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION" for a key issued by AssumeRole.
  std::string principal_arn;

  std::string request_id;  // also sent back as x-amzn-RequestId
  std::string operation;   // e.g. "GetStages", "ListCertificates"; set by the engine

  // Case-insensitive; the first match, or an empty view.
  [[nodiscard]] std::string_view header(std::string_view name) const;
  // The first value of a query parameter, or an empty view.
  [[nodiscard]] std::string_view query_param(std::string_view name) const;
  [[nodiscard]] bool has_query_param(std::string_view name) const;
  // Every value of a repeated query parameter, in order.
  [[nodiscard]] std::vector<std::string> query_params(std::string_view name) const;
};

enum class FaultAction {
  kNone,
  kReset,  // close the connection without a reply
  kStall,  // never reply
};

struct SimResponse {
  int status = 200;
  SimHeaders headers;
  std::string body;
  FaultAction fault = FaultAction::kNone;
  std::chrono::milliseconds delay{0};  // set by the engine (latency injection)

  [[nodiscard]] std::string_view header(std::string_view name) const;
};

// Case-insensitive ASCII comparison (header names).
bool iequals(std::string_view a, std::string_view b);

}  // namespace certguard::sim
