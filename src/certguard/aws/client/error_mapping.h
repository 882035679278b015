#pragma once

// Turns a non-success HTTP response into an Error for each protocol: the AWS error
// code (botocore's rules: header x-amzn-ErrorType, then body code/__type, cut at ':'
// and after '#'), the message, the request id, and an ErrorKind callers branch on.

#include "certguard/aws/client/operation.h"
#include "certguard/aws/http/http_message.h"
#include "certguard/core/error.h"

namespace certguard::aws {

Error error_from_response(Protocol protocol, const HttpResponse& response);

// The ErrorKind for an AWS error code and HTTP status.
ErrorKind classify_error(std::string_view aws_code, int http_status);

}  // namespace certguard::aws
