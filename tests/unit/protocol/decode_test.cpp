#include "certguard/aws/protocol/decode.h"

#include <gtest/gtest.h>

namespace certguard::aws::protocol {
namespace {

TEST(Decode, JsonParsesAndEmptyIsObject) {
  auto j = parse_json(R"({"item":[{"id":"a"}],"position":"p"})", "GetRestApis");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(json_string(*j, "position"), "p");
  EXPECT_FALSE(json_string(*j, "item"));  // not a string
  EXPECT_FALSE(json_string(*j, "missing"));
  auto empty = parse_json("  \n", "DeleteStage");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->is_object());
}

TEST(Decode, BadJsonIsParseErrorNamingTheOperation) {
  auto j = parse_json("{\"item\": [", "GetRestApis");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().kind, ErrorKind::kParse);
  EXPECT_EQ(j.error().operation, "GetRestApis");
  EXPECT_NE(j.error().describe().find("GetRestApis"), std::string::npos);
}

TEST(Decode, XmlFindIgnoresNamespacesAndDepth) {
  auto doc = parse_xml(
      "<a:Root xmlns:a=\"urn:x\"><a:Result><a:Credentials><a:AccessKeyId>AKIA</a:AccessKeyId>"
      "</a:Credentials></a:Result></a:Root>",
      "AssumeRole");
  ASSERT_TRUE(doc.ok());
  auto creds = xml_find(**doc, "Credentials");
  ASSERT_TRUE(creds);
  EXPECT_EQ(xml_child_text(creds, "AccessKeyId"), "AKIA");
  EXPECT_EQ(xml_child_text(creds, "Missing"), "");
  EXPECT_FALSE(xml_find(**doc, "Nope"));
}

TEST(Decode, BadXmlIsParseError) {
  auto doc = parse_xml("<a><b></a>", "GetCallerIdentity");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().kind, ErrorKind::kParse);
  EXPECT_EQ(doc.error().operation, "GetCallerIdentity");
}

TEST(Decode, DeeplyNestedXmlDoesNotOverflow) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  auto doc = parse_xml(deep, "X");
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(xml_find(**doc, "Code"));
}

}  // namespace
}  // namespace certguard::aws::protocol
