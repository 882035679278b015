#pragma once

// Helpers for the sim's unit tests: requests signed by certguard's own SigV4 signer
// (aws/sigv4, written independently of the sim's verifier) fed to an in-memory Engine.

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "certguard/core/clock.h"
#include "sim/core/engine.h"

namespace certguard::sim::testing {

// 2026-01-01T00:00:00Z
inline const WallTime kTestNow = WallTime(std::chrono::seconds(1767225600));

struct Signer {
  std::string access_key_id = "testing";
  std::string secret = "testing";
  std::string session_token;
  std::string region = "us-east-1";
  std::string service = "apigateway";
};

// A signed RawRequest; `target` is the wire path and query.
RawRequest signed_request(const Clock& clock, const Signer& signer, std::string method,
                          std::string target, std::string body = "",
                          std::string content_type = "application/json");

// An Engine with default_services(), the default estate and quotas off unless given.
struct Harness {
  explicit Harness(EngineOptions options = default_options(),
                   inventory::Estate estate = SimWorld::default_estate());
  static EngineOptions default_options();

  SimResponse call(const std::string& method, const std::string& target,
                   const std::string& body = "");
  SimResponse call_as(const Signer& signer, const std::string& method, const std::string& target,
                      const std::string& body = "");
  // Calls and parses the JSON body (null when empty).
  nlohmann::json json(const std::string& method, const std::string& target,
                      const std::string& body = "");

  ManualClock clock{kTestNow};
  Signer signer;
  std::unique_ptr<Engine> engine;
};

// The x-amzn-ErrorType header (or the JSON __type).
std::string error_code(const SimResponse& response);

}  // namespace certguard::sim::testing
