#include "certguard/aws/config/ini.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "certguard/aws/config/strings.h"

namespace certguard::aws {
namespace {

Error ini_error(std::string_view path, int line, std::string_view what) {
  Error e = make_error(ErrorKind::kConfig,
                       fmt::format("{}:{}: {}; fix or remove this line", path, line, what));
  e.operation = "ParseConfigFile";
  e.resource = fmt::format("{}:{}", path, line);
  return e;
}

bool starts_indented(std::string_view line) {
  return !line.empty() && (line.front() == ' ' || line.front() == '\t');
}

// State of the parse: the open section and the key whose value may continue.
class Parser {
 public:
  explicit Parser(std::string_view path) { file_.path = path; }

  Status feed(std::string_view raw, int line_no) {
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#' || t.front() == ';') return {};
    if (starts_indented(line) && current_ != nullptr && !key_.empty()) {
      return continuation(t, line_no);
    }
    key_.clear();
    if (t.front() == '[') return header(t, line_no);
    if (current_ == nullptr) {
      return ini_error(file_.path, line_no,
                       "a setting appears before any [section] header; add a header such as "
                       "[default] above it");
    }
    return assignment(t, line_no);
  }

  IniFile take() && { return std::move(file_); }

 private:
  Status header(std::string_view t, int line_no) {
    auto close = t.rfind(']');
    if (close == std::string_view::npos) {
      return ini_error(file_.path, line_no, "section header is missing its closing ']'");
    }
    std::string_view rest = trim(t.substr(close + 1));
    if (!rest.empty() && rest.front() != '#' && rest.front() != ';') {
      return ini_error(file_.path, line_no, "unexpected text after the section header");
    }
    std::string_view name = trim(t.substr(1, close - 1));
    if (name.empty()) return ini_error(file_.path, line_no, "empty section name '[]'");
    for (const auto& s : file_.sections) {
      if (s.name == name) {
        return ini_error(
            file_.path, line_no,
            fmt::format("section [{}] appears twice (first on line {})", name, s.line));
      }
    }
    file_.sections.push_back(IniSection{std::string(name), line_no, {}, {}});
    current_ = &file_.sections.back();
    return {};
  }

  Status assignment(std::string_view t, int line_no) {
    auto pos = t.find_first_of("=:");
    if (pos == std::string_view::npos) {
      return ini_error(file_.path, line_no,
                       fmt::format("expected 'key = value' but found '{}'", t.substr(0, 80)));
    }
    std::string key = to_lower(trim(t.substr(0, pos)));
    if (key.empty()) return ini_error(file_.path, line_no, "missing key before '='");
    if (current_->values.contains(key)) {
      return ini_error(file_.path, line_no,
                       fmt::format("key '{}' appears twice in [{}]", key, current_->name));
    }
    current_->values[key] = std::string(trim(t.substr(pos + 1)));
    key_ = key;
    return {};
  }

  // An indented line after `key = ...`: a nested `sub = value` if the key's own value was
  // empty (botocore's rule), else more text for the value, joined with '\n'.
  Status continuation(std::string_view t, int line_no) {
    std::string& value = current_->values[key_];
    auto nested_it = current_->nested.find(key_);
    if (value.empty() || nested_it != current_->nested.end()) {
      auto pos = t.find('=');
      if (pos == std::string_view::npos) {
        return ini_error(
            file_.path, line_no,
            fmt::format("expected 'name = value' in the nested block under '{}'", key_));
      }
      std::string sub = to_lower(trim(t.substr(0, pos)));
      if (sub.empty()) return ini_error(file_.path, line_no, "missing key before '='");
      current_->nested[key_][sub] = std::string(trim(t.substr(pos + 1)));
      return {};
    }
    value += '\n';
    value += t;
    return {};
  }

  IniFile file_;
  IniSection* current_ = nullptr;  // points into file_.sections (stable: only back() grows
                                   // after it is taken, and we re-take it on each header)
  std::string key_;
};

}  // namespace

const IniSection* IniFile::find(std::string_view name) const {
  for (const auto& s : sections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Result<IniFile> parse_ini(std::string_view text, std::string_view path) {
  Parser parser(path);
  int line_no = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_no;
    std::string_view line = text.substr(start, end - start);
    if (line.find('\0') != std::string_view::npos) {
      return ini_error(path, line_no, "contains a NUL byte (is this a text file?)");
    }
    if (auto st = parser.feed(line, line_no); !st) return st.error();
    start = end + 1;
  }
  return std::move(parser).take();
}

Result<IniFile> load_ini_file(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || status.type() == std::filesystem::file_type::not_found) return IniFile{path, {}};
  if (status.type() == std::filesystem::file_type::directory) {
    Error e = make_error(ErrorKind::kConfig,
                         fmt::format("{} is a directory, not a config file; point the setting at "
                                     "a file",
                                     path));
    e.operation = "ReadConfigFile";
    e.resource = path;
    return e;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    Error e = make_error(
        ErrorKind::kConfig,
        fmt::format("cannot read {}: {}; check its permissions", path, std::strerror(err)));
    e.operation = "ReadConfigFile";
    e.resource = path;
    return e;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_ini(buf.str(), path);
}

}  // namespace certguard::aws
