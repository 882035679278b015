#pragma once

// certguard-sim's ACM, STS, Organizations and EC2 handlers. The engine (sim/core) calls
// them with the world lock held, after verifying the signature; each answers the
// operations below and an UnknownOperation/InvalidAction error for anything else.
//
//   acm           JSON 1.1  ImportCertificate, RequestCertificate, DescribeCertificate,
//                           ListCertificates
//   sts           Query     GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity
//                           (unsigned: the engine routes it without a signature)
//   organizations JSON 1.1  ListAccounts (management account only)
//   ec2           Query     DescribeRegions

#include "sim/core/handler.h"
#include "sim/core/sim_types.h"
#include "sim/core/world.h"

namespace certguard::sim {

SimResponse handle_acm(const SimRequest& request, SimWorld& world);
SimResponse handle_sts(const SimRequest& request, SimWorld& world);
SimResponse handle_organizations(const SimRequest& request, SimWorld& world);
SimResponse handle_ec2(const SimRequest& request, SimWorld& world);

// The four entries for the engine's ServiceTable (keys acm, sts, organizations, ec2).
void add_other_services(ServiceTable& table);

}  // namespace certguard::sim
