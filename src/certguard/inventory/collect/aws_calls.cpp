#include "certguard/inventory/collect/aws_calls.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "certguard/aws/client/json_read.h"
#include "certguard/aws/client/json_write.h"
#include "certguard/aws/client/pagination.h"

namespace certguard::inventory {
namespace {

using Json = nlohmann::ordered_json;

EpochSeconds epoch(const std::optional<WallTime>& t) {
  if (!t) return 0;
  return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

aws::Operation json11(std::string name, std::string target, std::string body,
                      std::string resource) {
  aws::Operation op;
  op.name = std::move(name);
  op.protocol = aws::Protocol::kJson11;
  op.method = "POST";
  op.path = "/";
  op.headers.emplace_back("X-Amz-Target", std::move(target));
  op.body = std::move(body);
  op.resource = std::move(resource);
  return op;
}

aws::Operation query(std::string name, aws::Protocol protocol, std::string body) {
  aws::Operation op;
  op.name = std::move(name);
  op.protocol = protocol;
  op.method = "POST";
  op.path = "/";
  op.body = std::move(body);
  return op;
}

Result<AcmCertificate> decode_summary(const aws::JsonView& v, std::string& problem) {
  AcmCertificate c;
  c.arn = v.string("CertificateArn");
  c.domain_name = v.string("DomainName");
  c.status = v.string("Status");
  c.type = v.string("Type");
  c.key_algorithm = v.string("KeyAlgorithm");
  c.not_before = epoch(v.timestamp("NotBefore"));
  c.not_after = epoch(v.timestamp("NotAfter"));
  c.created_at = epoch(v.timestamp("CreatedAt"));
  c.imported_at = epoch(v.timestamp("ImportedAt"));
  c.in_use = v.boolean("InUse");
  if (!problem.empty()) return aws::parse_error("ListCertificates", problem);
  return c;
}

std::string xml_child_text(const pugi::xml_node& node, const char* name) {
  return node.child(name).text().as_string();
}

}  // namespace

bool OrgAccount::scannable() const {
  if (status == "SUSPENDED" || status == "PENDING_CLOSURE") return false;
  if (state == "SUSPENDED" || state == "PENDING_CLOSURE" || state == "CLOSED") return false;
  return true;
}

aws::Operation list_certificates_operation(const std::string& region,
                                           const std::string& next_token) {
  Json body = Json::object();
  Json includes = Json::object();
  includes["keyTypes"] = Json::array({"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096",
                                      "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"});
  body["Includes"] = std::move(includes);
  if (!next_token.empty()) body["NextToken"] = next_token;
  body["MaxItems"] = 1000;
  return json11("ListCertificates", "CertificateManager.ListCertificates", aws::to_wire_json(body),
                "ACM certificates in " + region);
}

aws::Operation get_caller_identity_operation() {
  return query("GetCallerIdentity", aws::Protocol::kQuery,
               "Action=GetCallerIdentity&Version=2011-06-15");
}

aws::Operation list_accounts_operation(const std::string& next_token) {
  Json body = Json::object();
  if (!next_token.empty()) body["NextToken"] = next_token;
  return json11("ListAccounts", "AWSOrganizationsV20161128.ListAccounts", aws::to_wire_json(body),
                "the organization's accounts");
}

aws::Operation describe_regions_operation() {
  return query("DescribeRegions", aws::Protocol::kEc2Query,
               "Action=DescribeRegions&Version=2016-11-15");
}

Task<Result<std::vector<AcmCertificate>>> list_acm_certificates(aws::AwsClient& acm,
                                                                std::string region) {
  std::vector<AcmCertificate> all;
  std::string token;
  aws::PageTokens tokens("ListCertificates", "ACM certificates in " + region);
  for (;;) {
    aws::Operation op = list_certificates_operation(region, token);
    auto call = acm.call(op);
    Result<aws::HttpResponse> response = co_await std::move(call);
    if (!response.ok()) co_return response.error();
    Result<nlohmann::json> body = aws::parse_json_object(response->body, op.name);
    if (!body.ok()) co_return body.error().with_context(op.name, op.resource);
    std::string problem;
    aws::JsonView view(&*body, "", &problem);
    for (const aws::JsonView& item : view.objects("CertificateSummaryList")) {
      Result<AcmCertificate> cert = decode_summary(item, problem);
      if (!cert.ok()) co_return cert.error().with_context(op.name, op.resource);
      all.push_back(std::move(*cert));
    }
    std::string next = view.string("NextToken");
    if (!problem.empty()) co_return aws::parse_error(op.name, problem);
    Result<bool> more = tokens.advance(next);
    if (!more.ok()) co_return more.error();
    if (!*more) break;
    token = next;
  }
  co_return all;
}

Task<Result<std::string>> get_caller_account(aws::AwsClient& sts) {
  aws::Operation op = get_caller_identity_operation();
  auto call = sts.call(op);
  Result<aws::HttpResponse> response = co_await std::move(call);
  if (!response.ok()) co_return response.error();
  pugi::xml_document doc;
  if (!doc.load_buffer(response->body.data(), response->body.size())) {
    co_return aws::parse_error(op.name, "response is not XML");
  }
  std::string account = xml_child_text(
      doc.child("GetCallerIdentityResponse").child("GetCallerIdentityResult"), "Account");
  if (account.empty()) co_return aws::parse_error(op.name, "no Account in the response");
  co_return account;
}

Task<Result<std::vector<OrgAccount>>> list_org_accounts(aws::AwsClient& organizations) {
  std::vector<OrgAccount> all;
  std::string token;
  aws::PageTokens tokens("ListAccounts", "the organization's accounts");
  for (;;) {
    aws::Operation op = list_accounts_operation(token);
    auto call = organizations.call(op);
    Result<aws::HttpResponse> response = co_await std::move(call);
    if (!response.ok()) co_return response.error();
    Result<nlohmann::json> body = aws::parse_json_object(response->body, op.name);
    if (!body.ok()) co_return body.error().with_context(op.name, op.resource);
    std::string problem;
    aws::JsonView view(&*body, "", &problem);
    for (const aws::JsonView& item : view.objects("Accounts")) {
      all.push_back(OrgAccount{.id = item.string("Id"),
                               .name = item.string("Name"),
                               .email = item.string("Email"),
                               .status = item.string("Status"),
                               .state = item.string("State")});
    }
    std::string next = view.string("NextToken");
    if (!problem.empty()) co_return aws::parse_error(op.name, problem);
    Result<bool> more = tokens.advance(next);
    if (!more.ok()) co_return more.error();
    if (!*more) break;
    token = next;
  }
  co_return all;
}

Task<Result<std::vector<std::string>>> describe_enabled_regions(aws::AwsClient& ec2) {
  aws::Operation op = describe_regions_operation();
  auto call = ec2.call(op);
  Result<aws::HttpResponse> response = co_await std::move(call);
  if (!response.ok()) co_return response.error();
  pugi::xml_document doc;
  if (!doc.load_buffer(response->body.data(), response->body.size())) {
    co_return aws::parse_error(op.name, "response is not XML");
  }
  std::vector<std::string> regions;
  pugi::xml_node info = doc.child("DescribeRegionsResponse").child("regionInfo");
  for (pugi::xml_node item : info.children("item")) {
    std::string opt_in = xml_child_text(item, "optInStatus");
    if (opt_in == "not-opted-in") continue;
    regions.push_back(xml_child_text(item, "regionName"));
  }
  if (!info) co_return aws::parse_error(op.name, "no regionInfo in the response");
  co_return regions;
}

}  // namespace certguard::inventory
