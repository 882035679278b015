#pragma once

// The status line and header block of the server's HTTP/1.1 responses, written by hand:
// building a Beast message (an allocation per field) and running its serializer cost more
// than the rest of the write. The bytes equal what Beast wrote for the same response
// (tests/unit/sim/response_head_test.cpp compares them), with two differences no handler
// of the sim relies on: a field name repeated apart keeps the handler's order (Beast moved
// the repeats together), and a handler's own Connection field is dropped (Beast merged it).

#include <cstddef>
#include <optional>
#include <string>

#include "sim/http/server.h"

namespace certguard::sim {

// Appends "HTTP/1.1 <status> <reason>\r\n", the handler's fields in order (values trimmed of
// spaces and tabs; Content-Length, Transfer-Encoding and Connection from the handler are
// dropped, the server owns them), "Connection: close" when !keep_alive, then
// "Content-Length: N" when content_length is set (never for 1xx/204/304), and the blank
// line. `status` must be 100-999 (std::invalid_argument otherwise: a handler bug).
void append_response_head(std::string& out, int status, const HeaderList& headers, bool keep_alive,
                          std::optional<std::size_t> content_length);

}  // namespace certguard::sim
