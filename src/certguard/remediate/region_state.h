#pragma once

// Reads the current state of one account-region straight from API Gateway: every REST API
// with its stages (and, for planning, its resources) and every client certificate with its
// tags. Remediation reads this before acting, so a resumed or repeated run works from what
// AWS says now, not from what the journal hoped.

#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/result.h"
#include "certguard/core/task.h"
#include "certguard/inventory/estate/estate.h"
#include "certguard/services/apigateway/apigateway_client.h"

namespace certguard::remediate {

// Errors: whatever the API Gateway calls returned (the first failure), with the
// operation named; a region is never returned half-read. `region_name` is a view (trivially
// destructible, g++ 12 coroutine rule) that must stay valid until the task is done.
Task<Result<inventory::Region>> read_region(services::apigateway::ApiGatewayClient* client,
                                            std::string_view region_name, bool with_resources);

const inventory::ClientCertificate* find_certificate(const inventory::Region& region,
                                                     const std::string& id);
const inventory::Stage* find_stage(const inventory::Region& region, const std::string& api_id,
                                   const std::string& stage_name);
// "API_ID/STAGE" of every stage whose clientCertificateId is `certificate_id`.
std::vector<std::string> stages_referencing(const inventory::Region& region,
                                            const std::string& certificate_id);

}  // namespace certguard::remediate
