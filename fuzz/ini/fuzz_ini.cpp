// Feeds arbitrary bytes to the INI parser as both files, then resolves everything a run
// would: profile, region, endpoints for every service, retry settings. Nothing may crash;
// every failure must be an Error naming a file and line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "certguard/aws/config/aws_config.h"
#include "certguard/aws/config/ini.h"

namespace {

void check_error_names_file(const certguard::Error& e) {
  if (e.kind != certguard::ErrorKind::kConfig) std::abort();
  if (e.message.find("fuzz:") == std::string::npos) std::abort();
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);  // NOLINT
  auto config = certguard::aws::parse_ini(text, "fuzz");
  if (!config.ok()) {
    check_error_names_file(config.error());
    return 0;
  }
  auto shared = certguard::aws::build_shared_config(*config, *config);
  for (const auto& [name, profile] : shared.profiles) {
    certguard::aws::ConfigOptions opts;
    opts.profile = name;
    auto cfg = certguard::aws::AwsConfig::from_shared(opts, certguard::aws::Environment{}, shared);
    if (!cfg.ok()) std::abort();  // the profile exists, so selecting it must work
    auto region = cfg->region();
    std::string r = region.ok() ? *region : "us-east-1";
    for (auto svc : {certguard::aws::ServiceId::kApiGateway, certguard::aws::ServiceId::kAcm,
                     certguard::aws::ServiceId::kSts, certguard::aws::ServiceId::kOrganizations,
                     certguard::aws::ServiceId::kEc2}) {
      (void)cfg->endpoint(svc, r);
    }
    (void)cfg->retry();
    (void)cfg->ca_bundle();
  }
  return 0;
}
