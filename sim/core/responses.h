#pragma once

// Building responses the way AWS sends them, for each protocol. Every response carries
// x-amzn-RequestId (and the XML bodies a RequestId element).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/core/sim_types.h"

namespace certguard::sim {

// 200/201/... with Content-Type application/json (rest-json) and the body dumped.
SimResponse json_response(const SimRequest& request, int status, const nlohmann::json& body);
// The same with a body already serialized as JSON (hot paths that skip nlohmann trees).
SimResponse json_text_response(const SimRequest& request, int status, std::string body);
// JSON 1.1 success (Content-Type application/x-amz-json-1.1).
SimResponse json11_response(const SimRequest& request, const nlohmann::json& body);
// 200 text/xml with the body as given (Query and EC2 protocols).
SimResponse xml_response(const SimRequest& request, std::string body);
// A success with no body (202 DeleteX, 204 TagResource).
SimResponse empty_response(const SimRequest& request, int status);

// rest-json: x-amzn-ErrorType: CODE, body {"message": ...}.
SimResponse rest_json_error(const SimRequest& request, int status, std::string_view code,
                            std::string_view message);
// JSON 1.1: body {"__type": CODE, "message": ...}.
SimResponse json11_error(const SimRequest& request, int status, std::string_view code,
                         std::string_view message);
// Query: <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error>
// <RequestId/></ErrorResponse>.
SimResponse query_error(const SimRequest& request, int status, std::string_view code,
                        std::string_view message);
// EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.
SimResponse ec2_error(const SimRequest& request, int status, std::string_view code,
                      std::string_view message);
// The error form of `protocol`.
SimResponse aws_error(Protocol protocol, const SimRequest& request, int status,
                      std::string_view code, std::string_view message);

// Escapes &, <, >, " and ' for XML text and attributes.
std::string xml_escape(std::string_view text);

}  // namespace certguard::sim
