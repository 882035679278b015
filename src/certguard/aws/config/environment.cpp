#include "certguard/aws/config/environment.h"

#include "certguard/aws/config/strings.h"

namespace certguard::aws {

Environment Environment::from_envp(const char* const* envp) {
  Environment env;
  if (envp == nullptr) return env;
  for (const char* const* p = envp; *p != nullptr; ++p) {
    std::string_view entry(*p);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    env.vars_.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::optional<std::string> Environment::get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

bool Environment::is_true(std::string_view name) const {
  auto v = get(name);
  return v && iequals(trim(*v), "true");
}

void Environment::unset(std::string_view name) {
  auto it = vars_.find(name);
  if (it != vars_.end()) vars_.erase(it);
}

}  // namespace certguard::aws
