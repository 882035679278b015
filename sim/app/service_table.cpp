#include "sim/app/service_table.h"

#include "sim/apigateway/apigateway.h"

#if defined(CG_SIM_HAVE_SERVICES)
#include "sim/services/services.h"
#endif

namespace certguard::sim {

ServiceTable default_services() {
  ServiceTable table;
  table["apigateway"] =
      ServiceEntry{Protocol::kRestJson, handle_apigateway, apigateway_operation, {}};
#if defined(CG_SIM_HAVE_SERVICES)
  add_other_services(table);
#else
  table["acm"] = ServiceEntry{Protocol::kJson11, nullptr, nullptr, {}};
  table["sts"] = ServiceEntry{Protocol::kQuery, nullptr, nullptr, "AssumeRoleWithWebIdentity"};
  table["organizations"] = ServiceEntry{Protocol::kJson11, nullptr, nullptr, {}};
  table["ec2"] = ServiceEntry{Protocol::kEc2, nullptr, nullptr, {}};
#endif
  return table;
}

}  // namespace certguard::sim
