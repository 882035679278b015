#include "certguard/aws/client/redact.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "certguard/core/ascii.h"

namespace certguard::aws {
namespace {

// Field names (JSON keys, XML elements, form parameters) whose values are secret.
constexpr std::array<std::string_view, 10> kSecretFields = {
    "SecretAccessKey",
    "SessionToken",
    "Token",
    "secretAccessKey",
    "sessionToken",
    "WebIdentityToken",
    "aws_secret_access_key",
    "aws_session_token",
    "PrivateKey",
    "Passphrase",
};

// "key": "value"  ->  "key": "REDACTED"
void redact_json_field(std::string& text, std::string_view field) {
  std::string quoted = fmt::format("\"{}\"", field);
  std::size_t pos = 0;
  while ((pos = text.find(quoted, pos)) != std::string::npos) {
    std::size_t i = pos + quoted.size();
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    if (i >= text.size() || text[i] != ':') {
      pos = i;
      continue;
    }
    ++i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    if (i >= text.size() || text[i] != '"') {
      pos = i;
      continue;
    }
    std::size_t start = i + 1;
    std::size_t end = start;
    while (end < text.size() && text[end] != '"') end += (text[end] == '\\') ? 2U : 1U;
    end = std::min(end, text.size());
    text.replace(start, end - start, kRedacted);
    pos = start + kRedacted.size();
  }
}

// <Field>value</Field>  ->  <Field>REDACTED</Field>
void redact_xml_element(std::string& text, std::string_view field) {
  std::string open = fmt::format("<{}>", field);
  std::string close = fmt::format("</{}>", field);
  std::size_t pos = 0;
  while ((pos = text.find(open, pos)) != std::string::npos) {
    std::size_t start = pos + open.size();
    std::size_t end = text.find(close, start);
    if (end == std::string::npos) end = text.size();
    text.replace(start, end - start, kRedacted);
    pos = start + kRedacted.size();
  }
}

// Field=value& (form bodies and INI-like text)  ->  Field=REDACTED&
void redact_form_field(std::string& text, std::string_view field) {
  std::string key = fmt::format("{}=", field);
  std::size_t pos = 0;
  while ((pos = text.find(key, pos)) != std::string::npos) {
    bool at_start = pos == 0 || text[pos - 1] == '&' || text[pos - 1] == '\n';
    std::size_t start = pos + key.size();
    if (!at_start) {
      pos = start;
      continue;
    }
    std::size_t end = text.find_first_of("&\n", start);
    if (end == std::string::npos) end = text.size();
    text.replace(start, end - start, kRedacted);
    pos = start + kRedacted.size();
  }
}

void append_headers(std::string& out, const Headers& headers) {
  for (const auto& [name, value] : headers) {
    out += fmt::format("  {}: {}\n", name, redact_header(name, value));
  }
}

}  // namespace

std::string redact_header(std::string_view name, std::string_view value) {
  if (iequals(name, "X-Amz-Security-Token")) return std::string(kRedacted);
  if (iequals(name, "Authorization")) {
    // Keep the credential scope and signed headers (useful when debugging a signature
    // mismatch); drop the signature itself.
    std::string out(value);
    std::size_t sig = out.find("Signature=");
    if (sig == std::string::npos) return std::string(kRedacted);
    out.replace(sig + 10, std::string::npos, kRedacted);
    return out;
  }
  return std::string(value);
}

std::string redact_body(std::string_view body) {
  std::string out(body);
  for (std::string_view field : kSecretFields) {
    redact_json_field(out, field);
    redact_xml_element(out, field);
    redact_form_field(out, field);
  }
  return out;
}

std::string describe_request(std::string_view operation, const HttpRequest& request) {
  std::string out =
      fmt::format("certguard debug: {} request: {} {}\n", operation, request.method, request.url);
  append_headers(out, request.headers);
  if (!request.body.empty()) out += fmt::format("  body: {}\n", redact_body(request.body));
  return out;
}

std::string describe_response(std::string_view operation, int attempt,
                              const HttpResponse& response) {
  std::string out = fmt::format("certguard debug: {} response (attempt {}): HTTP {}\n", operation,
                                attempt, response.status);
  append_headers(out, response.headers);
  if (!response.body.empty()) out += fmt::format("  body: {}\n", redact_body(response.body));
  return out;
}

}  // namespace certguard::aws
