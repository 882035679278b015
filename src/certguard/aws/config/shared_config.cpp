#include "certguard/aws/config/shared_config.h"

#include <fmt/format.h>

#include <vector>

#include "certguard/aws/config/strings.h"

namespace certguard::aws {
namespace {

// Splits a header on whitespace, as botocore's str.split() does (`[profile   x]` is profile
// "x"), with the same whitespace trim() strips: a name must never keep a '\r' that a later
// trim of --profile would drop.
std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

void merge_into(Profile& p, const IniSection& s, const std::string& path) {
  for (const auto& [k, v] : s.values) p.values[k] = v;
  for (const auto& [k, v] : s.nested) p.nested[k] = v;
  std::string where = fmt::format("{}:{}", path, s.line);
  p.origin = p.origin.empty() ? where : p.origin + ", " + where;
}

Result<std::string> expand_home(const std::string& path, const Environment& env,
                                std::string_view variable) {
  if (path.empty() || path.front() != '~') return path;
  auto home = env.get("HOME");
  if (!home) {
    Error e = make_error(
        ErrorKind::kConfig,
        fmt::format("cannot find {} because HOME is not set; set HOME or {}", path, variable));
    e.operation = "LocateConfigFile";
    e.resource = path;
    return e;
  }
  return *home + path.substr(1);
}

}  // namespace

std::optional<std::string> Profile::get(std::string_view key) const {
  auto it = values.find(std::string(key));
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

const Profile* SharedConfig::find_profile(std::string_view name) const {
  auto it = profiles.find(name);
  return it == profiles.end() ? nullptr : &it->second;
}

const IniSection* SharedConfig::find_services(std::string_view name) const {
  auto it = services.find(name);
  return it == services.end() ? nullptr : &it->second;
}

SharedConfig build_shared_config(const IniFile& config, const IniFile& credentials) {
  SharedConfig out;
  out.config_path = config.path;
  out.credentials_path = credentials.path;
  // Config first, so that credentials-file values overwrite them.
  for (const auto& s : config.sections) {
    auto words = split_words(s.name);
    if (words.size() == 1 && words[0] == "default") {
      Profile& p = out.profiles["default"];
      p.name = "default";
      merge_into(p, s, config.path);
    } else if (words.size() == 2 && words[0] == "profile") {
      std::string name(words[1]);
      Profile& p = out.profiles[name];
      p.name = name;
      merge_into(p, s, config.path);
    } else if (words.size() == 2 && words[0] == "sso-session") {
      out.sso_sessions[std::string(words[1])] = s;
    } else if (words.size() == 2 && words[0] == "services") {
      out.services[std::string(words[1])] = s;
    }
  }
  for (const auto& s : credentials.sections) {
    std::string name(trim(s.name));
    Profile& p = out.profiles[name];
    p.name = name;
    merge_into(p, s, credentials.path);
  }
  return out;
}

Result<std::string> config_file_path(const Environment& env) {
  return expand_home(env.get("AWS_CONFIG_FILE").value_or("~/.aws/config"), env, "AWS_CONFIG_FILE");
}

Result<std::string> credentials_file_path(const Environment& env) {
  return expand_home(env.get("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"), env,
                     "AWS_SHARED_CREDENTIALS_FILE");
}

Result<SharedConfig> load_shared_config(const Environment& env) {
  auto config_path = config_file_path(env);
  if (!config_path) return config_path.error();
  auto creds_path = credentials_file_path(env);
  if (!creds_path) return creds_path.error();
  auto config = load_ini_file(*config_path);
  if (!config) return config.error();
  auto creds = load_ini_file(*creds_path);
  if (!creds) return creds.error();
  return build_shared_config(*config, *creds);
}

}  // namespace certguard::aws
