// GetResources (embed=methods) as AWS answers it -> the estate: a method's authorization
// settings must survive, or `scan --snapshot-out` estates replay differently in the sim.

#include "certguard/inventory/collect/convert.h"

#include <gtest/gtest.h>

#include <string>

#include "certguard/services/apigateway/decode.h"

namespace certguard::inventory {
namespace {

// Shaped like a real GetResources?embed=methods answer.
constexpr std::string_view kResources = R"({
  "item": [
    {"id": "abc123", "parentId": "root00", "pathPart": "orders", "path": "/orders",
     "resourceMethods": {
       "GET": {"httpMethod": "GET", "authorizationType": "CUSTOM", "authorizerId": "zx9y8w",
               "apiKeyRequired": true,
               "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET",
                                     "uri": "https://orders.example.com/", "connectionType": "INTERNET"}},
       "POST": {"httpMethod": "POST", "authorizationType": "AWS_IAM", "apiKeyRequired": false},
       "PUT": {"httpMethod": "PUT", "authorizationType": "NONE", "apiKeyRequired": false}
     }}
  ]
})";

TEST(Convert, ResourceKeepsMethodAuthorizationSettings) {
  auto page = services::apigateway::decode_get_resources(kResources);
  ASSERT_TRUE(page.ok()) << page.error().describe();
  ASSERT_EQ(page->items.size(), 1U);
  const Resource resource = to_estate(page->items[0]);
  ASSERT_EQ(resource.methods.size(), 3U);
  const MethodIntegration* get = nullptr;
  const MethodIntegration* post = nullptr;
  const MethodIntegration* put = nullptr;
  for (const auto& m : resource.methods) {
    if (m.http_method == "GET") get = &m;
    if (m.http_method == "POST") post = &m;
    if (m.http_method == "PUT") put = &m;
  }
  ASSERT_NE(get, nullptr);
  ASSERT_NE(post, nullptr);
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(get->authorization_type, "CUSTOM");
  EXPECT_EQ(get->authorizer_id, "zx9y8w");
  EXPECT_TRUE(get->api_key_required);
  EXPECT_EQ(get->integration_type, "HTTP_PROXY");
  EXPECT_EQ(get->uri, "https://orders.example.com/");
  EXPECT_EQ(post->authorization_type, "AWS_IAM");
  EXPECT_EQ(post->authorizer_id, "");
  EXPECT_FALSE(post->api_key_required);
  EXPECT_EQ(put->authorization_type, "NONE");
}

}  // namespace
}  // namespace certguard::inventory
