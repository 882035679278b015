// CreateStage, GetStages, GetStage, UpdateStage (patch operations), DeleteStage.

#include <fmt/format.h>

#include "sim/apigateway/json_text.h"
#include "sim/apigateway/keys.h"
#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {

bool valid_stage_name(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char ch : name) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

SimResponse stage_not_found(const Context& c) {
  return not_found(c, "Invalid stage identifier specified");
}

// "a~1b" -> "a/b", "~0" -> "~" (JSON pointer escapes).
std::string unescape_pointer(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '~' && i + 1 < text.size() && (text[i + 1] == '0' || text[i + 1] == '1')) {
      out += text[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Applies one patch operation to `stage`; returns an error message or "".
std::string apply_stage_patch(Context& c, inventory::RestApi& api, inventory::Stage& stage,
                              const PatchOp& p) {
  const bool replace = p.op == "replace" || p.op == "add";
  const bool remove = p.op == "remove";
  if (!replace && !remove) {
    return fmt::format(
        "Invalid patch operation specified. Must be one of: [add, remove, replace] "
        "for '{}'",
        p.path);
  }
  const std::string value = p.value.value_or("");
  if (p.path == "/clientCertificateId") {
    if (remove || value.empty()) {
      stage.client_certificate_id.clear();
      return {};
    }
    if (find_sorted(c.region.client_certificates, value, cert_key) == nullptr) {
      return fmt::format("Invalid client certificate identifier specified: {}", value);
    }
    stage.client_certificate_id = value;
    return {};
  }
  if (p.path == "/description") {
    stage.description = remove ? "" : value;
    return {};
  }
  if (p.path == "/tracingEnabled") {
    if (remove) {
      stage.tracing_enabled = false;
      return {};
    }
    if (value != "true" && value != "false") {
      return fmt::format("Invalid value '{}' for /tracingEnabled: must be true or false", value);
    }
    stage.tracing_enabled = value == "true";
    return {};
  }
  if (p.path == "/deploymentId" && !remove) {
    if (find_sorted(api.deployments, value, deployment_key) == nullptr) {
      return fmt::format("Invalid deployment identifier specified: {}", value);
    }
    stage.deployment_id = value;
    return {};
  }
  constexpr std::string_view kVariables = "/variables/";
  if (p.path.rfind(kVariables, 0) == 0 && p.path.size() > kVariables.size()) {
    std::string name = unescape_pointer(std::string_view(p.path).substr(kVariables.size()));
    if (remove) {
      stage.variables.erase(name);
    } else {
      stage.variables[name] = value;
    }
    return {};
  }
  return fmt::format(
      "Invalid patch path '{}' specified for op '{}'. Must be one of: "
      "[/clientCertificateId, /description, /tracingEnabled, /deploymentId, "
      "/variables/<name>]",
      p.path, p.op);
}
}  // namespace

std::optional<std::vector<PatchOp>> parse_patch_operations(const nlohmann::json& body,
                                                           std::string& error) {
  std::vector<PatchOp> out;
  if (!body.is_object() || !body.contains("patchOperations")) return out;
  const auto& ops = body["patchOperations"];
  if (!ops.is_array()) {
    error = "Invalid patchOperations: expected a list";
    return std::nullopt;
  }
  for (const auto& item : ops) {
    if (!item.is_object() || !item.contains("op") || !item["op"].is_string() ||
        !item.contains("path") || !item["path"].is_string()) {
      error = "Invalid patch operation: 'op' and 'path' are required strings";
      return std::nullopt;
    }
    PatchOp p;
    p.op = item["op"].get<std::string>();
    p.path = item["path"].get<std::string>();
    if (item.contains("value") && !item["value"].is_null()) {
      if (!item["value"].is_string()) {
        error = "Invalid patch operation: 'value' must be a string";
        return std::nullopt;
      }
      p.value = item["value"].get<std::string>();
    }
    out.push_back(std::move(p));
  }
  return out;
}

SimResponse create_stage(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  std::string error;
  auto name = get_string(c.body, "stageName", error);
  auto deployment_id = get_string(c.body, "deploymentId", error);
  auto description = get_string(c.body, "description", error);
  auto tracing = get_bool(c.body, "tracingEnabled", error);
  auto variables = get_string_map(c.body, "variables", error);
  auto tags = get_string_map(c.body, "tags", error);
  if (!error.empty()) return bad_request(c, error);
  if (!name || !valid_stage_name(*name)) {
    return bad_request(c, "Stage name only allows a-zA-Z0-9_-");
  }
  if (!deployment_id || find_sorted(api->deployments, *deployment_id, deployment_key) == nullptr) {
    return bad_request(c, "Invalid deployment identifier specified");
  }
  if (find_sorted(api->stages, *name, stage_key) != nullptr) {
    return conflict(c, "Stage already exists");
  }
  inventory::Stage stage;
  stage.stage_name = *name;
  stage.deployment_id = *deployment_id;
  stage.description = description.value_or("");
  stage.tracing_enabled = tracing.value_or(false);
  stage.variables = std::move(variables);
  stage.tags = std::move(tags);
  stage.created_date = c.world.now();
  stage.last_updated_date = stage.created_date;
  return created(c, stage_json(insert_sorted(api->stages, std::move(stage), stage_key)));
}

SimResponse get_stages(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  std::string_view deployment = c.request.query_param("deploymentId");
  // Written directly (json_text.h): the same bytes as stage_json(...).dump() per item.
  std::string body = R"({"item":[)";
  body.reserve(64 + api->stages.size() * 320);
  bool first = true;
  for (const auto& stage : api->stages) {
    if (!deployment.empty() && stage.deployment_id != deployment) continue;
    if (!first) body.push_back(',');
    first = false;
    append_stage_json(body, stage);
  }
  body.append("]}");
  return json_text_response(c.request, 200, std::move(body));
}

SimResponse get_stage(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Stage* stage = find_sorted(api->stages, c.labels[1], stage_key);
  if (stage == nullptr) return stage_not_found(c);
  return ok(c, stage_json(*stage));
}

SimResponse update_stage(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  inventory::Stage* stage = find_sorted(api->stages, c.labels[1], stage_key);
  if (stage == nullptr) return stage_not_found(c);
  std::string error;
  auto ops = parse_patch_operations(c.body, error);
  if (!ops) return bad_request(c, error);
  // All or nothing: patch a copy, store it only if every operation applied.
  inventory::Stage updated = *stage;
  for (const PatchOp& p : *ops) {
    std::string problem = apply_stage_patch(c, *api, updated, p);
    if (!problem.empty()) {
      if (problem.rfind("Invalid client certificate", 0) == 0 ||
          problem.rfind("Invalid deployment", 0) == 0) {
        return not_found(c, problem);
      }
      return bad_request(c, problem);
    }
  }
  updated.last_updated_date = c.world.now();
  *stage = std::move(updated);
  return ok(c, stage_json(*stage));
}

SimResponse delete_stage(Context& c) {
  inventory::RestApi* api = find_api(c, c.labels[0]);
  if (api == nullptr) return api_not_found(c, c.labels[0]);
  if (!erase_sorted(api->stages, c.labels[1], stage_key)) return stage_not_found(c);
  return empty_response(c.request, 202);
}

}  // namespace certguard::sim::apigw
