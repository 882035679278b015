#include "sim/core/sigv4_verify.h"

#include <gtest/gtest.h>

#include "sim_test_util.h"

namespace certguard::sim {
namespace {

using testing::kTestNow;
using testing::signed_request;
using testing::Signer;

AuthOutcome verify(const RawRequest& raw, std::string_view secret, WallTime now) {
  auto auth = parse_authorization(std::string([&] {
    for (const auto& [k, v] : raw.headers) {
      if (iequals(k, "Authorization")) return std::string_view(v);
    }
    return std::string_view();
  }()));
  EXPECT_TRUE(auth.ok());
  std::size_t q = raw.target.find('?');
  std::string_view target = raw.target;
  SignedRequestView view{raw.method, target.substr(0, q),
                         q == std::string::npos ? std::string_view() : target.substr(q + 1),
                         &raw.headers, raw.body};
  return verify_signature(view, *auth, secret, now);
}

TEST(SigV4Verify, ParsesAuthorizationHeader) {
  auto auth = parse_authorization(
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/apigateway/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=abcd");
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->access_key_id, "AKID");
  EXPECT_EQ(auth->region, "eu-west-1");
  EXPECT_EQ(auth->service, "apigateway");
  ASSERT_EQ(auth->signed_headers.size(), 2U);
  EXPECT_EQ(auth->signature, "abcd");
}

TEST(SigV4Verify, RejectsIncompleteHeader) {
  auto auth = parse_authorization("AWS4-HMAC-SHA256 Credential=AKID/20260101/r/s/aws4_request");
  ASSERT_FALSE(auth.ok());
  EXPECT_NE(auth.error().message.find("'Signature'"), std::string::npos);
  EXPECT_FALSE(parse_authorization("AWS3 foo").ok());
}

TEST(SigV4Verify, AcceptsRequestsSignedByCertguardSigner) {
  ManualClock clock(kTestNow);
  Signer signer;
  // A percent-encoded ARN label (double encoding in the canonical URI) and a query.
  auto raw = signed_request(
      clock, signer, "DELETE",
      "/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fabc?tagKeys=a%20b&tagKeys=c");
  EXPECT_EQ(verify(raw, "testing", kTestNow).failure, AuthFailure::kOk);
  auto post =
      signed_request(clock, signer, "POST", "/clientcertificates", R"({"description":"x"})");
  EXPECT_EQ(verify(post, "testing", kTestNow).failure, AuthFailure::kOk);
}

TEST(SigV4Verify, DetectsWrongSecretAndTampering) {
  ManualClock clock(kTestNow);
  auto raw = signed_request(clock, Signer{}, "POST", "/clientcertificates", R"({"a":1})");
  EXPECT_EQ(verify(raw, "wrong", kTestNow).failure, AuthFailure::kMismatch);
  raw.body = R"({"a":2})";
  AuthOutcome outcome = verify(raw, "testing", kTestNow);
  EXPECT_EQ(outcome.failure, AuthFailure::kMismatch);
  EXPECT_NE(outcome.message.find("does not match"), std::string::npos);
}

TEST(SigV4Verify, ComparesTimestampWithRealTimeWithin15Minutes) {
  ManualClock clock(kTestNow);
  auto raw = signed_request(clock, Signer{}, "GET", "/restapis");
  EXPECT_EQ(verify(raw, "testing", kTestNow + std::chrono::minutes(14)).failure, AuthFailure::kOk);
  AuthOutcome late = verify(raw, "testing", kTestNow + std::chrono::minutes(16));
  EXPECT_EQ(late.failure, AuthFailure::kExpired);
  EXPECT_NE(late.message.find("Signature expired"), std::string::npos);
  EXPECT_EQ(verify(raw, "testing", kTestNow - std::chrono::minutes(16)).failure,
            AuthFailure::kExpired);
}

}  // namespace
}  // namespace certguard::sim
