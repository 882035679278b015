#include <gtest/gtest.h>

#include "certguard/services/apigateway/apigateway_client.h"
#include "certguard/services/apigateway/decode.h"
#include "fakes.h"

namespace certguard::testing {
namespace {

using namespace certguard::services::apigateway;  // NOLINT(google-build-using-namespace)

std::int64_t epoch(const Timestamp& t) {
  return t ? std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count() : -1;
}

TEST(ApiGatewayDecode, RestApisPageWithItemAndPosition) {
  auto page = decode_get_rest_apis(
      R"({"position":"p2","item":[{"id":"a1","name":"orders","createdDate":1548412577,)"
      R"("endpointConfiguration":{"types":["REGIONAL"]},"tags":{"team":"x"},"unknown":{"x":1}},)"
      R"({"id":"a2","name":"b","createdDate":1.700591229801E9}]})");
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page->position, "p2");
  ASSERT_EQ(page->items.size(), 2U);
  EXPECT_EQ(page->items[0].id, "a1");
  EXPECT_EQ(page->items[0].endpoint_configuration.types, std::vector<std::string>{"REGIONAL"});
  EXPECT_EQ(page->items[0].tags.at("team"), "x");
  EXPECT_EQ(epoch(page->items[0].created_date), 1548412577);
  EXPECT_EQ(epoch(page->items[1].created_date), 1700591229);
}

TEST(ApiGatewayDecode, TimestampsIntegerDoubleExponentAndIso) {
  auto cert = decode_client_certificate(
      R"({"clientCertificateId":"c1","createdDate":1548412577,"expirationDate":1.579948577e9})",
      "GetClientCertificate");
  ASSERT_TRUE(cert.ok());
  EXPECT_EQ(epoch(cert->expiration_date) - epoch(cert->created_date), 31536000);
  cert = decode_client_certificate(
      R"({"clientCertificateId":"c1","createdDate":"2019-01-25T10:36:17Z","expirationDate":1579948577.5})",
      "GetClientCertificate");
  ASSERT_TRUE(cert.ok());
  EXPECT_EQ(epoch(cert->created_date), 1548412577);
  EXPECT_EQ(epoch(cert->expiration_date), 1579948577);
}

TEST(ApiGatewayDecode, ClearParseErrors) {
  auto truncated = decode_get_stages(R"({"item":[{"stageName":"prod")");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().kind, ErrorKind::kParse);
  EXPECT_NE(truncated.error().message.find("GetStages"), std::string::npos);
  EXPECT_NE(truncated.error().message.find("not valid JSON"), std::string::npos);

  auto html = decode_get_rest_apis("<html>502 Bad Gateway</html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().operation, "GetRestApis");

  auto wrong = decode_get_stages(R"({"item":[{"stageName":"prod","createdDate":"yesterday"}]})");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("item[0].createdDate"), std::string::npos);

  auto array = decode_get_rest_api("[]");
  ASSERT_FALSE(array.ok());
  auto empty = decode_get_tags("");
  ASSERT_FALSE(empty.ok());
  auto bad_item = decode_get_domain_names(R"({"item":[1]})");
  ASSERT_FALSE(bad_item.ok());
  EXPECT_NE(bad_item.error().message.find("item[0]"), std::string::npos);
}

TEST(ApiGatewayDecode, StagesResourcesAndDomains) {
  auto stages = decode_get_stages(
      R"({"item":[{"stageName":"prod","deploymentId":"d1","clientCertificateId":"c9",)"
      R"("variables":{"v":"1"},"tracingEnabled":true,"lastUpdatedDate":1600000000}]})");
  ASSERT_TRUE(stages.ok());
  ASSERT_EQ(stages->size(), 1U);
  EXPECT_EQ((*stages)[0].client_certificate_id, "c9");
  EXPECT_TRUE((*stages)[0].tracing_enabled);
  EXPECT_EQ((*stages)[0].variables.at("v"), "1");

  auto resources = decode_get_resources(
      R"({"item":[{"id":"r1","path":"/","resourceMethods":{"GET":{"httpMethod":"GET",)"
      R"("authorizationType":"NONE","methodIntegration":{"type":"HTTP_PROXY","uri":"https://b",)"
      R"("connectionType":"INTERNET","timeoutInMillis":29000}}}}]})");
  ASSERT_TRUE(resources.ok()) << resources.error().describe();
  const auto& method = resources->items.at(0).resource_methods.at("GET");
  ASSERT_TRUE(method.method_integration.has_value());
  EXPECT_EQ(method.method_integration->type, "HTTP_PROXY");
  EXPECT_EQ(method.method_integration->timeout_in_millis, 29000);

  auto domains = decode_get_domain_names(
      R"({"item":[{"domainName":"api.example.com","regionalCertificateArn":"arn:aws:acm:x",)"
      R"("certificateUploadDate":1600000000,"domainNameStatus":"AVAILABLE",)"
      R"("mutualTlsAuthentication":{"truststoreUri":"s3://b/k"}}]})");
  ASSERT_TRUE(domains.ok());
  EXPECT_EQ(domains->items.at(0).regional_certificate_arn, "arn:aws:acm:x");
  EXPECT_EQ(domains->items.at(0).mutual_tls_authentication.truststore_uri, "s3://b/k");
}

TEST(ApiGatewayRequests, ShapesAsBotocoreSendsThem) {
  CreateDeploymentRequest deploy;
  deploy.rest_api_id = "a1";
  deploy.stage_name = "prod";
  deploy.description = "certguard";
  auto op = to_operation(deploy, "us-east-1");
  EXPECT_EQ(op.method, "POST");
  EXPECT_EQ(op.path, "/restapis/a1/deployments");
  EXPECT_EQ(op.body, R"({"stageName": "prod", "description": "certguard"})");
  EXPECT_EQ(op.success_statuses, (std::vector<int>{200, 201}));

  GenerateClientCertificateRequest gen;
  gen.description = "rotated";
  gen.tags = {{"owner", "certguard"}};
  op = to_operation(gen, "eu-west-1");
  EXPECT_EQ(op.body, R"({"description": "rotated", "tags": {"owner": "certguard"}})");
  EXPECT_EQ(op.resource, "arn:aws:apigateway:eu-west-1::/clientcertificates");

  op = to_operation(DeleteClientCertificateRequest{"c/1"}, "cn-north-1");
  EXPECT_EQ(op.method, "DELETE");
  EXPECT_EQ(op.path, "/clientcertificates/c%2F1");
  EXPECT_TRUE(op.body.empty());
  EXPECT_EQ(op.resource, "arn:aws-cn:apigateway:cn-north-1::/clientcertificates/c/1");

  GetStagesRequest stages{"a1", "dep1"};
  op = to_operation(stages, "us-east-1");
  EXPECT_EQ(op.path, "/restapis/a1/stages");
  EXPECT_EQ(op.query, (aws::QueryParams{{"deploymentId", "dep1"}}));

  GetDomainNamesRequest domains;
  domains.resource_owner = "SELF";
  op = to_operation(domains, "us-east-1");
  EXPECT_EQ(op.query, (aws::QueryParams{{"limit", "500"}, {"resourceOwner", "SELF"}}));

  UpdateClientCertificateRequest upd;
  upd.client_certificate_id = "c1";
  upd.patch_operations.push_back({"replace", "/description", "new", std::nullopt});
  op = to_operation(upd, "us-east-1");
  EXPECT_EQ(op.method, "PATCH");
  EXPECT_EQ(op.body,
            R"({"patchOperations": [{"op": "replace", "path": "/description", "value": "new"}]})");

  op = to_operation(GetTagsRequest{"arn:aws:apigateway:us-east-1::/restapis/a1"}, "us-east-1");
  EXPECT_EQ(op.path, "/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fa1");
}

TEST(ApiGatewayClient, DeleteAccepts202AndGenerateAccepts201) {
  ClientRig rig(apigateway_config());
  rig.transport.reply(202, "");
  rig.transport.reply(201, R"({"clientCertificateId":"new1","createdDate":1600000000})");
  ApiGatewayClient api(*rig.client);
  DeleteClientCertificateRequest del{"old1"};
  auto deleted = run_sync(api.delete_client_certificate(del));
  EXPECT_TRUE(deleted.ok());
  GenerateClientCertificateRequest gen;
  auto created = run_sync(api.generate_client_certificate(gen));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->client_certificate_id, "new1");
  EXPECT_EQ(rig.transport.requests[1].body, "{}");
  EXPECT_EQ(rig.transport.requests[1].header("Content-Type"), "application/json");
}

TEST(ApiGatewayClient, DecodeErrorCarriesResource) {
  ClientRig rig(apigateway_config());
  rig.transport.reply(200, R"({"item":[)");
  ApiGatewayClient api(*rig.client);
  GetStagesRequest req{"a1", ""};
  auto r = run_sync(api.get_stages(req));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kParse);
  EXPECT_EQ(r.error().resource, "arn:aws:apigateway:us-east-1::/restapis/a1/stages");
}

TEST(ApiGatewayPagination, FollowsPositionThroughFourPagesIncludingAnEmptyOne) {
  ClientRig rig(apigateway_config());
  rig.transport.reply(200, R"({"position":"t1","item":[{"id":"a"},{"id":"b"}]})");
  rig.transport.reply(200, R"({"position":"t2","item":[]})");
  rig.transport.reply(200, R"({"position":"t3","item":[{"id":"c"}]})");
  rig.transport.reply(200, R"({"position":"","item":[{"id":"d"}]})");
  ApiGatewayClient api(*rig.client);
  auto all = run_sync(api.get_all_rest_apis());
  ASSERT_TRUE(all.ok()) << all.error().describe();
  std::vector<std::string> ids;
  for (const auto& a : *all) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "d"}));
  ASSERT_EQ(rig.transport.requests.size(), 4U);
  EXPECT_EQ(target_of_url(rig.transport.requests[0].url), "/restapis?limit=500");
  EXPECT_EQ(target_of_url(rig.transport.requests[1].url), "/restapis?limit=500&position=t1");
  EXPECT_EQ(target_of_url(rig.transport.requests[3].url), "/restapis?limit=500&position=t3");
  EXPECT_EQ(rig.client->stats().get("GetRestApis").calls, 4U);
}

TEST(ApiGatewayPagination, RepeatedPositionIsAnError) {
  ClientRig rig(apigateway_config());
  rig.transport.reply(200, R"({"position":"t1","item":[{"id":"a"}]})");
  rig.transport.reply(200, R"({"position":"t2","item":[{"id":"b"}]})");
  rig.transport.reply(200, R"({"position":"t1","item":[{"id":"a"}]})");
  ApiGatewayClient api(*rig.client);
  auto all = run_sync(api.get_all_client_certificates());
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().kind, ErrorKind::kParse);
  EXPECT_EQ(all.error().operation, "GetClientCertificates");
  EXPECT_NE(all.error().message.find("twice"), std::string::npos);
  EXPECT_EQ(rig.transport.requests.size(), 3U);
}

TEST(ApiGatewayPagination, ResourcesPagesKeepEmbedAndErrorsStopTheListing) {
  ClientRig rig(apigateway_config());
  rig.transport.reply(200, R"({"position":"r1","item":[{"id":"x"}]})");
  rig.transport.reply(200, R"({"position":"r2","item":[{"id":"y"}]})");
  rig.transport.reply(404, R"({"message":"Invalid API identifier specified"})",
                      {{"x-amzn-ErrorType", "NotFoundException"}});
  ApiGatewayClient api(*rig.client);
  std::string id = "api1";
  auto all = run_sync(api.get_all_resources(id));
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(target_of_url(rig.transport.requests[2].url),
            "/restapis/api1/resources?embed=methods&limit=500&position=r2");
}

}  // namespace
}  // namespace certguard::testing
