#include "certguard/aws/client/error_mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace certguard::aws {
namespace {

constexpr std::array<std::string_view, 16> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "LimitExceededException",  // API Gateway sends it with 429: a rate, not a quota
    "RequestTimeout",
    "RequestTimeoutException",
};

constexpr std::array<std::string_view, 9> kCredentialCodes = {
    "IncompleteSignature",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "ExpiredTokenException",
    "ExpiredToken",
};

bool contains(auto const& list, std::string_view code) {
  return std::ranges::find(list, code) != list.end();
}

// botocore: cut at the first ':' and after the last '#'.
std::string clean_code(std::string_view code) {
  if (auto colon = code.find(':'); colon != std::string_view::npos) code = code.substr(0, colon);
  if (auto hash = code.rfind('#'); hash != std::string_view::npos) code = code.substr(hash + 1);
  return std::string(code);
}

std::string json_string(const nlohmann::json& body, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = body.find(key);
    if (it != body.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

void parse_json_error(const HttpResponse& response, Error& error) {
  std::string_view header = response.header("x-amzn-ErrorType");
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object()) body = nlohmann::json::object();
  std::string code(header);
  if (code.empty()) code = json_string(body, {"code", "Code", "__type"});
  error.aws_code = clean_code(code);
  error.message = json_string(body, {"message", "Message", "errorMessage"});
}

void parse_xml_error(const HttpResponse& response, Error& error) {
  pugi::xml_document doc;
  if (!doc.load_buffer(response.body.data(), response.body.size())) return;
  // Query: ErrorResponse/Error/{Code,Message}, RequestId; EC2: Response/Errors/Error, RequestID.
  pugi::xpath_node code = doc.select_node("//Error/Code");
  pugi::xpath_node message = doc.select_node("//Error/Message");
  if (code) error.aws_code = clean_code(code.node().text().get());
  if (message) error.message = message.node().text().get();
  if (error.request_id.empty()) {
    pugi::xpath_node id = doc.select_node("//RequestId | //RequestID");
    if (id) error.request_id = id.node().text().get();
  }
}

}  // namespace

ErrorKind classify_error(std::string_view aws_code, int http_status) {
  if (contains(kThrottlingCodes, aws_code)) return ErrorKind::kThrottled;
  if (contains(kCredentialCodes, aws_code)) return ErrorKind::kCredentials;
  if (aws_code.find("NotFound") != std::string_view::npos) return ErrorKind::kNotFound;
  if (aws_code.find("AccessDenied") != std::string_view::npos ||
      aws_code == "UnauthorizedException" || aws_code == "UnauthorizedOperation" ||
      aws_code == "AWSOrganizationsNotInUseException") {
    return ErrorKind::kAccessDenied;
  }
  if (aws_code == "ConflictException") return ErrorKind::kConflict;
  if (http_status == 429) return ErrorKind::kThrottled;
  if (http_status >= 500) return ErrorKind::kTransient;
  if (http_status == 404) return ErrorKind::kNotFound;
  if (http_status == 403) return ErrorKind::kAccessDenied;
  return ErrorKind::kInvalidInput;
}

Error error_from_response(Protocol protocol, const HttpResponse& response) {
  Error error;
  error.http_status = response.status;
  error.request_id = std::string(response.header("x-amzn-RequestId"));
  if (error.request_id.empty()) error.request_id = std::string(response.header("x-amz-request-id"));
  if (protocol == Protocol::kQuery || protocol == Protocol::kEc2Query) {
    parse_xml_error(response, error);
  } else {
    parse_json_error(response, error);
  }
  if (error.aws_code.empty() && response.status != 0) {
    error.aws_code = std::to_string(response.status);
  }
  error.kind = classify_error(error.aws_code, response.status);
  if (error.message.empty()) {
    error.message =
        fmt::format("the service answered HTTP {} without an error message", response.status);
  }
  return error;
}

}  // namespace certguard::aws
