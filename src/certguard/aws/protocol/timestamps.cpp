#include "certguard/aws/protocol/timestamps.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace certguard::aws::protocol {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

Error bad(std::string_view what, std::string_view text) {
  return make_error(ErrorKind::kParse, fmt::format("'{}' is not {}", text.substr(0, 64), what));
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

Result<WallTime> from_civil(int y, int mo, int d, int h, int mi, int sec, long long micros,
                            std::string_view text) {
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return bad("a valid date and time", text);
  sys_days days{ymd};
  // A leap second (:60) is folded into the next second, as most parsers do.
  auto t = time_point_cast<microseconds>(days) + hours{h} + minutes{mi} + seconds{sec} +
           microseconds{micros};
  return time_point_cast<WallTime::duration>(t);
}

}  // namespace

Result<WallTime> parse_epoch_seconds(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return bad("epoch seconds", text);
  // Integers exactly; anything with a fraction or exponent through double (microsecond
  // precision holds for dates in this era: 1.7e15 us < 2^53).
  long long whole = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), whole);
  if (ec == std::errc() && p == s.data() + s.size()) {
    if (whole > 253402300799LL || whole < -62135596800LL) return bad("a plausible epoch", text);
    return WallTime{} + std::chrono::duration_cast<WallTime::duration>(seconds{whole});
  }
  double value = 0;
  auto [p2, ec2] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec2 != std::errc() || p2 != s.data() + s.size() || !std::isfinite(value)) {
    return bad("epoch seconds", text);
  }
  if (value > 253402300799.0 || value < -62135596800.0) return bad("a plausible epoch", text);
  auto micros = static_cast<long long>(std::llround(value * 1e6));
  return WallTime{} + std::chrono::duration_cast<WallTime::duration>(microseconds{micros});
}

Result<WallTime> parse_iso8601(std::string_view text) {
  std::string_view s = text;
  std::size_t pos = 0;
  int y = 0;
  int mo = 0;
  int d = 0;
  int h = 0;
  int mi = 0;
  int sec = 0;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, d)) {
    return bad("an ISO-8601 timestamp", text);
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
    return bad("an ISO-8601 timestamp (no time)", text);
  }
  ++pos;
  if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi) ||
      !expect(s, pos, ':') || !digits(s, pos, 2, sec)) {
    return bad("an ISO-8601 timestamp", text);
  }
  long long micros = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    long long scale = 100000;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      micros += (s[pos] - '0') * scale;  // digits past microseconds are dropped
      scale /= 10;
      ++pos;
    }
    if (pos == start) return bad("an ISO-8601 timestamp (empty fraction)", text);
  }
  long long offset_seconds = 0;
  if (pos < s.size()) {
    char z = s[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
    } else if (z == '+' || z == '-') {
      ++pos;
      int oh = 0;
      int om = 0;
      if (!digits(s, pos, 2, oh)) return bad("an ISO-8601 offset", text);
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !digits(s, pos, 2, om)) return bad("an ISO-8601 offset", text);
      if (oh > 23 || om > 59) return bad("an ISO-8601 offset", text);
      offset_seconds = (z == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL);
    }
  }
  // No zone at all is taken as UTC (AWS always sends one).
  if (pos != s.size()) return bad("an ISO-8601 timestamp (trailing text)", text);
  auto t = from_civil(y, mo, d, h, mi, sec, micros, text);
  if (!t.ok()) return t;
  return *t - std::chrono::duration_cast<WallTime::duration>(seconds{offset_seconds});
}

Result<WallTime> parse_http_date(std::string_view text) {
  // IMF-fixdate only: "Sun, 22 Nov 2026 12:39:04 GMT".
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string_view s = text;
  auto comma = s.find(", ");
  if (comma == std::string_view::npos) return bad("an HTTP date", text);
  std::size_t pos = comma + 2;
  int d = 0;
  int y = 0;
  int h = 0;
  int mi = 0;
  int sec = 0;
  if (!digits(s, pos, 2, d) || !expect(s, pos, ' ') || pos + 4 > s.size()) {
    return bad("an HTTP date", text);
  }
  std::string_view mon = s.substr(pos, 3);
  pos += 3;
  int mo = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == mon) mo = static_cast<int>(i) + 1;
  }
  if (mo == 0 || !expect(s, pos, ' ') || !digits(s, pos, 4, y) || !expect(s, pos, ' ') ||
      !digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi) ||
      !expect(s, pos, ':') || !digits(s, pos, 2, sec) || s.substr(pos) != " GMT") {
    return bad("an HTTP date", text);
  }
  return from_civil(y, mo, d, h, mi, sec, 0, text);
}

Result<WallTime> parse_timestamp(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.size() >= 5 && s[4] == '-') return parse_iso8601(s);
  if (s.find(',') != std::string_view::npos) return parse_http_date(s);
  auto epoch = parse_epoch_seconds(s);
  if (epoch.ok()) return epoch;
  return bad("a timestamp (epoch seconds, ISO-8601 or HTTP date)", text);
}

Result<WallTime> timestamp_from_json(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    return parse_epoch_seconds(value.dump());
  }
  if (value.is_number_float()) {
    double v = value.get<double>();
    if (!std::isfinite(v) || v > 253402300799.0 || v < -62135596800.0) {
      return bad("a plausible epoch", value.dump());
    }
    auto micros = static_cast<long long>(std::llround(v * 1e6));
    return WallTime{} + std::chrono::duration_cast<WallTime::duration>(microseconds{micros});
  }
  if (value.is_string()) return parse_timestamp(value.get_ref<const std::string&>());
  return bad("a timestamp (expected a number or a string)", value.dump());
}

std::string format_iso8601(WallTime t, bool millis) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto days = floor<std::chrono::days>(secs);
  year_month_day ymd{days};
  hh_mm_ss hms{secs - days};
  std::string out =
      fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  hms.hours().count(), hms.minutes().count(), hms.seconds().count());
  if (millis) out += fmt::format(".{:03}", duration_cast<milliseconds>(t - secs).count());
  out += 'Z';
  return out;
}

std::string format_epoch_seconds(WallTime t) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto ms = duration_cast<milliseconds>(t - secs).count();
  if (ms == 0) return fmt::format("{}", secs.time_since_epoch().count());
  return fmt::format("{}.{:03}", secs.time_since_epoch().count(), ms);
}

}  // namespace certguard::aws::protocol
