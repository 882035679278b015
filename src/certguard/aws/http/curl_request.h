#pragma once

// The per-request half of the curl transport: the state of one transfer, a pool of easy
// handles, and how an HttpRequest becomes easy-handle options (headers sent exactly as
// given, libcurl's signature-changing defaults switched off). Private to aws/http.

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <coroutine>
#include <string>
#include <vector>

#include "certguard/aws/http/curl_event_loop.h"
#include "certguard/aws/http/http_message.h"
#include "certguard/aws/http/response_headers.h"
#include "certguard/core/result.h"

namespace certguard::aws {

// One request in flight. Lives in the send() coroutine's frame (behind a unique_ptr so
// libcurl's callbacks see a stable address).
struct CurlTransfer {
  CurlTransfer() = default;
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;
  ~CurlTransfer();

  HttpRequest request;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  ResponseHeaderParser head;
  std::string body;
  std::array<char, CURL_ERROR_SIZE> errbuf{};
  CURLcode code = CURLE_OK;
  std::string setup_error;
  std::coroutine_handle<> waiter;
  std::chrono::steady_clock::time_point started;
};

// Easy handles are reset and reused: cheaper than creating one per request. (Connection
// reuse does not depend on this: the multi handle owns the connection cache.)
class EasyPool {
 public:
  EasyPool() = default;
  EasyPool(const EasyPool&) = delete;
  EasyPool& operator=(const EasyPool&) = delete;
  ~EasyPool() { clear(); }

  CURL* acquire();
  void release(CURL* easy);
  void clear();

 private:
  std::vector<CURL*> idle_;
};

// The header lines to send: the caller's, plus blanks that stop libcurl adding Accept,
// Expect and a form Content-Type on its own. Exposed for tests.
std::vector<std::string> curl_header_lines(const HttpRequest& request);

// Sets every option of `t.easy` for `t.request`. Errors: kInvalidInput when libcurl
// rejects an option (e.g. an unknown CA bundle setting).
Status prepare_transfer(CurlTransfer& t, const CurlOptions& options);

}  // namespace certguard::aws
