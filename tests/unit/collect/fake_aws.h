#pragma once

// A fake AWS for collector tests: one HttpTransport that routes by host (service) and
// path, counts every request, and answers synchronously; a sleeper that advances a
// ManualClock; static credentials; a signer that signs nothing.

#include <fmt/format.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/client/hooks.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"
#include "certguard/inventory/collect/collector_types.h"

namespace certguard::testing {

struct FakeRequest {
  std::string service;  // first label of the host: apigateway, acm, sts, organizations, ec2
  std::string region;   // second label
  std::string method;
  std::string path;
  std::string query;
  std::string target;  // X-Amz-Target
  std::string body;
  std::string access_key;  // from the credentials that signed it (see NullSigner)
};

using Handler = std::function<aws::HttpResponse(const FakeRequest&)>;

inline aws::HttpResponse json_response(const nlohmann::json& body, int status = 200) {
  aws::HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = body.dump();
  return r;
}

inline aws::HttpResponse error_response(int status, const std::string& code,
                                        const std::string& message) {
  aws::HttpResponse r;
  r.status = status;
  r.headers.emplace_back("x-amzn-ErrorType", code);
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = nlohmann::json{{"message", message}}.dump();
  return r;
}

class FakeTransport final : public aws::HttpTransport {
 public:
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  Task<Result<aws::HttpResponse>> send(aws::HttpRequest request) override {
    FakeRequest r = parse(request);
    requests.push_back(r);
    co_return handler_(r);
  }

  [[nodiscard]] int count(const std::string& service, const std::string& path_prefix) const {
    int n = 0;
    for (const auto& r : requests) {
      if (r.service == service && r.path.starts_with(path_prefix)) ++n;
    }
    return n;
  }

  std::vector<FakeRequest> requests;

 private:
  static FakeRequest parse(const aws::HttpRequest& request) {
    FakeRequest r;
    std::string url = request.url;
    std::string rest = url.substr(url.find("://") + 3);
    std::string host = rest.substr(0, rest.find('/'));
    std::string path_query = rest.substr(host.size());
    r.service = host.substr(0, host.find('.'));
    std::string after = host.substr(host.find('.') + 1);
    r.region = after.substr(0, after.find('.'));
    auto q = path_query.find('?');
    r.path = path_query.substr(0, q);
    if (q != std::string::npos) r.query = path_query.substr(q + 1);
    r.method = request.method;
    r.target = std::string(request.header("X-Amz-Target"));
    r.body = request.body;
    r.access_key = std::string(request.header("X-Test-Key"));
    return r;
  }
  Handler handler_;
};

class ClockSleeper final : public aws::Sleeper {
 public:
  explicit ClockSleeper(ManualClock& clock) : clock_(&clock) {}
  Task<void> sleep_for(std::chrono::nanoseconds d) override {
    if (d.count() > 0) clock_->advance(d);
    total += d;
    co_return;
  }
  std::chrono::nanoseconds total{0};

 private:
  ManualClock* clock_;
};

class StaticCredentials final : public aws::CredentialsProvider {
 public:
  explicit StaticCredentials(std::string key, std::optional<Error> error = std::nullopt)
      : key_(std::move(key)), error_(std::move(error)) {}
  Task<Result<aws::Credentials>> get() override {
    ++calls;
    if (error_) co_return *error_;
    aws::Credentials c;
    c.access_key_id = key_;
    c.secret_access_key = "secret";
    co_return c;
  }
  int calls = 0;

 private:
  std::string key_;
  std::optional<Error> error_;
};

// Adds the access key as a header so the fake can tell accounts apart.
class NullSigner final : public aws::RequestSigner {
 public:
  Status sign(aws::Headers& headers, const aws::SigningInput& input) override {
    headers.emplace_back("X-Test-Key", input.credentials->access_key_id);
    return {};
  }
};

inline inventory::EndpointFn fake_endpoints() {
  return [](aws::ServiceId id, std::string_view region) -> Result<aws::Endpoint> {
    const aws::ServiceInfo& info = aws::service_info(id);
    return aws::Endpoint{
        .url = fmt::format("http://{}.{}.fake", info.signing_name, region),
        .signing_region = std::string(region),
        .signing_name = std::string(info.signing_name),
        .source = "test",
    };
  };
}

}  // namespace certguard::testing
