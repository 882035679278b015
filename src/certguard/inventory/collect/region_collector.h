#pragma once

// Collection of one account-region with the fewest calls: GetRestApis (paged), then all
// at once, each paced by the region's token buckets: GetStages and GetResources?embed=
// methods per API, GetClientCertificates, GetDomainNames (paged) and ACM ListCertificates
// (every key type, paged). Never a GET per certificate.
//
// Outcome: Region::scan is kOk, or kError with the cause when GetRestApis,
// GetClientCertificates, GetDomainNames or ListCertificates failed (their data feeds
// region-wide rules). A failed GetStages or GetResources marks only that API
// (stages_known / resources_known = false) and adds a warning.

#include <string>
#include <vector>

#include "certguard/inventory/collect/collector_types.h"
#include "certguard/inventory/estate/estate.h"

namespace certguard::inventory {

struct RegionOutcome {
  Region region;
  std::vector<std::string> warnings;  // partial failures, one line each
};

// `credentials` must outlive the task.
Task<RegionOutcome> collect_region(const CollectorDeps* deps, const CollectOptions* options,
                                   aws::CredentialsProvider* credentials, std::string account_id,
                                   std::string region);

// A region that could not be read at all, with the cause.
Region region_error(const std::string& name, const Error& error);

}  // namespace certguard::inventory
