#pragma once

// API Gateway response decoders: JSON body -> model. Errors are kParse and name the
// operation and the offending member. Lists are under "item" on the wire.

#include <string_view>

#include "certguard/core/result.h"
#include "certguard/services/apigateway/model.h"

namespace certguard::services::apigateway {

Result<Page<RestApi>> decode_get_rest_apis(std::string_view body);
Result<RestApi> decode_get_rest_api(std::string_view body);
Result<std::vector<Stage>> decode_get_stages(std::string_view body);
Result<Stage> decode_stage(std::string_view body, std::string_view operation);
Result<Deployment> decode_create_deployment(std::string_view body);
Result<Page<ClientCertificate>> decode_get_client_certificates(std::string_view body);
Result<ClientCertificate> decode_client_certificate(std::string_view body,
                                                    std::string_view operation);
Result<Page<DomainName>> decode_get_domain_names(std::string_view body);
Result<Page<Resource>> decode_get_resources(std::string_view body);
Result<Tags> decode_get_tags(std::string_view body);

}  // namespace certguard::services::apigateway
