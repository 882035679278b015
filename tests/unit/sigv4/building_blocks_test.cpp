// The pieces under the stages: encoding, normalization, dates, the key and its cache.
#include <gtest/gtest.h>

#include <chrono>

#include "certguard/aws/sigv4/amz_date.h"
#include "certguard/aws/sigv4/canonical.h"
#include "certguard/aws/sigv4/encoding.h"
#include "certguard/aws/sigv4/signer.h"
#include "certguard/aws/sigv4/signing_key.h"

namespace certguard::aws::sigv4 {
namespace {

TEST(Encoding, UriEncodeKeepsOnlyUnreservedAndOptionallySlash) {
  EXPECT_EQ(uri_encode("AZaz09-_.~", false), "AZaz09-_.~");
  EXPECT_EQ(uri_encode("a b/c+d=e", false), "a%20b%2Fc%2Bd%3De");
  EXPECT_EQ(uri_encode("a b/c", true), "a%20b/c");
  EXPECT_EQ(uri_encode("\xE1\x88\xB4", false), "%E1%88%B4");
  EXPECT_EQ(uri_encode("%3A", true), "%253A");  // the non-S3 double encoding
}

TEST(Encoding, UriDecodeLeavesBrokenEscapesAlone) {
  EXPECT_EQ(uri_decode("a%20b%2f%2F"), "a b//");
  EXPECT_EQ(uri_decode("100%"), "100%");
  EXPECT_EQ(uri_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(uri_decode("a+b"), "a+b");
}

TEST(Encoding, NormalizePathLikeBotocore) {
  EXPECT_EQ(normalize_path(""), "/");
  EXPECT_EQ(normalize_path("/"), "/");
  EXPECT_EQ(normalize_path("//"), "/");
  EXPECT_EQ(normalize_path("/a/./b/../c/"), "/a/c/");
  EXPECT_EQ(normalize_path("/a//b"), "/a/b");
  EXPECT_EQ(normalize_path("/../.."), "/");
  EXPECT_EQ(normalize_path("/a/b/../.."), "/");
  EXPECT_EQ(normalize_path("/a/%2E%2E/b"), "/a/%2E%2E/b");  // encoded dots are data
}

TEST(Encoding, TrimAllCollapsesWhitespace) {
  EXPECT_EQ(trim_all("  a   b\t\tc \n d  "), "a b c d");
  EXPECT_EQ(trim_all("   "), "");
  EXPECT_EQ(trim_all("x"), "x");
}

TEST(Canonical, QuerySortsDecodesAndReencodes) {
  EXPECT_EQ(canonical_query(""), "");
  EXPECT_EQ(canonical_query("b=2&a=1&a=0"), "a=0&a=1&b=2");
  EXPECT_EQ(canonical_query("k&x="), "k=&x=");
  EXPECT_EQ(canonical_query("a+b=c d&%7E=%7e"), "a%2Bb=c%20d&~=~");
  EXPECT_EQ(canonical_query("a=1&&b=2&"), "a=1&b=2");
}

TEST(Canonical, UriEncodesTheWirePathOnceMore) {
  EXPECT_EQ(canonical_uri("/tags/arn%3Aaws", true, true), "/tags/arn%253Aaws");
  EXPECT_EQ(canonical_uri("/a/../b", false, true), "/a/../b");
  EXPECT_EQ(canonical_uri("/a/../b", true, false), "/b");
  EXPECT_EQ(canonical_uri("", false, true), "/");
}

TEST(Canonical, SkipsHeadersBotocoreDoesNotSign) {
  EXPECT_TRUE(is_signable_header("host"));
  EXPECT_TRUE(is_signable_header("x-amz-target"));
  EXPECT_FALSE(is_signable_header("user-agent"));
  EXPECT_FALSE(is_signable_header("content-length"));
  EXPECT_FALSE(is_signable_header("x-amzn-trace-id"));
  EXPECT_FALSE(is_signable_header("expect"));
  EXPECT_FALSE(is_signable_header("authorization"));
}

TEST(Canonical, NeverSignsANamelessHeader) {
  // Found by fuzz_sigv4: a header named " " made the signed list and the canonical block
  // disagree, so the verifier could not reproduce the signature.
  SignableRequest req;
  req.method = "get";
  req.path = "/";
  req.headers = {{" ", "v"}, {"Host", "h"}, {"X-A", " 1 "}, {"x-a", "2"}};
  SigningParams p;
  const CanonicalRequest c = canonical_request(req, p);
  EXPECT_EQ(c.signed_headers, "host;x-a");
  EXPECT_EQ(c.text,
            "GET\n/\n\nhost:h\nx-a:1,2\n\nhost;x-a\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(AmzDate, FormatsAndParses) {
  const WallTime t = WallTime{std::chrono::sys_days{std::chrono::year{2015} / 8 / 30}} +
                     std::chrono::hours{12} + std::chrono::minutes{36} +
                     std::chrono::milliseconds{999};
  EXPECT_EQ(format_amz_date(t), "20150830T123600Z");
  auto back = parse_amz_date("20150830T123600Z");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(format_amz_date(*back), "20150830T123600Z");
  for (const char* bad : {"", "20150830T123600", "2015-08-30T12:36:00Z", "20151330T123600Z",
                          "20150830T253600Z", "2015083xT123600Z"}) {
    auto r = parse_amz_date(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(SigningKey, MatchesTheAwsDocumentationExample) {
  // docs.aws.amazon.com "Examples of how to derive a signing key for Signature Version 4".
  EXPECT_EQ(to_hex(derive_signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215",
                                      "us-east-1", "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigningKeyCache, DerivesOncePerScopeAndStaysBounded) {
  SigningKeyCache cache(2);
  const Digest a = cache.get("s", "20150830", "us-east-1", "sts");
  EXPECT_EQ(cache.get("s", "20150830", "us-east-1", "sts"), a);
  EXPECT_EQ(cache.derivations(), 1U);
  EXPECT_EQ(a, derive_signing_key("s", "20150830", "us-east-1", "sts"));
  cache.get("s", "20150831", "us-east-1", "sts");  // new day
  cache.get("s", "20150830", "us-east-1", "sts");  // touch: now most recent
  cache.get("s", "20150830", "eu-west-1", "sts");  // evicts the 20150831 entry
  EXPECT_EQ(cache.size(), 2U);
  EXPECT_EQ(cache.derivations(), 3U);
  cache.get("s", "20150830", "us-east-1", "sts");
  EXPECT_EQ(cache.derivations(), 3U);
  cache.get("s", "20150831", "us-east-1", "sts");
  EXPECT_EQ(cache.derivations(), 4U);
  EXPECT_NE(cache.get("other", "20150830", "us-east-1", "sts"), a);  // the secret is in the key
}

TEST(SigningKeyCache, PreparedHmacSignsWithTheCachedKey) {
  SigningKeyCache cache(1);
  const auto hmac = cache.get_hmac("s", "20150830", "us-east-1", "sts");
  ASSERT_NE(hmac, nullptr);
  const Digest key = derive_signing_key("s", "20150830", "us-east-1", "sts");
  EXPECT_EQ(hmac->mac("string to sign"), hmac_sha256(key, "string to sign"));
  EXPECT_EQ(cache.get_hmac("s", "20150830", "us-east-1", "sts"), hmac);  // not derived again
  EXPECT_EQ(cache.derivations(), 1U);
  cache.get_hmac("s", "20150831", "us-east-1", "sts");  // evicts the first entry
  EXPECT_EQ(hmac->mac("x"), hmac_sha256(key, "x"));     // still usable: shared
  EXPECT_EQ(cache.derivations(), 2U);
}

TEST(Signer, HeaderModeIsRepeatableAndReplacesStaleHeaders) {
  SigningParams p;
  p.access_key_id = "AKID";
  p.secret_access_key = "secret";
  p.region = "us-east-1";
  p.service = "sts";
  p.time = WallTime{std::chrono::sys_days{std::chrono::year{2026} / 1 / 2}};
  SignableRequest req;
  req.method = "POST";
  req.path = "/";
  req.headers = {{"host", "sts.us-east-1.amazonaws.com"}};
  req.body = "Action=GetCallerIdentity&Version=2011-06-15";
  SignableRequest first = req;
  const SigningResult r1 = sign_headers(first, p);
  SignableRequest again = first;  // a retry signs the already-signed request
  const SigningResult r2 = sign_headers(again, p);
  EXPECT_EQ(r1.signature, r2.signature);
  EXPECT_EQ(again.headers, first.headers);
  EXPECT_EQ(r1.signed_headers, "host;x-amz-date");
  EXPECT_EQ(r1.scope, "20260102/us-east-1/sts/aws4_request");
}

}  // namespace
}  // namespace certguard::aws::sigv4
