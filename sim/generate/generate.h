#pragma once

// Synthetic estates for certguard-sim: a realistic mix of API Gateway trust postures
// (see generate_estate) that is a pure function of its options, so a seed names an
// estate and benchmarks and tests can regenerate it instead of shipping files.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/inventory/estate/estate.h"

namespace certguard::sim {

// 2026-01-01T00:00:00Z: the default "now" of generated estates (the sim's --now).
inline constexpr inventory::EpochSeconds kDefaultGenerateNow = 1767225600;

// The role every generated account carries, trusted by the management account.
inline constexpr std::string_view kAuditRoleName = "CertguardAudit";

struct GenerateOptions {
  int accounts = 3;  // including the management account (the first one)
  std::vector<std::string> regions = {"us-east-1", "eu-west-1"};
  int apis_per_region = 5;
  int stages_per_api = 2;
  std::uint64_t seed = 1;
  inventory::EpochSeconds now = kDefaultGenerateNow;
};

// Checks the ranges (accounts 1..10000, 1..40 known-looking region names, apis 0..10000
// per region, stages 0..10 per API as AWS's quota). Returns an error naming the option.
Status validate(const GenerateOptions& options);

// The estate, deterministic by options (same options, same estate, byte for byte).
// The mix, per region and over the estate:
// - client certificates aged 0..400 days (365-day validity: some expired, some expiring
//   within 30 days, most fine), at most 60 per region (AWS's quota), some unused;
// - stages with a certificate, without one, and with a dangling id;
// - EDGE, REGIONAL and PRIVATE APIs; integrations HTTP, HTTP_PROXY, AWS_PROXY, MOCK and
//   mixed; one deployment per API that its stages point at;
// - methods mostly NONE, some AWS_IAM, a few CUSTOM with an authorizer id, some requiring
//   an API key (from a random stream of their own: nothing else depends on them);
// - custom domains whose ACM certificates go through every status, imported ones with
//   old upload dates, ACM certificates with non-default key types and unused ones;
// - account 0 is the management account; with 3 or more accounts the last is suspended;
//   every account has an access key and the CertguardAudit role trusted by the
//   management account.
// Call validate() first: options out of range are clamped, not reported.
inventory::Estate generate_estate(const GenerateOptions& options);

}  // namespace certguard::sim
