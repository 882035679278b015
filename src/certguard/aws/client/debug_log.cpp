#include "certguard/aws/client/debug_log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ostream>

namespace certguard::aws {

std::string debug_timestamp(WallTime t) {
  auto millis = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(millis);
  return fmt::format("{:%Y-%m-%d %H:%M:%S}.{:03d}", seconds, (millis - seconds).count());
}

DebugSink make_debug_sink(const Clock& clock, std::ostream& out) {
  return [&clock, &out](std::string_view message) {
    std::string line = debug_timestamp(clock.now());
    line += ' ';
    line += message;
    out << line << std::flush;
  };
}

}  // namespace certguard::aws
