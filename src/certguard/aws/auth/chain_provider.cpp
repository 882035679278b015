#include "certguard/aws/auth/chain_provider.h"

#include <fmt/format.h>

#include "certguard/aws/auth/auth_util.h"

namespace certguard::aws {

Task<Result<Credentials>> ChainProvider::get() {
  std::string tried;
  for (const auto& link : links_) {
    auto task = link.provider->get();
    Result<Credentials> r = co_await std::move(task);
    if (r.ok()) {
      if (r->provider.empty()) r->provider = link.name;
      co_return r;
    }
    if (!is_no_credentials(r.error())) {
      Error e = r.error();
      if (!tried.empty()) e.message += fmt::format(" (skipped before it:{})", tried);
      co_return e;
    }
    tried += fmt::format("\n  - {}: {}", link.name, r.error().message);
  }
  co_return not_available(
      "credential chain",
      fmt::format("no AWS credentials found. Tried, in order:{}\nConfigure one of them, e.g. "
                  "--profile NAME or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
                  tried.empty() ? std::string(" (no providers)") : tried));
}

}  // namespace certguard::aws
