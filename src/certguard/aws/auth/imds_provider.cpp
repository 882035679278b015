#include "certguard/aws/auth/imds_provider.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "certguard/aws/auth/auth_util.h"
#include "certguard/aws/auth/container_provider.h"
#include "certguard/aws/config/strings.h"

namespace certguard::aws {
namespace {

constexpr std::string_view kImdsName = "instance metadata";
// AWS's defaults, used only when AWS_EC2_METADATA_SERVICE_ENDPOINT is not set (tests set it
// to a closed port on 127.0.0.1).
constexpr std::string_view kDefaultEndpointIpv4 = "http://169.254.169.254";
constexpr std::string_view kDefaultEndpointIpv6 = "http://[fd00:ec2::254]";
constexpr std::string_view kCredsPath = "/latest/meta-data/iam/security-credentials/";

}  // namespace

ImdsProvider::ImdsProvider(Environment env, HttpTransport& transport)
    : env_(std::move(env)), transport_(&transport) {
  if (auto ep = env_.get("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    base_ = std::string(trim(*ep));
  } else if (auto mode = env_.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
             mode && iequals(trim(*mode), "ipv6")) {
    base_ = std::string(kDefaultEndpointIpv6);
  } else {
    base_ = std::string(kDefaultEndpointIpv4);
  }
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
  if (auto t = env_.get("AWS_METADATA_SERVICE_TIMEOUT")) {
    char* end = nullptr;
    double secs = std::strtod(t->c_str(), &end);
    if (end != t->c_str() && secs > 0 && secs < 60) {
      timeout_ = std::chrono::milliseconds(static_cast<long>(secs * 1000));
    }
  }
}

Task<Result<HttpResponse>> ImdsProvider::call(std::string method, std::string path,
                                              std::string token) {
  HttpRequest req;
  req.method = std::move(method);
  req.url = base_ + path;
  if (req.method == "PUT") {
    req.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds", "21600");
  }
  if (!token.empty()) req.headers.emplace_back("X-aws-ec2-metadata-token", std::move(token));
  req.connect_timeout = timeout_;
  req.total_timeout = timeout_;
  auto send_task = transport_->send(std::move(req));
  Result<HttpResponse> resp = co_await std::move(send_task);
  co_return resp;
}

Task<Result<Credentials>> ImdsProvider::get() {
  if (env_.is_true("AWS_EC2_METADATA_DISABLED")) {
    co_return not_available(kImdsName, "disabled by AWS_EC2_METADATA_DISABLED=true");
  }
  bool v1_disabled = env_.is_true("AWS_EC2_METADATA_V1_DISABLED");

  // 1. Session token (IMDSv2).
  std::string token;
  {
    auto task = call("PUT", "/latest/api/token", "");
    Result<HttpResponse> resp = co_await std::move(task);
    bool fallback = false;
    if (!resp) {
      if (resp.error().kind != ErrorKind::kTimeout) {
        co_return not_available(kImdsName, fmt::format("no instance metadata service at {}: {}",
                                                       base_, resp.error().message));
      }
      fallback = true;
    } else if (resp->status == 200) {
      token = resp->body;
    } else if (resp->status == 403 || resp->status == 404 || resp->status == 405) {
      fallback = true;
    } else {
      co_return not_available(
          kImdsName,
          fmt::format("the IMDSv2 token request to {} answered HTTP {}", base_, resp->status));
    }
    if (fallback && v1_disabled) {
      co_return not_available(
          kImdsName,
          fmt::format("could not get an IMDSv2 token from {} ({}) and "
                      "AWS_EC2_METADATA_V1_DISABLED forbids falling back to IMDSv1",
                      base_, resp ? fmt::format("HTTP {}", resp->status) : resp.error().message));
    }
  }

  // 2. Role name.
  std::string role;
  {
    auto task = call("GET", std::string(kCredsPath), token);
    Result<HttpResponse> resp = co_await std::move(task);
    if (!resp) {
      co_return not_available(kImdsName, fmt::format("cannot list the instance's role at {}: {}",
                                                     base_, resp.error().message));
    }
    if (resp->status == 404) {
      co_return not_available(kImdsName,
                              "the instance has no IAM role (instance profile) attached");
    }
    if (resp->status != 200) {
      co_return not_available(
          kImdsName, fmt::format("listing the instance's role answered HTTP {}", resp->status));
    }
    std::string_view body = trim(resp->body);
    role = std::string(trim(body.substr(0, body.find('\n'))));
    if (role.empty()) co_return not_available(kImdsName, "the instance has no IAM role attached");
  }

  // 3. Credentials.
  std::string path = std::string(kCredsPath) + role;
  auto task = call("GET", path, token);
  Result<HttpResponse> resp = co_await std::move(task);
  if (!resp) {
    co_return not_available(kImdsName, fmt::format("cannot read credentials for role {}: {}", role,
                                                   resp.error().message));
  }
  if (resp->status != 200) {
    co_return not_available(
        kImdsName,
        fmt::format("reading credentials for role {} answered HTTP {}", role, resp->status));
  }
  std::string who = fmt::format("instance metadata (role {})", role);
  auto doc = nlohmann::json::parse(resp->body, nullptr, false);
  if (doc.is_object() && doc.contains("Code") && doc["Code"] != "Success") {
    co_return not_available(kImdsName, fmt::format("credentials for role {} are not ready: {}",
                                                   role, resp->body.substr(0, 200)));
  }
  auto creds = parse_credentials_json(resp->body, who, "Token");
  if (!creds) co_return creds.error();
  co_return creds;
}

}  // namespace certguard::aws
