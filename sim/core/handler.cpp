#include "sim/core/handler.h"

namespace certguard::sim {

std::string operation_name(const ServiceEntry& entry, const SimRequest& request) {
  switch (entry.protocol) {
    case Protocol::kRestJson:
      return entry.operation != nullptr ? entry.operation(request) : std::string();
    case Protocol::kJson11: {
      std::string_view target = request.header("X-Amz-Target");
      std::size_t dot = target.rfind('.');
      return dot == std::string_view::npos ? std::string() : std::string(target.substr(dot + 1));
    }
    case Protocol::kQuery:
    case Protocol::kEc2:
      return std::string(request.query_param("Action"));
  }
  return {};
}

}  // namespace certguard::sim
