#include "certguard/aws/http/curl_request.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "certguard/core/ascii.h"

namespace certguard::aws {
namespace {

bool has_header(const HttpRequest& r, std::string_view name) {
  return std::ranges::any_of(r.headers, [name](const auto& h) { return iequals(h.first, name); });
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<CurlTransfer*>(user)->head.on_line(std::string_view(data, size * n));
  return size * n;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<CurlTransfer*>(user)->body.append(data, size * n);
  return size * n;
}

}  // namespace

CurlTransfer::~CurlTransfer() {
  if (header_list != nullptr) curl_slist_free_all(header_list);
}

CURL* EasyPool::acquire() {
  if (idle_.empty()) return curl_easy_init();
  CURL* e = idle_.back();
  idle_.pop_back();
  return e;
}

void EasyPool::release(CURL* easy) {
  if (easy == nullptr) return;
  constexpr std::size_t kMaxIdle = 4096;
  if (idle_.size() >= kMaxIdle) {
    curl_easy_cleanup(easy);
    return;
  }
  curl_easy_reset(easy);
  idle_.push_back(easy);
}

void EasyPool::clear() {
  for (CURL* e : idle_) curl_easy_cleanup(e);
  idle_.clear();
}

std::vector<std::string> curl_header_lines(const HttpRequest& request) {
  std::vector<std::string> lines;
  lines.reserve(request.headers.size() + 3);
  for (const auto& [name, value] : request.headers) {
    // libcurl computes Content-Length from the body (the same value); a second one, or a
    // Transfer-Encoding that disagrees with it, would corrupt the request.
    if (iequals(name, "content-length") || iequals(name, "transfer-encoding")) continue;
    // "Name:" would tell libcurl to drop the header; "Name;" sends it with no value.
    std::string line = name;
    if (value.empty()) {
      line += ';';
    } else {
      line += ": ";
      line += value;
    }
    lines.push_back(std::move(line));
  }
  // A header with no value removes libcurl's own.
  if (!has_header(request, "accept")) lines.emplace_back("Accept:");
  if (!has_header(request, "expect")) lines.emplace_back("Expect:");
  if (!has_header(request, "content-type")) lines.emplace_back("Content-Type:");
  return lines;
}

Status prepare_transfer(CurlTransfer& t, const CurlOptions& options) {
  CURL* e = t.easy;
  if (e == nullptr) return make_error(ErrorKind::kInternal, "curl_easy_init failed");
  const HttpRequest& r = t.request;
  CURLcode rc = CURLE_OK;
  auto set = [&rc, e](CURLoption opt, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, value);
  };
  set(CURLOPT_URL, r.url.c_str());
  set(CURLOPT_PRIVATE, static_cast<void*>(&t));
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_HTTP_VERSION, long{CURL_HTTP_VERSION_1_1});
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_HEADERFUNCTION, &on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&t));
  set(CURLOPT_WRITEFUNCTION, &on_body);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&t));
  set(CURLOPT_ERRORBUFFER, t.errbuf.data());
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(r.total_timeout.count()));
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  set(CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_bundle.empty()) set(CURLOPT_CAINFO, options.ca_bundle.c_str());
  if (options.proxy) {
    // Explicit settings replace libcurl's own reading of the environment ("" = none).
    bool https = r.url.starts_with("https:") || r.url.starts_with("HTTPS:");
    const std::string& proxy = https ? options.proxy->https_proxy : options.proxy->http_proxy;
    set(CURLOPT_PROXY, proxy.c_str());
    set(CURLOPT_NOPROXY, options.proxy->no_proxy.c_str());
  }

  if (r.method == "GET") {
    set(CURLOPT_HTTPGET, 1L);
  } else if (r.method == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else {
    set(CURLOPT_CUSTOMREQUEST, r.method.c_str());
    bool sends_body =
        !r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
    if (sends_body) {
      set(CURLOPT_POST, 1L);
      set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
      set(CURLOPT_POSTFIELDS, r.body.data());
    }
  }

  for (const auto& line : curl_header_lines(r)) {
    curl_slist* next = curl_slist_append(t.header_list, line.c_str());
    if (next == nullptr) return make_error(ErrorKind::kInternal, "out of memory building headers");
    t.header_list = next;
  }
  set(CURLOPT_HTTPHEADER, t.header_list);
  if (rc != CURLE_OK) {
    return make_error(ErrorKind::kInvalidInput,
                      std::string("cannot set up the request: ") + curl_easy_strerror(rc));
  }
  return {};
}

}  // namespace certguard::aws
