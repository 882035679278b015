// Client certificates: real X.509, 365-day validity on the virtual clock, the quota of
// 60 per region, pagination, dangling ids after deletion.

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <set>

#include "sim/core/pki.h"
#include "sim_test_util.h"

namespace certguard::sim {
namespace {

using testing::error_code;
using testing::Harness;

std::int64_t not_before_epoch(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (cert == nullptr) return -1;
  std::tm tm{};
  ASN1_TIME_to_tm(X509_get0_notBefore(cert), &tm);
  X509_free(cert);
  return static_cast<std::int64_t>(timegm(&tm));
}

EVP_PKEY* public_key_of(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (cert == nullptr) return nullptr;
  EVP_PKEY* key = X509_get_pubkey(cert);
  X509_free(cert);
  return key;
}

// The engine makes the factory's key with prepare_key() before it takes the world lock;
// certificates signed afterwards use that one key, and preparing again changes nothing.
TEST(CertificateFactory, PreparedKeySignsEveryCertificate) {
  CertificateFactory factory;
  ASSERT_TRUE(factory.prepare_key().ok());
  ASSERT_TRUE(factory.prepare_key().ok());
  auto a = factory.self_signed_pem("a", 1700000000, 1700086400, 1);
  auto b = factory.self_signed_pem("b", 1700000000, 1700086400, 2);
  ASSERT_TRUE(a.ok() && b.ok());
  EVP_PKEY* ka = public_key_of(*a);
  EVP_PKEY* kb = public_key_of(*b);
  ASSERT_NE(ka, nullptr);
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(EVP_PKEY_eq(ka, kb), 1);
  EXPECT_EQ(EVP_PKEY_get_bits(ka), 2048);
  EVP_PKEY_free(ka);
  EVP_PKEY_free(kb);
}

TEST(ClientCertificates, GeneratedCertificateIsRealAndValid365Days) {
  EngineOptions options = Harness::default_options();
  options.now = 1700000000;
  Harness h(options);
  auto r = h.call("POST", "/clientcertificates", R"({"description":"backend","tags":{"a":"b"}})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto cert = nlohmann::json::parse(r.body);
  EXPECT_EQ(cert["description"], "backend");
  EXPECT_EQ(cert["createdDate"], 1700000000);
  EXPECT_EQ(cert["expirationDate"].get<std::int64_t>() - cert["createdDate"].get<std::int64_t>(),
            31536000);
  std::string pem = cert["pemEncodedCertificate"];
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----", 0), 0U);
  EXPECT_EQ(not_before_epoch(pem), 1700000000);
  std::string id = cert["clientCertificateId"];
  auto got = h.json("GET", "/clientcertificates/" + id);
  EXPECT_EQ(got["pemEncodedCertificate"], pem);

  auto updated =
      h.json("PATCH", "/clientcertificates/" + id,
             R"({"patchOperations":[{"op":"replace","path":"/description","value":"v2"}]})");
  EXPECT_EQ(updated["description"], "v2");
  EXPECT_EQ(
      error_code(h.call("PATCH", "/clientcertificates/" + id,
                        R"({"patchOperations":[{"op":"replace","path":"/pem","value":"x"}]})")),
      "BadRequestException");
}

TEST(ClientCertificates, DeleteWhileReferencedLeavesDanglingId) {
  Harness h;
  auto api = h.json("POST", "/restapis", R"({"name":"a"})");
  std::string id = api["id"];
  std::string root = api["rootResourceId"];
  h.call("PUT", "/restapis/" + id + "/resources/" + root + "/methods/GET",
         R"({"authorizationType":"NONE"})");
  h.call("PUT", "/restapis/" + id + "/resources/" + root + "/methods/GET/integration",
         R"({"type":"MOCK"})");
  ASSERT_EQ(h.call("POST", "/restapis/" + id + "/deployments", R"({"stageName":"prod"})").status,
            201);
  std::string cert = h.json("POST", "/clientcertificates", "{}")["clientCertificateId"];
  h.call("PATCH", "/restapis/" + id + "/stages/prod",
         R"({"patchOperations":[{"op":"replace","path":"/clientCertificateId","value":")" + cert +
             R"("}]})");
  EXPECT_EQ(h.call("DELETE", "/clientcertificates/" + cert).status, 202);
  EXPECT_EQ(h.json("GET", "/restapis/" + id + "/stages/prod")["clientCertificateId"], cert);
  auto gone = h.call("GET", "/clientcertificates/" + cert);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(error_code(gone), "NotFoundException");
  EXPECT_EQ(error_code(h.call("DELETE", "/clientcertificates/" + cert)), "NotFoundException");
}

TEST(ClientCertificates, SixtyPerRegionThenLimitExceeded) {
  Harness h;
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(h.call("POST", "/clientcertificates", "{}").status, 201) << i;
  }
  auto r = h.call("POST", "/clientcertificates", "{}");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(error_code(r), "LimitExceededException");
  // Another region has its own quota.
  testing::Signer west = h.signer;
  west.region = "eu-west-1";
  EXPECT_EQ(h.call_as(west, "POST", "/clientcertificates", "{}").status, 201);
  // Paging over the 60 with limit 2 sees each once.
  std::set<std::string> seen;
  std::string position;
  int pages = 0;
  do {
    std::string target = "/clientcertificates?limit=7";
    if (!position.empty()) target += "&position=" + position;
    auto page = h.json("GET", target);
    for (const auto& c : page["item"]) EXPECT_TRUE(seen.insert(c["clientCertificateId"]).second);
    position = page.value("position", "");
    ++pages;
  } while (!position.empty());
  EXPECT_EQ(seen.size(), 60U);
  EXPECT_EQ(pages, 9);
}

TEST(ClientCertificates, EstateCertificatesWithoutPemGetOne) {
  inventory::Estate estate = SimWorld::default_estate();
  inventory::Region region;
  region.name = "us-east-1";
  inventory::ClientCertificate cert;
  cert.id = "abc123";
  cert.created_date = 1600000000;
  cert.expiration_date = 1600000000 + 31536000;
  region.client_certificates.push_back(cert);
  estate.accounts[0].regions.push_back(region);
  Harness h(Harness::default_options(), estate);
  auto got = h.json("GET", "/clientcertificates/abc123");
  EXPECT_EQ(got["createdDate"], 1600000000);
  EXPECT_EQ(not_before_epoch(got["pemEncodedCertificate"]), 1600000000);
}

}  // namespace
}  // namespace certguard::sim
