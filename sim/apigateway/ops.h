#pragma once

// One function per API Gateway operation; apigateway.cpp routes to them.

#include "sim/apigateway/context.h"

namespace certguard::sim::apigw {

SimResponse create_rest_api(Context& c);
SimResponse get_rest_apis(Context& c);
SimResponse get_rest_api(Context& c);
SimResponse delete_rest_api(Context& c);

SimResponse create_stage(Context& c);
SimResponse get_stages(Context& c);
SimResponse get_stage(Context& c);
SimResponse update_stage(Context& c);
SimResponse delete_stage(Context& c);

SimResponse create_deployment(Context& c);
SimResponse get_deployments(Context& c);

SimResponse get_resources(Context& c);
SimResponse create_resource(Context& c);
SimResponse put_method(Context& c);
SimResponse get_method(Context& c);
SimResponse put_integration(Context& c);
SimResponse get_integration(Context& c);

SimResponse generate_client_certificate(Context& c);
SimResponse get_client_certificates(Context& c);
SimResponse get_client_certificate(Context& c);
SimResponse update_client_certificate(Context& c);
SimResponse delete_client_certificate(Context& c);

SimResponse create_domain_name(Context& c);
SimResponse get_domain_names(Context& c);
SimResponse get_domain_name(Context& c);

SimResponse get_tags(Context& c);
SimResponse tag_resource(Context& c);
SimResponse untag_resource(Context& c);

// A patch operation of UpdateStage / UpdateClientCertificate.
struct PatchOp {
  std::string op;
  std::string path;  // JSON pointer, "~1" already decoded in segments by callers
  std::optional<std::string> value;
};
// Parses body.patchOperations. nullopt + error message when malformed.
std::optional<std::vector<PatchOp>> parse_patch_operations(const nlohmann::json& body,
                                                           std::string& error);

}  // namespace certguard::sim::apigw
