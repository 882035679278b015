#pragma once

// ACM's CertificateSummary and CertificateDetail built from the estate model.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "certguard/inventory/estate/estate.h"

namespace certguard::sim::svc {

// An empty key_algorithm (scanner-written estates may lack it) counts as RSA_2048.
std::string_view key_algorithm(const inventory::AcmCertificate& cert);

nlohmann::json certificate_summary(const inventory::AcmCertificate& cert);

// `region` supplies InUseBy (the custom domains that reference the certificate).
nlohmann::json certificate_detail(const inventory::AcmCertificate& cert,
                                  const inventory::Region& region, std::string_view partition);

}  // namespace certguard::sim::svc
