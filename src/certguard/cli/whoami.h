#pragma once

// `certguard whoami`: who the configured credentials are, like `aws sts
// get-caller-identity` (same JSON keys and text layout).

#include <CLI/CLI.hpp>
#include <iosfwd>

#include "certguard/aws/config/environment.h"
#include "certguard/cli/global_options.h"
#include "certguard/services/sts/sts_client.h"

namespace certguard::cli {

struct WhoamiOptions {
  const GlobalOptions* global = nullptr;
};

CLI::App* setup_whoami(CLI::App& app, WhoamiOptions& options);

// Returns the process exit code; writes the identity to `out`, errors to `err`.
int run_whoami(const WhoamiOptions& options, const aws::Environment& env, std::ostream& out,
               std::ostream& err);

// The identity in awscli's formats (exposed for tests).
std::string format_identity(const services::sts::GetCallerIdentityResult& id, OutputFormat format);

}  // namespace certguard::cli
