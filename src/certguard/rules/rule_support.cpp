#include "certguard/rules/rule_support.h"

#include <fmt/format.h>

#include "certguard/inventory/estate/estate_json.h"
#include "certguard/inventory/estate/iso8601.h"

namespace certguard::rules::support {

std::string rest_api_arn(std::string_view partition, std::string_view region,
                         std::string_view api_id) {
  return fmt::format("arn:{}:apigateway:{}::/restapis/{}", partition, region, api_id);
}

std::string stage_arn(std::string_view partition, std::string_view region, std::string_view api_id,
                      std::string_view stage_name) {
  return fmt::format("arn:{}:apigateway:{}::/restapis/{}/stages/{}", partition, region, api_id,
                     stage_name);
}

std::string client_certificate_arn(std::string_view partition, std::string_view region,
                                   std::string_view certificate_id) {
  return fmt::format("arn:{}:apigateway:{}::/clientcertificates/{}", partition, region,
                     certificate_id);
}

std::string domain_name_arn(std::string_view partition, std::string_view region,
                            std::string_view domain_name) {
  return fmt::format("arn:{}:apigateway:{}::/domainnames/{}", partition, region, domain_name);
}

std::string collection_arn(std::string_view partition, std::string_view region,
                           std::string_view collection) {
  return fmt::format("arn:{}:apigateway:{}::/{}", partition, region, collection);
}

std::int64_t days_until(EpochSeconds t, EpochSeconds now) {
  const EpochSeconds diff = t - now;
  EpochSeconds days = diff / kSecondsPerDay;
  if (diff % kSecondsPerDay != 0 && diff < 0) --days;  // floor, not truncation
  return days;
}

Finding make(Status status, const Account& account, const Region& region,
             std::string_view resource_type, std::string resource_arn, std::string resource_name,
             std::string message) {
  Finding f;
  f.status = status;
  f.account = account.id;
  f.region = region.name;
  f.resource_type = resource_type;
  f.resource_arn = std::move(resource_arn);
  f.resource_name = std::move(resource_name);
  f.message = std::move(message);
  return f;
}

bool region_readable(const Estate& estate, const Account& account, const Region& region,
                     std::string_view collection, std::vector<Finding>& out) {
  if (region.scan.state == inventory::ScanState::kOk) return true;
  std::string cause;
  if (region.scan.state == inventory::ScanState::kNotScanned) {
    cause = "the region was not scanned";
  } else {
    cause =
        fmt::format("the region could not be read ({}{}{})", region.scan.error_kind,
                    region.scan.error_kind.empty() || region.scan.error_message.empty() ? "" : ": ",
                    region.scan.error_message);
  }
  Finding f = make(Status::kError, account, region, kRegionType,
                   collection_arn(estate.partition, region.name, collection),
                   fmt::format("{}/{}", account.id, region.name),
                   fmt::format("{}; its resources were not evaluated (not compliant, unknown): "
                               "fix the cause and scan again",
                               cause));
  f.details["scan_state"] = inventory::to_string(region.scan.state);
  if (!region.scan.error_kind.empty()) f.details["error_kind"] = region.scan.error_kind;
  out.push_back(std::move(f));
  return false;
}

bool api_stages_readable(const Estate& estate, const Account& account, const Region& region,
                         const inventory::RestApi& api, std::vector<Finding>& out) {
  if (api.stages_known) return true;
  Finding f = make(Status::kError, account, region, kRestApiType,
                   rest_api_arn(estate.partition, region.name, api.id),
                   api.name.empty() ? api.id : api.name,
                   "the API's stages could not be read (GetStages failed); its stages were not "
                   "evaluated: scan again");
  f.details["rest_api_id"] = api.id;
  out.push_back(std::move(f));
  return false;
}

std::string stage_display_name(const inventory::RestApi& api, const inventory::Stage& stage) {
  return fmt::format("{}/{}", api.name.empty() ? api.id : api.name, stage.stage_name);
}

bool has_http_integration(const inventory::RestApi& api) {
  for (const auto& resource : api.resources) {
    for (const auto& method : resource.methods) {
      if (method.integration_type == "HTTP" || method.integration_type == "HTTP_PROXY") {
        return true;
      }
    }
  }
  return false;
}

std::map<std::string, std::vector<std::string>> certificate_users(const Region& region) {
  std::map<std::string, std::vector<std::string>> users;
  for (const auto& api : region.rest_apis) {
    if (!api.stages_known) continue;
    for (const auto& stage : api.stages) {
      if (!stage.client_certificate_id.empty()) {
        users[stage.client_certificate_id].push_back(
            fmt::format("{}/{}", api.id, stage.stage_name));
      }
    }
  }
  return users;
}

std::vector<std::string> apis_with_unknown_stages(const Region& region) {
  std::vector<std::string> ids;
  for (const auto& api : region.rest_apis) {
    if (!api.stages_known) ids.push_back(api.id);
  }
  return ids;
}

const inventory::ClientCertificate* find_client_certificate(const Region& region,
                                                            std::string_view id) {
  for (const auto& cert : region.client_certificates) {
    if (cert.id == id) return &cert;
  }
  return nullptr;
}

std::vector<Finding> evaluate_in_use_certificates(const Estate& estate, RuleContextView ctx,
                                                  InUseVerdict verdict) {
  std::vector<Finding> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      if (!region_readable(estate, account, region, "clientcertificates", out)) continue;
      const auto users = certificate_users(region);
      const auto unknown = apis_with_unknown_stages(region);
      for (const auto& cert : region.client_certificates) {
        Finding f =
            make(Status::kNotApplicable, account, region, kClientCertificateType,
                 client_certificate_arn(estate.partition, region.name, cert.id), cert.id, "");
        f.details["certificate_id"] = cert.id;
        auto it = users.find(cert.id);
        if (it == users.end()) {
          if (unknown.empty()) {
            f.message = "no stage uses this client certificate (see CG-008)";
          } else {
            f.status = Status::kError;
            f.message = fmt::format(
                "no readable stage uses this client certificate, but the stages of API(s) {} "
                "could not be read, so it may be in use: scan again",
                join(unknown));
          }
          out.push_back(std::move(f));
          continue;
        }
        f.details["used_by"] = join(it->second);
        if (cert.expiration_date == 0) {
          f.status = Status::kError;
          f.message = "the certificate's expiration date was not reported: scan again";
          out.push_back(std::move(f));
          continue;
        }
        f.details["expiration_date"] = inventory::format_iso8601(cert.expiration_date);
        f.details["days_left"] = std::to_string(days_until(cert.expiration_date, ctx.now));
        verdict(cert, ctx, f);
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

AcmLookup find_acm_certificate(const Account& account, std::string_view arn) {
  AcmLookup result;
  // arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) break;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts.size() != 5 || parts[0] != "arn" || parts[3].empty()) {
    result.why = fmt::format("{} is not an ACM certificate ARN", arn);
    return result;
  }
  result.region = parts[3];
  for (const auto& region : account.regions) {
    if (region.name != result.region) continue;
    if (region.scan.state != inventory::ScanState::kOk) {
      result.why = fmt::format("the ACM certificates of {} could not be read", result.region);
      return result;
    }
    for (const auto& cert : region.acm_certificates) {
      if (cert.arn == arn) {
        result.kind = AcmLookup::Kind::kFound;
        result.certificate = &cert;
        return result;
      }
    }
    result.kind = AcmLookup::Kind::kNotFound;
    result.why = fmt::format("it is not among the {} ACM certificate(s) of {} in account {}",
                             region.acm_certificates.size(), result.region, account.id);
    return result;
  }
  result.why = fmt::format("the ACM certificates of {} were not collected (scan that region too)",
                           result.region);
  return result;
}

std::vector<std::string> domain_certificate_arns(const inventory::DomainName& domain) {
  std::vector<std::string> arns;
  if (!domain.regional_certificate_arn.empty()) arns.push_back(domain.regional_certificate_arn);
  if (!domain.certificate_arn.empty() &&
      domain.certificate_arn != domain.regional_certificate_arn) {
    arns.push_back(domain.certificate_arn);
  }
  return arns;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<Finding> evaluate_stages(const Estate& estate, const StageVerdict& verdict) {
  std::vector<Finding> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      if (!region_readable(estate, account, region, "restapis", out)) continue;
      for (const auto& api : region.rest_apis) {
        if (!api_stages_readable(estate, account, region, api, out)) continue;
        for (const auto& stage : api.stages) {
          Finding f = make(Status::kPass, account, region, kStageType,
                           stage_arn(estate.partition, region.name, api.id, stage.stage_name),
                           stage_display_name(api, stage), "");
          f.details["rest_api_id"] = api.id;
          f.details["stage_name"] = stage.stage_name;
          if (!stage.client_certificate_id.empty()) {
            f.details["certificate_id"] = stage.client_certificate_id;
          }
          verdict(region, api, stage, f);
          out.push_back(std::move(f));
        }
      }
    }
  }
  return out;
}

std::vector<Finding> evaluate_domain_certificates(const Estate& estate,
                                                  const DomainVerdict& verdict) {
  std::vector<Finding> out;
  for (const auto& account : estate.accounts) {
    for (const auto& region : account.regions) {
      if (!region_readable(estate, account, region, "domainnames", out)) continue;
      for (const auto& domain : region.domain_names) {
        const std::string arn = domain_name_arn(estate.partition, region.name, domain.domain_name);
        const auto cert_arns = domain_certificate_arns(domain);
        if (cert_arns.empty()) {
          Finding f =
              make(Status::kError, account, region, kDomainNameType, arn, domain.domain_name,
                   "no certificate ARN was reported for this custom domain: scan again");
          f.details["domain_name"] = domain.domain_name;
          out.push_back(std::move(f));
          continue;
        }
        for (const auto& cert_arn : cert_arns) {
          Finding f =
              make(Status::kPass, account, region, kDomainNameType, arn, domain.domain_name, "");
          f.details["domain_name"] = domain.domain_name;
          f.details["certificate_arn"] = cert_arn;
          const auto found = find_acm_certificate(account, cert_arn);
          if (found.kind == AcmLookup::Kind::kUnknown) {
            f.status = Status::kError;
            f.message = fmt::format("cannot check the domain's ACM certificate: {}", found.why);
          } else {
            verdict(domain, found, f);
          }
          out.push_back(std::move(f));
        }
      }
    }
  }
  return out;
}

}  // namespace certguard::rules::support
