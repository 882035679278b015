#pragma once

// API Gateway and ACM service shapes -> the Estate model (times as epoch seconds).

#include "certguard/inventory/estate/estate.h"
#include "certguard/services/acm/acm_client.h"
#include "certguard/services/apigateway/model.h"

namespace certguard::inventory {

EpochSeconds to_epoch(const std::optional<WallTime>& time);

RestApi to_estate(const services::apigateway::RestApi& api);
Stage to_estate(const services::apigateway::Stage& stage);
ClientCertificate to_estate(const services::apigateway::ClientCertificate& cert);
DomainName to_estate(const services::apigateway::DomainName& domain);
Resource to_estate(const services::apigateway::Resource& resource);
AcmCertificate to_estate(const services::acm::CertificateSummary& summary);

}  // namespace certguard::inventory
