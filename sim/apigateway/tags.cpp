// GetTags, TagResource, UntagResource on arn:aws:apigateway:REGION::/restapis/ID,
// .../restapis/ID/stages/NAME, ::/clientcertificates/ID and ::/domainnames/NAME (the
// ARN arrives as one percent-encoded path label, already decoded in c.labels[0]).

#include <fmt/format.h>

#include "sim/apigateway/ops.h"
#include "sim/core/sorted.h"

namespace certguard::sim::apigw {

namespace {
std::vector<std::string_view> split_slash(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The tag map of the resource `arn` names, or an error response.
inventory::Tags* find_tags(Context& c, std::string_view arn, std::optional<SimResponse>& error) {
  // arn:PARTITION:apigateway:REGION::/path
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) break;
    fields.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  if (fields.size() != 5 || fields[0] != "arn" || fields[2] != "apigateway") {
    error = bad_request(c, fmt::format("Invalid ARN specified in the request: {}", arn));
    return nullptr;
  }
  const std::string_view region = fields[3];
  const auto path = split_slash(arn.substr(start));
  auto missing = [&] {
    error = not_found(c, fmt::format("Invalid resource identifier specified: {}", arn));
    return nullptr;
  };
  if (region != c.region.name) return missing();
  if (path.size() >= 2 && path[0] == "restapis") {
    inventory::RestApi* api = find_api(c, path[1]);
    if (api == nullptr) return missing();
    if (path.size() == 2) return &api->tags;
    if (path.size() == 4 && path[2] == "stages") {
      auto* stage =
          find_sorted(api->stages, path[3],
                      [](const inventory::Stage& s) -> const std::string& { return s.stage_name; });
      if (stage == nullptr) return missing();
      return &stage->tags;
    }
    return missing();
  }
  if (path.size() == 2 && path[0] == "clientcertificates") {
    auto* cert = find_sorted(
        c.region.client_certificates, path[1],
        [](const inventory::ClientCertificate& cc) -> const std::string& { return cc.id; });
    if (cert == nullptr) return missing();
    return &cert->tags;
  }
  if (path.size() == 2 && path[0] == "domainnames") {
    auto* domain = find_sorted(
        c.region.domain_names, path[1],
        [](const inventory::DomainName& d) -> const std::string& { return d.domain_name; });
    if (domain == nullptr) return missing();
    return &domain->tags;
  }
  error = bad_request(c, fmt::format("Invalid ARN specified in the request: {}", arn));
  return nullptr;
}
}  // namespace

SimResponse get_tags(Context& c) {
  std::optional<SimResponse> error;
  inventory::Tags* tags = find_tags(c, c.labels[0], error);
  if (tags == nullptr) return *error;
  return ok(c, nlohmann::json{{"tags", *tags}});
}

SimResponse tag_resource(Context& c) {
  std::optional<SimResponse> error;
  inventory::Tags* tags = find_tags(c, c.labels[0], error);
  if (tags == nullptr) return *error;
  std::string problem;
  auto add = get_string_map(c.body, "tags", problem);
  if (!problem.empty()) return bad_request(c, problem);
  if (!c.body.contains("tags")) return bad_request(c, "tags must not be null");
  inventory::Tags merged = *tags;
  for (auto& [k, v] : add) merged[k] = v;
  if (merged.size() > 50) return bad_request(c, "A resource can have at most 50 tags");
  *tags = std::move(merged);
  return empty_response(c.request, 204);
}

SimResponse untag_resource(Context& c) {
  std::optional<SimResponse> error;
  inventory::Tags* tags = find_tags(c, c.labels[0], error);
  if (tags == nullptr) return *error;
  if (!c.request.has_query_param("tagKeys")) return bad_request(c, "tagKeys must not be null");
  for (const auto& key : c.request.query_params("tagKeys")) tags->erase(key);
  return empty_response(c.request, 204);
}

}  // namespace certguard::sim::apigw
