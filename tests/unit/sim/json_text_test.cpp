// The direct JSON writer (sim/apigateway/json_text.h) makes exactly the bytes nlohmann's
// dump() makes of the same shape, so GetStages' answers did not change when it moved.

#include "sim/apigateway/json_text.h"

#include <gtest/gtest.h>

#include "sim/apigateway/context.h"

namespace certguard::sim::apigw {
namespace {

std::string written(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonText, StringsEscapeAsNlohmannDoes) {
  constexpr char kControls[] = "nul \0 and \x01 \x1f \x7f";
  const std::string samples[] = {"",
                                 "plain",
                                 "quote \" and backslash \\ and slash /",
                                 "controls \b\f\n\r\t end",
                                 std::string(kControls, sizeof(kControls) - 1),
                                 "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92"};
  for (const auto& s : samples) EXPECT_EQ(written(s), nlohmann::json(s).dump()) << s;
  // Invalid UTF-8 fails the same way (nlohmann's type_error) instead of passing through.
  EXPECT_THROW(written("bad \xff byte"), nlohmann::json::type_error);
}

TEST(JsonText, StagesMatchStageJson) {
  inventory::Stage bare;
  bare.stage_name = "prod";
  bare.deployment_id = "dep123";
  bare.created_date = 1767225600;

  inventory::Stage full = bare;
  full.client_certificate_id = "abc123";
  full.description = "the \"main\" stage\n\xc3\xa9t\xc3\xa9";
  full.tracing_enabled = true;
  full.variables = {{"b", "2"}, {"a", "1\t"}};
  full.tags = {{"team", "payments"}, {"env", "prod"}};
  full.last_updated_date = 1767229200;

  inventory::Stage only_vars = bare;
  only_vars.variables = {{"x", ""}};
  inventory::Stage only_tags = bare;
  only_tags.tags = {{"k", "v"}};

  for (const auto* stage : {&bare, &full, &only_vars, &only_tags}) {
    std::string out;
    append_stage_json(out, *stage);
    EXPECT_EQ(out, stage_json(*stage).dump());
  }
}

}  // namespace
}  // namespace certguard::sim::apigw

namespace certguard::sim::apigw {
namespace {

TEST(JsonText, ClientCertificatesMatchClientCertificateJson) {
  inventory::ClientCertificate bare;
  bare.id = "abc123";
  bare.pem = "-----BEGIN CERTIFICATE-----\nMIIB\"x\\y\n-----END CERTIFICATE-----\n";
  bare.created_date = 1700000000;
  bare.expiration_date = 1731536000;
  inventory::ClientCertificate full = bare;
  full.description = "backend \"mTLS\"";
  full.tags = {{"team", "payments"}, {"env", "prod"}};
  inventory::ClientCertificate no_pem = full;
  no_pem.pem.clear();
  for (const auto& cert : {bare, full, no_pem}) {
    std::string out;
    append_client_certificate_json(out, cert);
    EXPECT_EQ(out, client_certificate_json(cert).dump());
  }
}

}  // namespace
}  // namespace certguard::sim::apigw
