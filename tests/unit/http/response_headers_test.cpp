#include "certguard/aws/http/response_headers.h"

#include <gtest/gtest.h>

#include "certguard/aws/http/curl_request.h"

namespace certguard::aws {
namespace {

TEST(ResponseHeaderParser, KeepsOnlyTheFinalResponseAfter100Continue) {
  ResponseHeaderParser p;
  p.on_line("HTTP/1.1 100 Continue\r\n");
  p.on_line("X-Interim: yes\r\n");
  p.on_line("\r\n");
  p.on_line("HTTP/1.1 404 Not Found\r\n");
  p.on_line("x-amzn-ErrorType: NotFoundException:http://internal.amazon.com/coral/\r\n");
  p.on_line("Set-Cookie: a\r\n");
  p.on_line("Set-Cookie:   b  \r\n");
  p.on_line("X-Folded: one\r\n");
  p.on_line("  two\r\n");
  p.on_line("\r\n");
  EXPECT_EQ(p.status(), 404);
  Headers want = {{"x-amzn-ErrorType", "NotFoundException:http://internal.amazon.com/coral/"},
                  {"Set-Cookie", "a"},
                  {"Set-Cookie", "b"},
                  {"X-Folded", "one two"}};
  EXPECT_EQ(p.headers(), want);
}

TEST(CurlHeaderLines, CallerHeadersVerbatimPlusBlanksForCurlDefaults) {
  HttpRequest r;
  r.headers = {{"X-Amz-Date", "d"}, {"Content-Length", "5"}, {"X-Empty", ""}};
  EXPECT_EQ(curl_header_lines(r), (std::vector<std::string>{"X-Amz-Date: d", "X-Empty;", "Accept:",
                                                            "Expect:", "Content-Type:"}));
  r.headers = {{"accept", "application/json"}, {"Content-Type", "application/x-amz-json-1.1"}};
  EXPECT_EQ(curl_header_lines(r),
            (std::vector<std::string>{"accept: application/json",
                                      "Content-Type: application/x-amz-json-1.1", "Expect:"}));
}

}  // namespace
}  // namespace certguard::aws
