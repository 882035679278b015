#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "certguard/aws/sigv4/request.h"
#include "certguard/core/clock.h"

namespace certguard::aws::sigv4::testing {

// <repo>/../shared/testdata/sigv4 (CG_SHARED_DIR comes from cg_test).
std::filesystem::path shared_sigv4_dir();

// The whole file, byte for byte; throws std::runtime_error naming the file when unreadable.
std::string read_file(const std::filesystem::path& path);

// Parses the suite's HTTP/1.1-like text: "METHOD PATH[?QUERY] HTTP/1.1", "Name:value" lines
// (a line starting with whitespace continues the previous value), a blank line, the body.
// The path/query are taken as they appear in the request line.
SignableRequest parse_request_text(std::string_view text);

// "2015-08-30T12:36:00Z" -> WallTime.
WallTime parse_iso8601(std::string_view text);

}  // namespace certguard::aws::sigv4::testing
