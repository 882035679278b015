#include "sim/core/sigv4_verify.h"

#include <fmt/format.h>

#include <chrono>

#include "certguard/aws/sigv4/amz_date.h"
#include "certguard/aws/sigv4/crypto.h"
#include "sim/core/request_parse.h"

namespace certguard::sim {
namespace {

std::string_view header_of(const SimHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

constexpr std::string_view kMismatchMessage =
    "The request signature we calculated does not match the signature you provided. Check "
    "your AWS Secret Access Key and signing method. Consult the service documentation for "
    "details.";

}  // namespace

AuthOutcome verify_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                             std::string_view secret, WallTime real_now) {
  std::string_view amz_date = header_of(*request.headers, "x-amz-date");
  if (amz_date.empty()) {
    return {AuthFailure::kIncomplete,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header."};
  }
  auto when = aws::sigv4::parse_amz_date(amz_date);
  if (!when) {
    return {AuthFailure::kIncomplete,
            fmt::format("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", "
                        "got '{}'",
                        amz_date)};
  }
  if (auth.date != amz_date.substr(0, 8)) {
    return {AuthFailure::kBadScope,
            fmt::format("Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                        "of date from HTTP: '{}' != '{}', from '{}'.",
                        auth.date, amz_date.substr(0, 8), amz_date)};
  }
  constexpr auto kSkew = std::chrono::minutes(15);
  using aws::sigv4::format_amz_date;
  if (*when < real_now - kSkew) {
    return {AuthFailure::kExpired,
            fmt::format("Signature expired: {} is now earlier than {} ({} - 15 min.)", amz_date,
                        format_amz_date(real_now - kSkew), format_amz_date(real_now))};
  }
  if (*when > real_now + kSkew) {
    return {AuthFailure::kExpired,
            fmt::format("Signature not yet current: {} is still later than {} ({} + 15 min.)",
                        amz_date, format_amz_date(real_now + kSkew), format_amz_date(real_now))};
  }
  aws::sigv4::SignableRequest received;
  received.method = request.method;
  received.path = request.raw_path;
  received.query = request.raw_query;
  received.headers = *request.headers;
  received.body = request.body;
  auto expected = aws::sigv4::expected_signature(received, auth, secret, amz_date);
  if (!expected) {
    const bool incomplete = expected.error().aws_code == "IncompleteSignatureException";
    return {incomplete ? AuthFailure::kIncomplete : AuthFailure::kMismatch,
            expected.error().aws_code == "SignatureDoesNotMatch" ? std::string(kMismatchMessage)
                                                                 : expected.error().message};
  }
  if (!aws::sigv4::constant_time_equal(*expected, auth.signature)) {
    return {AuthFailure::kMismatch, std::string(kMismatchMessage)};
  }
  return {};
}

}  // namespace certguard::sim
