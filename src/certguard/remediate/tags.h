#pragma once

// The tags certguard puts on the client certificates it generates. They are how a resumed
// or repeated run finds its own certificates (never by description or timing).

#include <string_view>

namespace certguard::remediate {

inline constexpr std::string_view kTagManaged = "certguard:managed";  // "true"
inline constexpr std::string_view kTagRun = "certguard:run";          // the run id
// What the certificate is for: "API_ID/STAGE" (--cert-scope stage) or "API_ID" (api).
inline constexpr std::string_view kTagTarget = "certguard:target";
inline constexpr std::string_view kTagReplaces = "certguard:replaces";  // rotation: old id

}  // namespace certguard::remediate
