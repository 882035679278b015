#pragma once

// The Estate: everything certguard knows about the API Gateway trust posture of a set
// of accounts and regions. The scanner's collector fills it, the rules read it, and
// certguard-sim serves it. Its JSON form (estate_json.h, docs/estate-format.md) is the
// one file format both sides share: `scan --snapshot-out` writes it, `certguard-sim
// serve --estate` loads it.
//
// Times are wall-clock seconds since the epoch (AWS sends epoch seconds).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certguard::inventory {

using EpochSeconds = std::int64_t;
using Tags = std::map<std::string, std::string>;

// The authorization types API Gateway accepts in PutMethod (and so in an estate's methods).
inline bool is_authorization_type(std::string_view t) {
  return t == "NONE" || t == "AWS_IAM" || t == "CUSTOM" || t == "COGNITO_USER_POOLS";
}

// An HTTP method on a resource and where it sends requests.
struct MethodIntegration {
  std::string http_method;       // "GET", "ANY", ...
  std::string integration_type;  // HTTP, HTTP_PROXY, AWS, AWS_PROXY, MOCK; empty if none
  std::string uri;               // backend URI for HTTP/HTTP_PROXY
  std::string connection_type;   // INTERNET or VPC_LINK; empty if unknown
  // PutMethod's authorization settings. authorization_type is NONE, AWS_IAM, CUSTOM or
  // COGNITO_USER_POOLS; empty when not known (an estate written before these fields).
  // The `{}` initializers let code that fills the first four members positionally
  // ({"GET", "HTTP", uri, "INTERNET"}) compile without -Wmissing-field-initializers.
  std::string authorization_type{};
  bool api_key_required = false;
  std::string authorizer_id{};  // CUSTOM / COGNITO_USER_POOLS only

  friend bool operator==(const MethodIntegration&, const MethodIntegration&) = default;
};

struct Resource {
  std::string id;
  std::string parent_id;  // empty for the root
  std::string path;       // "/", "/orders/{id}"
  std::vector<MethodIntegration> methods;

  friend bool operator==(const Resource&, const Resource&) = default;
};

struct Stage {
  std::string stage_name;
  std::string deployment_id;
  std::string client_certificate_id;  // empty: none attached
  std::string description;
  bool tracing_enabled = false;
  std::map<std::string, std::string> variables;
  Tags tags;
  EpochSeconds created_date = 0;
  EpochSeconds last_updated_date = 0;

  friend bool operator==(const Stage&, const Stage&) = default;
};

struct Deployment {
  std::string id;
  std::string description;
  EpochSeconds created_date = 0;

  friend bool operator==(const Deployment&, const Deployment&) = default;
};

struct RestApi {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> endpoint_types;  // EDGE, REGIONAL, PRIVATE
  EpochSeconds created_date = 0;
  Tags tags;
  std::vector<Resource> resources;
  // False when the collector could not read this API's resources (so integration
  // awareness cannot be trusted); rules then report ERROR rather than guessing.
  bool resources_known = true;
  std::vector<Stage> stages;
  bool stages_known = true;  // false when GetStages failed for this API
  std::vector<Deployment> deployments;

  friend bool operator==(const RestApi&, const RestApi&) = default;
};

struct ClientCertificate {
  std::string id;
  std::string description;
  std::string pem;  // may be empty in fixtures; the sim then makes one
  EpochSeconds created_date = 0;
  EpochSeconds expiration_date = 0;
  Tags tags;

  friend bool operator==(const ClientCertificate&, const ClientCertificate&) = default;
};

struct DomainName {
  std::string domain_name;
  std::vector<std::string> endpoint_types;
  std::string certificate_arn;               // EDGE
  std::string regional_certificate_arn;      // REGIONAL
  EpochSeconds certificate_upload_date = 0;  // 0 when not reported
  std::string status;                        // domainNameStatus, e.g. AVAILABLE
  Tags tags;

  friend bool operator==(const DomainName&, const DomainName&) = default;
};

struct AcmCertificate {
  std::string arn;
  std::string domain_name;
  std::string status;  // PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT,
                       // REVOKED, FAILED
  std::string type;    // IMPORTED, AMAZON_ISSUED, PRIVATE
  std::string key_algorithm;  // RSA_2048, EC_prime256v1, ...
  EpochSeconds not_before = 0;
  EpochSeconds not_after = 0;
  EpochSeconds created_at = 0;
  EpochSeconds imported_at = 0;  // 0 unless IMPORTED
  bool in_use = false;

  friend bool operator==(const AcmCertificate&, const AcmCertificate&) = default;
};

// How collection of one account-region went. Anything but kOk means its resources are
// incomplete and every rule it feeds must report ERROR for it.
enum class ScanState { kOk, kError, kNotScanned };

struct RegionScanStatus {
  ScanState state = ScanState::kOk;
  std::string error_kind;            // certguard ErrorKind name, when state is kError
  std::string error_message;         // Error::describe(), when state is kError
  std::map<std::string, int> calls;  // operation -> calls made (including retries)
  int throttled = 0;                 // throttled responses seen

  friend bool operator==(const RegionScanStatus&, const RegionScanStatus&) = default;
};

struct Region {
  std::string name;  // e.g. "us-east-1"
  std::vector<RestApi> rest_apis;
  std::vector<ClientCertificate> client_certificates;
  std::vector<DomainName> domain_names;
  std::vector<AcmCertificate> acm_certificates;
  RegionScanStatus scan;

  friend bool operator==(const Region&, const Region&) = default;
};

// Credentials and roles exist only in sim estates (the scanner never writes them).
struct AccessKey {
  std::string access_key_id;
  std::string secret_access_key;

  friend bool operator==(const AccessKey&, const AccessKey&) = default;
};

struct Role {
  std::string name;  // role name; the ARN is arn:<partition>:iam::<account>:role/<name>
  // Accounts whose principals may assume it; empty means any account in the estate.
  std::vector<std::string> trusted_accounts;
  std::string external_id;  // required ExternalId, if any

  friend bool operator==(const Role&, const Role&) = default;
};

struct Account {
  std::string id;  // 12 digits
  std::string name;
  std::string email;
  bool suspended = false;
  std::vector<AccessKey> access_keys;
  std::vector<Role> roles;
  std::vector<Region> regions;
  // Regions enabled for the account (EC2 DescribeRegions); empty means "all of the
  // estate's regions".
  std::vector<std::string> enabled_regions;

  friend bool operator==(const Account&, const Account&) = default;
};

struct Estate {
  int format_version = 1;
  std::string partition = "aws";
  // The organization's management account, if the estate models an organization.
  std::string management_account_id;
  std::vector<Account> accounts;
  // When the estate was captured or is meant to be "now" (sim clock), if known.
  std::optional<EpochSeconds> captured_at;

  friend bool operator==(const Estate&, const Estate&) = default;
};

}  // namespace certguard::inventory
