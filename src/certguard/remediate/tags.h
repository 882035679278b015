#pragma once

// The tags certguard puts on the client certificates it generates. They are how a resumed
// or repeated run finds its own certificates (never by description or timing).

#include <string>
#include <string_view>

#include "certguard/inventory/estate/estate.h"

namespace certguard::remediate {

inline constexpr std::string_view kTagManaged = "certguard:managed";  // "true"
inline constexpr std::string_view kTagRun = "certguard:run";          // the run id
// What the certificate is for: "API_ID/STAGE" (--cert-scope stage) or "API_ID" (api).
inline constexpr std::string_view kTagTarget = "certguard:target";
inline constexpr std::string_view kTagReplaces = "certguard:replaces";  // rotation: old id

// The value of tag `key`, empty when absent.
inline std::string tag(const inventory::Tags& tags, std::string_view key) {
  auto it = tags.find(std::string(key));
  return it == tags.end() ? std::string{} : it->second;
}

}  // namespace certguard::remediate
