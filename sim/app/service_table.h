#pragma once

// Every service certguard-sim serves, keyed by signing name.

#include "sim/core/handler.h"

namespace certguard::sim {

// apigateway (sim/apigateway) plus acm, sts, organizations and ec2 (sim/services; when
// built without them, their entries answer 501 NotImplemented).
ServiceTable default_services();

}  // namespace certguard::sim
