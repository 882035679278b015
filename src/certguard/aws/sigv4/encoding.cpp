#include "certguard/aws/sigv4/encoding.h"

#include <vector>

namespace certguard::aws::sigv4 {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes Python's str.split() treats as whitespace in ASCII (botocore trims with it).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
         (c >= '\x1c' && c <= '\x1f');
}

}  // namespace

std::string uri_encode(std::string_view in, bool keep_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size() * 3);
  for (char c : in) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(c);
    } else {
      const auto b = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kDigits[b >> 4U]);
      out.push_back(kDigits[b & 0x0FU]);
    }
  }
  return out;
}

std::string uri_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

std::string normalize_path(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  if (path.front() == '/') out.push_back('/');
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(segments[i]);
  }
  if (path.back() == '/' && !segments.empty()) out.push_back('/');
  return out;
}

std::string ascii_lower(std::string_view in) {
  std::string out(in);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string trim_all(std::string_view in) {
  std::string out;
  append_trim_all(out, in);
  return out;
}

void append_trim_all(std::string& out, std::string_view in) {
  // Most values hold no whitespace run to collapse: copy the trimmed span in one piece.
  std::size_t begin = 0;
  std::size_t end = in.size();
  while (begin < end && is_space(in[begin])) ++begin;
  while (end > begin && is_space(in[end - 1])) --end;
  const std::string_view core = in.substr(begin, end - begin);
  bool simple = true;
  for (char c : core) {
    if (c != ' ' && is_space(c)) {
      simple = false;
      break;
    }
  }
  if (simple && core.find("  ") == std::string_view::npos) {
    out.append(core);
    return;
  }
  bool pending_space = false;
  bool any = false;
  for (char c : core) {
    if (is_space(c)) {
      pending_space = any;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    any = true;
    out.push_back(c);
  }
}

bool header_name_is(std::string_view raw_name, std::string_view lowercase_name) {
  for (char c : raw_name) {
    if (is_space(c)) return ascii_lower(trim_all(raw_name)) == lowercase_name;
  }
  if (raw_name.size() != lowercase_name.size()) return false;
  for (std::size_t i = 0; i < raw_name.size(); ++i) {
    char c = raw_name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lowercase_name[i]) return false;
  }
  return true;
}

}  // namespace certguard::aws::sigv4
