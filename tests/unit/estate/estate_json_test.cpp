#include "certguard/inventory/estate/estate_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace certguard::inventory {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in("fixtures/" + name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// An estate with every field set to a non-default value.
Estate full_estate() {
  Estate e;
  e.partition = "aws-us-gov";
  e.management_account_id = "123456789012";
  e.captured_at = 1790000000;
  Account a;
  a.id = "123456789012";
  a.name = "n";
  a.email = "e@example.com";
  a.suspended = true;
  a.access_keys.push_back({"AKIA1", "secret"});
  a.roles.push_back({"R", {"210987654321"}, "ext"});
  a.enabled_regions = {"us-gov-west-1"};
  Region r;
  r.name = "us-gov-west-1";
  RestApi api;
  api.id = "api1";
  api.name = "name";
  api.description = "desc \"quoted\" \n newline";
  api.endpoint_types = {"EDGE", "PRIVATE"};
  api.created_date = -5;  // before 1970 still round-trips
  api.tags = {{"k", "v"}, {"certguard:suppress", "CG-007"}};
  api.resources.push_back({"res",
                           "root",
                           "/x/{id}",
                           {{"ANY", "HTTP", "https://b/", "VPC_LINK", "CUSTOM", true, "auth01"},
                            {"GET", "", "", "", "AWS_IAM", false, ""}}});
  api.resources_known = false;
  api.stages.push_back(
      {"prod", "dep", "cc1", "d", true, {{"v", "1"}}, {{"t", "2"}}, 1700000000, 1700000001});
  api.stages_known = false;
  api.deployments.push_back({"dep", "first", 1600000000});
  r.rest_apis.push_back(api);
  r.client_certificates.push_back(
      {"cc1", "d", "-----BEGIN CERTIFICATE-----\n", 1, 2, {{"a", "b"}}});
  r.domain_names.push_back(
      {"api.example.com", {"EDGE"}, "arn:edge", "arn:regional", 1234, "AVAILABLE", {{"x", "y"}}});
  r.acm_certificates.push_back(
      {"arn:acm", "api.example.com", "ISSUED", "IMPORTED", "RSA_2048", 1, 2, 3, 4, true});
  r.scan.state = ScanState::kError;
  r.scan.error_kind = "throttled";
  r.scan.error_message = "too many";
  r.scan.calls = {{"GetRestApis", 3}};
  r.scan.throttled = 2;
  a.regions.push_back(r);
  e.accounts.push_back(a);
  return e;
}

TEST(EstateJson, FullEstateRoundTripsExactly) {
  const Estate e = full_estate();
  const std::string text = to_json(e);
  auto back = parse_estate(text, "mem");
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(*back, e);
  EXPECT_EQ(to_json(*back), text);
}

TEST(EstateJson, MethodAuthorizationSettingsAreWrittenAndRead) {
  const std::string text = to_json(full_estate());
  EXPECT_NE(text.find("\"authorization_type\": \"CUSTOM\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"api_key_required\": true"), std::string::npos);
  EXPECT_NE(text.find("\"authorizer_id\": \"auth01\""), std::string::npos);
  auto back = parse_estate(text, "mem");
  ASSERT_TRUE(back.ok()) << back.error().describe();
  const auto& methods = back->accounts[0].regions[0].rest_apis[0].resources[0].methods;
  ASSERT_EQ(methods.size(), 2U);
  EXPECT_EQ(methods[0].authorization_type, "CUSTOM");
  EXPECT_TRUE(methods[0].api_key_required);
  EXPECT_EQ(methods[0].authorizer_id, "auth01");
  EXPECT_EQ(methods[1].authorization_type, "AWS_IAM");
  EXPECT_FALSE(methods[1].api_key_required);
}

TEST(EstateJson, MethodWithoutAuthorizationSettingsStillLoads) {
  // An estate file written before the settings existed: they read as "not known".
  const std::string old_file = R"({"format_version":1,"accounts":[{"id":"111111111111",
    "regions":[{"name":"us-east-1","rest_apis":[{"id":"a","resources":[{"id":"r","path":"/",
    "methods":[{"http_method":"GET","integration_type":"HTTP","uri":"https://b/"}]}]}]}]}]})";
  auto e = parse_estate(old_file, "old.json");
  ASSERT_TRUE(e.ok()) << e.error().describe();
  const auto& m = e->accounts[0].regions[0].rest_apis[0].resources[0].methods[0];
  EXPECT_EQ(m.authorization_type, "");
  EXPECT_FALSE(m.api_key_required);
  EXPECT_EQ(m.authorizer_id, "");
  // ... and writing it back does not invent them.
  EXPECT_EQ(to_json(*e).find("authoriz"), std::string::npos);
}

TEST(EstateJson, DefaultEstateRoundTrips) {
  const Estate e;
  auto back = parse_estate(to_json(e), "mem");
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(*back, e);
  EXPECT_FALSE(back->captured_at.has_value());
}

TEST(EstateJson, RealisticExampleParses) {
  auto e = parse_estate(read_fixture("example.json"), "fixtures/example.json");
  ASSERT_TRUE(e.ok()) << e.error().describe();
  ASSERT_EQ(e->accounts.size(), 2U);
  EXPECT_EQ(e->captured_at, 1795392000);  // 2026-11-23T00:00:00Z
  const Region& use1 = e->accounts[0].regions[0];
  ASSERT_EQ(use1.rest_apis.size(), 2U);
  EXPECT_EQ(use1.rest_apis[0].stages[0].client_certificate_id, "cc0000001a");
  EXPECT_EQ(use1.rest_apis[0].stages[0].last_updated_date, 1780317000);  // ISO accepted
  EXPECT_TRUE(use1.rest_apis[0].stages_known);
  EXPECT_FALSE(use1.rest_apis[1].resources_known);
  EXPECT_EQ(use1.rest_apis[0].resources[1].methods[0].integration_type, "HTTP_PROXY");
  EXPECT_EQ(use1.scan.calls.at("GetStages"), 2);
  EXPECT_EQ(e->accounts[0].regions[1].scan.state, ScanState::kError);
  EXPECT_TRUE(e->accounts[1].suspended);
  // Written back, times are integers, and it reads back the same.
  const std::string text = to_json(*e);
  EXPECT_NE(text.find("\"captured_at\": 1795392000"), std::string::npos);
  auto again = parse_estate(text, "mem");
  ASSERT_TRUE(again.ok()) << again.error().describe();
  EXPECT_EQ(*again, *e);
}

TEST(EstateJson, DocumentedExamplesParse) {
  // Every ```json block of docs/estate-format.md is a complete, valid estate.
  std::ifstream in(std::string(CG_SOURCE_DIR) + "/docs/estate-format.md");
  ASSERT_TRUE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  const std::string doc = s.str();
  int blocks = 0;
  for (std::size_t pos = doc.find("```json\n"); pos != std::string::npos;
       pos = doc.find("```json\n", pos)) {
    pos += 8;
    const std::size_t end = doc.find("```", pos);
    ASSERT_NE(end, std::string::npos);
    auto e = parse_estate(doc.substr(pos, end - pos), "docs/estate-format.md");
    EXPECT_TRUE(e.ok()) << e.error().describe();
    ++blocks;
    pos = end + 3;
  }
  EXPECT_GE(blocks, 1);
}

// Parses `json` and returns the error message (fails the test if it parsed).
std::string error_of(const std::string& json) {
  auto r = parse_estate(json, "estate.json");
  if (r.ok()) {
    ADD_FAILURE() << "parsed: " << json;
    return "";
  }
  EXPECT_EQ(r.error().kind, ErrorKind::kParse);
  EXPECT_EQ(r.error().resource, "estate.json");
  return r.error().message;
}

std::string with_stage(const std::string& stage_json) {
  return R"({"format_version":1,"accounts":[{"id":"111111111111"},{"id":"222222222222",
    "regions":[{"name":"us-east-1","rest_apis":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d",
    "stages":[)" +
         stage_json + "]}]}]}]}";
}

TEST(EstateJsonErrors, WrongTypeNamesTheFullPath) {
  EXPECT_EQ(error_of(with_stage(R"({"stage_name":"p","client_certificate_id":5})")),
            "accounts[1].regions[0].rest_apis[3].stages[0].client_certificate_id: expected "
            "string, got number");
  auto r = parse_estate(with_stage(R"({"stage_name":"p","client_certificate_id":5})"), "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().describe().find("x.json"), std::string::npos);
}

TEST(EstateJsonErrors, UnknownKeys) {
  EXPECT_EQ(error_of(R"({"format_version":1,"acounts":[]})"),
            "acounts: unknown key (allowed here: format_version, partition, "
            "management_account_id, captured_at, accounts)");
  EXPECT_EQ(error_of(with_stage(R"({"stage_name":"p","clientCertificateId":"x"})"))
                .rfind("accounts[1].regions[0].rest_apis[3].stages[0].clientCertificateId: "
                       "unknown key",
                       0),
            0U);
}

TEST(EstateJsonErrors, SyntaxErrorHasLineAndColumn) {
  const std::string msg = error_of("{\n  \"format_version\": 1,\n  \"accounts\": [,]\n}");
  EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("column"), std::string::npos) << msg;
}

TEST(EstateJsonErrors, NumberOverflowIsAnErrorNotACrash) {
  // Found by fuzz_estate: nlohmann throws out_of_range, not parse_error, for this.
  const std::string msg = error_of("4e44444");
  EXPECT_NE(msg.find("number overflow"), std::string::npos) << msg;
  EXPECT_NE(error_of(R"({"format_version":1,"captured_at":1e400})").find("overflow"),
            std::string::npos);
}

TEST(EstateJsonErrors, EveryKindOfBadValue) {
  struct Case {
    std::string json;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"[]", "(top level): expected object, got array"},
      {"{}", "format_version: missing (required)"},
      {R"({"format_version":2})", "format_version: unsupported version 2 (this certguard reads 1)"},
      {R"({"format_version":1.0})", "format_version: expected integer, got number"},
      {R"({"format_version":99999999999})", "format_version: integer out of range"},
      {R"({"format_version":1,"captured_at":1.5})",
       "captured_at: expected epoch seconds (integer) or ISO-8601 string, got number"},
      {R"({"format_version":1,"captured_at":"yesterday"})",
       "captured_at: expected epoch seconds or an ISO-8601 time such as 2026-01-31T12:00:00Z, "
       "got \"yesterday\""},
      {R"({"format_version":1,"captured_at":18446744073709551615})",
       "captured_at: integer out of range"},
      {R"({"format_version":1,"accounts":{}})", "accounts: expected array, got object"},
      {R"({"format_version":1,"accounts":[{"id":"12"}]})",
       "accounts[0].id: expected 12 digits, got \"12\""},
      {R"({"format_version":1,"accounts":[{"name":"x"}]})", "accounts[0].id: missing (required)"},
      {R"({"format_version":1,"management_account_id":"abc"})",
       "management_account_id: expected 12 digits"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111"},{"id":"111111111111"}]})",
       "accounts[1]: duplicate account id \"111111111111\""},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","suspended":"yes"}]})",
       "accounts[0].suspended: expected boolean, got string"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a"},{"name":"a"}]}]})",
       "accounts[0].regions[1]: duplicate region \"a\""},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":""}]}]})",
       "accounts[0].regions[0].name: must not be empty"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a","scan":{"state":"bad"}}]}]})",
       "accounts[0].regions[0].scan.state: expected one of ok, error, not_scanned, got \"bad\""},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a","scan":{"calls":{"GetStages":"2"}}}]}]})",
       "accounts[0].regions[0].scan.calls[\"GetStages\"]: expected integer, got string"},
      {with_stage(R"({"stage_name":"p","tags":{"k":1}})"),
       "accounts[1].regions[0].rest_apis[3].stages[0].tags[\"k\"]: expected string, got number"},
      {with_stage(R"({"stage_name":"p"},{"stage_name":"p"})"),
       "accounts[1].regions[0].rest_apis[3].stages[1]: duplicate stage_name \"p\""},
      {with_stage(R"("p")"),
       "accounts[1].regions[0].rest_apis[3].stages[0]: expected object, got string"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a","client_certificates":[{"id":"c","expiration_date":"2026-02-30T00:00:00Z"}]}]}]})",
       "accounts[0].regions[0].client_certificates[0].expiration_date: expected epoch seconds or "
       "an ISO-8601 time such as 2026-01-31T12:00:00Z, got \"2026-02-30T00:00:00Z\""},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a","acm_certificates":[{"arn":"x"},{"arn":"x"}]}]}]})",
       "accounts[0].regions[0].acm_certificates[1]: duplicate ACM ARN \"x\""},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","name":"a","name":"b"}]})",
       "key \"name\" appears twice in one object"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a","rest_apis":[{"id":"x","resources":[{"id":"r","methods":[{"http_method":"GET"},{"http_method":"PUT","authorization_type":"IAM"}]}]}]}]}]})",
       "accounts[0].regions[0].rest_apis[0].resources[0].methods[1].authorization_type: expected "
       "one of NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS, got \"IAM\" (method PUT)"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","regions":[{"name":"a","rest_apis":[{"id":"x","resources":[{"id":"r","methods":[{"http_method":"GET","api_key_required":"true"}]}]}]}]}]})",
       "accounts[0].regions[0].rest_apis[0].resources[0].methods[0].api_key_required: expected "
       "boolean, got string"},
      {R"({"format_version":1,"accounts":[{"id":"111111111111","roles":[{"name":"r","trusted_accounts":[1]}]}]})",
       "accounts[0].roles[0].trusted_accounts[0]: expected string, got number"},
  };
  for (const auto& c : cases) EXPECT_EQ(error_of(c.json), c.expected) << c.json;
}

class EstateFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("cg_estate_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(EstateFile, SaveThenLoad) {
  const auto path = dir_ / "estate.json";
  const Estate e = full_estate();
  ASSERT_TRUE(save_estate_file(path, e).ok());
  auto back = load_estate_file(path);
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_EQ(*back, e);
  // Overwrite: replaced atomically, and no temporary left behind.
  Estate small;
  ASSERT_TRUE(save_estate_file(path, small).ok());
  EXPECT_EQ(*load_estate_file(path), small);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

TEST_F(EstateFile, Errors) {
  auto missing = load_estate_file(dir_ / "nope.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(missing.error().describe().find("nope.json"), std::string::npos);

  auto bad_dir = save_estate_file(dir_ / "no" / "such" / "dir" / "e.json", Estate{});
  ASSERT_FALSE(bad_dir.ok());
  EXPECT_EQ(bad_dir.error().kind, ErrorKind::kConfig);
  EXPECT_NE(bad_dir.error().describe().find("e.json"), std::string::npos);

  {
    std::ofstream out(dir_ / "broken.json");
    out << R"({"format_version": 1, "accounts": [{"id": 7}]})";
  }
  auto broken = load_estate_file(dir_ / "broken.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().kind, ErrorKind::kParse);
  EXPECT_EQ(broken.error().resource, (dir_ / "broken.json").string());
  EXPECT_EQ(broken.error().message, "accounts[0].id: expected string, got number");
}

}  // namespace
}  // namespace certguard::inventory
