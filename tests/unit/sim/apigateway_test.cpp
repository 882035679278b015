// API Gateway handlers: REST APIs, pagination, stages and patch operations,
// deployments, resources/methods/integrations, domain names, tags.

#include <gtest/gtest.h>

#include <set>

#include "sim_test_util.h"

namespace certguard::sim {
namespace {

using testing::error_code;
using testing::Harness;

std::string create_api(Harness& h, const std::string& name, const std::string& type = "REGIONAL") {
  auto r =
      h.call("POST", "/restapis",
             R"({"name":")" + name + R"(","endpointConfiguration":{"types":[")" + type + R"("]}})");
  EXPECT_EQ(r.status, 201) << r.body;
  return nlohmann::json::parse(r.body)["id"];
}

// API with GET / -> HTTP integration, deployed to stage "prod".
std::string deployed_api(Harness& h) {
  std::string id = create_api(h, "deployed");
  std::string root = h.json("GET", "/restapis/" + id)["rootResourceId"];
  std::string base = "/restapis/" + id + "/resources/" + root + "/methods/GET";
  EXPECT_EQ(h.call("PUT", base, R"({"authorizationType":"NONE"})").status, 201);
  auto integ = h.call("PUT", base + "/integration",
                      R"({"type":"HTTP","httpMethod":"GET","uri":"https://backend.example.com"})");
  EXPECT_EQ(integ.status, 201) << integ.body;
  auto dep = h.call("POST", "/restapis/" + id + "/deployments", R"({"stageName":"prod"})");
  EXPECT_EQ(dep.status, 201) << dep.body;
  return id;
}

TEST(ApiGateway, CreateGetDeleteRestApi) {
  Harness h;
  std::string id = create_api(h, "orders", "PRIVATE");
  EXPECT_EQ(id.size(), 10U);
  auto api = h.json("GET", "/restapis/" + id);
  EXPECT_EQ(api["name"], "orders");
  EXPECT_EQ(api["endpointConfiguration"]["types"][0], "PRIVATE");
  EXPECT_TRUE(api["createdDate"].is_number_integer());
  EXPECT_EQ(h.call("POST", "/restapis", R"({"name":"x","endpointConfiguration":{"types":["FOO"]}})")
                .status,
            400);
  EXPECT_EQ(error_code(h.call("POST", "/restapis", R"({"description":"no name"})")),
            "BadRequestException");
  auto del = h.call("DELETE", "/restapis/" + id);
  EXPECT_EQ(del.status, 202);
  EXPECT_TRUE(del.body.empty());
  auto missing = h.call("GET", "/restapis/" + id);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(error_code(missing), "NotFoundException");
  EXPECT_EQ(nlohmann::json::parse(missing.body)["message"],
            "Invalid API identifier specified 123456789012:" + id);
}

TEST(ApiGateway, PaginationVisitsEveryItemOnceOverThreeOrMorePages) {
  Harness h;
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) created.insert(create_api(h, "api" + std::to_string(i)));
  std::set<std::string> seen;
  std::string position;
  int pages = 0;
  for (;;) {
    std::string target = "/restapis?limit=2";
    if (!position.empty()) target += "&position=" + position;
    auto page = h.json("GET", target);
    ++pages;
    EXPECT_LE(page["item"].size(), 2U);
    for (const auto& item : page["item"]) EXPECT_TRUE(seen.insert(item["id"]).second);
    if (!page.contains("position")) break;
    position = page["position"];
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(seen, created);
  // Deleting an item already seen does not make the walk skip or repeat items.
  auto first = h.json("GET", "/restapis?limit=2");
  std::string next = first["position"];
  ASSERT_EQ(h.call("DELETE", "/restapis/" + first["item"][0]["id"].get<std::string>()).status, 202);
  auto second = h.json("GET", "/restapis?limit=2&position=" + next);
  EXPECT_NE(second["item"][0]["id"], first["item"][1]["id"]);
  EXPECT_EQ(error_code(h.call("GET", "/restapis?limit=501")), "BadRequestException");
  EXPECT_EQ(error_code(h.call("GET", "/restapis?limit=0")), "BadRequestException");
  EXPECT_EQ(error_code(h.call("GET", "/restapis?position=garbage")), "BadRequestException");
  EXPECT_EQ(h.json("GET", "/restapis?limit=500")["item"].size(), 6U);
}

TEST(ApiGateway, DeploymentNeedsMethodsAndCreatesStage) {
  Harness h;
  std::string empty = create_api(h, "empty");
  auto r = h.call("POST", "/restapis/" + empty + "/deployments", R"({"stageName":"prod"})");
  EXPECT_EQ(r.status, 400);
  std::string id = deployed_api(h);
  auto stages = h.json("GET", "/restapis/" + id + "/stages");
  ASSERT_EQ(stages["item"].size(), 1U);
  EXPECT_EQ(stages["item"][0]["stageName"], "prod");
  EXPECT_FALSE(stages["item"][0].contains("clientCertificateId"));
  auto deployments = h.json("GET", "/restapis/" + id + "/deployments");
  ASSERT_EQ(deployments["item"].size(), 1U);
  EXPECT_EQ(deployments["item"][0]["id"], stages["item"][0]["deploymentId"]);
  // CreateStage from the deployment; a duplicate conflicts.
  std::string body = R"({"stageName":"Staging","deploymentId":")" +
                     deployments["item"][0]["id"].get<std::string>() + R"("})";
  EXPECT_EQ(h.call("POST", "/restapis/" + id + "/stages", body).status, 201);
  EXPECT_EQ(error_code(h.call("POST", "/restapis/" + id + "/stages", body)), "ConflictException");
  EXPECT_EQ(h.json("GET", "/restapis/" + id + "/stages")["item"].size(), 2U);
  EXPECT_EQ(h.call("DELETE", "/restapis/" + id + "/stages/Staging").status, 202);
  EXPECT_EQ(error_code(h.call("GET", "/restapis/" + id + "/stages/Staging")), "NotFoundException");
}

TEST(ApiGateway, UpdateStagePatchOperations) {
  Harness h;
  std::string id = deployed_api(h);
  std::string cert = h.json("POST", "/clientcertificates", "{}")["clientCertificateId"];
  std::string stage = "/restapis/" + id + "/stages/prod";
  auto patched = h.json("PATCH", stage,
                        R"({"patchOperations":[
      {"op":"replace","path":"/clientCertificateId","value":")" +
                            cert + R"("},
      {"op":"replace","path":"/description","value":"live"},
      {"op":"replace","path":"/tracingEnabled","value":"true"},
      {"op":"replace","path":"/variables/backend","value":"b1"},
      {"op":"replace","path":"/variables/a~1b","value":"slash"}]})");
  EXPECT_EQ(patched["clientCertificateId"], cert);
  EXPECT_EQ(patched["description"], "live");
  EXPECT_EQ(patched["tracingEnabled"], true);
  EXPECT_EQ(patched["variables"]["backend"], "b1");
  EXPECT_EQ(patched["variables"]["a/b"], "slash");

  // An unknown path is a BadRequestException and changes nothing (all or nothing).
  auto bad = h.call("PATCH", stage, R"({"patchOperations":[
      {"op":"remove","path":"/description"},
      {"op":"replace","path":"/nonsense","value":"x"}]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_code(bad), "BadRequestException");
  EXPECT_EQ(h.json("GET", stage)["description"], "live");
  EXPECT_EQ(
      error_code(h.call(
          "PATCH", stage,
          R"({"patchOperations":[{"op":"replace","path":"/tracingEnabled","value":"maybe"}]})")),
      "BadRequestException");
  EXPECT_EQ(
      error_code(h.call(
          "PATCH", stage,
          R"({"patchOperations":[{"op":"replace","path":"/clientCertificateId","value":"nope99"}]})")),
      "NotFoundException");

  auto removed = h.json("PATCH", stage, R"({"patchOperations":[
      {"op":"remove","path":"/clientCertificateId"},
      {"op":"remove","path":"/variables/backend"},
      {"op":"remove","path":"/description"}]})");
  EXPECT_FALSE(removed.contains("clientCertificateId"));
  EXPECT_FALSE(removed.contains("description"));
  EXPECT_FALSE(removed["variables"].contains("backend"));
}

TEST(ApiGateway, ResourcesEmbedMethodsWithIntegration) {
  Harness h;
  std::string id = deployed_api(h);
  std::string root = h.json("GET", "/restapis/" + id)["rootResourceId"];
  auto child = h.call("POST", "/restapis/" + id + "/resources/" + root, R"({"pathPart":"orders"})");
  ASSERT_EQ(child.status, 201);
  std::string child_id = nlohmann::json::parse(child.body)["id"];
  EXPECT_EQ(nlohmann::json::parse(child.body)["path"], "/orders");
  EXPECT_EQ(error_code(h.call("POST", "/restapis/" + id + "/resources/" + root,
                              R"({"pathPart":"orders"})")),
            "ConflictException");
  std::string m = "/restapis/" + id + "/resources/" + child_id + "/methods/POST";
  ASSERT_EQ(h.call("PUT", m, R"({"authorizationType":"NONE"})").status, 201);
  EXPECT_EQ(
      h.call(
           "PUT", m + "/integration",
           R"({"type":"AWS_PROXY","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:lambda:path/x"})")
          .status,
      201);
  EXPECT_EQ(error_code(h.call("PUT", m + "/integration", R"({"type":"BOGUS"})")),
            "BadRequestException");

  auto embedded = h.json("GET", "/restapis/" + id + "/resources?embed=methods");
  ASSERT_EQ(embedded["item"].size(), 2U);
  std::map<std::string, std::string> types;
  for (const auto& item : embedded["item"]) {
    for (const auto& [verb, method] : item["resourceMethods"].items()) {
      types[item["path"].get<std::string>() + " " + verb] =
          method["methodIntegration"]["type"].get<std::string>();
    }
  }
  EXPECT_EQ(types["/ GET"], "HTTP");
  EXPECT_EQ(types["/orders POST"], "AWS_PROXY");
  auto plain = h.json("GET", "/restapis/" + id + "/resources");
  for (const auto& item : plain["item"]) {
    for (const auto& [verb, method] : item["resourceMethods"].items()) {
      EXPECT_FALSE(method.contains("methodIntegration")) << verb;
    }
  }
  auto integration = h.json("GET", m + "/integration");
  EXPECT_EQ(integration["type"], "AWS_PROXY");
}

TEST(ApiGateway, DomainNamesNeedAnAcmCertificate) {
  Harness h;
  const std::string arn =
      "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
  {
    auto guard = h.engine->world().lock();
    inventory::AcmCertificate cert;
    cert.arn = arn;
    cert.domain_name = "api.example.com";
    cert.status = "ISSUED";
    cert.type = "IMPORTED";
    h.engine->world().region("123456789012", "eu-west-1")->acm_certificates.push_back(cert);
  }
  testing::Signer west = h.signer;
  west.region = "eu-west-1";
  std::string body = R"({"domainName":"api.example.com","regionalCertificateArn":")" + arn +
                     R"(","endpointConfiguration":{"types":["REGIONAL"]}})";
  auto r = h.call_as(west, "POST", "/domainnames", body);
  ASSERT_EQ(r.status, 201) << r.body;
  auto domain = nlohmann::json::parse(r.body);
  EXPECT_EQ(domain["regionalCertificateArn"], arn);
  EXPECT_EQ(domain["domainNameStatus"], "AVAILABLE");
  EXPECT_EQ(error_code(h.call_as(west, "POST", "/domainnames", body)), "ConflictException");
  auto missing_cert = h.call_as(
      west, "POST", "/domainnames",
      R"({"domainName":"b.example.com","regionalCertificateArn":"arn:aws:acm:eu-west-1:123456789012:certificate/none","endpointConfiguration":{"types":["REGIONAL"]}})");
  EXPECT_EQ(error_code(missing_cert), "BadRequestException");
  auto list = nlohmann::json::parse(h.call_as(west, "GET", "/domainnames").body);
  ASSERT_EQ(list["item"].size(), 1U);
  EXPECT_EQ(h.call_as(west, "GET", "/domainnames/api.example.com").status, 200);
  EXPECT_EQ(error_code(h.call_as(west, "GET", "/domainnames/nope.example.com")),
            "NotFoundException");
}

TEST(ApiGateway, TagsOnPercentEncodedArns) {
  Harness h;
  std::string id = deployed_api(h);
  std::string arn = "arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2F" + id;
  auto tag = h.call("PUT", "/tags/" + arn, R"({"tags":{"team":"core","env":"prod"}})");
  EXPECT_EQ(tag.status, 204);
  EXPECT_EQ(h.json("GET", "/tags/" + arn)["tags"]["team"], "core");
  EXPECT_EQ(h.call("DELETE", "/tags/" + arn + "?tagKeys=team&tagKeys=nothing").status, 204);
  auto tags = h.json("GET", "/tags/" + arn)["tags"];
  EXPECT_FALSE(tags.contains("team"));
  EXPECT_EQ(tags["env"], "prod");
  std::string stage_arn = arn + "%2Fstages%2Fprod";
  EXPECT_EQ(h.call("PUT", "/tags/" + stage_arn, R"({"tags":{"s":"1"}})").status, 204);
  EXPECT_EQ(h.json("GET", "/restapis/" + id + "/stages/prod")["tags"]["s"], "1");
  EXPECT_EQ(
      error_code(h.call("GET", "/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fnope")),
      "NotFoundException");
  EXPECT_EQ(error_code(h.call("GET", "/tags/not-an-arn")), "BadRequestException");
}

TEST(ApiGateway, UnknownRouteIsAnError) {
  Harness h;
  auto r = h.call("GET", "/nothing/here");
  EXPECT_EQ(r.status, 404);
}

}  // namespace
}  // namespace certguard::sim
