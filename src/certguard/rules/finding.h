#pragma once

// A Finding: one rule's verdict on one resource (or on a region it could not read).
// Every output format (report/) is built from this one type.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certguard::rules {

enum class Status {
  kFail,           // the resource breaks the rule
  kPass,           // the resource was checked and complies
  kNotApplicable,  // the rule does not apply (e.g. CG-001 on an API with no HTTP backend)
  kError,          // the inputs could not be read: never treated as compliant
  kSuppressed,     // a FAIL the configuration or a resource tag suppressed (reason kept)
};

enum class Severity { kCritical, kHigh, kMedium, kLow, kInformational };

// "FAIL", "PASS", "NOT_APPLICABLE", "ERROR", "SUPPRESSED".
std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);  // case-insensitive

// "critical", "high", "medium", "low", "informational".
std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);  // case-insensitive

// Higher is worse: critical 4 ... informational 0.
int severity_rank(Severity severity);

// Resource types (resource_type). The first two are ASFF types; the others map to "Other".
inline constexpr std::string_view kStageType = "AwsApiGatewayStage";
inline constexpr std::string_view kRestApiType = "AwsApiGatewayRestApi";
inline constexpr std::string_view kClientCertificateType = "AwsApiGatewayClientCertificate";
inline constexpr std::string_view kDomainNameType = "AwsApiGatewayDomainName";
inline constexpr std::string_view kRegionType = "AwsAccountRegion";  // a region not read

struct Finding {
  std::string rule_id;  // "CG-001"
  Status status = Status::kFail;
  Severity severity = Severity::kMedium;
  std::string account;  // 12-digit account id
  std::string region;
  std::string resource_type;  // one of the k*Type names above
  std::string resource_arn;   // arn:<partition>:apigateway:REGION::/restapis/ID/stages/NAME, ...
  std::string resource_name;  // "orders/prod", a certificate id, a domain name, a region
  std::string message;        // one line, says what is wrong and in which direction
  // Structured facts, ordered by key: rest_api_id, stage_name, certificate_id, days_left,
  // expiration_date (ISO-8601), acm_status, ... Values are strings; numbers in decimal.
  std::map<std::string, std::string> details;
  std::string remediation;
  std::vector<std::string> references;
  std::string suppression_reason;  // set when status is kSuppressed

  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace certguard::rules
