#include "sim/apigateway/json_text.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

namespace certguard::sim::apigw {

namespace {

// A member name of our own (a plain ASCII literal: nothing to escape) and its colon.
void append_key(std::string& out, std::string_view key) {
  out.push_back('"');
  out.append(key);
  out.append("\":");
}

void append_string_map(std::string& out, const std::map<std::string, std::string>& map) {
  out.push_back('{');
  bool first = true;
  for (const auto& [key, value] : map) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, key);  // a user's name: escaped
    out.push_back(':');
    append_json_string(out, value);
  }
  out.push_back('}');
}

void append_bool(std::string& out, bool value) {
  out.append(value ? "true" : "false");
}

void append_int(std::string& out, std::int64_t value) {
  std::array<char, 24> digits{};  // an int64 has at most 20 characters
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), end);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // One pass over the text, one table lookup a byte: every string of every response goes
  // through here. Printable ASCII other than '"' and '\\' is copied as it is.
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
  }();
  const std::size_t start = out.size();
  out.push_back('"');
  std::size_t plain_from = 0;  // runs that need no escape are appended whole
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (kPlain[static_cast<unsigned char>(c)]) continue;
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Non-ASCII: UTF-8 checks and their errors exactly as nlohmann has them.
      out.resize(start);
      out.append(nlohmann::json(text).dump());
      return;
    }
    out.append(text.substr(plain_from, i - plain_from));
    plain_from = i + 1;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out.append(text.substr(plain_from));
  out.push_back('"');
}

// Members in nlohmann's (std::map) order; keep in step with stage_json in shapes.cpp.
void append_stage_json(std::string& out, const inventory::Stage& stage) {
  out.append(R"({"cacheClusterEnabled":false,"cacheClusterStatus":"NOT_AVAILABLE",)");
  if (!stage.client_certificate_id.empty()) {
    append_key(out, "clientCertificateId");
    append_json_string(out, stage.client_certificate_id);
    out.push_back(',');
  }
  append_key(out, "createdDate");
  append_int(out, stage.created_date);
  out.push_back(',');
  append_key(out, "deploymentId");
  append_json_string(out, stage.deployment_id);
  out.push_back(',');
  if (!stage.description.empty()) {
    append_key(out, "description");
    append_json_string(out, stage.description);
    out.push_back(',');
  }
  append_key(out, "lastUpdatedDate");
  append_int(out, stage.last_updated_date != 0 ? stage.last_updated_date : stage.created_date);
  out.append(R"(,"methodSettings":{},)");
  append_key(out, "stageName");
  append_json_string(out, stage.stage_name);
  out.push_back(',');
  if (!stage.tags.empty()) {
    append_key(out, "tags");
    append_string_map(out, stage.tags);
    out.push_back(',');
  }
  append_key(out, "tracingEnabled");
  append_bool(out, stage.tracing_enabled);
  if (!stage.variables.empty()) {
    out.push_back(',');
    append_key(out, "variables");
    append_string_map(out, stage.variables);
  }
  out.push_back('}');
}

void append_client_certificate_json(std::string& out, const inventory::ClientCertificate& cert) {
  out.push_back('{');
  append_key(out, "clientCertificateId");
  append_json_string(out, cert.id);
  out.push_back(',');
  append_key(out, "createdDate");
  append_int(out, cert.created_date);
  out.push_back(',');
  if (!cert.description.empty()) {
    append_key(out, "description");
    append_json_string(out, cert.description);
    out.push_back(',');
  }
  append_key(out, "expirationDate");
  append_int(out, cert.expiration_date);
  out.push_back(',');
  append_key(out, "pemEncodedCertificate");
  append_json_string(out, cert.pem);
  if (!cert.tags.empty()) {
    out.push_back(',');
    append_key(out, "tags");
    append_string_map(out, cert.tags);
  }
  out.push_back('}');
}

}  // namespace certguard::sim::apigw
