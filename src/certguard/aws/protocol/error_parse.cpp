#include "certguard/aws/protocol/error_parse.h"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>

#include "certguard/aws/protocol/decode.h"

namespace certguard::aws::protocol {
namespace {

struct Parsed {
  std::string code;
  std::string message;
  std::string request_id;
  bool recognised = false;  // the body (or header) looked like an AWS error
};

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  return s;
}

void from_json(std::string_view body, Parsed& out) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  if (out.code.empty()) {
    for (const char* key : {"code", "Code", "__type"}) {
      if (auto v = json_string(j, key)) {
        out.code = *v;
        break;
      }
    }
  }
  for (const char* key : {"message", "Message", "errorMessage"}) {
    if (auto v = json_string(j, key)) {
      out.message = *v;
      break;
    }
  }
  out.recognised = out.recognised || !out.code.empty() || !out.message.empty();
}

void from_xml(std::string_view body, Parsed& out) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return;
  pugi::xml_node error = xml_find(doc, "Error");
  if (!error) return;
  std::string code = xml_child_text(error, "Code");
  if (out.code.empty()) out.code = code;
  std::string message = xml_child_text(error, "Message");
  if (!message.empty()) out.message = message;
  for (const char* name : {"RequestId", "RequestID"}) {
    if (pugi::xml_node id = xml_find(doc, name)) {
      out.request_id = id.text().get();
      break;
    }
  }
  out.recognised = out.recognised || !code.empty() || !message.empty();
}

// A short, single-line excerpt of a body that is not an AWS error (HTML, text).
std::string excerpt(std::string_view body) {
  std::string out;
  bool in_tag = false;
  bool space = false;
  for (char c : body) {
    if (c == '<') {
      in_tag = true;
      continue;
    }
    if (c == '>') {
      in_tag = false;
      space = true;
      continue;
    }
    if (in_tag) continue;
    if (std::isspace(static_cast<unsigned char>(c)) != 0 ||
        std::iscntrl(static_cast<unsigned char>(c)) != 0) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
    if (out.size() >= 120) {
      out += "...";
      break;
    }
  }
  return out;
}

std::string hint_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kCredentials:
      return " (check the access key, secret key and session token, and that the system clock "
             "is right)";
    case ErrorKind::kAccessDenied:
      return " (the identity lacks permission: check its IAM policies and any SCPs)";
    default:
      return "";
  }
}

}  // namespace

std::string request_id_of(const HttpResponse& response) {
  for (const char* name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"}) {
    std::string_view v = response.header(name);
    if (!v.empty()) return std::string(v);
  }
  std::string_view body = trim_left(response.body);
  if (body.starts_with("<")) {
    Parsed p;
    from_xml(body, p);
    return p.request_id;
  }
  return {};
}

Error parse_error_response(const HttpResponse& response, const ErrorParseOptions& options) {
  Parsed p;
  std::string_view header = response.header("x-amzn-ErrorType");
  if (!header.empty()) {
    p.code = std::string(header);
    p.recognised = true;
  }
  std::string_view body = trim_left(response.body);
  if (body.starts_with("{")) {
    from_json(body, p);
  } else if (body.starts_with("<")) {
    from_xml(body, p);
  }

  Error err;
  err.http_status = response.status;
  err.operation = options.operation;
  err.resource = options.resource;
  err.aws_code = std::string(strip_error_code(p.code));
  err.request_id = request_id_of(response);
  if (err.request_id.empty()) err.request_id = p.request_id;
  err.kind = classify_error_code(err.aws_code, response.status, options.classify);

  if (!p.recognised) {
    std::string content_type(response.header("Content-Type"));
    std::string text = excerpt(response.body);
    if (response.status >= 500) {
      err.kind = ErrorKind::kTransient;
      err.message = fmt::format(
          "the server answered HTTP {} with a body that is not an AWS error ({}{}{}); a proxy or "
          "load balancer may be failing: retry later",
          response.status, content_type.empty() ? "no content type" : content_type,
          text.empty() ? "" : ": ", text);
    } else {
      err.message = fmt::format("HTTP {} without an AWS error code{}{}", response.status,
                                text.empty() ? "" : ": ", text);
    }
    return err;
  }
  if (p.message.empty()) p.message = "(no message)";
  err.message = p.message + hint_for(err.kind);
  return err;
}

}  // namespace certguard::aws::protocol
