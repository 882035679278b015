#pragma once

// ACM operations, one function each (dispatch in acm.cpp). `body` is the request's JSON
// object. The world lock is held.

#include <nlohmann/json.hpp>

#include "sim/core/sim_types.h"
#include "sim/core/world.h"

namespace certguard::sim::svc {

SimResponse list_certificates(const SimRequest& request, SimWorld& world,
                              const nlohmann::json& body);
SimResponse describe_certificate(const SimRequest& request, SimWorld& world,
                                 const nlohmann::json& body);
SimResponse request_certificate(const SimRequest& request, SimWorld& world,
                                const nlohmann::json& body);
SimResponse import_certificate(const SimRequest& request, SimWorld& world,
                               const nlohmann::json& body);

// The certificate with `arn` in the caller's account-region, or nullptr.
inventory::AcmCertificate* find_certificate(const SimRequest& request, SimWorld& world,
                                            std::string_view arn);
// True if `arn` looks like arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID.
bool is_acm_arn(std::string_view arn);

}  // namespace certguard::sim::svc
