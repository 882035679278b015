#pragma once

// An HttpTransport that answers synchronously from a handler and records every request.

#include <functional>
#include <vector>

#include "certguard/aws/http/transport.h"

namespace certguard::aws::testing {

class FakeTransport final : public HttpTransport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}
  Task<Result<HttpResponse>> send(HttpRequest request) override {
    requests.push_back(request);
    co_return handler_(requests.back());
  }
  std::vector<HttpRequest> requests;

 private:
  Handler handler_;
};

}  // namespace certguard::aws::testing
