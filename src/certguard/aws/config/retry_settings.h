#pragma once

// Retry settings from AWS_RETRY_MODE / retry_mode and AWS_MAX_ATTEMPTS / max_attempts
// (environment first, then the profile). max_attempts counts every attempt, the first too.

#include <string_view>

#include "certguard/aws/config/environment.h"
#include "certguard/aws/config/shared_config.h"
#include "certguard/core/result.h"

namespace certguard::aws {

enum class RetryMode { kLegacy, kStandard, kAdaptive };

std::string_view to_string(RetryMode mode);

struct RetrySettings {
  // certguard defaults to standard (as CLI v2 and the other SDKs do; botocore/awscli v1
  // still default to legacy).
  RetryMode mode = RetryMode::kStandard;
  int max_attempts = 3;  // default: 3 for standard/adaptive, 5 for legacy (botocore)
};

// Errors (kConfig) name the variable or profile key: mode not legacy|standard|adaptive,
// max_attempts not a positive integer (at most 100).
Result<RetrySettings> resolve_retry_settings(const Environment& env, const Profile* profile);

}  // namespace certguard::aws
