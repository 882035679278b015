#pragma once

// Helpers shared by the non-API-Gateway handlers: JSON 1.1 bodies, opaque pagination
// tokens, stable hashes for ids that must not change between calls.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/sim_types.h"

namespace certguard::sim::svc {

// The JSON 1.1 request body as an object; nullopt when it is not JSON or not an object
// (AWS answers SerializationException). An empty body counts as {}.
std::optional<nlohmann::json> json_body(const SimRequest& request);

// Pagination: the token is an opaque string carrying the offset of the next item.
std::string make_token(std::size_t offset);
// nullopt when `token` was not made by make_token.
std::optional<std::size_t> parse_token(std::string_view token);

// FNV-1a: a hash that is the same in every run (ids derived from names).
std::uint64_t stable_hash(std::string_view text);
// `length` characters of `alphabet` derived from `text` (deterministic).
std::string derived_id(std::string_view text, std::size_t length, std::string_view alphabet);

// AWS's message for a constraint failure, e.g. "1 validation error detected: Value '0'
// at 'maxItems' failed to satisfy constraint: Member must have value greater than or
// equal to 1".
std::string validation_message(std::string_view value, std::string_view field,
                               std::string_view constraint);

}  // namespace certguard::sim::svc
