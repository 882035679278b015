#pragma once

// ACM (JSON 1.1, X-Amz-Target CertificateManager.*): ListCertificates (paged on
// NextToken/MaxItems) and DescribeCertificate. Shapes per botocore's acm model.

#include <optional>
#include <string>
#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/core/task.h"

namespace certguard::services::acm {

using Timestamp = std::optional<WallTime>;

// Every key type ACM knows. ListCertificates without Includes.keyTypes returns only
// RSA_1024 and RSA_2048 certificates, hiding EC and RSA_3072/4096 ones.
inline const std::vector<std::string>& all_key_types() {
  static const std::vector<std::string> types = {"RSA_1024",    "RSA_2048",      "RSA_3072",
                                                 "RSA_4096",    "EC_prime256v1", "EC_secp384r1",
                                                 "EC_secp521r1"};
  return types;
}

struct CertificateSummary {
  std::string certificate_arn;
  std::string domain_name;
  std::vector<std::string> subject_alternative_name_summaries;
  std::string status;  // PENDING_VALIDATION | ISSUED | INACTIVE | EXPIRED | ...
  std::string type;    // IMPORTED | AMAZON_ISSUED | PRIVATE
  std::string key_algorithm;
  bool in_use = false;
  std::string renewal_eligibility;
  Timestamp not_before;
  Timestamp not_after;
  Timestamp created_at;
  Timestamp issued_at;
  Timestamp imported_at;
};

struct CertificateDetail {
  std::string certificate_arn;
  std::string domain_name;
  std::vector<std::string> subject_alternative_names;
  std::vector<std::string> in_use_by;
  std::string status;
  std::string type;
  std::string key_algorithm;
  std::string serial;
  std::string subject;
  std::string issuer;
  std::string signature_algorithm;
  std::string failure_reason;
  std::string renewal_eligibility;
  std::string renewal_status;  // RenewalSummary.RenewalStatus
  Timestamp not_before;
  Timestamp not_after;
  Timestamp created_at;
  Timestamp issued_at;
  Timestamp imported_at;
};

struct ListCertificatesRequest {
  std::vector<std::string> certificate_statuses;  // empty: all
  std::vector<std::string> key_types = all_key_types();
  std::optional<int> max_items = 1000;
  std::string next_token;
};

struct ListCertificatesPage {
  std::vector<CertificateSummary> certificate_summary_list;
  std::string next_token;
};

struct DescribeCertificateRequest {
  std::string certificate_arn;
};

aws::Operation to_operation(const ListCertificatesRequest& r, std::string_view region);
aws::Operation to_operation(const DescribeCertificateRequest& r);
Result<ListCertificatesPage> decode_list_certificates(std::string_view body);
Result<CertificateDetail> decode_describe_certificate(std::string_view body);

class AcmClient {
 public:
  explicit AcmClient(aws::AwsClient& client) : client_(&client) {}

  Task<Result<ListCertificatesPage>> list_certificates(const ListCertificatesRequest& r);
  // Every page; an empty page with a NextToken continues; a repeated token is an error.
  Task<Result<std::vector<CertificateSummary>>> list_all_certificates(
      const ListCertificatesRequest& first);
  Task<Result<CertificateDetail>> describe_certificate(const DescribeCertificateRequest& r);

 private:
  [[nodiscard]] const std::string& region() const { return client_->config().signing_region; }
  aws::AwsClient* client_;
};

}  // namespace certguard::services::acm
