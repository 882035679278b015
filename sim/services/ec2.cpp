// EC2 DescribeRegions (EC2 Query protocol): the caller account's enabled regions, or all
// of them with optInStatus when AllRegions=true; RegionName.N and Filter.N narrow it.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/core/responses.h"
#include "sim/services/regions.h"
#include "sim/services/services.h"

namespace certguard::sim {
namespace {

constexpr std::string_view kEc2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

struct Row {
  std::string name;
  std::string opt_in_status;
  std::string endpoint;
};

// The account's enabled regions: its enabled_regions, else every region named anywhere
// in the estate, else (an estate without regions) the regions enabled by default.
std::set<std::string> enabled_regions(const SimWorld& world, const inventory::Account& account) {
  if (!account.enabled_regions.empty()) {
    return {account.enabled_regions.begin(), account.enabled_regions.end()};
  }
  std::set<std::string> names;
  for (const auto& a : world.estate().accounts) {
    for (const auto& r : a.regions) names.insert(r.name);
  }
  if (names.empty()) {
    for (const auto& r : svc::aws_regions()) {
      if (!r.opt_in) names.insert(std::string(r.name));
    }
  }
  return names;
}

std::vector<Row> all_rows(const std::set<std::string>& enabled, bool all) {
  std::vector<Row> rows;
  std::set<std::string> seen;
  auto add = [&rows, &seen, &enabled, all](std::string_view name, bool opt_in) {
    const bool on = enabled.count(std::string(name)) != 0;
    if (!on && !all) return;
    const std::string status = !opt_in ? "opt-in-not-required" : on ? "opted-in" : "not-opted-in";
    rows.push_back({std::string(name), status, "ec2." + std::string(name) + ".amazonaws.com"});
    seen.insert(std::string(name));
  };
  for (const auto& r : svc::aws_regions()) add(r.name, r.opt_in);
  for (const auto& name : enabled) {  // regions botocore does not know yet
    if (seen.count(name) == 0) add(name, true);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.name < b.name; });
  return rows;
}

// Filter.N.Name / Filter.N.Value.M -> name -> values.
std::map<std::string, std::set<std::string>> filters(const SimRequest& request) {
  std::map<std::string, std::set<std::string>> out;
  for (int n = 1; n <= 50; ++n) {
    const std::string prefix = "Filter." + std::to_string(n) + ".";
    if (!request.has_query_param(prefix + "Name")) break;
    auto& values = out[std::string(request.query_param(prefix + "Name"))];
    for (int m = 1; request.has_query_param(prefix + "Value." + std::to_string(m)); ++m) {
      values.insert(std::string(request.query_param(prefix + "Value." + std::to_string(m))));
    }
  }
  return out;
}

bool keep(const Row& row, const std::map<std::string, std::set<std::string>>& f) {
  for (const auto& [name, values] : f) {
    const std::string& field = name == "region-name"     ? row.name
                               : name == "opt-in-status" ? row.opt_in_status
                                                         : row.endpoint;
    if (values.count(field) == 0) return false;
  }
  return true;
}

SimResponse describe_regions(const SimRequest& request, SimWorld& world) {
  const inventory::Account* account = world.account(request.account_id);
  if (account == nullptr) {
    return ec2_error(request, 401, "AuthFailure", "The account is not in the estate.");
  }
  const bool all = request.query_param("AllRegions") == "true";
  std::vector<Row> rows = all_rows(enabled_regions(world, *account), all);
  std::set<std::string> names;
  for (int n = 1; request.has_query_param("RegionName." + std::to_string(n)); ++n) {
    names.insert(std::string(request.query_param("RegionName." + std::to_string(n))));
  }
  for (const auto& name : names) {
    if (svc::find_region(name) == nullptr) {
      return ec2_error(request, 400, "InvalidParameterValue", "Invalid region: " + name);
    }
  }
  const auto f = filters(request);
  for (const auto& [name, values] : f) {
    if (name != "region-name" && name != "opt-in-status" && name != "endpoint") {
      return ec2_error(request, 400, "InvalidParameterValue",
                       "The filter '" + name + "' is invalid");
    }
  }
  std::string items;
  for (const auto& row : rows) {
    if (!names.empty() && names.count(row.name) == 0) continue;
    if (!keep(row, f)) continue;
    items += "        <item>\n            <regionName>" + row.name +
             "</regionName>\n            <regionEndpoint>" + row.endpoint +
             "</regionEndpoint>\n            <optInStatus>" + row.opt_in_status +
             "</optInStatus>\n        </item>\n";
  }
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeRegionsResponse xmlns=\"" +
      std::string(kEc2Namespace) + "\">\n    <requestId>" + request.request_id +
      "</requestId>\n    <regionInfo>\n" + items +
      "    </regionInfo>\n</DescribeRegionsResponse>\n";
  return xml_response(request, std::move(body));
}

}  // namespace

SimResponse handle_ec2(const SimRequest& request, SimWorld& world) {
  if (request.operation == "DescribeRegions") return describe_regions(request, world);
  return ec2_error(request, 400, "InvalidAction",
                   "The action " + request.operation + " is not valid for this web service.");
}

void add_other_services(ServiceTable& table) {
  table["acm"] = ServiceEntry{Protocol::kJson11, &handle_acm, nullptr, {}};
  table["sts"] = ServiceEntry{Protocol::kQuery, &handle_sts, nullptr, "AssumeRoleWithWebIdentity"};
  table["organizations"] = ServiceEntry{Protocol::kJson11, &handle_organizations, nullptr, {}};
  table["ec2"] = ServiceEntry{Protocol::kEc2, &handle_ec2, nullptr, {}};
}

}  // namespace certguard::sim
