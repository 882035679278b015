#pragma once

// The AWS shared files (~/.aws/config and ~/.aws/credentials) turned into profiles.
//
// config file:      [default], [profile NAME], [sso-session NAME], [services NAME]
// credentials file: [NAME] (every section is a profile)
// A profile's settings are the config file's merged with the credentials file's; where both
// set a key the credentials file wins (it is consulted first, as in botocore).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "certguard/aws/config/environment.h"
#include "certguard/aws/config/ini.h"
#include "certguard/core/result.h"

namespace certguard::aws {

struct Profile {
  std::string name;
  IniValues values;                         // lower-case keys
  std::map<std::string, IniValues> nested;  // nested blocks, e.g. "s3" -> {...}
  std::string origin;  // where it came from, for messages: "path:line[, path:line]"

  // The value of `key` when present and not empty.
  [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
};

struct SharedConfig {
  std::string config_path;                               // the file actually read (may not exist)
  std::string credentials_path;                          // idem
  std::map<std::string, Profile, std::less<>> profiles;  // merged view
  std::map<std::string, IniSection, std::less<>> services;      // [services NAME]
  std::map<std::string, IniSection, std::less<>> sso_sessions;  // [sso-session NAME]

  [[nodiscard]] const Profile* find_profile(std::string_view name) const;
  [[nodiscard]] const IniSection* find_services(std::string_view name) const;
};

// Builds the merged view from already-parsed files. Sections of the config file that are
// neither `default`, `profile X`, `sso-session X` nor `services X` are ignored, as botocore
// ignores them.
SharedConfig build_shared_config(const IniFile& config, const IniFile& credentials);

// The paths: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and
// ~/.aws/credentials, with a leading '~' expanded from HOME in `env`. Error (kConfig) when a
// path needs HOME and HOME is not set.
Result<std::string> config_file_path(const Environment& env);
Result<std::string> credentials_file_path(const Environment& env);

// Reads both files (missing files are empty) and builds the merged view.
Result<SharedConfig> load_shared_config(const Environment& env);

}  // namespace certguard::aws
