#include "certguard/aws/config/retry_settings.h"

#include <gtest/gtest.h>

namespace certguard::aws {
namespace {

TEST(RetrySettings, DefaultsAndPrecedence) {
  auto d = resolve_retry_settings(Environment{}, nullptr);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->mode, RetryMode::kStandard);
  EXPECT_EQ(d->max_attempts, 3);

  Profile p;
  p.name = "p";
  p.values["retry_mode"] = "legacy";
  auto legacy = resolve_retry_settings(Environment{}, &p);
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(legacy->mode, RetryMode::kLegacy);
  EXPECT_EQ(legacy->max_attempts, 5);

  p.values["max_attempts"] = "7";
  Environment env({{"AWS_RETRY_MODE", "Adaptive"}, {"AWS_MAX_ATTEMPTS", "2"}});
  auto both = resolve_retry_settings(env, &p);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->mode, RetryMode::kAdaptive);
  EXPECT_EQ(both->max_attempts, 2);

  auto from_profile = resolve_retry_settings(Environment{}, &p);
  EXPECT_EQ(from_profile->max_attempts, 7);
}

TEST(RetrySettings, RejectsBadValues) {
  for (const char* bad : {"0", "-1", "abc", "1.5", "101", "99999999999"}) {
    auto r = resolve_retry_settings(Environment({{"AWS_MAX_ATTEMPTS", bad}}), nullptr);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
    EXPECT_NE(r.error().message.find("AWS_MAX_ATTEMPTS"), std::string::npos);
  }
  Profile p;
  p.name = "p";
  p.values["retry_mode"] = "fast";
  auto r = resolve_retry_settings(Environment{}, &p);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("retry_mode in profile p"), std::string::npos);
}

}  // namespace
}  // namespace certguard::aws
