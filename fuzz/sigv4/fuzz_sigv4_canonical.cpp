// libFuzzer target: arbitrary bytes as method, path, query, headers and body go through the
// canonicalizer, the signer and the verifier's Authorization parser. Crashes, sanitizer
// reports and broken invariants (a signature that does not verify) are bugs.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "certguard/aws/sigv4/canonical.h"
#include "certguard/aws/sigv4/encoding.h"
#include "certguard/aws/sigv4/signer.h"
#include "certguard/aws/sigv4/verifier.h"

namespace {

using namespace certguard::aws::sigv4;  // NOLINT(google-build-using-namespace)

// Splits the input on '\0' into fields; missing fields are empty.
struct Fields {
  std::string_view data;
  std::string_view next() {
    const std::size_t end = data.find('\0');
    const std::string_view field = data.substr(0, end);
    data = end == std::string_view::npos ? std::string_view{} : data.substr(end + 1);
    return field;
  }
};

}  // namespace

// The name is libFuzzer's entry point.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  // One bounded cache for the whole run keeps the HMAC chain from dominating each input.
  static SigningKeyCache cache;
  Fields in{std::string_view(reinterpret_cast<const char*>(data), size)};
  SignableRequest req;
  req.method = std::string(in.next());
  req.path = std::string(in.next());
  req.query = std::string(in.next());
  const std::string_view authorization = in.next();
  // Then name/value pairs until a field is empty; the rest is the body.
  req.headers.emplace_back("host", "example.amazonaws.com");
  while (true) {
    const std::string_view name = in.next();
    if (name.empty()) break;
    req.headers.emplace_back(std::string(name), std::string(in.next()));
  }
  req.body = std::string(in.data);

  // The Authorization parser must never crash, whatever it is given.
  auto parsed = parse_authorization(authorization);
  if (parsed.ok()) {
    (void)expected_signature(req, *parsed, "secret", "20150830T123600Z", &cache);
  }

  (void)canonical_query(req.query);
  (void)canonical_uri(req.path, true, true);
  (void)uri_decode(req.path);

  SigningParams params;
  params.access_key_id = "AKIDEXAMPLE";
  params.secret_access_key = "secret";
  params.session_token = size % 2 == 0 ? "token" : "";
  params.region = "us-east-1";
  params.service = "service";
  params.time = certguard::WallTime{std::chrono::seconds{1440938160}};
  params.sign_body = size % 3 == 0;

  SignableRequest presigned = req;
  (void)presign_query(presigned, params, std::chrono::seconds{3600}, &cache);

  const SigningResult signed_result = sign_headers(req, params, &cache);
  // Invariant: what we sign, our verifier accepts.
  const std::string* auth = req.find_header("Authorization");
  const std::string* date = req.find_header("X-Amz-Date");
  if (auth == nullptr || date == nullptr) std::abort();
  auto reparsed = parse_authorization(*auth);
  // Header names holding ',' '=' or ';' (not valid HTTP tokens) make the Authorization
  // ambiguous: "a;b" and "a" sign as "a;a;b", which parses back as three names. Check the
  // invariant only for requests whose names cannot do that.
  bool unambiguous = true;
  for (const auto& header : req.headers) {
    if (header.first.find_first_of(",;=") != std::string::npos) unambiguous = false;
  }
  if (unambiguous && reparsed.ok() && reparsed->signature == signed_result.signature) {
    std::string listed;
    for (const std::string& name : reparsed->signed_headers) {
      if (!listed.empty()) listed.push_back(';');
      listed.append(name);
    }
    auto again = expected_signature(req, *reparsed, "secret", *date, &cache);
    if (listed == signed_result.signed_headers && again.ok() && *again != signed_result.signature) {
      std::abort();
    }
  }
  return 0;
}
