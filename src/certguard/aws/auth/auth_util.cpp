#include "certguard/aws/auth/auth_util.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace certguard::aws {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

Error not_available(std::string_view provider, std::string message) {
  Error e = make_error(ErrorKind::kCredentials, std::move(message));
  e.aws_code = kNoCredentialsCode;
  e.operation = "ResolveCredentials";
  e.resource = provider;
  return e;
}

Error provider_failure(ErrorKind kind, std::string_view provider, std::string message) {
  Error e = make_error(kind, std::move(message));
  e.operation = "ResolveCredentials";
  e.resource = provider;
  return e;
}

std::optional<WallTime> parse_iso8601(std::string_view s) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' ||
      !digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  std::chrono::nanoseconds fraction{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::int64_t scale = 100000000;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      fraction += std::chrono::nanoseconds((s[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  std::chrono::minutes offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    bool neg = s[pos] == '-';
    if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
    std::size_t mpos = pos + 3;
    if (mpos < s.size() && s[mpos] == ':') ++mpos;
    if (!digits(s, mpos, 2, om)) return std::nullopt;
    pos = mpos + 2;
    offset = std::chrono::hours(oh) + std::chrono::minutes(om);
    if (neg) offset = -offset;
  } else {
    return std::nullopt;  // no zone: ambiguous, refuse
  }
  if (pos != s.size()) return std::nullopt;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  auto t = std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second) - offset;
  return std::chrono::time_point_cast<WallTime::duration>(t) +
         std::chrono::duration_cast<WallTime::duration>(fraction);
}

std::string format_iso8601(WallTime time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(time));
}

std::string account_from_arn(std::string_view arn) {
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return "";
    ++pos;
  }
  auto end = arn.find(':', pos);
  if (end == std::string_view::npos) return "";
  return std::string(arn.substr(pos, end - pos));
}

std::optional<UrlParts> split_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  UrlParts out;
  out.scheme = std::string(url.substr(0, scheme_end));
  for (auto& c : out.scheme) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  std::string_view rest = url.substr(scheme_end + 3);
  auto slash = rest.find_first_of("/?#");
  out.authority = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    auto q = path.find_first_of("?#");
    out.path = std::string(path.substr(0, q));
  }
  if (out.authority.empty()) return std::nullopt;
  std::string_view a = out.authority;
  if (auto at = a.rfind('@'); at != std::string_view::npos) a = a.substr(at + 1);
  if (!a.empty() && a.front() == '[') {
    auto close = a.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(a.substr(1, close - 1));
  } else {
    out.host = std::string(a.substr(0, a.find(':')));
  }
  if (out.host.empty()) return std::nullopt;
  return out;
}

Result<Credentials> require_complete(Credentials creds, std::string_view provider) {
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    // Half a key pair is a configuration mistake, not "no credentials": stop the chain.
    return provider_failure(
        ErrorKind::kConfig, provider,
        fmt::format("{} gave {} but not {}", provider,
                    creds.access_key_id.empty() ? "a secret key" : "an access key id",
                    creds.access_key_id.empty() ? "the access key id" : "the secret access key"));
  }
  creds.provider = std::string(provider);
  return creds;
}

}  // namespace certguard::aws
