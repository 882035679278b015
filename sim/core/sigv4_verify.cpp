#include "sim/core/sigv4_verify.h"

#include <fmt/format.h>

#include <chrono>

#include "certguard/aws/sigv4/amz_date.h"
#include "certguard/aws/sigv4/crypto.h"
#include "sim/core/request_parse.h"

namespace certguard::sim {
namespace {

constexpr std::string_view kMismatchMessage =
    "The request signature we calculated does not match the signature you provided. Check "
    "your AWS Secret Access Key and signing method. Consult the service documentation for "
    "details.";

// Recomputes the signature (aws/sigv4) over `received` and compares.
AuthOutcome check_signature(const aws::sigv4::SignableRequest& received,
                            const ParsedAuthorization& auth, std::string_view secret,
                            std::string_view amz_date, aws::sigv4::SigningKeyCache* cache) {
  auto expected = aws::sigv4::expected_signature(received, auth, secret, amz_date, cache);
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

aws::sigv4::SignableRequest copy_of(const SignedRequestView& request, std::string_view query) {
  aws::sigv4::SignableRequest received;
  received.method = request.method;
  received.path = request.raw_path;
  received.query = query;
  received.headers = *request.headers;
  received.body = request.body;
  return received;
}

}  // namespace

AuthOutcome verify_signature(const SignedRequestView& request, const ParsedAuthorization& auth,
                             std::string_view secret, WallTime real_now) {
  return verify_signature(copy_of(request, request.raw_query), auth, secret, real_now);
}

AuthOutcome verify_signature(const aws::sigv4::SignableRequest& received,
                             const ParsedAuthorization& auth, std::string_view secret,
                             WallTime real_now, aws::sigv4::SigningKeyCache* cache) {
  const std::string* date_header = received.find_header("x-amz-date");
  std::string_view amz_date = date_header == nullptr ? std::string_view() : *date_header;
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
  return check_signature(received, auth, secret, amz_date, cache);
}

bool looks_presigned(std::string_view raw_query) {
  for (std::string_view key : {"X-Amz-Algorithm=", "X-Amz-Credential=", "X-Amz-Signature="}) {
    std::size_t at = raw_query.find(key);
    while (at != std::string_view::npos) {
      if (at == 0 || raw_query[at - 1] == '&') return true;
      at = raw_query.find(key, at + 1);
    }
  }
  return false;
}

AuthOutcome verify_presigned(const SignedRequestView& request, const PresignedQuery& presigned,
                             std::string_view secret, WallTime real_now) {
  return verify_presigned(copy_of(request, presigned.query_without_signature), presigned, secret,
                          real_now);
}

AuthOutcome verify_presigned(const aws::sigv4::SignableRequest& received,
                             const PresignedQuery& presigned, std::string_view secret,
                             WallTime real_now, aws::sigv4::SigningKeyCache* cache) {
  const std::string& amz_date = presigned.amz_date;
  auto when = aws::sigv4::parse_amz_date(amz_date);
  if (!when) {
    return {AuthFailure::kIncomplete,
            fmt::format("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", "
                        "got '{}'",
                        amz_date)};
  }
  constexpr long long kMaxExpires = 604800;
  if (presigned.expires_seconds > kMaxExpires) {
    return {AuthFailure::kIncomplete,
            fmt::format("X-Amz-Expires must be less than a week (in seconds) that is 604800; got "
                        "{}",
                        presigned.expires_seconds)};
  }
  if (presigned.auth.date != std::string_view(amz_date).substr(0, 8)) {
    return {AuthFailure::kBadScope,
            fmt::format("Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                        "of date from HTTP: '{}' != '{}', from '{}'.",
                        presigned.auth.date, std::string_view(amz_date).substr(0, 8), amz_date)};
  }
  using aws::sigv4::format_amz_date;
  constexpr auto kSkew = std::chrono::minutes(15);
  if (*when > real_now + kSkew) {
    return {AuthFailure::kExpired,
            fmt::format("Signature not yet current: {} is still later than {} ({} + 15 min.)",
                        amz_date, format_amz_date(real_now + kSkew), format_amz_date(real_now))};
  }
  const WallTime expires_at = *when + std::chrono::seconds(presigned.expires_seconds);
  if (expires_at < real_now) {
    return {AuthFailure::kExpired,
            fmt::format("Signature expired: {} is now earlier than {} ({} - {} sec.)",
                        format_amz_date(expires_at), format_amz_date(real_now), amz_date,
                        presigned.expires_seconds)};
  }
  return check_signature(received, presigned.auth, secret, amz_date, cache);
}

}  // namespace certguard::sim
