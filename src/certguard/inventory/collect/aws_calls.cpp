#include "certguard/inventory/collect/aws_calls.h"

#include "certguard/inventory/collect/convert.h"
#include "certguard/services/acm/acm_client.h"
#include "certguard/services/ec2/ec2_client.h"
#include "certguard/services/organizations/organizations_client.h"
#include "certguard/services/sts/sts_client.h"

namespace certguard::inventory {

bool OrgAccount::scannable() const {
  if (status == "SUSPENDED" || status == "PENDING_CLOSURE") return false;
  if (state == "SUSPENDED" || state == "PENDING_CLOSURE" || state == "CLOSED") return false;
  return true;
}

Task<Result<std::vector<AcmCertificate>>> list_acm_certificates(aws::AwsClient& acm,
                                                                std::string /*region*/) {
  services::acm::AcmClient client(acm);
  const services::acm::ListCertificatesRequest request;  // every key type and status
  auto call = client.list_all_certificates(request);
  auto summaries = co_await std::move(call);
  if (!summaries) co_return std::move(summaries).take_error();
  std::vector<AcmCertificate> out;
  out.reserve(summaries->size());
  for (const auto& s : *summaries) out.push_back(to_estate(s));
  co_return out;
}

Task<Result<std::string>> get_caller_account(aws::AwsClient& sts) {
  services::sts::StsClient client(sts);
  auto call = client.get_caller_identity();
  auto identity = co_await std::move(call);
  if (!identity) co_return std::move(identity).take_error();
  co_return identity->account;
}

Task<Result<std::vector<OrgAccount>>> list_org_accounts(aws::AwsClient& organizations) {
  services::organizations::OrganizationsClient client(organizations);
  auto call = client.list_all_accounts();
  auto accounts = co_await std::move(call);
  if (!accounts) co_return std::move(accounts).take_error();
  std::vector<OrgAccount> out;
  out.reserve(accounts->size());
  for (const auto& a : *accounts) out.push_back({a.id, a.name, a.email, a.status, a.state});
  co_return out;
}

Task<Result<std::vector<std::string>>> describe_enabled_regions(aws::AwsClient& ec2) {
  services::ec2::Ec2Client client(ec2);
  const services::ec2::DescribeRegionsRequest request;  // enabled regions only
  auto call = client.describe_regions(request);
  auto regions = co_await std::move(call);
  if (!regions) co_return std::move(regions).take_error();
  std::vector<std::string> out;
  out.reserve(regions->size());
  for (const auto& r : *regions) out.push_back(r.region_name);
  co_return out;
}

}  // namespace certguard::inventory
