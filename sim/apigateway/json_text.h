#pragma once

// Hot-path JSON written straight into a string, byte for byte what nlohmann::json's dump()
// makes of the same shape (members in sorted order, the same escapes), without building a
// tree first. GetStages is most of a scan's calls and GetClientCertificates the largest
// reply, so their shapes are written this way; the tests compare both writers.

#include <string>
#include <string_view>

#include "certguard/inventory/estate/estate.h"

namespace certguard::sim::apigw {

// Appends `text` as a JSON string, quoted and escaped as nlohmann::json::dump() does.
void append_json_string(std::string& out, std::string_view text);

// Appends stage_json(stage).dump().
void append_stage_json(std::string& out, const inventory::Stage& stage);

// Appends client_certificate_json(cert).dump() (GetClientCertificates carries every PEM).
void append_client_certificate_json(std::string& out, const inventory::ClientCertificate& cert);

}  // namespace certguard::sim::apigw
