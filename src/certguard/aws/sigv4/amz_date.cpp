#include "certguard/aws/sigv4/amz_date.h"

#include <fmt/format.h>

#include <chrono>

namespace certguard::aws::sigv4 {

std::string format_amz_date(WallTime time) {
  using std::chrono::floor;
  const auto secs = floor<std::chrono::seconds>(time);
  const auto day = floor<std::chrono::days>(secs);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{secs - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

Result<WallTime> parse_amz_date(std::string_view amz_date) {
  auto bad = [&] {
    return make_error(ErrorKind::kInvalidInput,
                      fmt::format("X-Amz-Date '{}' is not in the form YYYYMMDDTHHMMSSZ", amz_date));
  };
  if (amz_date.size() != 16 || amz_date[8] != 'T' || amz_date[15] != 'Z') return bad();
  int fields[6] = {};
  const std::size_t starts[6] = {0, 4, 6, 9, 11, 13};
  const std::size_t lens[6] = {4, 2, 2, 2, 2, 2};
  for (std::size_t f = 0; f < 6; ++f) {
    int v = 0;
    for (std::size_t i = starts[f]; i < starts[f] + lens[f]; ++i) {
      const char c = amz_date[i];
      if (c < '0' || c > '9') return bad();
      v = v * 10 + (c - '0');
    }
    fields[f] = v;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{fields[0]},
                                        std::chrono::month{static_cast<unsigned>(fields[1])},
                                        std::chrono::day{static_cast<unsigned>(fields[2])}};
  if (!ymd.ok() || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) return bad();
  return WallTime{std::chrono::sys_days{ymd} + std::chrono::hours{fields[3]} +
                  std::chrono::minutes{fields[4]} + std::chrono::seconds{fields[5]}};
}

}  // namespace certguard::aws::sigv4
