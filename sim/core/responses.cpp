#include "sim/core/responses.h"

#include <fmt/format.h>

namespace certguard::sim {

namespace {
SimResponse base(const SimRequest& request, int status) {
  SimResponse response;
  response.status = status;
  response.headers.emplace_back("x-amzn-RequestId", request.request_id);
  return response;
}
}  // namespace

SimResponse json_response(const SimRequest& request, int status, const nlohmann::json& body) {
  SimResponse response = base(request, status);
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = body.dump();
  return response;
}

SimResponse json_text_response(const SimRequest& request, int status, std::string body) {
  SimResponse response = base(request, status);
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

SimResponse json11_response(const SimRequest& request, const nlohmann::json& body) {
  SimResponse response = base(request, 200);
  response.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
  response.body = body.dump();
  return response;
}

SimResponse xml_response(const SimRequest& request, std::string body) {
  SimResponse response = base(request, 200);
  response.headers.emplace_back("Content-Type", "text/xml");
  response.body = std::move(body);
  return response;
}

SimResponse empty_response(const SimRequest& request, int status) {
  SimResponse response = base(request, status);
  if (status != 204) response.headers.emplace_back("Content-Type", "application/json");
  return response;
}

SimResponse rest_json_error(const SimRequest& request, int status, std::string_view code,
                            std::string_view message) {
  SimResponse response = base(request, status);
  response.headers.emplace_back("x-amzn-ErrorType", std::string(code));
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = nlohmann::json{{"message", message}}.dump();
  return response;
}

SimResponse json11_error(const SimRequest& request, int status, std::string_view code,
                         std::string_view message) {
  SimResponse response = base(request, status);
  response.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
  response.body = nlohmann::json{{"__type", code}, {"message", message}}.dump();
  return response;
}

SimResponse query_error(const SimRequest& request, int status, std::string_view code,
                        std::string_view message) {
  SimResponse response = base(request, status);
  response.headers.emplace_back("Content-Type", "text/xml");
  response.body = fmt::format(
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
      "  <Error>\n    <Type>{}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n"
      "  </Error>\n  <RequestId>{}</RequestId>\n</ErrorResponse>\n",
      status >= 500 ? "Receiver" : "Sender", xml_escape(code), xml_escape(message),
      xml_escape(request.request_id));
  return response;
}

SimResponse ec2_error(const SimRequest& request, int status, std::string_view code,
                      std::string_view message) {
  SimResponse response = base(request, status);
  response.headers.emplace_back("Content-Type", "text/xml;charset=UTF-8");
  response.body = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{}</Code>"
      "<Message>{}</Message></Error></Errors><RequestID>{}</RequestID></Response>",
      xml_escape(code), xml_escape(message), xml_escape(request.request_id));
  return response;
}

SimResponse aws_error(Protocol protocol, const SimRequest& request, int status,
                      std::string_view code, std::string_view message) {
  switch (protocol) {
    case Protocol::kRestJson:
      return rest_json_error(request, status, code, message);
    case Protocol::kJson11:
      return json11_error(request, status, code, message);
    case Protocol::kQuery:
      return query_error(request, status, code, message);
    case Protocol::kEc2:
      return ec2_error(request, status, code, message);
  }
  return rest_json_error(request, status, code, message);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace certguard::sim
