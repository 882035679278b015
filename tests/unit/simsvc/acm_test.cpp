#include <gtest/gtest.h>

#include <set>
#include <string>

#include "handler_fixture.h"
#include "sim/services/services.h"

namespace certguard::sim {
namespace {

using nlohmann::json;
using testing::body_json;
using testing::HandlerFixture;

constexpr const char* kAccount = "222222222222";
constexpr const char* kRegion = "us-east-1";

inventory::AcmCertificate cert(int n, std::string status, std::string key = "RSA_2048") {
  inventory::AcmCertificate c;
  c.arn = "arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-4000-8000-00000000000" +
          std::to_string(n);
  c.domain_name = "d" + std::to_string(n) + ".example.com";
  c.status = std::move(status);
  c.type = "AMAZON_ISSUED";
  c.key_algorithm = std::move(key);
  c.created_at = testing::kNow - 1000 + n;
  c.not_before = testing::kNow - 100LL * 86400;
  c.not_after = testing::kNow + 200LL * 86400;
  return c;
}

inventory::Estate estate() {
  inventory::Estate e;
  inventory::Account a;
  a.id = kAccount;
  inventory::Region r;
  r.name = kRegion;
  r.acm_certificates = {cert(1, "ISSUED"),
                        cert(2, "PENDING_VALIDATION"),
                        cert(3, "EXPIRED"),
                        cert(4, "ISSUED", "EC_prime256v1"),
                        cert(5, "ISSUED", "RSA_4096"),
                        cert(6, "REVOKED"),
                        cert(7, "ISSUED", "RSA_1024")};
  inventory::DomainName d;
  d.domain_name = "api.example.com";
  d.regional_certificate_arn = r.acm_certificates[0].arn;
  r.domain_names.push_back(d);
  a.regions.push_back(r);
  e.accounts.push_back(a);
  return e;
}

struct AcmTest : ::testing::Test {
  HandlerFixture f{estate()};
  SimResponse call(const std::string& op, const json& body) {
    return handle_acm(HandlerFixture::json_request(op, kAccount, kRegion, body), *f.world);
  }
  std::set<std::string> listed_arns(json body) {
    std::set<std::string> arns;
    for (;;) {
      auto r = call("ListCertificates", body);
      EXPECT_EQ(r.status, 200) << r.body;
      auto j = body_json(r);
      for (const auto& s : j["CertificateSummaryList"]) {
        EXPECT_TRUE(arns.insert(s["CertificateArn"].get<std::string>()).second) << "repeated";
      }
      if (!j.contains("NextToken")) return arns;
      body["NextToken"] = j["NextToken"];
    }
  }
};

TEST_F(AcmTest, DefaultListingShowsOnlyRsa1024And2048) {
  const auto arns = listed_arns(json::object());
  EXPECT_EQ(arns.size(), 5U);  // 1, 2, 3, 6 (RSA_2048) and 7 (RSA_1024)
  EXPECT_EQ(arns.count(cert(4, "").arn), 0U);
  EXPECT_EQ(arns.count(cert(5, "").arn), 0U);
}

TEST_F(AcmTest, KeyTypesIncludeOtherAlgorithms) {
  json body = {{"Includes", {{"keyTypes", {"EC_prime256v1", "RSA_4096", "RSA_2048"}}}}};
  const auto arns = listed_arns(body);
  EXPECT_EQ(arns.size(), 6U);  // everything but the RSA_1024 one
  EXPECT_EQ(arns.count(cert(7, "").arn), 0U);
}

TEST_F(AcmTest, StatusFilter) {
  json body = {{"CertificateStatuses", {"EXPIRED", "REVOKED"}}};
  EXPECT_EQ(listed_arns(body), (std::set<std::string>{cert(3, "").arn, cert(6, "").arn}));
}

TEST_F(AcmTest, PagesOfTwoSeeEveryItemOnce) {
  json body = {{"MaxItems", 2},
               {"Includes", {{"keyTypes", {"RSA_1024", "RSA_2048", "RSA_4096", "EC_prime256v1"}}}}};
  auto first = body_json(call("ListCertificates", body));
  EXPECT_EQ(first["CertificateSummaryList"].size(), 2U);
  EXPECT_TRUE(first.contains("NextToken"));
  EXPECT_EQ(listed_arns(body).size(), 7U);
}

TEST_F(AcmTest, SummaryCarriesStatusDatesAndInUse) {
  auto j = body_json(call("ListCertificates", {{"CertificateStatuses", {"ISSUED"}}}));
  const auto& first = j["CertificateSummaryList"][0];
  EXPECT_EQ(first["CertificateArn"], cert(1, "").arn);
  EXPECT_EQ(first["Status"], "ISSUED");
  EXPECT_EQ(first["NotAfter"], testing::kNow + 200LL * 86400);
  EXPECT_EQ(first["KeyAlgorithm"], "RSA_2048");
  EXPECT_TRUE(first["InUse"].is_boolean());
}

TEST_F(AcmTest, MaxItemsOutOfRangeIsValidationException) {
  for (int bad : {0, 1001}) {
    auto r = call("ListCertificates", {{"MaxItems", bad}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(body_json(r)["__type"], "ValidationException");
  }
  auto r = call("ListCertificates", {{"NextToken", "garbage"}});
  EXPECT_EQ(body_json(r)["__type"], "InvalidArgsException");
}

TEST_F(AcmTest, DescribeReportsDomainsUsingIt) {
  auto r = call("DescribeCertificate", {{"CertificateArn", cert(1, "").arn}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto c = body_json(r)["Certificate"];
  EXPECT_EQ(c["Status"], "ISSUED");
  EXPECT_EQ(c["InUseBy"],
            json::array({"arn:aws:apigateway:us-east-1::/domainnames/api.example.com"}));
  EXPECT_EQ(c["Subject"], "CN=d1.example.com");
}

TEST_F(AcmTest, DescribeErrors) {
  auto missing =
      call("DescribeCertificate",
           {{"CertificateArn", "arn:aws:acm:us-east-1:222222222222:certificate/deadbeef-0000"}});
  EXPECT_EQ(body_json(missing)["__type"], "ResourceNotFoundException");
  auto bad = call("DescribeCertificate", {{"CertificateArn", "not-an-arn"}});
  EXPECT_EQ(body_json(bad)["__type"], "InvalidArnException");
}

TEST_F(AcmTest, RequestCertificateIsPendingValidation) {
  auto r = call("RequestCertificate", {{"DomainName", "new.example.com"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto arn = body_json(r)["CertificateArn"].get<std::string>();
  EXPECT_EQ(arn.rfind("arn:aws:acm:us-east-1:222222222222:certificate/", 0), 0U);
  auto c = body_json(call("DescribeCertificate", {{"CertificateArn", arn}}))["Certificate"];
  EXPECT_EQ(c["Status"], "PENDING_VALIDATION");
  EXPECT_EQ(c["DomainName"], "new.example.com");
}

constexpr const char* kCertPem = R"(-----BEGIN CERTIFICATE-----
MIIBkzCCATmgAwIBAgIUT29uo676OqeM2JDC/zGNP5DaVIAwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUaW1wb3J0ZWQuZXhhbXBsZS5jb20wHhcNMjYxMTIzMDAzODMz
WhcNMzYxMTIwMDAzODMzWjAfMR0wGwYDVQQDDBRpbXBvcnRlZC5leGFtcGxlLmNv
bTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEUBcVF/FcZyAowCQDIgI3zNlMo8
DZLQh5FedwEzPnapS2Ems+UbGwPI+oToiUX/FlsIDhRfPIBfbLr3PDXe2TWjUzBR
MB0GA1UdDgQWBBRF5rC/miX3kLsmWgIj1Kdpf9iyIjAfBgNVHSMEGDAWgBRF5rC/
miX3kLsmWgIj1Kdpf9iyIjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gA
MEUCIQCkwAl06/HAVAAXYjWISoN5qAN++66NU1HBpeBYr0p9MQIgIrZp9iayi/is
bpjJiAcsv9+cXzlHzlmwfk1x/Dh3yw0=
-----END CERTIFICATE-----
)";
constexpr const char* kKeyPem = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAJtXzoHT3UA1Nv+V
kYx9Js8yPZCqfcD5W/aB3zTZotahRANCAARFAXFRfxXGcgKMAkAyICN8zZTKPA2S
0IeRXncBMz52qUthJrPlGxsDyPqE6IlF/xZbCA4UXzyAX2y69zw13tk1
-----END PRIVATE KEY-----
)";

std::string base64(const std::string& in) {
  static constexpr std::string_view kChars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16U) |
                   (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8U) |
                   static_cast<unsigned>(static_cast<unsigned char>(in[i + 2]));
    for (unsigned shift : {18U, 12U, 6U, 0U}) out += kChars[(n >> shift) & 63U];
  }
  if (i < in.size()) {
    auto n = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16U;
    if (i + 1 < in.size()) n |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8U;
    out += kChars[(n >> 18U) & 63U];
    out += kChars[(n >> 12U) & 63U];
    out += i + 1 < in.size() ? kChars[(n >> 6U) & 63U] : '=';
    out += '=';
  }
  return out;
}

TEST_F(AcmTest, ImportParsesTheCertificate) {
  auto r = call("ImportCertificate",
                {{"Certificate", base64(kCertPem)}, {"PrivateKey", base64(kKeyPem)}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto arn = body_json(r)["CertificateArn"].get<std::string>();
  auto c = body_json(call("DescribeCertificate", {{"CertificateArn", arn}}))["Certificate"];
  EXPECT_EQ(c["Type"], "IMPORTED");
  EXPECT_EQ(c["DomainName"], "imported.example.com");
  EXPECT_EQ(c["KeyAlgorithm"], "EC_prime256v1");
  EXPECT_EQ(c["Status"], "ISSUED");
  EXPECT_EQ(c["NotAfter"].get<std::int64_t>() - c["NotBefore"].get<std::int64_t>(), 3650LL * 86400);
  EXPECT_EQ(c["ImportedAt"], testing::kNow);
  // Hidden from the default listing (EC key), shown when asked for.
  EXPECT_EQ(listed_arns(json::object()).count(arn), 0U);
  EXPECT_EQ(listed_arns({{"Includes", {{"keyTypes", {"EC_prime256v1"}}}}}).count(arn), 1U);
}

TEST_F(AcmTest, ImportRejectsGarbage) {
  auto r =
      call("ImportCertificate", {{"Certificate", base64("nope")}, {"PrivateKey", base64(kKeyPem)}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body_json(r)["__type"], "ValidationException");
}

}  // namespace
}  // namespace certguard::sim
