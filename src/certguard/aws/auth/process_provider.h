#pragma once

// credential_process: runs the profile's command without a shell and reads credentials as
// JSON from its stdout
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html):
//   {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
//    "SessionToken": "...", "Expiration": "ISO-8601", "AccountId": "..."}
// Errors name the profile: a non-zero exit (with the start of stderr), JSON that does not
// parse or lacks a key, Version other than the number 1, credentials already expired, or a
// run longer than the timeout (kTimeout; the process is killed).
//
// The process is waited for synchronously: credentials are fetched rarely (cache them with
// CachingProvider) and the wait is bounded by the timeout.

#include <chrono>
#include <string>

#include "certguard/aws/auth/credentials.h"
#include "certguard/aws/config/environment.h"

namespace certguard::aws {

class ProcessProvider final : public CredentialsProvider {
 public:
  ProcessProvider(std::string profile_name, std::string command, Environment env,
                  const Clock& clock,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(30000))
      : profile_(std::move(profile_name)),
        command_(std::move(command)),
        env_(std::move(env)),
        clock_(&clock),
        timeout_(timeout) {}

  Task<Result<Credentials>> get() override;
  [[nodiscard]] Result<Credentials> run() const;

 private:
  std::string profile_;
  std::string command_;
  Environment env_;
  const Clock* clock_;
  std::chrono::milliseconds timeout_;
};

// Parses the JSON a credential process printed; `who` names it in errors.
Result<Credentials> parse_process_output(std::string_view json, std::string_view who, WallTime now);

}  // namespace certguard::aws
