#include "sim/core/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "certguard/inventory/estate/estate_json.h"
#include "sim/core/request_parse.h"
#include "sim/core/responses.h"
#include "sim/core/sigv4_verify.h"

namespace certguard::sim {

namespace {

// Which protocol an unsigned or unauthenticated request was meant for, so its error
// has the right shape.
Protocol guess_protocol(const SimRequest& request) {
  if (!request.header("X-Amz-Target").empty()) return Protocol::kJson11;
  if (request.has_query_param("Action")) return Protocol::kQuery;
  return Protocol::kRestJson;
}

bool is_query_protocol(Protocol p) {
  return p == Protocol::kQuery || p == Protocol::kEc2;
}

// AWS's error code for an authentication failure differs by protocol family.
struct AuthError {
  int status;
  std::string_view json_code;
  std::string_view query_code;
  std::string_view ec2_code;
};

constexpr AuthError kMissingToken{403, "MissingAuthenticationTokenException",
                                  "MissingAuthenticationToken", "MissingAuthenticationToken"};
constexpr AuthError kIncomplete{403, "IncompleteSignatureException", "IncompleteSignature",
                                "IncompleteSignature"};
constexpr AuthError kInvalidSignature{403, "InvalidSignatureException", "SignatureDoesNotMatch",
                                      "SignatureDoesNotMatch"};
constexpr AuthError kExpiredSignature{403, "InvalidSignatureException", "SignatureDoesNotMatch",
                                      "RequestExpired"};
constexpr AuthError kUnknownKey{403, "UnrecognizedClientException", "InvalidClientTokenId",
                                "AuthFailure"};
constexpr AuthError kExpiredToken{403, "ExpiredTokenException", "ExpiredToken", "RequestExpired"};

SimResponse auth_error(Protocol protocol, const SimRequest& request, const AuthError& e,
                       std::string_view message) {
  std::string_view code = protocol == Protocol::kEc2     ? e.ec2_code
                          : protocol == Protocol::kQuery ? e.query_code
                                                         : e.json_code;
  return aws_error(protocol, request, e.status, code, message);
}

SimResponse admin_json(const SimRequest& request, int status, const nlohmann::json& body) {
  return json_response(request, status, body);
}

SimResponse admin_error(const SimRequest& request, int status, std::string_view message) {
  return json_response(request, status, nlohmann::json{{"message", message}});
}

bool looks_like_region(std::string_view r) {
  // e.g. us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1
  if (r.size() < 6 || r.size() > 25) return false;
  if (r.back() < '0' || r.back() > '9') return false;
  int dashes = 0;
  for (char c : r) {
    if (c == '-') {
      ++dashes;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return dashes >= 2;
}

// Operations whose handler may sign a certificate with the world's CertificateFactory
// (API Gateway client certificates get a real PEM on first read or on generation).
bool may_sign_certificate(const SimRequest& request) {
  return request.service == "apigateway" &&
         request.operation.find("ClientCertificate") != std::string::npos;
}

// Writes the low 4 * digits bits of `value` as lowercase hex into out[0, digits).
void put_hex(char* out, std::uint64_t value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kDigits[value & 0xFU];
    value >>= 4U;
  }
}

}  // namespace

Engine::Engine(ServiceTable services, inventory::Estate estate, const Clock& clock,
               EngineOptions options)
    : services_(std::move(services)),
      initial_estate_(estate),
      clock_(clock),
      options_(options),
      world_(std::make_unique<SimWorld>(std::move(estate), clock, options.now, options.seed)),
      quotas_(options.quotas, clock),
      faults_(options.faults, options.latency) {}

Engine::~Engine() = default;

// A UUID-shaped id, "SSSSSSSS-NNNN-4NNN-8NNN-NNNNNNNNNNNN" (seed, then the request number),
// written by hand: it is made for every request.
std::string Engine::next_request_id() {
  const std::uint64_t n = request_counter_.fetch_add(1, std::memory_order_relaxed) + 1;
  std::string id(36, '-');
  put_hex(id.data(), static_cast<std::uint32_t>(options_.seed), 8);
  put_hex(id.data() + 9, n >> 48U, 4);
  id[14] = '4';
  put_hex(id.data() + 15, n >> 36U, 3);
  id[19] = '8';
  put_hex(id.data() + 20, n >> 24U, 3);
  put_hex(id.data() + 24, n, 12);
  return id;
}

SimResponse Engine::handle(const RawRequest& raw) {
  RawRequest copy = raw;
  return handle(std::move(copy));
}

SimResponse Engine::handle(RawRequest&& raw) {
  SimRequest request;
  request.request_id = next_request_id();
  request.method = raw.method;
  std::string_view target = raw.target;
  std::size_t qmark = target.find('?');
  std::string_view raw_path = target.substr(0, qmark);
  std::string_view raw_query =
      qmark == std::string_view::npos ? std::string_view() : target.substr(qmark + 1);
  request.raw_path = std::string(raw_path);
  request.headers = std::move(raw.headers);
  request.body = std::move(raw.body);

  auto segments = split_path(raw_path);
  auto query = parse_query(raw_query);
  if (!segments || !query) {
    stats_.count_unrouted();
    return rest_json_error(request, 400, "BadRequestException",
                           "Malformed request target: " + std::string(target));
  }
  request.path_segments = std::move(segments).value();
  request.query = std::move(query).value();
  // Query-protocol parameters may come in a form body.
  if (request.header("Content-Type").find("application/x-www-form-urlencoded") !=
      std::string_view::npos) {
    auto form = parse_query(request.body);
    if (form) request.query.merge(std::move(form).value());
  }

  if (raw_path.substr(0, 6) == "/_sim/" || raw_path == "/_sim") {
    if (!raw.from_loopback) {
      return admin_error(request, 403, "the admin API answers loopback clients only");
    }
    return handle_admin(raw, raw_path, request);
  }
  return handle_service(raw, request);
}

SimResponse Engine::handle_service(const RawRequest& raw, SimRequest& request) {
  std::string_view authorization = request.header("Authorization");
  Protocol protocol = guess_protocol(request);
  std::size_t qmark = raw.target.find('?');
  std::string_view raw_query = qmark == std::string::npos
                                   ? std::string_view()
                                   : std::string_view(raw.target).substr(qmark + 1);

  // A presigned URL carries its signature in the query instead of an Authorization header.
  std::optional<PresignedQuery> presigned;
  if (authorization.empty() && looks_presigned(raw_query)) {
    auto parsed = parse_presigned_query(raw_query);
    if (!parsed) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(protocol, request, kIncomplete, parsed.error().message);
    }
    presigned = std::move(parsed).value();
  }

  const ServiceEntry* entry = nullptr;
  if (authorization.empty() && !presigned) {
    // The one unsigned operation (STS AssumeRoleWithWebIdentity) is found by its name.
    for (const auto& [name, candidate] : services_) {
      if (!candidate.unsigned_operation.empty() &&
          operation_name(candidate, request) == candidate.unsigned_operation) {
        entry = &candidate;
        request.service = name;
        request.region = "us-east-1";
        break;
      }
    }
    if (entry == nullptr) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(protocol, request, kMissingToken,
                        is_query_protocol(protocol) ? "Request is missing Authentication Token"
                                                    : "Missing Authentication Token");
    }
  } else {
    ParsedAuthorization from_header;
    if (!presigned) {
      auto parsed = parse_authorization(authorization);
      if (!parsed) {
        stats_.count_unrouted();
        stats_.count_rejected_auth();
        return auth_error(protocol, request, kIncomplete, parsed.error().message);
      }
      from_header = std::move(parsed).value();
    }
    const ParsedAuthorization& auth = presigned ? presigned->auth : from_header;
    auto found = services_.find(auth.service);
    if (found == services_.end()) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(protocol, request, kInvalidSignature,
                        fmt::format("Credential should be scoped to correct service. certguard-sim "
                                    "serves apigateway, acm, sts, organizations and ec2, not '{}'.",
                                    auth.service));
    }
    entry = &found->second;
    protocol = entry->protocol;
    request.service = found->first;
    request.region = auth.region;
    request.access_key_id = auth.access_key_id;

    if (!looks_like_region(auth.region)) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(
          protocol, request, kInvalidSignature,
          fmt::format("Credential should be scoped to a valid region, not '{}'. ", auth.region));
    }

    std::optional<KeyInfo> key;
    bool region_enabled = true;
    inventory::EpochSeconds virtual_now = 0;
    {
      auto guard = world_->lock();
      key = world_->find_key(auth.access_key_id);
      virtual_now = world_->now();
      if (key) {
        const inventory::Account* account = world_->account(key->account_id);
        region_enabled =
            account != nullptr &&
            (account->enabled_regions.empty() ||
             std::find(account->enabled_regions.begin(), account->enabled_regions.end(),
                       auth.region) != account->enabled_regions.end());
      }
    }
    if (!key || (!region_enabled && request.service != "sts")) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(protocol, request, kUnknownKey,
                        protocol == Protocol::kEc2
                            ? "AWS was not able to validate the provided access credentials"
                            : "The security token included in the request is invalid.");
    }
    const std::string_view session_token = presigned ? std::string_view(presigned->session_token)
                                                     : request.header("X-Amz-Security-Token");
    if (!key->session_token.empty() && session_token != key->session_token) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(protocol, request, kUnknownKey,
                        "The security token included in the request is invalid.");
    }
    if (key->expiration && *key->expiration <= virtual_now) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      return auth_error(protocol, request, kExpiredToken,
                        "The security token included in the request is expired");
    }
    // The request's headers and body are lent to the verifier and taken back: no copies.
    aws::sigv4::SignableRequest received;
    received.method = request.method;
    received.path = request.raw_path;
    received.query = presigned ? presigned->query_without_signature : std::string(raw_query);
    received.headers = std::move(request.headers);
    received.body = std::move(request.body);
    AuthOutcome outcome = presigned ? verify_presigned(received, *presigned, key->secret_access_key,
                                                       clock_.now(), &key_cache_)
                                    : verify_signature(received, auth, key->secret_access_key,
                                                       clock_.now(), &key_cache_);
    request.headers = std::move(received.headers);
    request.body = std::move(received.body);
    if (outcome.failure != AuthFailure::kOk) {
      stats_.count_unrouted();
      stats_.count_rejected_auth();
      const AuthError& e = outcome.failure == AuthFailure::kIncomplete ? kIncomplete
                           : outcome.failure == AuthFailure::kExpired  ? kExpiredSignature
                                                                       : kInvalidSignature;
      return auth_error(protocol, request, e, outcome.message);
    }
    request.account_id = key->account_id;
    request.principal_arn = key->principal_arn;
  }

  request.operation = operation_name(*entry, request);
  if (request.operation.empty()) {
    stats_.count_unrouted();
    if (protocol == Protocol::kRestJson) {
      return rest_json_error(
          request, 404, "UnknownOperationException",
          fmt::format("No operation matches {} {}", request.method, request.raw_path));
    }
    return aws_error(protocol, request, 400,
                     is_query_protocol(protocol) ? "InvalidAction" : "UnknownOperationException",
                     "The action or operation requested is invalid. Verify that the action is "
                     "typed correctly.");
  }
  stats_.count(request.service, request.operation, request.account_id, request.region);

  if (!quotas_.admit(request.service, request.operation, request.account_id, request.region)) {
    stats_.count_throttled();
    SimResponse response =
        aws_error(protocol, request, 429, "TooManyRequestsException", "Too Many Requests");
    response.headers.emplace_back("Retry-After", "1");
    response.delay = faults_.latency();
    return response;
  }

  SimResponse response;
  switch (faults_.draw()) {
    case FaultDraw::kError5xx:
      stats_.count_fault();
      response = aws_error(
          protocol, request, 503,
          protocol == Protocol::kRestJson ? "ServiceUnavailableException" : "ServiceUnavailable",
          "Service Unavailable (injected by certguard-sim)");
      break;
    case FaultDraw::kReset:
      stats_.count_fault();
      response.fault = FaultAction::kReset;
      break;
    case FaultDraw::kStall:
      stats_.count_fault();
      response.fault = FaultAction::kStall;
      break;
    case FaultDraw::kNone:
      if (entry->handle == nullptr) {
        response =
            aws_error(protocol, request, 501, "NotImplemented",
                      fmt::format("certguard-sim does not implement {} yet", request.service));
      } else {
        if (may_sign_certificate(request)) {
          // The certificate factory's first use generates an RSA key (tens to hundreds of
          // ms): do that before taking the world lock, so other requests keep flowing. A
          // failure here is reported by the handler, which tries again under the lock.
          (void)world_->certificates().prepare_key();
        }
        auto guard = world_->lock();
        response = entry->handle(request, *world_);
      }
      break;
  }
  response.delay = faults_.latency();
  return response;
}

SimResponse Engine::handle_admin(const RawRequest& raw, std::string_view path,
                                 const SimRequest& request) {
  const std::string& method = raw.method;
  nlohmann::json body;
  if (!request.body.empty() && path != "/_sim/estate") {
    body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return admin_error(request, 400,
                         fmt::format("{} {}: the body is not a JSON object", method, path));
    }
  }
  if (path == "/_sim/reset" && method == "POST") {
    {
      auto guard = world_->lock();
      world_->replace_estate(initial_estate_);
      if (options_.now) {
        world_->set_now(*options_.now);
      } else {
        world_->set_now(
            std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch())
                .count());
      }
    }
    stats_.reset();
    quotas_.reset();
    return admin_json(request, 200, {{"reset", true}});
  }
  if (path == "/_sim/clock") {
    auto guard = world_->lock();
    if (method == "POST") {
      if (body.contains("now") && body["now"].is_number()) {
        world_->set_now(body["now"].get<std::int64_t>());
      } else if (body.contains("advance_seconds") && body["advance_seconds"].is_number()) {
        world_->advance(body["advance_seconds"].get<std::int64_t>());
      } else {
        return admin_error(request, 400,
                           "POST /_sim/clock: give {\"now\": EPOCH_SECONDS} or "
                           "{\"advance_seconds\": N}");
      }
    } else if (method != "GET") {
      return admin_error(request, 405, "/_sim/clock takes GET or POST");
    }
    return admin_json(request, 200, {{"now", world_->now()}});
  }
  if (path == "/_sim/estate") {
    if (method == "GET") {
      std::string text;
      {
        auto guard = world_->lock();
        text = inventory::to_json(world_->estate());
      }
      SimResponse response = json_response(request, 200, nlohmann::json::object());
      response.body = std::move(text);
      return response;
    }
    if (method == "PUT") {
      auto estate = inventory::parse_estate(request.body, "PUT /_sim/estate");
      if (!estate) return admin_error(request, 400, estate.error().describe());
      auto guard = world_->lock();
      world_->replace_estate(std::move(estate).value());
      return admin_json(request, 200, {{"loaded", true}});
    }
    return admin_error(request, 405, "/_sim/estate takes GET or PUT");
  }
  if (path == "/_sim/stats" && method == "GET") {
    return admin_json(request, 200, to_json(stats_.snapshot()));
  }
  if (path == "/_sim/faults") {
    if (method == "POST") {
      FaultOptions faults = faults_.faults();
      if (body.contains("spec")) {
        if (!body["spec"].is_string()) return admin_error(request, 400, "spec must be a string");
        auto parsed = parse_faults(body["spec"].get<std::string>(), faults.seed);
        if (!parsed) return admin_error(request, 400, parsed.error().message);
        faults = *parsed;
      }
      auto number = [&](const char* key, double& out) {
        if (body.contains(key) && body[key].is_number()) out = body[key].get<double>();
      };
      number("5xx", faults.error_5xx);
      number("reset", faults.reset);
      number("stall", faults.stall);
      if (body.contains("seed") && body["seed"].is_number_unsigned()) {
        faults.seed = body["seed"].get<std::uint64_t>();
      }
      for (double p : {faults.error_5xx, faults.reset, faults.stall}) {
        if (p < 0 || p > 1) return admin_error(request, 400, "fault probabilities are 0..1");
      }
      faults_.set_faults(faults);
    } else if (method != "GET") {
      return admin_error(request, 405, "/_sim/faults takes GET or POST");
    }
    FaultOptions now = faults_.faults();
    return admin_json(
        request, 200,
        {{"5xx", now.error_5xx}, {"reset", now.reset}, {"stall", now.stall}, {"seed", now.seed}});
  }
  return admin_error(request, 404,
                     fmt::format("{} {}: unknown admin endpoint; see docs (reset, clock, estate, "
                                 "stats, faults)",
                                 method, path));
}

}  // namespace certguard::sim
