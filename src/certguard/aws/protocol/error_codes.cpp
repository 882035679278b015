#include "certguard/aws/protocol/error_codes.h"

#include <algorithm>
#include <array>

namespace certguard::aws::protocol {
namespace {

constexpr std::array<std::string_view, 14> kThrottling = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

constexpr std::array<std::string_view, 4> kTransient = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
    "IDPCommunicationError",
};

// The request was not authenticated: the credentials, signature or clock are wrong.
constexpr std::array<std::string_view, 16> kCredentials = {
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "IncompleteSignatureException",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "InvalidAccessKeyId",
    "AuthFailure",
    "InvalidIdentityToken",
    "IDPRejectedClaim",
    "InvalidToken",
};

// Authenticated but not allowed.
constexpr std::array<std::string_view, 9> kAccessDenied = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedException",
    "UnauthorizedOperation",
    "NotAuthorized",
    "OptInRequired",
    "RegionDisabledException",
    "AWSOrganizationsNotInUseException",
    "UnauthorizedAccess",
};

constexpr std::array<std::string_view, 17> kInvalid = {
    "BadRequestException",     "ValidationException",       "ValidationError",
    "InvalidParameterValue",   "InvalidParameterException", "InvalidParameterCombination",
    "InvalidArnException",     "InvalidArgsException",      "InvalidInputException",
    "InvalidRequestException", "MissingParameter",          "MalformedPolicyDocument",
    "PackedPolicyTooLarge",    "SerializationException",    "InvalidAction",
    "InvalidQueryParameter",   "UnknownOperationException",
};

constexpr std::array<std::string_view, 6> kConflict = {
    "ConflictException",         "ResourceInUseException",
    "ResourceConflictException", "ConcurrentModificationException",
    "InvalidStateException",     "IncorrectState",
};

constexpr std::array<std::string_view, 4> kQuota = {
    "ServiceQuotaExceededException",
    "QuotaExceededException",
    "TooManyTagsException",
    "ConstraintViolationException",
};

constexpr std::array<std::string_view, 8> kServerSide = {
    "InternalFailure",
    "InternalError",
    "InternalServerError",
    "InternalServerException",
    "InternalServiceError",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "ServiceFailureException",
};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view code) {
  return std::ranges::find(list, code) != list.end();
}

}  // namespace

bool is_throttling_code(std::string_view code) {
  return in(kThrottling, code);
}

bool is_transient_code(std::string_view code) {
  return in(kTransient, code);
}

std::string_view strip_error_code(std::string_view raw) {
  if (auto colon = raw.find(':'); colon != std::string_view::npos) raw = raw.substr(0, colon);
  if (auto hash = raw.rfind('#'); hash != std::string_view::npos) raw = raw.substr(hash + 1);
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  return raw;
}

ErrorKind classify_error_code(std::string_view code, int http_status, ClassifyContext ctx) {
  if (code == "LimitExceededException") {
    return ctx.limit_exceeded_is_quota ? ErrorKind::kLimitExceeded : ErrorKind::kThrottled;
  }
  if (in(kThrottling, code)) return ErrorKind::kThrottled;
  if (in(kTransient, code) || in(kServerSide, code)) return ErrorKind::kTransient;
  if (in(kCredentials, code)) return ErrorKind::kCredentials;
  if (in(kAccessDenied, code) || code.starts_with("AccessDenied")) return ErrorKind::kAccessDenied;
  if (code.ends_with("NotFoundException") || code.ends_with("NotFound") || code == "NoSuchEntity" ||
      code.ends_with(".NotFound") || code.starts_with("NoSuch")) {
    return ErrorKind::kNotFound;
  }
  if (in(kConflict, code)) return ErrorKind::kConflict;
  if (in(kQuota, code)) return ErrorKind::kLimitExceeded;
  if (in(kInvalid, code) || code.starts_with("InvalidParameter") || code.starts_with("Malformed")) {
    return ErrorKind::kInvalidInput;
  }
  if (http_status == 429) return ErrorKind::kThrottled;
  if (http_status >= 500) return ErrorKind::kTransient;
  if (http_status == 401 || http_status == 403) return ErrorKind::kAccessDenied;
  if (http_status == 404) return ErrorKind::kNotFound;
  if (http_status == 409) return ErrorKind::kConflict;
  if (http_status >= 400) return ErrorKind::kInvalidInput;
  return ErrorKind::kInternal;
}

}  // namespace certguard::aws::protocol
