#pragma once

// certguard-sim's API Gateway management API (rest-json, apiVersion 2015-07-09): REST
// APIs, stages, deployments, resources/methods/integrations, client certificates,
// domain names and tags, with AWS's status codes, error codes and pagination.

#include <string>

#include "sim/core/sim_types.h"
#include "sim/core/world.h"

namespace certguard::sim {

// The operation name for a method + path ("GetStages"), or "" if none matches.
std::string apigateway_operation(const SimRequest& request);

// Handles one request (world lock held by the caller).
SimResponse handle_apigateway(const SimRequest& request, SimWorld& world);

}  // namespace certguard::sim
