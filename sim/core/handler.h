#pragma once

// How services plug into the engine. Each service module exposes
//   SimResponse handle_<svc>(const SimRequest&, SimWorld&);
// and the executable (sim/app) lists them in a ServiceTable keyed by the signing name
// found in the credential scope (apigateway, acm, sts, organizations, ec2).
//
// The engine calls a handler with the world lock held, after verifying the signature,
// applying quotas and faults; `request.operation` is already set (see operation_name).

#include <map>
#include <string>
#include <string_view>

#include "sim/core/sim_types.h"
#include "sim/core/world.h"

namespace certguard::sim {

using HandlerFn = SimResponse (*)(const SimRequest&, SimWorld&);
// The operation a rest-json request names (from its method and path), or "" if none.
using OperationFn = std::string (*)(const SimRequest&);

struct ServiceEntry {
  Protocol protocol = Protocol::kRestJson;
  HandlerFn handle = nullptr;  // nullptr: "not implemented" (501)
  // rest-json services must set it; JSON 1.1 (X-Amz-Target) and Query/EC2 (Action)
  // operations are found by the engine.
  OperationFn operation = nullptr;
  // The operation that needs no signature (STS AssumeRoleWithWebIdentity), if any.
  std::string_view unsigned_operation;
};

using ServiceTable = std::map<std::string, ServiceEntry, std::less<>>;

// The operation of a request of `entry`'s protocol: rest-json via entry.operation,
// JSON 1.1 from "X-Amz-Target: Prefix.Operation", Query/EC2 from the Action parameter
// (query string or form body). "" when none can be found.
std::string operation_name(const ServiceEntry& entry, const SimRequest& request);

}  // namespace certguard::sim
