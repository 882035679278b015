#include "certguard/aws/auth/sts_assume_role.h"

#include <fmt/format.h>

#include <pugixml.hpp>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/sigv4/encoding.h"
#include "certguard/aws/sigv4/signer.h"

namespace certguard::aws {
namespace {

constexpr std::string_view kContentType = "application/x-www-form-urlencoded; charset=utf-8";
// STS answers quickly; a stuck connection must not hold the whole credential chain.
constexpr std::chrono::milliseconds kConnectTimeout{5000};
constexpr std::chrono::milliseconds kTotalTimeout{30000};

ErrorKind kind_for(std::string_view code, int status) {
  if (code == "AccessDenied" || code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" ||
      code == "ExpiredToken" || code == "ExpiredTokenException" || code == "InvalidIdentityToken" ||
      code == "IDPRejectedClaim" || code == "RegionDisabledException") {
    return ErrorKind::kAccessDenied;
  }
  if (code == "Throttling" || code == "ThrottlingException" || code == "RequestLimitExceeded" ||
      status == 429) {
    return ErrorKind::kThrottled;
  }
  if (code == "IDPCommunicationError" || status >= 500) return ErrorKind::kTransient;
  return ErrorKind::kInvalidInput;
}

std::string child_text(const pugi::xml_node& node, const char* name) {
  return node.child(name).text().as_string();
}

Error sts_error(const HttpResponse& resp, std::string_view action, std::string_view role_arn) {
  pugi::xml_document doc;
  std::string code;
  std::string message;
  std::string request_id;
  if (doc.load_buffer(resp.body.data(), resp.body.size())) {
    pugi::xml_node root = doc.child("ErrorResponse");
    pugi::xml_node err = root.child("Error");
    code = child_text(err, "Code");
    message = child_text(err, "Message");
    request_id = child_text(root, "RequestId");
  }
  if (request_id.empty()) request_id = std::string(resp.header("x-amzn-RequestId"));
  if (message.empty()) {
    message = resp.body.empty() ? "no error body" : resp.body.substr(0, 200);
  }
  Error e = make_error(kind_for(code, resp.status),
                       fmt::format("cannot assume role {}: {}", role_arn, message));
  e.http_status = resp.status;
  e.aws_code = code;
  e.request_id = request_id;
  e.operation = action;
  e.resource = role_arn;
  return e;
}

Result<HttpRequest> build_request(const Endpoint& endpoint, std::string body,
                                  std::string_view role_arn) {
  auto url = split_url(endpoint.url);
  if (!url) {
    return provider_failure(ErrorKind::kConfig, role_arn,
                            fmt::format("STS endpoint '{}' is not a URL", endpoint.url));
  }
  HttpRequest req;
  req.method = "POST";
  std::string path = url->path.empty() ? "/" : url->path + "/";
  req.url = fmt::format("{}://{}{}", url->scheme, url->authority, path);
  req.headers.emplace_back("Host", url->authority);
  req.headers.emplace_back("Content-Type", std::string(kContentType));
  req.body = std::move(body);
  req.connect_timeout = kConnectTimeout;
  req.total_timeout = kTotalTimeout;
  return req;
}

void sign(HttpRequest& req, const Endpoint& endpoint, const Credentials& creds, WallTime now) {
  auto url = split_url(req.url);
  sigv4::SignableRequest s;
  s.method = req.method;
  s.path = url ? url->path : "/";
  s.headers = req.headers;
  s.body = req.body;
  sigv4::SigningParams p;
  p.access_key_id = creds.access_key_id;
  p.secret_access_key = creds.secret_access_key;
  p.session_token = creds.session_token;
  p.region = endpoint.signing_region;
  p.service = endpoint.signing_name;
  p.time = now;
  sigv4::sign_headers(s, p);
  req.headers = std::move(s.headers);
}

}  // namespace

std::string assume_role_form(std::string_view action, const AssumeRoleParams& params,
                             std::string_view web_identity_token) {
  auto enc = [](std::string_view v) { return sigv4::uri_encode(v, false); };
  std::string body = fmt::format("Action={}&Version=2011-06-15&RoleArn={}&RoleSessionName={}",
                                 action, enc(params.role_arn), enc(params.session_name));
  if (!params.external_id.empty()) body += "&ExternalId=" + enc(params.external_id);
  if (params.duration) body += fmt::format("&DurationSeconds={}", params.duration->count());
  if (!web_identity_token.empty()) body += "&WebIdentityToken=" + enc(web_identity_token);
  return body;
}

Result<Credentials> parse_assume_role_response(std::string_view action, const HttpResponse& resp,
                                               std::string_view role_arn) {
  if (resp.status != 200) return sts_error(resp, action, role_arn);
  pugi::xml_document doc;
  auto bad = [&](std::string_view what) {
    Error e = make_error(ErrorKind::kParse,
                         fmt::format("cannot assume role {}: the STS response {}", role_arn, what));
    e.http_status = resp.status;
    e.operation = action;
    e.resource = role_arn;
    return e;
  };
  if (!doc.load_buffer(resp.body.data(), resp.body.size())) return bad("is not XML");
  std::string response_name = fmt::format("{}Response", action);
  std::string result_name = fmt::format("{}Result", action);
  pugi::xml_node result = doc.child(response_name.c_str()).child(result_name.c_str());
  pugi::xml_node creds = result.child("Credentials");
  if (!creds) return bad(fmt::format("has no {}/Credentials", result_name));
  Credentials c;
  c.access_key_id = child_text(creds, "AccessKeyId");
  c.secret_access_key = child_text(creds, "SecretAccessKey");
  c.session_token = child_text(creds, "SessionToken");
  if (c.access_key_id.empty() || c.secret_access_key.empty() || c.session_token.empty()) {
    return bad("lacks AccessKeyId, SecretAccessKey or SessionToken");
  }
  std::string expiration = child_text(creds, "Expiration");
  auto t = parse_iso8601(expiration);
  if (!t) return bad(fmt::format("has an unreadable Expiration '{}'", expiration));
  c.expiration = *t;
  c.account_id = account_from_arn(child_text(result.child("AssumedRoleUser"), "Arn"));
  c.provider = fmt::format("{} {}", action, role_arn);
  return c;
}

Task<Result<Credentials>> sts_assume_role(HttpTransport& transport, const Endpoint& endpoint,
                                          const Credentials& source, const AssumeRoleParams& params,
                                          const Clock& clock) {
  auto req = build_request(endpoint, assume_role_form("AssumeRole", params, ""), params.role_arn);
  if (!req) co_return req.error();
  sign(*req, endpoint, source, clock.now());
  auto send_task = transport.send(std::move(*req));
  Result<HttpResponse> resp = co_await std::move(send_task);
  if (!resp) co_return resp.error().with_context("AssumeRole", params.role_arn);
  co_return parse_assume_role_response("AssumeRole", *resp, params.role_arn);
}

Task<Result<Credentials>> sts_assume_role_with_web_identity(HttpTransport& transport,
                                                            const Endpoint& endpoint,
                                                            const AssumeRoleParams& params,
                                                            const std::string& token) {
  constexpr std::string_view kAction = "AssumeRoleWithWebIdentity";
  auto req = build_request(endpoint, assume_role_form(kAction, params, token), params.role_arn);
  if (!req) co_return req.error();
  // Not signed: the operation is noAuth and botocore sends no Authorization header.
  auto send_task = transport.send(std::move(*req));
  Result<HttpResponse> resp = co_await std::move(send_task);
  if (!resp) co_return resp.error().with_context(kAction, params.role_arn);
  co_return parse_assume_role_response(kAction, *resp, params.role_arn);
}

}  // namespace certguard::aws
