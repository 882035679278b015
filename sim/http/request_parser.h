#pragma once

// A Beast HTTP/1.1 request parser that writes straight into a ServerRequest: each header
// name and value is copied once, into the request's HeaderList in arrival order, instead of
// into Beast's field container first and then out of it (a saving of about ten allocations
// per request). Beast does the parsing, its limits and its errors; this only keeps what it
// reports. Private to server.cpp.

#include <boost/beast/http/basic_parser.hpp>
#include <boost/optional/optional.hpp>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "sim/http/server.h"

namespace certguard::sim::detail {

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  using error_code = boost::system::error_code;
  using string_view = boost::beast::string_view;
  using verb = boost::beast::http::verb;

  explicit RequestParser(std::size_t body_limit) {
    this->body_limit(body_limit);
    request_.headers.reserve(16);
  }

  [[nodiscard]] bool head_request() const { return method_ == verb::head; }
  // The parsed request, taken once the parser is done (is_done()).
  ServerRequest take() { return std::move(request_); }

 private:
  void on_request_impl(verb method, string_view method_text, string_view target, int /*version*/,
                       error_code& /*ec*/) override {
    method_ = method;
    request_.method.assign(method_text.data(), method_text.size());
    request_.target.assign(target.data(), target.size());
  }
  // A request parser never sees a status line.
  void on_response_impl(int /*code*/, string_view /*reason*/, int /*version*/,
                        error_code& /*ec*/) override {}
  void on_field_impl(boost::beast::http::field /*name*/, string_view name, string_view value,
                     error_code& /*ec*/) override {
    request_.headers.emplace_back(std::string(name.data(), name.size()),
                                  std::string(value.data(), value.size()));
  }
  void on_header_impl(error_code& /*ec*/) override {}
  // Beast has already refused a Content-Length over the body limit.
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         error_code& /*ec*/) override {
    if (length) request_.body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(string_view body, error_code& /*ec*/) override {
    request_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t /*size*/, string_view /*extensions*/,
                            error_code& /*ec*/) override {}
  std::size_t on_chunk_body_impl(std::uint64_t /*remain*/, string_view body,
                                 error_code& /*ec*/) override {
    request_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(error_code& /*ec*/) override {}

  verb method_ = verb::unknown;
  ServerRequest request_;
};

}  // namespace certguard::sim::detail
