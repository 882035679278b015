#pragma once

#include <string>
#include <string_view>

#include "certguard/aws/client/operation.h"

namespace certguard::aws {

// RFC 3986 percent-encoding keeping only unreserved characters (A-Za-z0-9-_.~), as AWS
// does for path labels and query strings: every ':' and '/' in an ARN is encoded.
std::string percent_encode(std::string_view text);

// Percent-encodes one path label (a REST API id, a stage name, an ARN).
inline std::string encode_path_label(std::string_view label) {
  return percent_encode(label);
}

// "k=v&k2=v2" in the given order, names and values percent-encoded; empty for none.
std::string encode_query(const QueryParams& query);

// Form body for the Query protocol: like encode_query (spaces as %20).
inline std::string encode_form(const QueryParams& params) {
  return encode_query(params);
}

// An endpoint URL split into "scheme://host[:port]" and a path prefix without a
// trailing slash ("" or "/pfx"). botocore keeps the prefix of --endpoint-url.
struct EndpointParts {
  std::string origin;       // scheme://host[:port]
  std::string host_header;  // host[:port] as sent in Host
  std::string path_prefix;  // "" or "/prefix"
};
EndpointParts split_endpoint_url(std::string_view url);

}  // namespace certguard::aws
