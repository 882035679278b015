#include "certguard/cli/whoami.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "certguard/cli/errors.h"
#include "certguard/cli/runtime.h"

namespace certguard::cli {

CLI::App* setup_whoami(CLI::App& app, WhoamiOptions& /*options*/) {
  // whoami has no options of its own: --profile, --region, --endpoint-url, --output and
  // --debug are the global ones (accepted after the subcommand too).
  return app.add_subcommand("whoami",
                            "Show the account, ARN and user id of the credentials in use (like "
                            "aws sts get-caller-identity)");
}

std::string format_identity(const services::sts::GetCallerIdentityResult& id, OutputFormat format) {
  switch (format) {
    case OutputFormat::kText:
      // awscli's text output: the scalar members, sorted by key, tab-separated.
      return fmt::format("{}\t{}\t{}\n", id.account, id.arn, id.user_id);
    case OutputFormat::kTable: {
      std::size_t key_width = 7;
      std::size_t value_width = std::max({id.account.size(), id.arn.size(), id.user_id.size()});
      std::string rule = fmt::format("+{}+{}+\n", std::string(key_width + 2, '-'),
                                     std::string(value_width + 2, '-'));
      std::string out = rule;
      out += fmt::format("| {:<{}} |\n", "GetCallerIdentity", key_width + value_width + 3);
      out += rule;
      out += fmt::format("| {:<{}} | {:<{}} |\n", "Account", key_width, id.account, value_width);
      out += fmt::format("| {:<{}} | {:<{}} |\n", "Arn", key_width, id.arn, value_width);
      out += fmt::format("| {:<{}} | {:<{}} |\n", "UserId", key_width, id.user_id, value_width);
      out += rule;
      return out;
    }
    case OutputFormat::kJson:
      break;
  }
  nlohmann::ordered_json j;
  j["UserId"] = id.user_id;
  j["Account"] = id.account;
  j["Arn"] = id.arn;
  return j.dump(4) + "\n";
}

namespace {

Task<Result<services::sts::GetCallerIdentityResult>> fetch_identity(aws::AwsClient& client) {
  services::sts::StsClient sts(client);
  co_return co_await sts.get_caller_identity();
}

}  // namespace

int run_whoami(const WhoamiOptions& options, const aws::Environment& env, std::ostream& out,
               std::ostream& err) {
  auto runtime = Runtime::create(*options.global, env);
  if (!runtime.ok()) return report_error(runtime.error(), err);
  auto client = (*runtime)->client(aws::ServiceId::kSts);
  if (!client.ok()) return report_error(client.error(), err);
  auto identity = (*runtime)->loop().run(fetch_identity(**client));
  if (!identity.ok()) return report_error(identity.error(), err);
  out << format_identity(*identity, options.global->output);
  return kExitOk;
}

}  // namespace certguard::cli
