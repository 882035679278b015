#include "certguard/aws/config/endpoints.h"

#include <gtest/gtest.h>

#include "certguard/aws/config/partitions.h"

namespace certguard::aws {
namespace {

struct DefaultCase {
  ServiceId service;
  const char* region;
  bool sts_legacy;
  const char* url;
  const char* signing_region;
  const char* signing_name;
};

class DefaultEndpoints : public ::testing::TestWithParam<DefaultCase> {};

TEST_P(DefaultEndpoints, MatchPartitionData) {
  const DefaultCase& c = GetParam();
  Endpoint e = default_endpoint(c.service, c.region, c.sts_legacy);
  EXPECT_EQ(e.url, c.url);
  EXPECT_EQ(e.signing_region, c.signing_region);
  EXPECT_EQ(e.signing_name, c.signing_name);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DefaultEndpoints,
    ::testing::Values(
        DefaultCase{ServiceId::kApiGateway, "eu-west-1", false,
                    "https://apigateway.eu-west-1.amazonaws.com", "eu-west-1", "apigateway"},
        DefaultCase{ServiceId::kApiGateway, "cn-north-1", false,
                    "https://apigateway.cn-north-1.amazonaws.com.cn", "cn-north-1", "apigateway"},
        DefaultCase{ServiceId::kApiGateway, "us-gov-west-1", false,
                    "https://apigateway.us-gov-west-1.amazonaws.com", "us-gov-west-1",
                    "apigateway"},
        DefaultCase{ServiceId::kAcm, "ap-south-1", false, "https://acm.ap-south-1.amazonaws.com",
                    "ap-south-1", "acm"},
        DefaultCase{ServiceId::kEc2, "us-east-2", false, "https://ec2.us-east-2.amazonaws.com",
                    "us-east-2", "ec2"},
        DefaultCase{ServiceId::kSts, "eu-west-1", false, "https://sts.eu-west-1.amazonaws.com",
                    "eu-west-1", "sts"},
        DefaultCase{ServiceId::kSts, "eu-west-1", true, "https://sts.amazonaws.com", "us-east-1",
                    "sts"},
        // af-south-1 is an opt-in region: legacy mode still uses its regional endpoint.
        DefaultCase{ServiceId::kSts, "af-south-1", true, "https://sts.af-south-1.amazonaws.com",
                    "af-south-1", "sts"},
        DefaultCase{ServiceId::kSts, "cn-north-1", true, "https://sts.cn-north-1.amazonaws.com.cn",
                    "cn-north-1", "sts"},
        DefaultCase{ServiceId::kSts, "aws-global", false, "https://sts.amazonaws.com", "us-east-1",
                    "sts"},
        DefaultCase{ServiceId::kOrganizations, "eu-central-1", false,
                    "https://organizations.us-east-1.amazonaws.com", "us-east-1", "organizations"},
        DefaultCase{ServiceId::kOrganizations, "cn-north-1", false,
                    "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1",
                    "organizations"},
        DefaultCase{ServiceId::kOrganizations, "us-gov-east-1", false,
                    "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1",
                    "organizations"}));

SharedConfig services_config() {
  auto ini = parse_ini(
      "[profile local]\n"
      "services = emu\n"
      "endpoint_url = http://127.0.0.1:9/profile\n"
      "[profile ignoring]\n"
      "services = emu\n"
      "ignore_configured_endpoint_urls = true\n"
      "[services emu]\n"
      "api_gateway =\n"
      "  endpoint_url = http://127.0.0.1:7/\n",
      "/cfg");
  EXPECT_TRUE(ini.ok());
  return build_shared_config(*ini, IniFile{"/creds", {}});
}

struct PrecedenceCase {
  const char* name;
  ServiceId service;
  const char* profile;  // "" for none
  std::optional<std::string> explicit_url;
  std::map<std::string, std::string, std::less<>> env;
  const char* url;
  const char* source_fragment;
};

class EndpointPrecedence : public ::testing::TestWithParam<PrecedenceCase> {};

TEST_P(EndpointPrecedence, Resolves) {
  const PrecedenceCase& c = GetParam();
  SharedConfig sc = services_config();
  Environment env(c.env);
  EndpointInputs in;
  in.explicit_url = c.explicit_url;
  in.env = &env;
  in.profile = sc.find_profile(c.profile);
  in.shared = &sc;
  auto e = resolve_endpoint(c.service, "eu-west-1", in);
  ASSERT_TRUE(e.ok()) << e.error().describe();
  EXPECT_EQ(e->url, c.url);
  EXPECT_NE(e->source.find(c.source_fragment), std::string::npos) << e->source;
  EXPECT_EQ(e->signing_region, "eu-west-1");
}

const std::map<std::string, std::string, std::less<>> all_env = {
    {"AWS_ENDPOINT_URL_API_GATEWAY", "http://127.0.0.1:1"},
    {"AWS_ENDPOINT_URL", "http://127.0.0.1:2"}};

INSTANTIATE_TEST_SUITE_P(
    Table, EndpointPrecedence,
    ::testing::Values(
        PrecedenceCase{"explicit_wins", ServiceId::kApiGateway, "local", "http://h:3/pfx/", all_env,
                       "http://h:3/pfx", "--endpoint-url"},
        PrecedenceCase{"service_env", ServiceId::kApiGateway, "local", std::nullopt, all_env,
                       "http://127.0.0.1:1", "AWS_ENDPOINT_URL_API_GATEWAY"},
        PrecedenceCase{"global_env", ServiceId::kAcm, "local", std::nullopt, all_env,
                       "http://127.0.0.1:2", "AWS_ENDPOINT_URL"},
        PrecedenceCase{"services_section",
                       ServiceId::kApiGateway,
                       "local",
                       std::nullopt,
                       {},
                       "http://127.0.0.1:7",
                       "[services emu] api_gateway"},
        PrecedenceCase{"profile_endpoint_url",
                       ServiceId::kAcm,
                       "local",
                       std::nullopt,
                       {},
                       "http://127.0.0.1:9/profile",
                       "endpoint_url in profile local"},
        PrecedenceCase{
            "ignore_env",
            ServiceId::kApiGateway,
            "local",
            std::nullopt,
            {{"AWS_ENDPOINT_URL", "http://x:1"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}},
            "https://apigateway.eu-west-1.amazonaws.com",
            "default"},
        PrecedenceCase{"ignore_profile", ServiceId::kApiGateway, "ignoring", std::nullopt, all_env,
                       "https://apigateway.eu-west-1.amazonaws.com", "default"},
        PrecedenceCase{"ignore_keeps_explicit", ServiceId::kApiGateway, "ignoring",
                       "https://e.example", all_env, "https://e.example", "--endpoint-url"},
        PrecedenceCase{"no_profile_default",
                       ServiceId::kEc2,
                       "",
                       std::nullopt,
                       {},
                       "https://ec2.eu-west-1.amazonaws.com",
                       "default"}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(Endpoints, StsLegacyFromEnvOrProfileAndValidated) {
  Environment env({{"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}});
  EndpointInputs in;
  in.env = &env;
  auto e = resolve_endpoint(ServiceId::kSts, "us-west-2", in);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->url, "https://sts.amazonaws.com");
  EXPECT_EQ(e->signing_region, "us-east-1");

  Environment empty;
  Profile p;
  p.name = "p";
  p.values["sts_regional_endpoints"] = "sideways";
  in.env = &empty;
  in.profile = &p;
  auto bad = resolve_endpoint(ServiceId::kSts, "us-west-2", in);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("sts_regional_endpoints in profile p"), std::string::npos);
}

TEST(Endpoints, RejectsBadUrlsAndRegions) {
  Environment env({{"AWS_ENDPOINT_URL_STS", "127.0.0.1:5000"}});
  EndpointInputs in;
  in.env = &env;
  auto e = resolve_endpoint(ServiceId::kSts, "us-east-1", in);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::kConfig);
  EXPECT_NE(e.error().message.find("AWS_ENDPOINT_URL_STS"), std::string::npos);
  in.explicit_url = "http:///nohost";
  EXPECT_FALSE(resolve_endpoint(ServiceId::kSts, "us-east-1", in).ok());
  Environment none;
  in.env = &none;
  in.explicit_url.reset();
  EXPECT_FALSE(resolve_endpoint(ServiceId::kAcm, "evil.com/x", in).ok());
  EXPECT_FALSE(resolve_endpoint(ServiceId::kAcm, "", in).ok());
}

TEST(Partitions, ApiGatewayRegionLists) {
  EXPECT_EQ(partition_for_region("cn-northwest-1").id, "aws-cn");
  EXPECT_EQ(partition_for_region("us-gov-east-1").id, "aws-us-gov");
  EXPECT_EQ(partition_for_region("eu-west-1").id, "aws");
  ASSERT_NE(find_partition("aws"), nullptr);
  EXPECT_EQ(find_partition("aws")->apigateway_regions.size(), 34u);
  EXPECT_EQ(find_partition("aws-cn")->apigateway_regions.size(), 2u);
  EXPECT_EQ(find_partition("aws-us-gov")->apigateway_regions.size(), 2u);
  EXPECT_EQ(find_partition("nope"), nullptr);
  EXPECT_EQ(all_partitions().size(), 3u);
}

TEST(Endpoints, ServiceInfoTable) {
  EXPECT_EQ(service_info(ServiceId::kApiGateway).env_suffix, "API_GATEWAY");
  EXPECT_EQ(service_info(ServiceId::kApiGateway).config_key, "api_gateway");
  EXPECT_EQ(service_info(ServiceId::kOrganizations).signing_name, "organizations");
}

}  // namespace
}  // namespace certguard::aws
