// GenerateClientCertificate (a real self-signed X.509 certificate, 365 days), Get (one,
// all), Update (/description) and Delete (allowed while stages reference it: they keep
// the dangling id, as AWS does).

#include <fmt/format.h>

#include "sim/apigateway/json_text.h"
#include "sim/apigateway/keys.h"
#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {
constexpr std::size_t kCertificatesPerRegion = 60;              // AWS quota L-824C9E42
constexpr inventory::EpochSeconds kValiditySeconds = 31536000;  // 365 days

SimResponse cert_not_found(const Context& c) {
  return not_found(c, "Invalid client certificate identifier specified");
}

// Estates may carry certificates without PEM; they get a real one on first read.
void ensure_pem(Context& c, inventory::ClientCertificate& cert) {
  if (!cert.pem.empty()) return;
  std::uniform_int_distribution<std::uint64_t> serial(1, (std::uint64_t{1} << 62U));
  auto pem = c.world.certificates().self_signed_pem(cert.id, cert.created_date,
                                                    cert.expiration_date, serial(c.world.rng()));
  if (pem) cert.pem = std::move(pem).value();
}
}  // namespace

SimResponse generate_client_certificate(Context& c) {
  std::string error;
  auto description = get_string(c.body, "description", error);
  auto tags = get_string_map(c.body, "tags", error);
  if (!error.empty()) return bad_request(c, error);
  if (c.region.client_certificates.size() >= kCertificatesPerRegion) {
    return rest_json_error(c.request, 429, "LimitExceededException",
                           fmt::format("The maximum number of client certificates ({}) for this "
                                       "account in {} has been reached",
                                       kCertificatesPerRegion, c.region.name));
  }
  inventory::ClientCertificate cert;
  do {
    cert.id = c.world.new_id(6);
  } while (find_sorted(c.region.client_certificates, cert.id, cert_key) != nullptr);
  cert.description = description.value_or("");
  cert.tags = std::move(tags);
  cert.created_date = c.world.now();
  cert.expiration_date = cert.created_date + kValiditySeconds;
  std::uniform_int_distribution<std::uint64_t> serial(1, (std::uint64_t{1} << 62U));
  auto pem = c.world.certificates().self_signed_pem(cert.id, cert.created_date,
                                                    cert.expiration_date, serial(c.world.rng()));
  if (!pem) {
    return rest_json_error(c.request, 500, "InternalFailure", pem.error().message);
  }
  cert.pem = std::move(pem).value();
  auto& stored = insert_sorted(c.region.client_certificates, std::move(cert), cert_key);
  return created(c, client_certificate_json(stored));
}

SimResponse get_client_certificates(Context& c) {
  Page page;
  if (auto err = paginate(c, c.region.client_certificates, cert_key, page)) return *err;
  // Written directly (json_text.h): byte for byte the nlohmann shape, without the tree.
  std::string body = R"({"item":[)";
  body.reserve(32 + (page.end - page.begin) * 1400);  // a PEM is about 1.1 KB
  for (std::size_t i = page.begin; i < page.end; ++i) {
    ensure_pem(c, c.region.client_certificates[i]);
    if (i > page.begin) body.push_back(',');
    append_client_certificate_json(body, c.region.client_certificates[i]);
  }
  body.push_back(']');
  if (!page.next_position.empty()) {
    body.append(R"(,"position":)");
    append_json_string(body, page.next_position);
  }
  body.push_back('}');
  return json_text_response(c.request, 200, std::move(body));
}

SimResponse get_client_certificate(Context& c) {
  auto* cert = find_sorted(c.region.client_certificates, c.labels[0], cert_key);
  if (cert == nullptr) return cert_not_found(c);
  ensure_pem(c, *cert);
  return ok(c, client_certificate_json(*cert));
}

SimResponse update_client_certificate(Context& c) {
  auto* cert = find_sorted(c.region.client_certificates, c.labels[0], cert_key);
  if (cert == nullptr) return cert_not_found(c);
  std::string error;
  auto ops = parse_patch_operations(c.body, error);
  if (!ops) return bad_request(c, error);
  std::string description = cert->description;
  for (const PatchOp& p : *ops) {
    if (p.path != "/description" || (p.op != "replace" && p.op != "remove" && p.op != "add")) {
      return bad_request(c, fmt::format("Invalid patch path '{}' specified for op '{}'. Must be "
                                        "one of: [/description]",
                                        p.path, p.op));
    }
    description = p.op == "remove" ? "" : p.value.value_or("");
  }
  cert->description = std::move(description);
  ensure_pem(c, *cert);
  return ok(c, client_certificate_json(*cert));
}

SimResponse delete_client_certificate(Context& c) {
  if (!erase_sorted(c.region.client_certificates, c.labels[0], cert_key)) {
    return cert_not_found(c);
  }
  return empty_response(c.request, 202);
}

}  // namespace certguard::sim::apigw
