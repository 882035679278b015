#pragma once

// Where --debug output goes. Every message is stamped with the wall time to the millisecond
// (UTC), as botocore stamps its debug log, so the log is a timeline: a slow region, a late
// first wave or a long backoff shows as a gap between stamps.

#include <iosfwd>
#include <string>

#include "certguard/aws/client/hooks.h"
#include "certguard/core/clock.h"

namespace certguard::aws {

// "2026-11-23 14:50:01.123" (UTC).
std::string debug_timestamp(WallTime t);

// A sink writing "<timestamp> <message>" to `out` and flushing. `clock` and `out` must outlive
// the sink.
DebugSink make_debug_sink(const Clock& clock, std::ostream& out);

}  // namespace certguard::aws
