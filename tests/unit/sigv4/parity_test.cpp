// Parity with botocore: botocore_parity.py signs >= 200 randomized requests with botocore's
// own SigV4Auth at pinned clocks; we sign the same inputs and must agree at every stage.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "certguard/aws/sigv4/signer.h"
#include "certguard/aws/sigv4/verifier.h"

namespace certguard::aws::sigv4 {
namespace {

struct PipeCloser {
  void operator()(FILE* f) const {
    if (f != nullptr) pclose(f);
  }
};

// Runs the generator with dummy credentials and no metadata or config lookups.
std::string run_generator(int* exit_status) {
  const std::string command =
      "env AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN= "
      "AWS_EC2_METADATA_DISABLED=true AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9 "
      "AWS_CONFIG_FILE=/dev/null "
      "AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_DEFAULT_REGION=us-east-1 "
      "AWS_ENDPOINT_URL=http://127.0.0.1:9 python3 '" CG_SOURCE_DIR
      "/tests/unit/sigv4/botocore_parity.py' 250 20151123";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_status = -1;
    return {};
  }
  std::string out;
  char buf[65536];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  *exit_status = pclose(pipe);
  return out;
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

SignableRequest request_from(const nlohmann::json& c) {
  SignableRequest req;
  req.method = c.at("method").get<std::string>();
  req.path = c.at("path").get<std::string>();
  req.query = c.at("query").get<std::string>();
  req.headers.emplace_back("host", c.at("host").get<std::string>());
  for (const auto& h : c.at("headers")) {
    req.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
  }
  req.body = from_hex(c.at("body_hex").get<std::string>());
  return req;
}

SigningParams parity_params(const nlohmann::json& c) {
  SigningParams params;
  params.access_key_id = c.at("access_key_id").get<std::string>();
  params.secret_access_key = c.at("secret_access_key").get<std::string>();
  params.session_token = c.at("session_token").get<std::string>();
  params.region = c.at("region").get<std::string>();
  params.service = c.at("service").get<std::string>();
  params.time = WallTime{std::chrono::seconds{c.at("epoch_seconds").get<std::int64_t>()}};
  return params;
}

std::vector<std::string> sorted_pieces(const std::string& query) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    out.push_back(query.substr(start, end - start));
    start = end + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

class SigV4Parity : public ::testing::Test {
 protected:
  // The generator runs once for the suite (about a second of botocore work).
  static void SetUpTestSuite() {
    int status = 0;
    const std::string output = run_generator(&status);
    if (status == 0) generated_doc = new nlohmann::json(nlohmann::json::parse(output));
  }
  static void TearDownTestSuite() {
    delete generated_doc;
    generated_doc = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(generated_doc, nullptr)
        << "botocore_parity.py failed (is python3 with botocore on PATH?)";
  }
  static nlohmann::json* generated_doc;
};
nlohmann::json* SigV4Parity::generated_doc = nullptr;

TEST_F(SigV4Parity, HeaderModeMatchesBotocoreOnRandomizedRequests) {
  const auto& cases = generated_doc->at("cases");
  ASSERT_GE(cases.size(), 200U);
  SigningKeyCache cache;
  int mismatches = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE("case " + std::to_string(c.at("index").get<int>()));
    SignableRequest req = request_from(c);
    const SigningParams params = parity_params(c);
    const SigningResult r = sign_headers(req, params, &cache);
    const bool same = r.canonical_request == c.at("canonical_request").get<std::string>() &&
                      r.string_to_sign == c.at("string_to_sign").get<std::string>() &&
                      r.signature == c.at("signature").get<std::string>() &&
                      *req.find_header("Authorization") == c.at("authorization").get<std::string>();
    if (!same) {
      ++mismatches;
      EXPECT_EQ(r.canonical_request, c.at("canonical_request").get<std::string>());
      EXPECT_EQ(r.signature, c.at("signature").get<std::string>());
      EXPECT_EQ(*req.find_header("Authorization"), c.at("authorization").get<std::string>());
    }

    // What we signed, the verifier accepts.
    auto parsed = parse_authorization(*req.find_header("Authorization"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto recomputed = expected_signature(req, *parsed, params.secret_access_key,
                                         *req.find_header("X-Amz-Date"), &cache);
    ASSERT_TRUE(recomputed.ok()) << recomputed.error().message;
    EXPECT_TRUE(constant_time_equal(*recomputed, r.signature));
  }
  EXPECT_EQ(mismatches, 0) << "of " << cases.size() << " cases";
}

TEST_F(SigV4Parity, PresignedUrlsMatchBotocore) {
  const auto& cases = generated_doc->at("presign_cases");
  ASSERT_GE(cases.size(), 100U);
  int mismatches = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE("presign case " + std::to_string(c.at("index").get<int>()));
    SignableRequest req = request_from(c);
    const SigningParams params = parity_params(c);
    const SigningResult r =
        presign_query(req, params, std::chrono::seconds{c.at("expires").get<int>()});
    const std::string botocore_query = c.at("presigned_query").get<std::string>();
    const bool same = r.canonical_request == c.at("canonical_request").get<std::string>() &&
                      r.string_to_sign == c.at("string_to_sign").get<std::string>() &&
                      r.signature == c.at("signature").get<std::string>() &&
                      sorted_pieces(req.query) == sorted_pieces(botocore_query);
    if (!same) {
      ++mismatches;
      EXPECT_EQ(r.canonical_request, c.at("canonical_request").get<std::string>());
      EXPECT_EQ(r.signature, c.at("signature").get<std::string>());
      EXPECT_EQ(sorted_pieces(req.query), sorted_pieces(botocore_query));
    }

    // The presigned-URL verifier accepts botocore's URL.
    auto parsed = parse_presigned_query(botocore_query);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    SignableRequest received = request_from(c);
    received.query = parsed->query_without_signature;
    auto recomputed =
        expected_signature(received, parsed->auth, params.secret_access_key, parsed->amz_date);
    ASSERT_TRUE(recomputed.ok()) << recomputed.error().message;
    EXPECT_EQ(*recomputed, c.at("signature").get<std::string>());
  }
  EXPECT_EQ(mismatches, 0) << "of " << cases.size() << " cases";
}

}  // namespace
}  // namespace certguard::aws::sigv4
