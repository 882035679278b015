#pragma once

// Turns an AWS error response (any non-2xx) into a certguard::Error, for every protocol
// certguard speaks, without being told which: the code comes from x-amzn-ErrorType, a
// JSON body (code/Code/__type) or an XML body (Query <ErrorResponse><Error>, EC2
// <Response><Errors><Error>, plain <Error>), cleaned as botocore does; the message from
// message/Message; the request id from x-amzn-RequestId, x-amz-request-id or the XML.
// A 5xx whose body is not an AWS error (an HTML page from a proxy or load balancer) is a
// clear kTransient error.

#include <string_view>

#include "certguard/aws/http/http_message.h"
#include "certguard/aws/protocol/error_codes.h"
#include "certguard/core/error.h"

namespace certguard::aws::protocol {

struct ErrorParseOptions {
  std::string_view operation;  // e.g. "GetStages": copied into Error::operation
  std::string_view resource;   // e.g. an ARN: copied into Error::resource
  ClassifyContext classify;
};

Error parse_error_response(const HttpResponse& response, const ErrorParseOptions& options = {});

// The request id of any response (headers first, then an XML body's RequestId/RequestID).
std::string request_id_of(const HttpResponse& response);

}  // namespace certguard::aws::protocol
