// The hand-written response head (sim/http/response_head.h) against the bytes Beast's
// serializer wrote for the same response, the way server.cpp used to build it.
#include "sim/http/response_head.h"

#include <gtest/gtest.h>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>
#include <sstream>
#include <string>

namespace certguard::sim {
namespace {

namespace http = boost::beast::http;

struct Case {
  int status;
  HeaderList headers;
  std::string body;
  bool keep;
  bool head_request;
};

bool body_forbidden(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// What the Beast-based Session::write produced (up to and including the blank line).
std::string beast_head(const Case& c) {
  http::response<http::string_body> res;
  res.version(11);
  res.result(static_cast<unsigned>(c.status));
  for (const auto& [name, value] : c.headers) {
    if (name == "Content-Length" || name == "Transfer-Encoding") continue;
    res.insert(name, value);
  }
  res.keep_alive(c.keep);
  if (body_forbidden(c.status)) {
    res.body().clear();
  } else if (c.head_request) {
    res.content_length(c.body.size());
  } else {
    res.body() = c.body;
    res.prepare_payload();
  }
  std::ostringstream os;
  os << res.base();
  return os.str();
}

std::string hand_head(const Case& c) {
  std::string out = "leftover";  // append_response_head appends
  std::optional<std::size_t> length;
  if (!body_forbidden(c.status)) length = c.body.size();
  append_response_head(out, c.status, c.headers, c.keep, length);
  return out.substr(8);
}

TEST(ResponseHead, EqualsBeastSerializerForTheResponsesTheSimSends) {
  const HeaderList json = {{"x-amzn-RequestId", "3f1c-77"}, {"Content-Type", "application/json"}};
  const HeaderList error = {{"x-amzn-RequestId", "r-9"},
                            {"x-amzn-ErrorType", "NotFoundException"},
                            {"Content-Type", "application/json"},
                            {"Retry-After", "1"}};
  const std::vector<Case> cases = {
      {200, json, R"({"item":[]})", true, false},
      {200, json, R"({"item":[]})", false, false},
      {200, json, "", true, false},  // empty body: Content-Length: 0
      {201, json, "{}", true, false},
      {202, {{"x-amzn-RequestId", "a"}}, "", true, false},
      {204, {{"x-amzn-RequestId", "a"}}, "", true, false},
      {204, {{"x-amzn-RequestId", "a"}}, "", false, false},
      {304, {{"x-amzn-RequestId", "a"}}, "", true, false},
      {100, {}, "", true, false},
      {200, json, "0123456789", true, true},  // HEAD: the length of the unsent body
      {404, error, R"({"message":"Invalid API identifier specified"})", true, false},
      {429, error, "{}", false, false},
      {500, {}, "handler threw: x", false, false},
      {503, {{"Content-Type", "text/xml"}}, "<Error/>", true, false},
      {299, {}, "odd", true, false},  // no standard reason phrase
      {200, {{"X-Padded", "  spaced value\t"}, {"X-Empty", ""}}, "b", true, false},
      {200, {{"Content-Length", "99"}, {"Transfer-Encoding", "chunked"}}, "abc", true, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(hand_head(c), beast_head(c)) << "status " << c.status << ", keep " << c.keep;
  }
}

TEST(ResponseHead, KnownBytes) {
  const Case c{
      200, {{"x-amzn-RequestId", "r-1"}, {"Content-Type", "application/json"}}, "{}", true, false};
  const std::string expected =
      "HTTP/1.1 200 OK\r\nx-amzn-RequestId: r-1\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\n\r\n";
  EXPECT_EQ(hand_head(c), expected);
  EXPECT_EQ(beast_head(c), expected);  // the reference really is Beast's full head
}

TEST(ResponseHead, ServerOwnsConnectionAndLength) {
  std::string out;
  append_response_head(out, 200, {{"connection", "keep-alive"}, {"content-length", "7"}},
                       /*keep_alive=*/false, std::size_t{3});
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\n");
}

TEST(ResponseHead, RejectsStatusesThatAreNotThreeDigits) {
  std::string out;
  EXPECT_THROW(append_response_head(out, 99, {}, true, std::nullopt), std::invalid_argument);
  EXPECT_THROW(append_response_head(out, 1000, {}, true, std::nullopt), std::invalid_argument);
}

}  // namespace
}  // namespace certguard::sim
