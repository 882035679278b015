#include "certguard/services/ec2/ec2_client.h"

#include <fmt/format.h>

#include "certguard/aws/client/json_read.h"
#include "certguard/aws/client/uri_encode.h"
#include "certguard/aws/protocol/decode.h"

namespace certguard::services::ec2 {

aws::Operation to_operation(const DescribeRegionsRequest& r, std::string_view region) {
  aws::Operation op;
  op.name = "DescribeRegions";
  op.protocol = aws::Protocol::kEc2Query;
  op.method = "POST";
  op.path = "/";
  aws::QueryParams form = {{"Action", "DescribeRegions"}, {"Version", "2016-11-15"}};
  // EC2 lists are flattened with the member's locationName: RegionName.1=...
  for (std::size_t i = 0; i < r.region_names.size(); ++i) {
    form.emplace_back(fmt::format("RegionName.{}", i + 1), r.region_names[i]);
  }
  if (r.all_regions) form.emplace_back("AllRegions", "true");
  op.body = aws::encode_form(form);
  op.resource = fmt::format("regions of the account (asked in {})", region);
  return op;
}

Result<std::vector<Region>> decode_describe_regions(std::string_view body) {
  auto doc = aws::protocol::parse_xml(body, "DescribeRegions");
  if (!doc.ok()) return doc.error();
  pugi::xml_node root = (*doc)->document_element();
  if (!root) return aws::parse_error("DescribeRegions", "the body has no XML element");
  if (std::string_view(root.name()).find("DescribeRegionsResponse") == std::string_view::npos) {
    return aws::parse_error(
        "DescribeRegions",
        fmt::format("expected <DescribeRegionsResponse>, got <{}>", root.name()));
  }
  std::vector<Region> regions;
  for (pugi::xml_node item : aws::protocol::xml_find(root, "regionInfo").children()) {
    if (item.type() != pugi::node_element) continue;
    Region r{.region_name = aws::protocol::xml_child_text(item, "regionName"),
             .endpoint = aws::protocol::xml_child_text(item, "regionEndpoint"),
             .opt_in_status = aws::protocol::xml_child_text(item, "optInStatus")};
    if (r.region_name.empty()) {
      return aws::parse_error("DescribeRegions", "a regionInfo item has no regionName");
    }
    regions.push_back(std::move(r));
  }
  return regions;
}

Task<Result<std::vector<Region>>> Ec2Client::describe_regions(const DescribeRegionsRequest& r) {
  aws::Operation op = to_operation(r, client_->config().signing_region);
  Result<aws::HttpResponse> response = co_await client_->call(op);
  if (!response.ok()) co_return response.error();
  auto out = decode_describe_regions(response->body);
  if (!out.ok()) co_return out.error().with_context(op.name, op.resource);
  co_return out;
}

}  // namespace certguard::services::ec2
