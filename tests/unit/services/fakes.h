#pragma once

// Test doubles for the call pipeline: a scripted HttpTransport that records requests,
// fixed credentials, a sleeper that records instead of sleeping, and helpers to build
// an AwsClient around them.

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "certguard/aws/client/aws_client.h"
#include "certguard/aws/client/sigv4_signer.h"
#include "certguard/aws/http/transport.h"
#include "certguard/core/clock.h"

namespace certguard::testing {

class FakeTransport final : public aws::HttpTransport {
 public:
  Task<Result<aws::HttpResponse>> send(aws::HttpRequest request) override {
    requests.push_back(std::move(request));
    if (responses.empty()) {
      return ready(Result<aws::HttpResponse>(
          make_error(ErrorKind::kNetwork, "FakeTransport: no scripted response left")));
    }
    Result<aws::HttpResponse> next = std::move(responses.front());
    responses.pop_front();
    return ready(std::move(next));
  }

  void reply(int status, std::string body, aws::Headers headers = {}) {
    aws::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    responses.emplace_back(std::move(r));
  }
  void fail(ErrorKind kind, std::string message) {
    responses.emplace_back(make_error(kind, std::move(message)));
  }

  std::vector<aws::HttpRequest> requests;
  std::deque<Result<aws::HttpResponse>> responses;
};

class StaticCredentials final : public aws::CredentialsProvider {
 public:
  explicit StaticCredentials(aws::Credentials c) : creds_(std::move(c)) {}
  Task<Result<aws::Credentials>> get() override { return ready(Result<aws::Credentials>(creds_)); }

 private:
  aws::Credentials creds_;
};

class RecordingSleeper final : public aws::Sleeper {
 public:
  Task<void> sleep_for(std::chrono::nanoseconds d) override {
    sleeps.push_back(d);
    return nothing();
  }
  std::vector<std::chrono::nanoseconds> sleeps;

 private:
  static Task<void> nothing() { co_return; }
};

inline WallTime vector_time() {
  // 2015-08-30T12:36:00Z, the clock of every SigV4 vector.
  return WallTime{} + std::chrono::seconds(1440938160);
}

inline aws::Credentials example_credentials(std::string token = {}) {
  aws::Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  c.session_token = std::move(token);
  c.provider = "test";
  return c;
}

// Everything an AwsClient needs, owned together.
struct ClientRig {
  explicit ClientRig(aws::ClientConfig config, aws::Credentials creds = example_credentials())
      : credentials(std::move(creds)), clock(vector_time()) {
    aws::ClientDeps deps;
    deps.transport = &transport;
    deps.credentials = &credentials;
    deps.signer = &signer;
    deps.clock = &clock;
    deps.sleeper = &sleeper;
    client = std::make_unique<aws::AwsClient>(std::move(config), std::move(deps));
  }
  ClientRig(aws::ClientConfig config, aws::ClientDeps extra,
            aws::Credentials creds = example_credentials())
      : credentials(std::move(creds)), clock(vector_time()) {
    extra.transport = &transport;
    extra.credentials = &credentials;
    extra.signer = &signer;
    extra.clock = &clock;
    extra.sleeper = &sleeper;
    client = std::make_unique<aws::AwsClient>(std::move(config), std::move(extra));
  }

  FakeTransport transport;
  StaticCredentials credentials;
  aws::Sigv4Signer signer;
  ManualClock clock;
  RecordingSleeper sleeper;
  std::unique_ptr<aws::AwsClient> client;
};

inline aws::ClientConfig apigateway_config(std::string region = "us-east-1", std::string url = {}) {
  aws::ClientConfig c;
  c.endpoint_url = url.empty() ? "https://apigateway." + region + ".amazonaws.com" : url;
  c.signing_region = std::move(region);
  c.signing_name = "apigateway";
  c.accept_json = true;
  return c;
}

}  // namespace certguard::testing

namespace certguard::testing {
// "https://host/path?q" -> "/path?q"
inline std::string target_of_url(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}
}  // namespace certguard::testing
