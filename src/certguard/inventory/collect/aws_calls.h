#pragma once

// The few non-API-Gateway calls the collector makes: ACM ListCertificates (every key type),
// STS GetCallerIdentity, Organizations ListAccounts and EC2 DescribeRegions. Each is the
// typed client of services/ plus the conversion into the Estate's types.

#include <string>
#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/core/result.h"
#include "certguard/core/task.h"
#include "certguard/inventory/estate/estate.h"

namespace certguard::inventory {

struct OrgAccount {
  std::string id;
  std::string name;
  std::string email;
  std::string status;  // ACTIVE, SUSPENDED, PENDING_CLOSURE
  std::string state;   // PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED
  // True when the account can be scanned (not suspended, closing or closed).
  [[nodiscard]] bool scannable() const;
};

// ACM ListCertificates with Includes.keyTypes = every key algorithm (the default filter
// returns only RSA_1024/RSA_2048), all statuses, every page. Errors: the call's error, or
// kParse for a malformed body or a repeated NextToken.
Task<Result<std::vector<AcmCertificate>>> list_acm_certificates(aws::AwsClient& acm,
                                                                std::string region);

// STS GetCallerIdentity: the caller's account id.
Task<Result<std::string>> get_caller_account(aws::AwsClient& sts);

// Organizations ListAccounts, every page (all accounts, whatever their status).
Task<Result<std::vector<OrgAccount>>> list_org_accounts(aws::AwsClient& organizations);

// EC2 DescribeRegions without AllRegions: the regions enabled for the account.
Task<Result<std::vector<std::string>>> describe_enabled_regions(aws::AwsClient& ec2);

}  // namespace certguard::inventory
