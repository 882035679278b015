// libFuzzer target over the parsers that read what servers send: AWS error responses
// (REST-JSON, JSON 1.1, Query/EC2 XML, HTML), timestamps in every form, and response
// header lines. Build with clang and -DCG_FUZZ=ON; run: fuzz_protocol fuzz/protocol/corpus
//
// Input layout: byte 0 picks the HTTP status, byte 1 how the rest is used; the rest is
// split at the first '\n' into a header value and a body.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "certguard/aws/http/response_headers.h"
#include "certguard/aws/protocol/decode.h"
#include "certguard/aws/protocol/error_parse.h"
#include "certguard/aws/protocol/timestamps.h"

namespace {

constexpr int kStatuses[] = {400, 403, 404, 409, 429, 500, 502, 503, 200, 418, 0, 504};

void fuzz_errors(int status, std::string_view header, std::string_view body) {
  certguard::aws::HttpResponse r;
  r.status = status;
  r.headers.emplace_back("x-amzn-ErrorType", std::string(header));
  r.headers.emplace_back("Content-Type", "text/html");
  r.body = std::string(body);
  certguard::aws::protocol::ErrorParseOptions opts;
  opts.operation = "Fuzz";
  opts.classify.limit_exceeded_is_quota = (status & 1) != 0;
  auto e = certguard::aws::protocol::parse_error_response(r, opts);
  (void)e.describe();
  r.headers.clear();
  (void)certguard::aws::protocol::parse_error_response(r, opts);
  (void)certguard::aws::protocol::request_id_of(r);
}

void fuzz_timestamps(std::string_view text) {
  namespace p = certguard::aws::protocol;
  for (auto r : {p::parse_timestamp(text), p::parse_iso8601(text), p::parse_epoch_seconds(text),
                 p::parse_http_date(text)}) {
    if (r.ok()) (void)p::format_iso8601(*r, true);
  }
  auto j = p::parse_json(text, "Fuzz");
  if (j.ok()) {
    (void)p::timestamp_from_json(*j);
    if (j->is_object()) {
      for (const auto& [k, v] : j->items()) (void)p::timestamp_from_json(v);
    }
  }
}

void fuzz_headers(std::string_view text) {
  certguard::aws::ResponseHeaderParser parser;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    parser.on_line(text.substr(start, end - start + (end < text.size() ? 1 : 0)));
    start = end + 1;
  }
  (void)parser.status();
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  int status = kStatuses[data[0] % (sizeof kStatuses / sizeof kStatuses[0])];
  std::uint8_t mode = data[1];
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libFuzzer hands bytes
  std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  std::size_t nl = rest.find('\n');
  std::string_view header = nl == std::string_view::npos ? std::string_view{} : rest.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? rest : rest.substr(nl + 1);
  switch (mode % 3) {
    case 0:
      fuzz_errors(status, header, body);
      break;
    case 1:
      fuzz_timestamps(rest);
      break;
    default:
      fuzz_headers(rest);
      break;
  }
  return 0;
}
