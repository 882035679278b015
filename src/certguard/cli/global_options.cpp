#include "certguard/cli/global_options.h"

#include <map>

namespace certguard::cli {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.option_defaults()->always_capture_default(false);
  app.add_option("--profile", options.profile,
                 "Use a specific profile from your credential and config files");
  app.add_option("--region", options.region, "The AWS region to use (overrides config/env)");
  app.add_option("--endpoint-url", options.endpoint_url,
                 "Override the service URL (e.g. a local emulator); a path prefix is kept");
  app.add_flag("--debug", options.debug,
               "Log every request and response on stderr (signatures and secrets redacted)");
  const std::map<std::string, OutputFormat> formats = {{"json", OutputFormat::kJson},
                                                       {"text", OutputFormat::kText},
                                                       {"table", OutputFormat::kTable}};
  app.add_option("--output", options.output, "Output format: json (default), text or table")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

}  // namespace certguard::cli
