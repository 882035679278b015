// ACM ImportCertificate: the PEM certificate (and its private key) are parsed with
// OpenSSL so the listing shows the certificate's real subject, dates and key type.

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "sim/core/responses.h"
#include "sim/services/acm_ops.h"
#include "sim/services/common.h"

namespace certguard::sim::svc {
namespace {

using nlohmann::json;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

// Blobs travel base64-encoded in JSON 1.1. Returns nullopt on bad base64.
std::optional<std::string> base64_decode(const std::string& text) {
  std::string clean;
  for (char c : text) {
    if (c != '\n' && c != '\r') clean.push_back(c);
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out(clean.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()),
                                static_cast<int>(clean.size()));
  if (n < 0) return std::nullopt;
  auto size = static_cast<std::size_t>(n);
  if (!clean.empty() && clean.back() == '=') --size;
  if (clean.size() > 1 && clean[clean.size() - 2] == '=') --size;
  out.resize(size);
  return out;
}

std::optional<inventory::EpochSeconds> to_epoch(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return static_cast<inventory::EpochSeconds>(timegm(&tm));
}

std::string common_name(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return "";
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  return {reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
          static_cast<std::size_t>(ASN1_STRING_length(data))};
}

std::string algorithm(EVP_PKEY* key) {
  if (EVP_PKEY_base_id(key) == EVP_PKEY_RSA) return "RSA_" + std::to_string(EVP_PKEY_bits(key));
  if (EVP_PKEY_base_id(key) == EVP_PKEY_EC) {
    switch (EVP_PKEY_bits(key)) {
      case 256:
        return "EC_prime256v1";
      case 384:
        return "EC_secp384r1";
      default:
        return "EC_secp521r1";
    }
  }
  return "";
}

struct Parsed {
  std::string domain;
  std::string key_algorithm;
  inventory::EpochSeconds not_before = 0;
  inventory::EpochSeconds not_after = 0;
};

// The certificate and private key as AWS checks them; the error message on failure.
std::variant<Parsed, std::string> parse(const std::string& cert_pem, const std::string& key_pem) {
  std::unique_ptr<BIO, BioFree> cert_bio(
      BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  std::unique_ptr<X509, X509Free> cert(
      PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!cert)
    return std::string(
        "Unable to parse certificate. Please ensure the certificate is in PEM format.");
  std::unique_ptr<BIO, BioFree> key_bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!key)
    return std::string("Unable to parse private key. Please ensure the key is in PEM format.");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return std::string("The private key does not match the public key in the certificate.");
  }
  Parsed out;
  out.domain = common_name(cert.get());
  out.key_algorithm = algorithm(key.get());
  auto nb = to_epoch(X509_get0_notBefore(cert.get()));
  auto na = to_epoch(X509_get0_notAfter(cert.get()));
  if (!nb || !na) return std::string("Unable to read the certificate's validity dates.");
  out.not_before = *nb;
  out.not_after = *na;
  return out;
}

std::optional<std::string> blob(const json& body, const char* key) {
  if (!body.contains(key) || !body[key].is_string()) return std::nullopt;
  return base64_decode(body[key].get<std::string>());
}

}  // namespace

SimResponse import_certificate(const SimRequest& request, SimWorld& world, const json& body) {
  const auto cert_pem = blob(body, "Certificate");
  const auto key_pem = blob(body, "PrivateKey");
  if (!cert_pem || !key_pem) {
    return json11_error(request, 400, "ValidationException",
                        "Certificate and PrivateKey are required base64-encoded PEM blobs");
  }
  auto parsed = parse(*cert_pem, *key_pem);
  if (auto* message = std::get_if<std::string>(&parsed)) {
    return json11_error(request, 400, "ValidationException", *message);
  }
  const Parsed& p = std::get<Parsed>(parsed);
  inventory::AcmCertificate* target = nullptr;
  if (body.contains("CertificateArn")) {  // re-import over an existing imported one
    const std::string arn = body.value("CertificateArn", "");
    if (!is_acm_arn(arn)) {
      return json11_error(request, 400, "InvalidArnException", "The ARN " + arn + " is invalid.");
    }
    target = find_certificate(request, world, arn);
    if (target == nullptr) {
      return json11_error(request, 400, "ResourceNotFoundException",
                          "Could not find certificate " + arn + ".");
    }
    if (target->type != "IMPORTED") {
      return json11_error(request, 400, "ValidationException",
                          "Only imported certificates can be re-imported.");
    }
  } else {
    inventory::Region* region = world.region(request.account_id, request.region);
    if (region == nullptr) {
      return json11_error(request, 400, "ValidationException",
                          "Region " + request.region + " is not enabled for this account");
    }
    inventory::AcmCertificate fresh;
    fresh.arn = "arn:" + world.estate().partition + ":acm:" + request.region + ":" +
                request.account_id + ":certificate/" + world.new_uuid();
    fresh.type = "IMPORTED";
    fresh.created_at = world.now();
    region->acm_certificates.push_back(std::move(fresh));
    target = &region->acm_certificates.back();
  }
  const inventory::EpochSeconds now = world.now();
  target->domain_name = p.domain;
  target->key_algorithm = p.key_algorithm;
  target->not_before = p.not_before;
  target->not_after = p.not_after;
  target->imported_at = now;
  target->status = p.not_after > now ? "ISSUED" : "EXPIRED";
  return json11_response(request, {{"CertificateArn", target->arn}});
}

}  // namespace certguard::sim::svc
