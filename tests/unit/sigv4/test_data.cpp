#include "test_data.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace certguard::aws::sigv4::testing {

std::filesystem::path shared_sigv4_dir() {
  return std::filesystem::path(CG_SHARED_DIR) / "testdata" / "sigv4";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test data file " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SignableRequest parse_request_text(std::string_view text) {
  SignableRequest req;
  std::size_t pos = text.find('\n');
  std::string_view line = text.substr(0, pos);
  // The path may hold spaces ("/example space/"), so cut at the first and the last space.
  const std::size_t first = line.find(' ');
  const std::size_t last = line.rfind(' ');
  if (first == std::string_view::npos || last <= first) {
    throw std::runtime_error("malformed request line: " + std::string(line));
  }
  req.method = std::string(line.substr(0, first));
  const std::string_view target = line.substr(first + 1, last - first - 1);
  const std::size_t q = target.find('?');
  req.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  while (pos != std::string_view::npos) {
    const std::size_t start = pos + 1;
    if (start >= text.size()) break;
    pos = text.find('\n', start);
    line = text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    if (line.empty()) {  // blank line: the body follows
      if (pos != std::string_view::npos) req.body = std::string(text.substr(pos + 1));
      break;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !req.headers.empty()) {
      req.headers.back().second.append("\n").append(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      throw std::runtime_error("malformed header line: " + std::string(line));
    }
    req.headers.emplace_back(std::string(line.substr(0, colon)),
                             std::string(line.substr(colon + 1)));
  }
  return req;
}

WallTime parse_iso8601(std::string_view text) {
  int y = 0;
  unsigned mo = 0;
  unsigned d = 0;
  int h = 0;
  int mi = 0;
  int s = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%d-%u-%uT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
    throw std::runtime_error("bad timestamp " + copy);
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo},
                                        std::chrono::day{d}};
  return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{s};
}

}  // namespace certguard::aws::sigv4::testing
