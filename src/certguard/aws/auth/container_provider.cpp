#include "certguard/aws/auth/container_provider.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/config/strings.h"

namespace certguard::aws {
namespace {

// ECS's credential endpoint, used only with AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (tests
// unset that variable and use AWS_CONTAINER_CREDENTIALS_FULL_URI on 127.0.0.1 instead).
constexpr std::string_view kDefaultContainerEndpoint = "http://169.254.170.2";

constexpr std::string_view kContainerName = "container";

bool allowed_http_host(std::string_view host) {
  if (host == "localhost" || host == "169.254.170.2" || host == "169.254.170.23" ||
      iequals(host, "fd00:ec2::23") || host == "::1") {
    return true;
  }
  // 127.0.0.0/8 written as a dotted quad.
  if (!host.starts_with("127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

Result<std::string> authorization(const Environment& env) {
  if (auto file = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      return provider_failure(
          ErrorKind::kConfig, kContainerName,
          fmt::format("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {}", *file));
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return std::string(trim(buf.str()));
  }
  return env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
}

}  // namespace

Result<std::optional<std::string>> container_credentials_url(const Environment& env) {
  if (auto rel = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    std::string path = rel->starts_with('/') ? *rel : "/" + *rel;
    return std::optional<std::string>(std::string(kDefaultContainerEndpoint) + path);
  }
  auto full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!full) return std::optional<std::string>{};
  auto parts = split_url(*full);
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) {
    return provider_failure(
        ErrorKind::kConfig, kContainerName,
        fmt::format("AWS_CONTAINER_CREDENTIALS_FULL_URI '{}' is not an http(s) URL", *full));
  }
  if (parts->scheme == "http" && !allowed_http_host(parts->host)) {
    return provider_failure(
        ErrorKind::kConfig, kContainerName,
        fmt::format("AWS_CONTAINER_CREDENTIALS_FULL_URI '{}' uses http to host '{}'; plain http "
                    "is only allowed to loopback, localhost, 169.254.170.2, 169.254.170.23 or "
                    "fd00:ec2::23 (use https otherwise)",
                    *full, parts->host));
  }
  return std::optional<std::string>(*full);
}

Result<Credentials> parse_credentials_json(std::string_view body, std::string_view who,
                                           std::string_view token_key) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  auto bad = [&](std::string_view what) {
    return provider_failure(ErrorKind::kParse, who, fmt::format("{}: the response {}", who, what));
  };
  if (j.is_discarded() || !j.is_object()) return bad("is not a JSON object");
  auto str = [&](std::string_view key) -> std::string {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
  };
  Credentials c;
  c.access_key_id = str("AccessKeyId");
  c.secret_access_key = str("SecretAccessKey");
  c.session_token = str(token_key);
  c.account_id = str("AccountId");
  if (c.access_key_id.empty() || c.secret_access_key.empty()) {
    return bad("has no AccessKeyId or SecretAccessKey");
  }
  std::string exp = str("Expiration");
  if (!exp.empty()) {
    auto t = parse_iso8601(exp);
    if (!t) return bad(fmt::format("has an unreadable Expiration '{}'", exp));
    c.expiration = *t;
  }
  c.provider = std::string(who);
  return c;
}

Task<Result<Credentials>> ContainerProvider::get() {
  auto url = container_credentials_url(env_);
  if (!url) co_return url.error();
  if (!*url) {
    co_return not_available(kContainerName,
                            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
                            "AWS_CONTAINER_CREDENTIALS_FULL_URI are not set");
  }
  auto token = authorization(env_);
  if (!token) co_return token.error();
  if (token->find_first_of("\r\n") != std::string::npos) {
    co_return provider_failure(ErrorKind::kConfig, kContainerName,
                               "the container authorization token contains a line break");
  }
  Error last;
  int tried = 0;
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    tried = attempt;
    HttpRequest req;
    req.method = "GET";
    req.url = **url;
    req.headers.emplace_back("Accept", "application/json");
    if (!token->empty()) req.headers.emplace_back("Authorization", *token);
    req.connect_timeout = options_.timeout;
    req.total_timeout = options_.timeout;
    auto send_task = transport_->send(std::move(req));
    Result<HttpResponse> resp = co_await std::move(send_task);
    if (!resp) {
      last = resp.error();
      continue;  // network or timeout: try again
    }
    if (resp->status == 200) co_return parse_credentials_json(resp->body, kContainerName, "Token");
    last = provider_failure(
        resp->status >= 500 ? ErrorKind::kTransient : ErrorKind::kAccessDenied, kContainerName,
        fmt::format("{} answered HTTP {}: {}", **url, resp->status, resp->body.substr(0, 200)));
    last.http_status = resp->status;
    if (resp->status < 500) break;
  }
  last.message = fmt::format("container credentials from {} failed after {} attempt(s): {}", **url,
                             tried, last.message);
  last.operation = "ResolveCredentials";
  last.resource = kContainerName;
  co_return last;
}

}  // namespace certguard::aws
