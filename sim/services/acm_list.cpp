// ACM ListCertificates: filters, sorting and pagination exactly as the API documents,
// including the surprise that without Includes.keyTypes only RSA_1024 and RSA_2048
// certificates (that have a domain) are listed.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/core/responses.h"
#include "sim/services/acm_ops.h"
#include "sim/services/acm_shapes.h"
#include "sim/services/common.h"

namespace certguard::sim::svc {
namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> known_statuses = {
    "PENDING_VALIDATION",   "ISSUED",  "INACTIVE", "EXPIRED",
    "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"};
const std::set<std::string, std::less<>> known_key_types = {
    "RSA_1024",      "RSA_2048",     "RSA_3072",    "RSA_4096",
    "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"};
constexpr std::size_t kDefaultMaxItems = 1000;

struct Filter {
  std::set<std::string, std::less<>> statuses;  // empty: all
  std::set<std::string, std::less<>> key_types;
  bool require_domain = false;
  bool none = false;  // a filter no certificate here can match (managedBy, exportOption)
};

// Reads a list of enum strings; on a bad one returns the offending value.
std::optional<std::string> read_enum_list(const json& list,
                                          const std::set<std::string, std::less<>>& allowed,
                                          std::set<std::string, std::less<>>& out) {
  if (!list.is_array()) return list.dump();
  for (const auto& v : list) {
    if (!v.is_string() || allowed.count(v.get<std::string>()) == 0) return v.dump();
    out.insert(v.get<std::string>());
  }
  return std::nullopt;
}

std::optional<SimResponse> read_filter(const SimRequest& request, const json& body,
                                       Filter& filter) {
  if (body.contains("CertificateStatuses")) {
    if (auto bad = read_enum_list(body["CertificateStatuses"], known_statuses, filter.statuses)) {
      return json11_error(request, 400, "ValidationException",
                          validation_message(*bad, "certificateStatuses",
                                             "Member must satisfy enum value set: "
                                             "[PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, "
                                             "VALIDATION_TIMED_OUT, REVOKED, FAILED]"));
    }
  }
  const json includes = body.value("Includes", json::object());
  if (includes.contains("keyTypes")) {
    if (auto bad = read_enum_list(includes["keyTypes"], known_key_types, filter.key_types)) {
      return json11_error(
          request, 400, "ValidationException",
          validation_message(*bad, "includes.keyTypes", "Member must satisfy enum value set"));
    }
  }
  if (filter.key_types.empty()) {
    filter.key_types = {"RSA_1024", "RSA_2048"};
    filter.require_domain = true;
  }
  // The sim's certificates are never exportable nor managed by another service; key
  // usages are not modelled (every certificate is a TLS server certificate).
  if (includes.value("exportOption", "DISABLED") == "ENABLED") filter.none = true;
  if (includes.contains("managedBy")) filter.none = true;
  return std::nullopt;
}

bool matches(const inventory::AcmCertificate& c, const Filter& f) {
  if (f.none) return false;
  if (!f.statuses.empty() && f.statuses.count(c.status) == 0) return false;
  if (f.key_types.count(key_algorithm(c)) == 0) return false;
  return !f.require_domain || !c.domain_name.empty();
}

// MaxItems 1..1000 and SortBy/SortOrder (both or neither).
std::optional<SimResponse> read_paging(const SimRequest& request, const json& body,
                                       std::size_t& max_items, int& sort) {
  if (body.contains("MaxItems")) {
    const auto& m = body["MaxItems"];
    if (!m.is_number_integer()) {
      return json11_error(request, 400, "SerializationException", "MaxItems must be an integer");
    }
    const auto v = m.get<std::int64_t>();
    if (v < 1 || v > 1000) {
      return json11_error(
          request, 400, "ValidationException",
          validation_message(std::to_string(v), "maxItems",
                             v < 1 ? "Member must have value greater than or equal to 1"
                                   : "Member must have value less than or equal to 1000"));
    }
    max_items = static_cast<std::size_t>(v);
  }
  const bool by = body.contains("SortBy");
  const bool order = body.contains("SortOrder");
  if (by != order) {
    return json11_error(request, 400, "ValidationException",
                        "SortBy and SortOrder must be specified together");
  }
  if (by) {
    if (body["SortBy"] != "CREATED_AT" ||
        (body["SortOrder"] != "ASCENDING" && body["SortOrder"] != "DESCENDING")) {
      return json11_error(request, 400, "ValidationException",
                          "SortBy must be CREATED_AT and SortOrder ASCENDING or DESCENDING");
    }
    sort = body["SortOrder"] == "ASCENDING" ? 1 : -1;
  }
  return std::nullopt;
}

}  // namespace

SimResponse list_certificates(const SimRequest& request, SimWorld& world, const json& body) {
  Filter filter;
  if (auto error = read_filter(request, body, filter)) return *error;
  std::size_t max_items = kDefaultMaxItems;
  int sort = 0;
  if (auto error = read_paging(request, body, max_items, sort)) return *error;
  std::size_t offset = 0;
  if (body.contains("NextToken")) {
    const auto token = body["NextToken"].is_string()
                           ? parse_token(body["NextToken"].get<std::string>())
                           : std::nullopt;
    if (!token) {
      return json11_error(request, 400, "InvalidArgsException", "The NextToken is invalid.");
    }
    offset = *token;
  }

  std::vector<const inventory::AcmCertificate*> selected;
  if (const inventory::Region* region = world.region(request.account_id, request.region)) {
    for (const auto& c : region->acm_certificates) {
      if (matches(c, filter)) selected.push_back(&c);
    }
  }
  // A stable order so tokens (offsets) stay valid between pages: by ARN, or by
  // creation time when asked (ties broken by ARN).
  std::sort(selected.begin(), selected.end(), [sort](const auto* a, const auto* b) {
    if (sort != 0 && a->created_at != b->created_at) {
      return sort > 0 ? a->created_at < b->created_at : a->created_at > b->created_at;
    }
    return a->arn < b->arn;
  });

  json list = json::array();
  const std::size_t end = std::min(selected.size(), offset + max_items);
  for (std::size_t i = offset; i < end; ++i) list.push_back(certificate_summary(*selected[i]));
  json out = {{"CertificateSummaryList", list}};
  if (end < selected.size()) out["NextToken"] = make_token(end);
  return json11_response(request, out);
}

}  // namespace certguard::sim::svc
