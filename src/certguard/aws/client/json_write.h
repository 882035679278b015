#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace certguard::aws {

// Serializes a request body the way botocore does (Python json.dumps: ", " and ": "
// separators, members in insertion order, non-ASCII as \uXXXX), so our requests are
// byte-identical to the SDK's and the botocore signing vectors apply.
std::string to_wire_json(const nlohmann::ordered_json& value);

}  // namespace certguard::aws
