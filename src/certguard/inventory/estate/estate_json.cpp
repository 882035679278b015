#include "certguard/inventory/estate/estate_json.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "certguard/inventory/estate/iso8601.h"

namespace certguard::inventory {
namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;  // output keeps a fixed, readable key order

// ---------------------------------------------------------------------------------------
// Decoding: every function takes the JSON path of the value it reads so errors can name
// it. The first error wins; later calls return at once.

class Ctx {
 public:
  [[nodiscard]] bool failed() const { return error_.has_value(); }
  void fail(const std::string& path, std::string_view what) {
    if (!error_) error_ = fmt::format("{}: {}", path.empty() ? "(top level)" : path, what);
  }
  [[nodiscard]] const std::optional<std::string>& error() const { return error_; }

 private:
  std::optional<std::string> error_;
};

std::string key_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}
std::string index_path(const std::string& path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}
std::string map_path(const std::string& path, std::string_view key) {
  return fmt::format("{}[\"{}\"]", path, key);
}

std::string got(const Json& j) {
  return fmt::format("got {}", j.type_name());
}

void decode(Ctx& ctx, const Json& j, const std::string& path, std::string& out) {
  if (!j.is_string()) return ctx.fail(path, fmt::format("expected string, {}", got(j)));
  out = j.get_ref<const std::string&>();
}

void decode(Ctx& ctx, const Json& j, const std::string& path, bool& out) {
  if (!j.is_boolean()) return ctx.fail(path, fmt::format("expected boolean, {}", got(j)));
  out = j.get<bool>();
}

// Integers only (1.0 is rejected); `what` names the expected kind in the error.
std::optional<std::int64_t> read_integer(Ctx& ctx, const Json& j, const std::string& path,
                                         std::string_view what) {
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      ctx.fail(path, "integer out of range");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(u);
  }
  if (j.is_number_integer()) return j.get<std::int64_t>();
  ctx.fail(path, fmt::format("expected {}, {}", what, got(j)));
  return std::nullopt;
}

void decode(Ctx& ctx, const Json& j, const std::string& path, int& out) {
  auto v = read_integer(ctx, j, path, "integer");
  if (!v) return;
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    return ctx.fail(path, "integer out of range");
  }
  out = static_cast<int>(*v);
}

// EpochSeconds: an integer, or (for hand-written files) an ISO-8601 string.
void decode(Ctx& ctx, const Json& j, const std::string& path, EpochSeconds& out) {
  if (j.is_string()) {
    auto t = parse_iso8601(j.get_ref<const std::string&>());
    if (!t) {
      return ctx.fail(path, fmt::format("expected epoch seconds or an ISO-8601 time such as "
                                        "2026-01-31T12:00:00Z, got \"{}\"",
                                        j.get_ref<const std::string&>()));
    }
    out = *t;
    return;
  }
  auto v = read_integer(ctx, j, path, "epoch seconds (integer) or ISO-8601 string");
  if (v) out = *v;
}

void decode(Ctx& ctx, const Json& j, const std::string& path, std::optional<EpochSeconds>& out) {
  if (j.is_null()) {
    out.reset();
    return;
  }
  EpochSeconds v = 0;
  decode(ctx, j, path, v);
  if (!ctx.failed()) out = v;
}

void decode(Ctx& ctx, const Json& j, const std::string& path, ScanState& out) {
  std::string s;
  decode(ctx, j, path, s);
  if (ctx.failed()) return;
  if (s == "ok") {
    out = ScanState::kOk;
  } else if (s == "error") {
    out = ScanState::kError;
  } else if (s == "not_scanned") {
    out = ScanState::kNotScanned;
  } else {
    ctx.fail(path, fmt::format("expected one of ok, error, not_scanned, got \"{}\"", s));
  }
}

// The struct decoders, declared first so the container templates below can find them.
void decode(Ctx& ctx, const Json& j, const std::string& path, MethodIntegration& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, Resource& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, Stage& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, Deployment& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, RestApi& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, ClientCertificate& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, DomainName& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, AcmCertificate& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, RegionScanStatus& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, Region& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, AccessKey& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, Role& out);
void decode(Ctx& ctx, const Json& j, const std::string& path, Account& out);

template <typename T>
void decode(Ctx& ctx, const Json& j, const std::string& path, std::vector<T>& out) {
  if (!j.is_array()) return ctx.fail(path, fmt::format("expected array, {}", got(j)));
  out.clear();
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size() && !ctx.failed(); ++i) {
    T item{};
    decode(ctx, j[i], index_path(path, i), item);
    out.push_back(std::move(item));
  }
}

template <typename T>
void decode(Ctx& ctx, const Json& j, const std::string& path, std::map<std::string, T>& out) {
  if (!j.is_object()) return ctx.fail(path, fmt::format("expected object, {}", got(j)));
  out.clear();
  for (const auto& [key, value] : j.items()) {
    if (ctx.failed()) return;
    T item{};
    decode(ctx, value, map_path(path, key), item);
    out.emplace(key, std::move(item));
  }
}

// Reads the members of one JSON object; finish() rejects keys nobody asked for.
class Obj {
 public:
  Obj(Ctx& ctx, const Json& j, const std::string& path) : ctx_(ctx), j_(j), path_(path) {
    if (!j.is_object()) {
      ctx.fail(path, fmt::format("expected object, {}", got(j)));
      ok_ = false;
    }
  }
  template <typename T>
  void opt(std::string_view key, T& out) {
    field(key, out, false);
  }
  template <typename T>
  void req(std::string_view key, T& out) {
    field(key, out, true);
  }
  void finish() {
    if (!ok_ || ctx_.failed()) return;
    for (const auto& [key, value] : j_.items()) {
      if (known_.count(key) == 0) {
        std::string allowed;
        for (const auto& k : order_) allowed += (allowed.empty() ? "" : ", ") + k;
        ctx_.fail(key_path(path_, key), fmt::format("unknown key (allowed here: {})", allowed));
        return;
      }
    }
  }

 private:
  template <typename T>
  void field(std::string_view key, T& out, bool required) {
    order_.emplace_back(key);
    known_.emplace(key);
    if (!ok_ || ctx_.failed()) return;
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (required) ctx_.fail(key_path(path_, key), "missing (required)");
      return;
    }
    decode(ctx_, *it, key_path(path_, key), out);
  }

  Ctx& ctx_;
  const Json& j_;
  const std::string& path_;
  bool ok_ = true;
  std::vector<std::string> order_;
  std::set<std::string, std::less<>> known_;
};

// Fails when two elements of `items` share a key (account ids, region names, ...).
template <typename T, typename KeyFn>
void check_unique(Ctx& ctx, const std::vector<T>& items, const std::string& path,
                  std::string_view what, KeyFn key_of) {
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < items.size() && !ctx.failed(); ++i) {
    const std::string& key = key_of(items[i]);
    if (!seen.insert(key).second) {
      ctx.fail(index_path(path, i), fmt::format("duplicate {} \"{}\"", what, key));
    }
  }
}

void require_nonempty(Ctx& ctx, const std::string& value, const std::string& path,
                      std::string_view key) {
  if (!ctx.failed() && value.empty()) ctx.fail(key_path(path, key), "must not be empty");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, MethodIntegration& out) {
  Obj o(ctx, j, path);
  o.req("http_method", out.http_method);
  o.opt("integration_type", out.integration_type);
  o.opt("uri", out.uri);
  o.opt("connection_type", out.connection_type);
  o.opt("authorization_type", out.authorization_type);
  o.opt("api_key_required", out.api_key_required);
  o.opt("authorizer_id", out.authorizer_id);
  o.finish();
  if (ctx.failed()) return;
  const std::string& t = out.authorization_type;
  if (!t.empty() && !is_authorization_type(t)) {
    ctx.fail(key_path(path, "authorization_type"),
             fmt::format("expected one of NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS, got \"{}\" "
                         "(method {})",
                         t, out.http_method));
  }
}

void decode(Ctx& ctx, const Json& j, const std::string& path, Resource& out) {
  Obj o(ctx, j, path);
  o.req("id", out.id);
  o.opt("parent_id", out.parent_id);
  o.opt("path", out.path);
  o.opt("methods", out.methods);
  o.finish();
  require_nonempty(ctx, out.id, path, "id");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, Stage& out) {
  Obj o(ctx, j, path);
  o.req("stage_name", out.stage_name);
  o.opt("deployment_id", out.deployment_id);
  o.opt("client_certificate_id", out.client_certificate_id);
  o.opt("description", out.description);
  o.opt("tracing_enabled", out.tracing_enabled);
  o.opt("variables", out.variables);
  o.opt("tags", out.tags);
  o.opt("created_date", out.created_date);
  o.opt("last_updated_date", out.last_updated_date);
  o.finish();
  require_nonempty(ctx, out.stage_name, path, "stage_name");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, Deployment& out) {
  Obj o(ctx, j, path);
  o.req("id", out.id);
  o.opt("description", out.description);
  o.opt("created_date", out.created_date);
  o.finish();
  require_nonempty(ctx, out.id, path, "id");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, RestApi& out) {
  Obj o(ctx, j, path);
  o.req("id", out.id);
  o.opt("name", out.name);
  o.opt("description", out.description);
  o.opt("endpoint_types", out.endpoint_types);
  o.opt("created_date", out.created_date);
  o.opt("tags", out.tags);
  o.opt("resources", out.resources);
  o.opt("resources_known", out.resources_known);
  o.opt("stages", out.stages);
  o.opt("stages_known", out.stages_known);
  o.opt("deployments", out.deployments);
  o.finish();
  require_nonempty(ctx, out.id, path, "id");
  check_unique(ctx, out.stages, key_path(path, "stages"), "stage_name",
               [](const Stage& s) -> const std::string& { return s.stage_name; });
}

void decode(Ctx& ctx, const Json& j, const std::string& path, ClientCertificate& out) {
  Obj o(ctx, j, path);
  o.req("id", out.id);
  o.opt("description", out.description);
  o.opt("pem", out.pem);
  o.opt("created_date", out.created_date);
  o.opt("expiration_date", out.expiration_date);
  o.opt("tags", out.tags);
  o.finish();
  require_nonempty(ctx, out.id, path, "id");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, DomainName& out) {
  Obj o(ctx, j, path);
  o.req("domain_name", out.domain_name);
  o.opt("endpoint_types", out.endpoint_types);
  o.opt("certificate_arn", out.certificate_arn);
  o.opt("regional_certificate_arn", out.regional_certificate_arn);
  o.opt("certificate_upload_date", out.certificate_upload_date);
  o.opt("status", out.status);
  o.opt("tags", out.tags);
  o.finish();
  require_nonempty(ctx, out.domain_name, path, "domain_name");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, AcmCertificate& out) {
  Obj o(ctx, j, path);
  o.req("arn", out.arn);
  o.opt("domain_name", out.domain_name);
  o.opt("status", out.status);
  o.opt("type", out.type);
  o.opt("key_algorithm", out.key_algorithm);
  o.opt("not_before", out.not_before);
  o.opt("not_after", out.not_after);
  o.opt("created_at", out.created_at);
  o.opt("imported_at", out.imported_at);
  o.opt("in_use", out.in_use);
  o.finish();
  require_nonempty(ctx, out.arn, path, "arn");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, RegionScanStatus& out) {
  Obj o(ctx, j, path);
  o.opt("state", out.state);
  o.opt("error_kind", out.error_kind);
  o.opt("error_message", out.error_message);
  o.opt("calls", out.calls);
  o.opt("throttled", out.throttled);
  o.finish();
}

void decode(Ctx& ctx, const Json& j, const std::string& path, Region& out) {
  Obj o(ctx, j, path);
  o.req("name", out.name);
  o.opt("rest_apis", out.rest_apis);
  o.opt("client_certificates", out.client_certificates);
  o.opt("domain_names", out.domain_names);
  o.opt("acm_certificates", out.acm_certificates);
  o.opt("scan", out.scan);
  o.finish();
  require_nonempty(ctx, out.name, path, "name");
  check_unique(ctx, out.rest_apis, key_path(path, "rest_apis"), "REST API id",
               [](const RestApi& a) -> const std::string& { return a.id; });
  check_unique(ctx, out.client_certificates, key_path(path, "client_certificates"),
               "client certificate id",
               [](const ClientCertificate& c) -> const std::string& { return c.id; });
  check_unique(ctx, out.domain_names, key_path(path, "domain_names"), "domain name",
               [](const DomainName& d) -> const std::string& { return d.domain_name; });
  check_unique(ctx, out.acm_certificates, key_path(path, "acm_certificates"), "ACM ARN",
               [](const AcmCertificate& c) -> const std::string& { return c.arn; });
}

void decode(Ctx& ctx, const Json& j, const std::string& path, AccessKey& out) {
  Obj o(ctx, j, path);
  o.req("access_key_id", out.access_key_id);
  o.req("secret_access_key", out.secret_access_key);
  o.finish();
  require_nonempty(ctx, out.access_key_id, path, "access_key_id");
}

void decode(Ctx& ctx, const Json& j, const std::string& path, Role& out) {
  Obj o(ctx, j, path);
  o.req("name", out.name);
  o.opt("trusted_accounts", out.trusted_accounts);
  o.opt("external_id", out.external_id);
  o.finish();
  require_nonempty(ctx, out.name, path, "name");
}

bool is_account_id(const std::string& id) {
  if (id.size() != 12) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void decode(Ctx& ctx, const Json& j, const std::string& path, Account& out) {
  Obj o(ctx, j, path);
  o.req("id", out.id);
  o.opt("name", out.name);
  o.opt("email", out.email);
  o.opt("suspended", out.suspended);
  o.opt("access_keys", out.access_keys);
  o.opt("roles", out.roles);
  o.opt("regions", out.regions);
  o.opt("enabled_regions", out.enabled_regions);
  o.finish();
  if (!ctx.failed() && !is_account_id(out.id)) {
    ctx.fail(key_path(path, "id"), fmt::format("expected 12 digits, got \"{}\"", out.id));
  }
  check_unique(ctx, out.regions, key_path(path, "regions"), "region",
               [](const Region& r) -> const std::string& { return r.name; });
}

void decode_estate(Ctx& ctx, const Json& j, Estate& out) {
  const std::string root;
  Obj o(ctx, j, root);
  o.req("format_version", out.format_version);
  if (!ctx.failed() && out.format_version != 1) {
    ctx.fail("format_version",
             fmt::format("unsupported version {} (this certguard reads 1)", out.format_version));
  }
  o.opt("partition", out.partition);
  o.opt("management_account_id", out.management_account_id);
  o.opt("captured_at", out.captured_at);
  o.opt("accounts", out.accounts);
  o.finish();
  if (!ctx.failed() && !out.management_account_id.empty() &&
      !is_account_id(out.management_account_id)) {
    ctx.fail("management_account_id", "expected 12 digits");
  }
  check_unique(ctx, out.accounts, "accounts", "account id",
               [](const Account& a) -> const std::string& { return a.id; });
}

// ---------------------------------------------------------------------------------------
// Encoding: fields holding their default are omitted (see the header for why that is
// still an exact round trip). Identifying keys are always written.

void put(OJson& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void put(OJson& j, const char* key, std::int64_t v) {
  if (v != 0) j[key] = v;
}
void put(OJson& j, const char* key, int v) {
  if (v != 0) j[key] = v;
}
void put_flag(OJson& j, const char* key, bool v, bool default_value) {
  if (v != default_value) j[key] = v;
}
void put(OJson& j, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) j[key] = v;
}
template <typename T>
void put(OJson& j, const char* key, const std::map<std::string, T>& v) {
  if (v.empty()) return;
  OJson m = OJson::object();
  for (const auto& [k, value] : v) m[k] = value;
  j[key] = std::move(m);
}

OJson encode(const MethodIntegration& m);
OJson encode(const Resource& r);
OJson encode(const Stage& s);
OJson encode(const Deployment& d);
OJson encode(const RestApi& a);
OJson encode(const ClientCertificate& c);
OJson encode(const DomainName& d);
OJson encode(const AcmCertificate& c);
OJson encode(const Region& r);
OJson encode(const AccessKey& k);
OJson encode(const Role& r);
OJson encode(const Account& a);

template <typename T>
void put(OJson& j, const char* key, const std::vector<T>& v) {
  if (v.empty()) return;
  OJson arr = OJson::array();
  for (const auto& item : v) arr.push_back(encode(item));
  j[key] = std::move(arr);
}

OJson encode(const MethodIntegration& m) {
  OJson j = OJson::object();
  j["http_method"] = m.http_method;
  put(j, "integration_type", m.integration_type);
  put(j, "uri", m.uri);
  put(j, "connection_type", m.connection_type);
  put(j, "authorization_type", m.authorization_type);
  put_flag(j, "api_key_required", m.api_key_required, false);
  put(j, "authorizer_id", m.authorizer_id);
  return j;
}

OJson encode(const Resource& r) {
  OJson j = OJson::object();
  j["id"] = r.id;
  put(j, "parent_id", r.parent_id);
  put(j, "path", r.path);
  put(j, "methods", r.methods);
  return j;
}

OJson encode(const Stage& s) {
  OJson j = OJson::object();
  j["stage_name"] = s.stage_name;
  put(j, "deployment_id", s.deployment_id);
  put(j, "client_certificate_id", s.client_certificate_id);
  put(j, "description", s.description);
  put_flag(j, "tracing_enabled", s.tracing_enabled, false);
  put(j, "variables", s.variables);
  put(j, "tags", s.tags);
  put(j, "created_date", s.created_date);
  put(j, "last_updated_date", s.last_updated_date);
  return j;
}

OJson encode(const Deployment& d) {
  OJson j = OJson::object();
  j["id"] = d.id;
  put(j, "description", d.description);
  put(j, "created_date", d.created_date);
  return j;
}

OJson encode(const RestApi& a) {
  OJson j = OJson::object();
  j["id"] = a.id;
  put(j, "name", a.name);
  put(j, "description", a.description);
  put(j, "endpoint_types", a.endpoint_types);
  put(j, "created_date", a.created_date);
  put(j, "tags", a.tags);
  put(j, "resources", a.resources);
  put_flag(j, "resources_known", a.resources_known, true);
  put(j, "stages", a.stages);
  put_flag(j, "stages_known", a.stages_known, true);
  put(j, "deployments", a.deployments);
  return j;
}

OJson encode(const ClientCertificate& c) {
  OJson j = OJson::object();
  j["id"] = c.id;
  put(j, "description", c.description);
  put(j, "pem", c.pem);
  put(j, "created_date", c.created_date);
  put(j, "expiration_date", c.expiration_date);
  put(j, "tags", c.tags);
  return j;
}

OJson encode(const DomainName& d) {
  OJson j = OJson::object();
  j["domain_name"] = d.domain_name;
  put(j, "endpoint_types", d.endpoint_types);
  put(j, "certificate_arn", d.certificate_arn);
  put(j, "regional_certificate_arn", d.regional_certificate_arn);
  put(j, "certificate_upload_date", d.certificate_upload_date);
  put(j, "status", d.status);
  put(j, "tags", d.tags);
  return j;
}

OJson encode(const AcmCertificate& c) {
  OJson j = OJson::object();
  j["arn"] = c.arn;
  put(j, "domain_name", c.domain_name);
  put(j, "status", c.status);
  put(j, "type", c.type);
  put(j, "key_algorithm", c.key_algorithm);
  put(j, "not_before", c.not_before);
  put(j, "not_after", c.not_after);
  put(j, "created_at", c.created_at);
  put(j, "imported_at", c.imported_at);
  put_flag(j, "in_use", c.in_use, false);
  return j;
}

OJson encode_scan(const RegionScanStatus& s) {
  OJson j = OJson::object();
  if (s.state != ScanState::kOk) j["state"] = std::string(to_string(s.state));
  put(j, "error_kind", s.error_kind);
  put(j, "error_message", s.error_message);
  put(j, "calls", s.calls);
  put(j, "throttled", s.throttled);
  return j;
}

OJson encode(const Region& r) {
  OJson j = OJson::object();
  j["name"] = r.name;
  put(j, "rest_apis", r.rest_apis);
  put(j, "client_certificates", r.client_certificates);
  put(j, "domain_names", r.domain_names);
  put(j, "acm_certificates", r.acm_certificates);
  if (!(r.scan == RegionScanStatus{})) j["scan"] = encode_scan(r.scan);
  return j;
}

OJson encode(const AccessKey& k) {
  OJson j = OJson::object();
  j["access_key_id"] = k.access_key_id;
  j["secret_access_key"] = k.secret_access_key;
  return j;
}

OJson encode(const Role& r) {
  OJson j = OJson::object();
  j["name"] = r.name;
  put(j, "trusted_accounts", r.trusted_accounts);
  put(j, "external_id", r.external_id);
  return j;
}

OJson encode(const Account& a) {
  OJson j = OJson::object();
  j["id"] = a.id;
  put(j, "name", a.name);
  put(j, "email", a.email);
  put_flag(j, "suspended", a.suspended, false);
  put(j, "access_keys", a.access_keys);
  put(j, "roles", a.roles);
  put(j, "enabled_regions", a.enabled_regions);
  put(j, "regions", a.regions);
  return j;
}

Error parse_error(std::string_view source, std::string message) {
  Error e = make_error(ErrorKind::kParse, std::move(message));
  e.operation = "parse estate";
  e.resource = source;
  return e;
}

}  // namespace

std::string_view to_string(ScanState state) {
  switch (state) {
    case ScanState::kOk:
      return "ok";
    case ScanState::kError:
      return "error";
    case ScanState::kNotScanned:
      return "not_scanned";
  }
  return "unknown";
}

Result<Estate> parse_estate(std::string_view json, std::string_view source_name) {
  Json doc;
  // nlohmann keeps the last of repeated keys silently; a hand-written estate with a key
  // twice is a mistake, so the parser callback tracks the keys of each open object.
  std::vector<std::set<std::string, std::less<>>> open_objects;
  std::string duplicate;
  auto track = [&open_objects, &duplicate](int /*depth*/, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) {
      open_objects.emplace_back();
    } else if (event == Json::parse_event_t::object_end) {
      if (!open_objects.empty()) open_objects.pop_back();
    } else if (event == Json::parse_event_t::key && !open_objects.empty() && duplicate.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!open_objects.back().insert(key).second) duplicate = key;
    }
    return true;
  };
  try {
    doc = Json::parse(json, track);
  } catch (const Json::exception& e) {
    // nlohmann reports syntax errors (parse_error) and number overflow such as 4e44444
    // (out_of_range, found by fuzz_estate) only as exceptions; they end here as values.
    std::string what = e.what();
    if (auto pos = what.find("] "); pos != std::string::npos) what.erase(0, pos + 2);
    return parse_error(source_name, what);
  }
  if (!duplicate.empty()) {
    return parse_error(source_name,
                       fmt::format("key \"{}\" appears twice in one object", duplicate));
  }
  Ctx ctx;
  Estate estate;
  decode_estate(ctx, doc, estate);
  if (ctx.failed()) return parse_error(source_name, *ctx.error());
  return estate;
}

std::string to_json(const Estate& estate) {
  OJson j = OJson::object();
  j["format_version"] = estate.format_version;
  j["partition"] = estate.partition;
  put(j, "management_account_id", estate.management_account_id);
  if (estate.captured_at) j["captured_at"] = *estate.captured_at;
  put(j, "accounts", estate.accounts);
  std::string out = j.dump(2);
  out += '\n';
  return out;
}

Result<Estate> load_estate_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    Error e = make_error(ErrorKind::kNotFound, "file does not exist; check the path");
    e.operation = "load estate";
    e.resource = path.string();
    return e;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) {
    Error e = make_error(ErrorKind::kConfig, "cannot read the file; check its permissions");
    e.operation = "load estate";
    e.resource = path.string();
    return e;
  }
  return parse_estate(buf.str(), path.string());
}

namespace {

Error os_error(const std::filesystem::path& path, std::string_view step, int err) {
  Error e = make_error(ErrorKind::kConfig, fmt::format("{}: {}", step, std::strerror(err)));
  e.operation = "save estate";
  e.resource = path.string();
  return e;
}

}  // namespace

Status save_estate_file(const std::filesystem::path& path, const Estate& estate) {
  const std::string text = to_json(estate);
  std::string tmpl = path.string() + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return os_error(path, "cannot create a temporary file beside it", errno);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      return os_error(path, "write failed", err);
    }
    written += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; an estate is not a secret unless it holds sim keys, and
  // those are test keys, so use the usual 0644.
  ::fchmod(fd, 0644);
  const int sync_rc = ::fsync(fd);
  const int sync_err = errno;
  const int close_rc = ::close(fd);
  const int close_err = errno;
  if (sync_rc != 0 || close_rc != 0) {
    ::unlink(tmpl.c_str());
    return os_error(path, "flush failed", sync_rc != 0 ? sync_err : close_err);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmpl.c_str());
    return os_error(path, "rename failed", err);
  }
  return {};
}

}  // namespace certguard::inventory
