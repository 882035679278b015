// The AWS SigV4 test suite (aws-c-auth layout) and botocore-generated vectors, read from
// ../shared at test time and compared byte for byte at every stage.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "certguard/aws/sigv4/signer.h"
#include "certguard/aws/sigv4/verifier.h"
#include "test_data.h"

namespace certguard::aws::sigv4 {
namespace {

namespace fs = std::filesystem;
using testing::parse_iso8601;
using testing::parse_request_text;
using testing::read_file;
using testing::shared_sigv4_dir;

std::vector<fs::path> case_dirs(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

SigningParams params_from(const nlohmann::json& ctx) {
  SigningParams p;
  p.access_key_id = ctx.at("credentials").at("access_key_id").get<std::string>();
  p.secret_access_key = ctx.at("credentials").at("secret_access_key").get<std::string>();
  p.session_token = ctx.at("credentials").value("token", "");
  p.region = ctx.at("region").get<std::string>();
  p.service = ctx.at("service").get<std::string>();
  p.time = parse_iso8601(ctx.at("timestamp").get<std::string>());
  p.normalize_path = ctx.value("normalize", true);
  p.sign_body = ctx.value("sign_body", false);
  p.omit_session_token = ctx.value("omit_session_token", false);
  return p;
}

// The value of `name:` in a signed-request text, or "" (first match).
std::string header_line(const std::string& text, std::string_view name) {
  const SignableRequest r = parse_request_text(text);
  const std::string* v = r.find_header(name);
  return v != nullptr ? *v : std::string();
}

class SigV4Suite : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(shared_sigv4_dir() / "v4")) {
      FAIL() << "SigV4 test vectors not found at " << shared_sigv4_dir()
             << ": the suite lives in ../shared/testdata/sigv4 next to the repo checkout";
    }
  }
};

TEST_F(SigV4Suite, HeaderModeMatchesEveryV4Case) {
  const auto dirs = case_dirs(shared_sigv4_dir() / "v4");
  ASSERT_EQ(dirs.size(), 38U);
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    SigningParams params = params_from(nlohmann::json::parse(read_file(dir / "context.json")));
    params.sign_all_headers = true;  // the suite signs every header, content-length included
    SignableRequest req = parse_request_text(read_file(dir / "request.txt"));
    const SigningResult r = sign_headers(req, params);
    EXPECT_EQ(r.canonical_request, read_file(dir / "header-canonical-request.txt"));
    EXPECT_EQ(r.string_to_sign, read_file(dir / "header-string-to-sign.txt"));
    EXPECT_EQ(r.signature, read_file(dir / "header-signature.txt"));
    const std::string signed_text = read_file(dir / "header-signed-request.txt");
    ASSERT_NE(req.find_header("Authorization"), nullptr);
    EXPECT_EQ(*req.find_header("Authorization"), header_line(signed_text, "Authorization"));
    EXPECT_EQ(*req.find_header("X-Amz-Date"), header_line(signed_text, "X-Amz-Date"));
    const std::string* token = req.find_header("X-Amz-Security-Token");
    EXPECT_EQ(token != nullptr ? *token : "", header_line(signed_text, "X-Amz-Security-Token"));

    // The verifier (which always normalizes, as services other than S3 do) accepts the
    // suite's signed request.
    if (!params.normalize_path) continue;
    const SignableRequest received = parse_request_text(signed_text);
    auto parsed = parse_authorization(*received.find_header("Authorization"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto recomputed = expected_signature(received, *parsed, params.secret_access_key,
                                         *received.find_header("X-Amz-Date"));
    ASSERT_TRUE(recomputed.ok()) << recomputed.error().message;
    EXPECT_EQ(*recomputed, r.signature);
  }
}

TEST_F(SigV4Suite, QueryModeMatchesEveryV4Case) {
  const auto dirs = case_dirs(shared_sigv4_dir() / "v4");
  ASSERT_EQ(dirs.size(), 38U);
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    const auto ctx = nlohmann::json::parse(read_file(dir / "context.json"));
    SigningParams params = params_from(ctx);
    params.sign_all_headers = true;
    SignableRequest req = parse_request_text(read_file(dir / "request.txt"));
    const auto expires = std::chrono::seconds(ctx.at("expiration_in_seconds").get<int>());
    const SigningResult r = presign_query(req, params, expires);
    EXPECT_EQ(r.canonical_request, read_file(dir / "query-canonical-request.txt"));
    EXPECT_EQ(r.string_to_sign, read_file(dir / "query-string-to-sign.txt"));
    EXPECT_EQ(r.signature, read_file(dir / "query-signature.txt"));
    // The presigned request line carries the original query plus the auth parameters.
    const SignableRequest expected =
        parse_request_text(read_file(dir / "query-signed-request.txt"));
    EXPECT_EQ(req.query, expected.query);
    EXPECT_EQ(req.headers, expected.headers);  // query mode leaves headers alone

    // The presigned-URL verifier accepts the suite's presigned request (a token added
    // after signing is not part of what was signed, so those cases are left out).
    if (!params.normalize_path || params.omit_session_token) continue;
    auto parsed = parse_presigned_query(expected.query);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->expires_seconds, expires.count());
    SignableRequest received = expected;
    received.query = parsed->query_without_signature;
    auto recomputed =
        expected_signature(received, parsed->auth, params.secret_access_key, parsed->amz_date);
    ASSERT_TRUE(recomputed.ok()) << recomputed.error().message;
    EXPECT_EQ(*recomputed, r.signature);
  }
}

TEST_F(SigV4Suite, MatchesEveryBotocoreGeneratedCase) {
  const auto dirs = case_dirs(shared_sigv4_dir() / "botocore-generated");
  ASSERT_EQ(dirs.size(), 8U);
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    const SigningParams params =
        params_from(nlohmann::json::parse(read_file(dir / "context.json")));
    const SignableRequest wire = parse_request_text(read_file(dir / "signed-wire-request.txt"));
    const std::string expected_sig = read_file(dir / "signature.txt");

    // Sign the request as the client had it before signing (host and its own headers).
    SignableRequest req = wire;
    req.remove_header("Authorization");
    req.remove_header("X-Amz-Date");
    req.remove_header("X-Amz-Security-Token");
    const SigningResult r = sign_headers(req, params);
    EXPECT_EQ(r.canonical_request, read_file(dir / "canonical-request.txt"));
    EXPECT_EQ(r.string_to_sign, read_file(dir / "string-to-sign.txt"));
    EXPECT_EQ(r.signature, expected_sig);
    EXPECT_EQ(*req.find_header("Authorization"), *wire.find_header("Authorization"));

    // The verifier accepts what botocore sent.
    auto parsed = parse_authorization(*wire.find_header("Authorization"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto recomputed = expected_signature(wire, *parsed, params.secret_access_key,
                                         *wire.find_header("X-Amz-Date"));
    ASSERT_TRUE(recomputed.ok()) << recomputed.error().message;
    EXPECT_TRUE(constant_time_equal(*recomputed, parsed->signature));
  }
}

}  // namespace
}  // namespace certguard::aws::sigv4
