// Our requests against botocore's, byte for byte: method, path, query, every signed
// header (so the Authorization signature matches), and the body.

#include <gtest/gtest.h>

#include "certguard/services/apigateway/apigateway_client.h"
#include "fakes.h"
#include "wire_request.h"

namespace certguard::testing {
namespace {

using namespace certguard::services::apigateway;  // NOLINT(google-build-using-namespace)

template <typename Req, typename Call>
aws::HttpRequest send_one(ClientRig& rig, const Req& req, Call call, int status = 200,
                          std::string body = "{}") {
  rig.transport.reply(status, std::move(body));
  ApiGatewayClient api(*rig.client);
  auto result = run_sync(call(api, req));
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().describe());
  EXPECT_EQ(rig.transport.requests.size(), 1U);
  return rig.transport.requests.at(0);
}

TEST(WireVectors, GetRestApisWithLimitAndPosition) {
  ClientRig rig(apigateway_config());
  GetRestApisRequest req;
  req.position = "abc";
  auto got = send_one(rig, req, [](ApiGatewayClient& api, const GetRestApisRequest& r) {
    return api.get_rest_apis(r);
  });
  expect_matches_wire(got, "apigateway-get-rest-apis");
}

TEST(WireVectors, GetResourcesEmbedMethodsInEuWest1) {
  ClientRig rig(apigateway_config("eu-west-1"));
  GetResourcesRequest req;
  req.rest_api_id = "a1b2c3d4e5";
  auto got = send_one(rig, req, [](ApiGatewayClient& api, const GetResourcesRequest& r) {
    return api.get_resources(r);
  });
  expect_matches_wire(got, "apigateway-get-resources-embed");
}

TEST(WireVectors, UpdateStagePatchBody) {
  ClientRig rig(apigateway_config());
  UpdateStageRequest req;
  req.rest_api_id = "a1b2c3d4e5";
  req.stage_name = "prod";
  req.patch_operations.push_back(
      {.op = "replace", .path = "/clientCertificateId", .value = "abc123", .from = std::nullopt});
  auto got = send_one(rig, req, [](ApiGatewayClient& api, const UpdateStageRequest& r) {
    return api.update_stage(r);
  });
  expect_matches_wire(got, "apigateway-update-stage-patch");
}

TEST(WireVectors, TagResourceEncodesEveryColonAndSlash) {
  ClientRig rig(apigateway_config());
  TagResourceRequest req;
  req.resource_arn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod";
  req.tags = {{"k", "v"}};
  auto got = send_one(
      rig, req,
      [](ApiGatewayClient& api, const TagResourceRequest& r) { return api.tag_resource(r); }, 204,
      "");
  expect_matches_wire(got, "apigateway-tag-resource-double-encoded");
}

TEST(WireVectors, SessionTokenIsSentAndSigned) {
  const std::string token =
      "AQoDYXdzEPT//////////"
      "wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwt"
      "hAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HF"
      "vlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9"
      "FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
  ClientRig rig(apigateway_config(), example_credentials(token));
  GetClientCertificatesRequest req;
  req.limit = std::nullopt;  // botocore's call had no limit
  auto got = send_one(rig, req, [](ApiGatewayClient& api, const GetClientCertificatesRequest& r) {
    return api.get_client_certificates(r);
  });
  expect_matches_wire(got, "apigateway-get-client-certificates-session-token");
}

}  // namespace
}  // namespace certguard::testing
