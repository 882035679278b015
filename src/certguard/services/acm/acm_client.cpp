#include "certguard/services/acm/acm_client.h"

#include <fmt/format.h>

#include "certguard/aws/client/json_read.h"
#include "certguard/aws/client/json_write.h"
#include "certguard/aws/client/pagination.h"

namespace certguard::services::acm {
namespace {

using aws::JsonView;
using Json = nlohmann::ordered_json;

aws::Operation json11(const std::string& name, std::string resource) {
  aws::Operation op;
  op.name = name;
  op.protocol = aws::Protocol::kJson11;
  op.method = "POST";
  op.path = "/";
  op.headers = {{"X-Amz-Target", "CertificateManager." + name}};
  op.resource = std::move(resource);
  return op;
}

std::vector<std::string> san_summaries(const JsonView& v) {
  return v.strings("SubjectAlternativeNameSummaries");
}

CertificateSummary read_summary(const JsonView& v) {
  CertificateSummary s;
  s.certificate_arn = v.string("CertificateArn");
  s.domain_name = v.string("DomainName");
  s.subject_alternative_name_summaries = san_summaries(v);
  s.status = v.string("Status");
  s.type = v.string("Type");
  s.key_algorithm = v.string("KeyAlgorithm");
  s.in_use = v.boolean("InUse");
  s.renewal_eligibility = v.string("RenewalEligibility");
  s.not_before = v.timestamp("NotBefore");
  s.not_after = v.timestamp("NotAfter");
  s.created_at = v.timestamp("CreatedAt");
  s.issued_at = v.timestamp("IssuedAt");
  s.imported_at = v.timestamp("ImportedAt");
  return s;
}

CertificateDetail read_detail(const JsonView& v) {
  CertificateDetail d;
  d.certificate_arn = v.string("CertificateArn");
  d.domain_name = v.string("DomainName");
  d.subject_alternative_names = v.strings("SubjectAlternativeNames");
  d.in_use_by = v.strings("InUseBy");
  d.status = v.string("Status");
  d.type = v.string("Type");
  d.key_algorithm = v.string("KeyAlgorithm");
  d.serial = v.string("Serial");
  d.subject = v.string("Subject");
  d.issuer = v.string("Issuer");
  d.signature_algorithm = v.string("SignatureAlgorithm");
  d.failure_reason = v.string("FailureReason");
  d.renewal_eligibility = v.string("RenewalEligibility");
  d.renewal_status = v.object("RenewalSummary").string("RenewalStatus");
  d.not_before = v.timestamp("NotBefore");
  d.not_after = v.timestamp("NotAfter");
  d.created_at = v.timestamp("CreatedAt");
  d.issued_at = v.timestamp("IssuedAt");
  d.imported_at = v.timestamp("ImportedAt");
  return d;
}

}  // namespace

aws::Operation to_operation(const ListCertificatesRequest& r, std::string_view region) {
  aws::Operation op = json11("ListCertificates", fmt::format("acm certificates in {}", region));
  Json body = Json::object();
  if (!r.certificate_statuses.empty()) body["CertificateStatuses"] = r.certificate_statuses;
  if (!r.key_types.empty()) body["Includes"] = Json{{"keyTypes", r.key_types}};
  if (!r.next_token.empty()) body["NextToken"] = r.next_token;
  if (r.max_items) body["MaxItems"] = *r.max_items;
  op.body = aws::to_wire_json(body);
  return op;
}

aws::Operation to_operation(const DescribeCertificateRequest& r) {
  aws::Operation op = json11("DescribeCertificate", r.certificate_arn);
  Json body = Json::object();
  body["CertificateArn"] = r.certificate_arn;
  op.body = aws::to_wire_json(body);
  return op;
}

Result<ListCertificatesPage> decode_list_certificates(std::string_view body) {
  auto json = aws::parse_json_object(body, "ListCertificates");
  if (!json.ok()) return json.error();
  std::string problem;
  JsonView v(&*json, "", &problem);
  ListCertificatesPage page;
  for (const auto& item : v.objects("CertificateSummaryList")) {
    page.certificate_summary_list.push_back(read_summary(item));
  }
  page.next_token = v.string("NextToken");
  if (!problem.empty()) return aws::parse_error("ListCertificates", problem);
  return page;
}

Result<CertificateDetail> decode_describe_certificate(std::string_view body) {
  auto json = aws::parse_json_object(body, "DescribeCertificate");
  if (!json.ok()) return json.error();
  std::string problem;
  JsonView v(&*json, "", &problem);
  if (!v.has("Certificate")) {
    return aws::parse_error("DescribeCertificate", "the response has no Certificate member");
  }
  CertificateDetail detail = read_detail(v.object("Certificate"));
  if (!problem.empty()) return aws::parse_error("DescribeCertificate", problem);
  return detail;
}

Task<Result<ListCertificatesPage>> AcmClient::list_certificates(const ListCertificatesRequest& r) {
  aws::Operation op = to_operation(r, region());
  Result<aws::HttpResponse> response = co_await client_->call(op);
  if (!response.ok()) co_return response.error();
  auto page = decode_list_certificates(response->body);
  if (!page.ok()) co_return page.error().with_context(op.name, op.resource);
  co_return page;
}

Task<Result<std::vector<CertificateSummary>>> AcmClient::list_all_certificates(
    const ListCertificatesRequest& first) {
  ListCertificatesRequest req = first;
  aws::PageTokens tokens("ListCertificates", fmt::format("acm certificates in {}", region()));
  std::vector<CertificateSummary> all;
  for (;;) {
    Result<ListCertificatesPage> page = co_await list_certificates(req);
    if (!page.ok()) co_return page.error();
    for (auto& s : page->certificate_summary_list) all.push_back(std::move(s));
    Result<bool> more = tokens.advance(page->next_token);
    if (!more.ok()) co_return more.error();
    if (!*more) break;
    req.next_token = page->next_token;
  }
  co_return all;
}

Task<Result<CertificateDetail>> AcmClient::describe_certificate(
    const DescribeCertificateRequest& r) {
  aws::Operation op = to_operation(r);
  Result<aws::HttpResponse> response = co_await client_->call(op);
  if (!response.ok()) co_return response.error();
  auto detail = decode_describe_certificate(response->body);
  if (!detail.ok()) co_return detail.error().with_context(op.name, op.resource);
  co_return detail;
}

}  // namespace certguard::services::acm
