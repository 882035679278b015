// ACM (JSON 1.1, X-Amz-Target: CertificateManager.<Operation>): dispatch, Describe and
// Request. ListCertificates is in acm_list.cpp, ImportCertificate in acm_import.cpp.

#include <regex>
#include <string>

#include "sim/core/responses.h"
#include "sim/services/acm_ops.h"
#include "sim/services/acm_shapes.h"
#include "sim/services/common.h"
#include "sim/services/services.h"

namespace certguard::sim {
namespace svc {

using nlohmann::json;

bool is_acm_arn(std::string_view arn) {
  static const std::regex arn_pattern(
      "^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$");
  return std::regex_match(arn.begin(), arn.end(), arn_pattern);
}

inventory::AcmCertificate* find_certificate(const SimRequest& request, SimWorld& world,
                                            std::string_view arn) {
  inventory::Region* region = world.region(request.account_id, request.region);
  if (region == nullptr) return nullptr;
  for (auto& c : region->acm_certificates) {
    if (c.arn == arn) return &c;
  }
  return nullptr;
}

namespace {

std::optional<SimResponse> check_arn(const SimRequest& request, const json& body,
                                     std::string& arn) {
  if (!body.contains("CertificateArn") || !body["CertificateArn"].is_string()) {
    return json11_error(request, 400, "ValidationException",
                        validation_message("null", "certificateArn", "Member must not be null"));
  }
  arn = body["CertificateArn"].get<std::string>();
  if (!is_acm_arn(arn)) {
    return json11_error(request, 400, "InvalidArnException", "The ARN " + arn + " is invalid.");
  }
  return std::nullopt;
}

}  // namespace

SimResponse describe_certificate(const SimRequest& request, SimWorld& world, const json& body) {
  std::string arn;
  if (auto error = check_arn(request, body, arn)) return *error;
  const inventory::AcmCertificate* cert = find_certificate(request, world, arn);
  if (cert == nullptr) {
    return json11_error(request, 400, "ResourceNotFoundException",
                        "Could not find certificate " + arn + ".");
  }
  const inventory::Region* region = world.region(request.account_id, request.region);
  return json11_response(
      request, {{"Certificate", certificate_detail(*cert, *region, world.estate().partition)}});
}

SimResponse request_certificate(const SimRequest& request, SimWorld& world, const json& body) {
  const std::string domain = body.value("DomainName", "");
  if (domain.empty() || domain.size() > 253) {
    return json11_error(
        request, 400, "ValidationException",
        validation_message(domain, "domainName", "Member must have length between 1 and 253"));
  }
  const std::string key = body.value("KeyAlgorithm", "RSA_2048");
  if (key != "RSA_2048" && key != "EC_prime256v1" && key != "EC_secp384r1") {
    return json11_error(request, 400, "ValidationException",
                        "KeyAlgorithm " + key + " is not supported for requested certificates");
  }
  inventory::Region* region = world.region(request.account_id, request.region);
  if (region == nullptr) {
    return json11_error(request, 400, "ValidationException",
                        "Region " + request.region + " is not enabled for this account");
  }
  inventory::AcmCertificate cert;
  cert.arn = "arn:" + world.estate().partition + ":acm:" + request.region + ":" +
             request.account_id + ":certificate/" + world.new_uuid();
  cert.domain_name = domain;
  cert.status = "PENDING_VALIDATION";
  cert.type = body.contains("CertificateAuthorityArn") ? "PRIVATE" : "AMAZON_ISSUED";
  cert.key_algorithm = key;
  cert.created_at = world.now();
  const std::string arn = cert.arn;
  region->acm_certificates.push_back(std::move(cert));
  return json11_response(request, {{"CertificateArn", arn}});
}

}  // namespace svc

SimResponse handle_acm(const SimRequest& request, SimWorld& world) {
  const auto body = svc::json_body(request);
  if (!body) {
    return json11_error(request, 400, "SerializationException",
                        "The request body is not a JSON object");
  }
  const std::string& op = request.operation;
  if (op == "ListCertificates") return svc::list_certificates(request, world, *body);
  if (op == "DescribeCertificate") return svc::describe_certificate(request, world, *body);
  if (op == "RequestCertificate") return svc::request_certificate(request, world, *body);
  if (op == "ImportCertificate") return svc::import_certificate(request, world, *body);
  return json11_error(request, 400, "UnknownOperationException",
                      "certguard-sim does not implement ACM " + op);
}

}  // namespace certguard::sim
