// The emulator's side: sign, then parse the Authorization header and recompute.
#include "certguard/aws/sigv4/verifier.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "certguard/aws/sigv4/signer.h"

namespace certguard::aws::sigv4 {
namespace {

constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

SigningParams params() {
  SigningParams p;
  p.access_key_id = "AKIDEXAMPLE";
  p.secret_access_key = std::string(kSecret);
  p.session_token = "token/with+chars==";
  p.region = "eu-west-1";
  p.service = "apigateway";
  p.time = WallTime{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}} +
           std::chrono::hours{1} + std::chrono::minutes{2} + std::chrono::seconds{3};
  return p;
}

SignableRequest signed_request(const SigningParams& p = params()) {
  SignableRequest req;
  req.method = "PATCH";
  req.path = "/restapis/a1b2c3/stages/prod%20stage";
  req.query = "limit=500&embed=methods&embed=a%2Fb";
  req.headers = {{"Host", "127.0.0.1:18765"},
                 {"Content-Type", "application/json"},
                 {"Accept", "application/json"},
                 {"User-Agent", "certguard/0.1"}};
  req.body = R"({"patchOperations":[]})";
  sign_headers(req, p);
  return req;
}

// Parses the request's own Authorization header and recomputes with `secret`.
Result<std::string> recompute(const SignableRequest& req, std::string_view secret = kSecret) {
  auto parsed = parse_authorization(*req.find_header("Authorization"));
  if (!parsed.ok()) return std::move(parsed).take_error();
  return expected_signature(req, *parsed, secret, *req.find_header("X-Amz-Date"));
}

bool verifies(const SignableRequest& req, std::string_view secret = kSecret) {
  auto parsed = parse_authorization(*req.find_header("Authorization"));
  auto sig = recompute(req, secret);
  return parsed.ok() && sig.ok() && constant_time_equal(*sig, parsed->signature);
}

void set_header(SignableRequest& req, std::string_view name, std::string value) {
  req.remove_header(name);
  req.headers.emplace_back(std::string(name), std::move(value));
}

TEST(Verifier, AcceptsWhatTheSignerProduced) {
  const SignableRequest req = signed_request();
  EXPECT_TRUE(verifies(req));
  auto parsed = parse_authorization(*req.find_header("Authorization"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(parsed->date, "20261123");
  EXPECT_EQ(parsed->region, "eu-west-1");
  EXPECT_EQ(parsed->service, "apigateway");
  EXPECT_EQ(parsed->credential_scope(), "20261123/eu-west-1/apigateway/aws4_request");
  const std::vector<std::string> want = {"accept", "content-type", "host", "x-amz-date",
                                         "x-amz-security-token"};
  EXPECT_EQ(parsed->signed_headers, want);
  EXPECT_EQ(*req.find_header("X-Amz-Date"), "20261123T010203Z");
}

TEST(Verifier, RejectsATamperedBody) {
  SignableRequest req = signed_request();
  req.body = R"({"patchOperations":[{}]})";
  EXPECT_FALSE(verifies(req));
}

TEST(Verifier, RejectsABodyThatDoesNotMatchItsContentSha256) {
  SigningParams p = params();
  p.sign_body = true;
  SignableRequest req = signed_request(p);
  EXPECT_TRUE(verifies(req));
  req.body += " ";
  auto sig = recompute(req);
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.error().aws_code, "XAmzContentSHA256Mismatch");
}

TEST(Verifier, RejectsATamperedSignedHeaderPathOrQuery) {
  SignableRequest a = signed_request();
  set_header(a, "Content-Type", "application/x-amz-json-1.1");
  EXPECT_FALSE(verifies(a));
  SignableRequest b = signed_request();
  set_header(b, "X-Amz-Security-Token", "another-token");
  EXPECT_FALSE(verifies(b));
  SignableRequest c = signed_request();
  c.path = "/restapis/a1b2c3/stages/dev";
  EXPECT_FALSE(verifies(c));
  SignableRequest d = signed_request();
  d.query = "limit=499&embed=methods&embed=a%2Fb";
  EXPECT_FALSE(verifies(d));
  SignableRequest e = signed_request();
  e.method = "DELETE";
  EXPECT_FALSE(verifies(e));
}

TEST(Verifier, RejectsTheWrongSecret) {
  EXPECT_FALSE(verifies(signed_request(), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEz"));
}

TEST(Verifier, IgnoresHeadersTheClientDidNotSign) {
  SignableRequest req = signed_request();
  set_header(req, "User-Agent", "something else");
  req.headers.emplace_back("Content-Length", "23");
  req.headers.emplace_back("X-Added-By-Proxy", "1");
  EXPECT_TRUE(verifies(req));
}

TEST(Verifier, ToleratesHeaderReorderingAndCaseChanges) {
  SignableRequest req = signed_request();
  std::reverse(req.headers.begin(), req.headers.end());
  for (auto& [name, value] : req.headers) {
    for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  EXPECT_TRUE(verifies(req));
}

TEST(Verifier, ReportsAMissingSignedHeader) {
  SignableRequest req = signed_request();
  req.remove_header("Accept");
  auto sig = recompute(req);
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.error().kind, ErrorKind::kCredentials);
  EXPECT_NE(sig.error().message.find("accept"), std::string::npos) << sig.error().message;
}

TEST(Verifier, ReportsADateThatDisagreesWithTheScope) {
  const SignableRequest req = signed_request();
  auto parsed = parse_authorization(*req.find_header("Authorization"));
  ASSERT_TRUE(parsed.ok());
  auto sig = expected_signature(req, *parsed, kSecret, "20261124T010203Z");
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.error().aws_code, "IncompleteSignatureException");
}

TEST(Verifier, UsesTheCacheWhenGiven) {
  const SignableRequest req = signed_request();
  auto parsed = parse_authorization(*req.find_header("Authorization"));
  ASSERT_TRUE(parsed.ok());
  SigningKeyCache cache;
  for (int i = 0; i < 3; ++i) {
    auto sig = expected_signature(req, *parsed, kSecret, *req.find_header("X-Amz-Date"), &cache);
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(*sig, parsed->signature);
  }
  EXPECT_EQ(cache.derivations(), 1U);
}

TEST(ParseAuthorization, AcceptsCommasWithoutSpaces) {
  auto parsed = parse_authorization(
      "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts/aws4_request,"
      "SignedHeaders=Host;X-Amz-Date,Signature=0123abcd");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->signature, "0123abcd");
  EXPECT_EQ(parsed->signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
}

struct Malformed {
  const char* header;
  const char* expect_in_message;
};

TEST(ParseAuthorization, RejectsMalformedHeadersWithClearMessages) {
  const std::string cred = "Credential=AK/20150830/us-east-1/sts/aws4_request";
  const std::string sh = "SignedHeaders=host;x-amz-date";
  const std::string sig = "Signature=abcdef";
  const std::string cases[][2] = {
      {"", "Unsupported Authorization algorithm"},
      {"Basic dXNlcjpwYXNz", "Unsupported Authorization algorithm"},
      {"AWS4-HMAC-SHA1 " + cred + ", " + sh + ", " + sig, "Unsupported"},
      {"AWS4-HMAC-SHA256", "requires 'Credential'"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + sh, "requires 'Signature'"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + sig, "requires 'SignedHeaders'"},
      {"AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts, " + sh + ", " + sig, "malformed"},
      {"AWS4-HMAC-SHA256 Credential=AK/2015083x/us-east-1/sts/aws4_request, " + sh + ", " + sig,
       "valid date"},
      {"AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts/aws5_request, " + sh + ", " + sig,
       "terminator"},
      {"AWS4-HMAC-SHA256 Credential=AK/20150830//sts/aws4_request, " + sh + ", " + sig, "region"},
      {"AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/sts/aws4_request, " + sh + ", " + sig,
       "access key"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=x-amz-date, " + sig, "'Host'"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;;x-amz-date, " + sig, "empty header"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + sh + ", Signature=XYZ", "hex"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + sh + ", Signature=", "hex"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + cred + ", " + sh + ", " + sig, "repeats"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + sh + ", " + sig + ", Extra=1", "unknown component"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + sh + ", Signature", "key=value"},
  };
  for (const auto& [header, needle] : cases) {
    SCOPED_TRACE(header);
    auto parsed = parse_authorization(header);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().kind, ErrorKind::kCredentials);
    EXPECT_EQ(parsed.error().aws_code, "IncompleteSignatureException");
    EXPECT_NE(parsed.error().message.find(needle), std::string::npos) << parsed.error().message;
  }
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

}  // namespace
}  // namespace certguard::aws::sigv4

namespace certguard::aws::sigv4 {
namespace {

TEST(PresignedQuery, ParsesAndVerifiesWhatPresignProduced) {
  SignableRequest req;
  req.method = "GET";
  req.path = "/clientcertificates";
  req.query = "limit=25&position=a%2Fb";
  req.headers = {{"Host", "apigateway.eu-west-1.amazonaws.com"}};
  presign_query(req, params(), std::chrono::seconds{900});

  auto parsed = parse_presigned_query(req.query);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->expires_seconds, 900);
  EXPECT_EQ(parsed->session_token, "token/with+chars==");
  EXPECT_EQ(parsed->auth.access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(parsed->auth.signed_headers, std::vector<std::string>{"host"});
  EXPECT_EQ(parsed->query_without_signature.find("X-Amz-Signature"), std::string::npos);

  SignableRequest unsigned_req = req;
  unsigned_req.query = parsed->query_without_signature;
  auto sig = expected_signature(unsigned_req, parsed->auth, kSecret, parsed->amz_date);
  ASSERT_TRUE(sig.ok()) << sig.error().message;
  EXPECT_TRUE(constant_time_equal(*sig, parsed->auth.signature));

  unsigned_req.query = parsed->query_without_signature + "&limit=26";
  sig = expected_signature(unsigned_req, parsed->auth, kSecret, parsed->amz_date);
  ASSERT_TRUE(sig.ok());
  EXPECT_NE(*sig, parsed->auth.signature);
}

TEST(PresignedQuery, RejectsIncompleteOrMalformedQueries) {
  const std::string base =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20150830%2Fus-east-1%2Fs%2F"
      "aws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host";
  const std::string cases[][2] = {
      {"", "requires 'X-Amz-Algorithm'"},
      {base + "&X-Amz-Expires=60", "requires 'X-Amz-Signature'"},
      {base + "&X-Amz-Signature=ab", "requires 'X-Amz-Expires'"},
      {base + "&X-Amz-Expires=soon&X-Amz-Signature=ab", "number of seconds"},
      {base + "&X-Amz-Expires=60&X-Amz-Signature=ab&X-Amz-Signature=cd", "repeats"},
  };
  for (const auto& [query, needle] : cases) {
    SCOPED_TRACE(query);
    auto parsed = parse_presigned_query(query);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find(needle), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace certguard::aws::sigv4
