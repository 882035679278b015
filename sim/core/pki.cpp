#include "sim/core/pki.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace certguard::sim {

struct CertificateFactory::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

CertificateFactory::CertificateFactory() = default;
CertificateFactory::~CertificateFactory() = default;

namespace {
Error openssl_error(std::string_view what) {
  char buffer[256] = {};
  ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
  return make_error(ErrorKind::kInternal,
                    std::string("certificate generation: ") + std::string(what) + ": " + buffer);
}

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
}  // namespace

Status CertificateFactory::prepare_key() {
  std::lock_guard guard(mutex_);
  return prepare_key_locked();
}

Status CertificateFactory::prepare_key_locked() {
  if (key_) return {};
  auto key = std::make_unique<Key>();
  key->pkey = EVP_RSA_gen(2048);
  if (key->pkey == nullptr) return openssl_error("RSA key generation");
  key_ = std::move(key);
  return {};
}

Result<std::string> CertificateFactory::self_signed_pem(std::string_view common_name,
                                                        inventory::EpochSeconds not_before,
                                                        inventory::EpochSeconds not_after,
                                                        std::uint64_t serial) {
  std::lock_guard guard(mutex_);
  if (Status s = prepare_key_locked(); !s.ok()) return std::move(s).take_error();
  std::unique_ptr<X509, X509Deleter> cert(X509_new());
  if (!cert) return openssl_error("X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial);
  if (ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after)) == nullptr) {
    return openssl_error("validity");
  }
  X509_set_pubkey(cert.get(), key_->pkey);
  X509_NAME* name = X509_get_subject_name(cert.get());
  std::string cn(common_name);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key_->pkey, EVP_sha256()) == 0) return openssl_error("X509_sign");

  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) == 0) return openssl_error("PEM write");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace certguard::sim
