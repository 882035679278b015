#include "certguard/aws/config/ini.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace certguard::aws {
namespace {

TEST(Ini, ParsesSectionsKeysAndComments) {
  auto r = parse_ini(
      "# comment\n"
      "; another\n"
      "[default]\n"
      "  Region = us-east-1  \n"
      "output: json\n"
      "\n"
      "[profile dev]\r\n"
      "role_arn=arn:aws:iam::1:role/x # not a comment\r\n",
      "cfg");
  ASSERT_TRUE(r.ok()) << r.error().describe();
  ASSERT_EQ(r->sections.size(), 2u);
  const IniSection* d = r->find("default");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->values.at("region"), "us-east-1");
  EXPECT_EQ(d->values.at("output"), "json");
  EXPECT_EQ(d->line, 3);
  const IniSection* dev = r->find("profile dev");
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(dev->values.at("role_arn"), "arn:aws:iam::1:role/x # not a comment");
}

TEST(Ini, NestedBlocks) {
  auto r = parse_ini(
      "[services local]\n"
      "api_gateway =\n"
      "  endpoint_url = http://127.0.0.1:4566\n"
      "\n"
      "  other = 1\n"
      "sts =\n"
      "\tendpoint_url=http://127.0.0.1:5000\n",
      "cfg");
  ASSERT_TRUE(r.ok()) << r.error().describe();
  const IniSection* s = r->find("services local");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->nested.at("api_gateway").at("endpoint_url"), "http://127.0.0.1:4566");
  EXPECT_EQ(s->nested.at("api_gateway").at("other"), "1");
  EXPECT_EQ(s->nested.at("sts").at("endpoint_url"), "http://127.0.0.1:5000");
}

TEST(Ini, ContinuationOfNonEmptyValueJoinsLines) {
  auto r = parse_ini("[a]\nk = one\n  two\n", "cfg");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->find("a")->values.at("k"), "one\ntwo");
  EXPECT_TRUE(r->find("a")->nested.empty());
}

struct BadCase {
  const char* text;
  int line;
  const char* fragment;
};

class IniMalformed : public ::testing::TestWithParam<BadCase> {};

TEST_P(IniMalformed, ErrorNamesFileAndLine) {
  const BadCase& c = GetParam();
  auto r = parse_ini(c.text, "/home/u/.aws/config");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConfig);
  std::string where = "/home/u/.aws/config:" + std::to_string(c.line);
  EXPECT_NE(r.error().message.find(where), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(c.fragment), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().resource, where);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IniMalformed,
    ::testing::Values(BadCase{"key = v\n", 1, "before any [section]"},
                      BadCase{"[default]\nregion us-east-1\n", 2, "expected 'key = value'"},
                      BadCase{"[default\nregion=x\n", 1, "closing ']'"},
                      BadCase{"[]\n", 1, "empty section name"},
                      BadCase{"[a]\n[b]\n\n[a]\n", 4, "appears twice (first on line 1)"},
                      BadCase{"[a]\nk=1\nK=2\n", 3, "key 'k' appears twice"},
                      BadCase{"[a]\n = 1\n", 2, "missing key"},
                      BadCase{"[a]\nk =\n  no equals here\n", 3, "nested block"},
                      BadCase{"[a] junk\n", 1, "unexpected text"}));

TEST(Ini, NulByteIsAnError) {
  std::string text("[a]\nk=\0x\n", 9);
  auto r = parse_ini(text, "f");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("f:2"), std::string::npos);
}

TEST(Ini, MissingFileIsEmptyButDirectoryIsError) {
  auto missing = load_ini_file("/nonexistent/certguard/config");
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->sections.empty());
  auto dir = load_ini_file(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().kind, ErrorKind::kConfig);
  auto devnull = load_ini_file("/dev/null");
  ASSERT_TRUE(devnull.ok());
}

TEST(Ini, LoadsFileFromDisk) {
  auto path = std::filesystem::temp_directory_path() / "certguard_ini_test.ini";
  {
    std::ofstream out(path);
    out << "[default]\nregion = eu-west-1\n[broken\n";
  }
  auto r = load_ini_file(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(path.string() + ":3"), std::string::npos);
}

}  // namespace
}  // namespace certguard::aws
