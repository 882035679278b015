#pragma once

#include <string>
#include <string_view>

namespace certguard::aws::sigv4 {

// Percent-encodes every byte except the unreserved set A-Za-z0-9-_.~ (and '/' when
// keep_slash), with uppercase hex, as SigV4 requires.
std::string uri_encode(std::string_view in, bool keep_slash);

// Decodes %XX escapes; a '%' not followed by two hex digits is kept as is. '+' stays '+'.
std::string uri_decode(std::string_view in);

// botocore's remove_dot_segments: drops "." and empty segments, ".." removes the previous
// segment, keeps the leading and a trailing '/'. An empty path becomes "/".
std::string normalize_path(std::string_view path);

// Lowercases ASCII letters.
std::string ascii_lower(std::string_view in);

// Trims and collapses every run of whitespace to one space (SigV4's Trimall).
std::string trim_all(std::string_view in);
// The same, appended to `out` (no temporary string).
void append_trim_all(std::string& out, std::string_view in);

// True when `raw_name`, trimmed and lowercased as SigV4 does, equals `lowercase_name`;
// allocates only when the raw name holds whitespace.
bool header_name_is(std::string_view raw_name, std::string_view lowercase_name);

}  // namespace certguard::aws::sigv4
