#pragma once

// Reads ../shared/testdata/sigv4/botocore-generated/<case>/signed-wire-request.txt and
// compares one of our HttpRequests with it.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "certguard/aws/http/http_message.h"

namespace certguard::testing {

struct WireRequest {
  std::string method;
  std::string target;  // path?query
  aws::Headers headers;
  std::string body;
};

inline WireRequest read_wire_request(const std::string& case_name) {
  std::string path = std::string(CG_SHARED_DIR) + "/testdata/sigv4/botocore-generated/" +
                     case_name + "/signed-wire-request.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  WireRequest w;
  std::size_t pos = text.find('\n');
  std::string line = text.substr(0, pos);
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = line.rfind(' ');
  w.method = line.substr(0, sp1);
  w.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  for (;;) {
    std::size_t start = pos + 1;
    pos = text.find('\n', start);
    if (pos == std::string::npos) pos = text.size();
    line = text.substr(start, pos - start);
    if (line.empty()) break;
    std::size_t colon = line.find(':');
    w.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  if (pos + 1 < text.size()) w.body = text.substr(pos + 1);
  return w;
}

// "https://host/path?q" -> "/path?q"
inline std::string target_of(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

enum class ExtraHeaders { kAllowed, kForbidden };

// Method, target, body and every header of the vector match; with kForbidden, `got` has no
// header the vector lacks (User-Agent aside: botocore does not sign it either).
inline void expect_matches_wire(const aws::HttpRequest& got, const std::string& case_name,
                                ExtraHeaders extra = ExtraHeaders::kForbidden) {
  WireRequest want = read_wire_request(case_name);
  EXPECT_EQ(got.method, want.method);
  EXPECT_EQ(target_of(got.url), want.target);
  EXPECT_EQ(got.body, want.body);
  for (const auto& [name, value] : want.headers) {
    if (name == "Content-Length") continue;  // the transport adds it
    EXPECT_EQ(got.header(name), value) << name;
  }
  if (extra == ExtraHeaders::kAllowed) return;
  for (const auto& [name, value] : got.headers) {
    if (name == "User-Agent") continue;
    bool known = false;
    for (const auto& w : want.headers) known = known || w.first == name;
    EXPECT_TRUE(known) << "extra header " << name << ": " << value;
  }
}

}  // namespace certguard::testing
