#pragma once

// The sort keys of the estate's collections (SimWorld keeps each sorted by one), shared by
// every operation file so a unity build sees each definition once.

#include <string>

#include "certguard/inventory/estate/estate.h"

namespace certguard::sim::apigw {

inline const std::string& api_key(const inventory::RestApi& a) {
  return a.id;
}
inline const std::string& resource_key(const inventory::Resource& r) {
  return r.id;
}
inline const std::string& deployment_key(const inventory::Deployment& d) {
  return d.id;
}
inline const std::string& stage_key(const inventory::Stage& s) {
  return s.stage_name;
}
inline const std::string& cert_key(const inventory::ClientCertificate& cc) {
  return cc.id;
}
inline const std::string& domain_key(const inventory::DomainName& d) {
  return d.domain_name;
}

}  // namespace certguard::sim::apigw
