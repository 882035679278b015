#pragma once

// Helpers shared by the rule files: ARNs, time arithmetic, finding construction,
// fail-closed handling of regions and APIs that could not be read.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/inventory/estate/estate.h"
#include "certguard/rules/finding.h"

namespace certguard::rules::support {

using inventory::Account;
using inventory::EpochSeconds;
using inventory::Estate;
using inventory::Region;

inline constexpr EpochSeconds kSecondsPerDay = 86400;

// API Gateway ARNs (no account field, as AWS writes them).
std::string rest_api_arn(std::string_view partition, std::string_view region,
                         std::string_view api_id);
std::string stage_arn(std::string_view partition, std::string_view region, std::string_view api_id,
                      std::string_view stage_name);
std::string client_certificate_arn(std::string_view partition, std::string_view region,
                                   std::string_view certificate_id);
std::string domain_name_arn(std::string_view partition, std::string_view region,
                            std::string_view domain_name);
// A collection, e.g. arn:aws:apigateway:us-east-1::/restapis, for findings on a region.
std::string collection_arn(std::string_view partition, std::string_view region,
                           std::string_view collection);

// Whole days from `now` until `t`, rounded down: 29.9 days -> 29, -0.5 days -> -1.
std::int64_t days_until(EpochSeconds t, EpochSeconds now);

// A finding with status, account, region, resource and message set.
Finding make(Status status, const Account& account, const Region& region,
             std::string_view resource_type, std::string resource_arn, std::string resource_name,
             std::string message);

// True when the region's collection completed. Otherwise appends one ERROR finding for
// the region (resource = the collection the rule reads, message = the cause).
bool region_readable(const Estate& estate, const Account& account, const Region& region,
                     std::string_view collection, std::vector<Finding>& out);

// True when the API's stages were read. Otherwise appends one ERROR finding for the API
// (its stages cannot be judged).
bool api_stages_readable(const Estate& estate, const Account& account, const Region& region,
                         const inventory::RestApi& api, std::vector<Finding>& out);

// "orders/prod" (API name, or id when it has none, and the stage).
std::string stage_display_name(const inventory::RestApi& api, const inventory::Stage& stage);

// Whether any method of the API sends requests to an HTTP backend (HTTP or HTTP_PROXY).
bool has_http_integration(const inventory::RestApi& api);

// Client certificate id -> the stages ("API_ID/STAGE") whose clientCertificateId names it,
// over the APIs whose stages are known.
std::map<std::string, std::vector<std::string>> certificate_users(const Region& region);

// Ids of the region's APIs whose stages could not be read (stages_known == false).
std::vector<std::string> apis_with_unknown_stages(const Region& region);

const inventory::ClientCertificate* find_client_certificate(const Region& region,
                                                            std::string_view id);

// The shared walk of CG-003 and CG-004 over client certificates. For each certificate
// some stage uses, `verdict` gets a finding prefilled with the resource and details
// (certificate_id, used_by, expiration_date, days_left) and sets status and message.
// Unused certificates are NOT_APPLICABLE (CG-008's concern), or ERROR when some API's
// stages could not be read (it may be in use there). A certificate whose expiration date
// was not reported (0) is ERROR.
struct RuleContextView {
  EpochSeconds now;
  int expiry_days;
};
using InUseVerdict = void (*)(const inventory::ClientCertificate& cert, RuleContextView ctx,
                              Finding& finding);
std::vector<Finding> evaluate_in_use_certificates(const Estate& estate, RuleContextView ctx,
                                                  InUseVerdict verdict);

// The shared walk of CG-001 and CG-002 over the stages of readable regions and APIs
// (unreadable ones give ERROR findings). `verdict` gets a finding prefilled with the stage's
// resource and details (rest_api_id, stage_name, certificate_id when set) and sets status
// and message.
using StageVerdict = std::function<void(const Region& region, const inventory::RestApi& api,
                                        const inventory::Stage& stage, Finding& finding)>;
std::vector<Finding> evaluate_stages(const Estate& estate, const StageVerdict& verdict);

// Where a custom domain's ACM certificate ARN leads. ACM ARNs carry their region
// (an EDGE domain's certificate lives in us-east-1), so the lookup spans the account.
struct AcmLookup {
  enum class Kind {
    kFound,     // `certificate` points at it
    kNotFound,  // its region was read and has no such certificate
    kUnknown,   // its region was not collected or could not be read; `why` says which
  };
  Kind kind = Kind::kUnknown;
  const inventory::AcmCertificate* certificate = nullptr;
  std::string region;  // the ARN's region
  std::string why;
};
AcmLookup find_acm_certificate(const Account& account, std::string_view arn);

// The certificate ARNs a domain uses: regional first, then edge; empty ones skipped.
std::vector<std::string> domain_certificate_arns(const inventory::DomainName& domain);

// The shared walk of CG-005 and CG-006 over each (custom domain, certificate ARN) of readable
// regions. A domain with no certificate ARN, or whose certificate's region could not be read,
// is ERROR here; otherwise `verdict` gets the lookup (kFound or kNotFound) and a PASS finding
// prefilled with the domain's resource and details (domain_name, certificate_arn).
using DomainVerdict = std::function<void(const inventory::DomainName& domain,
                                         const AcmLookup& lookup, Finding& finding)>;
std::vector<Finding> evaluate_domain_certificates(const Estate& estate,
                                                  const DomainVerdict& verdict);

// "a, b, c".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace certguard::rules::support
