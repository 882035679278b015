#pragma once

// A parser for the AWS shared config and credentials files, reading them the way
// botocore does (Python's RawConfigParser plus botocore's nested-value rule):
//   - `[section]` headers; `key = value` or `key: value` (first '=' or ':' splits);
//     keys are lower-cased, values trimmed; inline `#` is NOT a comment (as in botocore).
//   - whole-line comments start with '#' or ';'; blank lines are ignored.
//   - an indented line continues the previous key's value. When the key's own line has an
//     empty value, the continuation lines are a nested block of `key = value` pairs
//     (`api_gateway =\n  endpoint_url = ...` in `[services x]`, `s3 =\n  ...`).
//   - duplicate sections or duplicate keys in a section are errors (RawConfigParser strict).
// Errors are kConfig and name the file and line ("path:12: ...").

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "certguard/core/result.h"

namespace certguard::aws {

using IniValues = std::map<std::string, std::string>;

struct IniSection {
  std::string name;  // the header text between the brackets, trimmed
  int line = 0;      // line of the header, 1-based
  IniValues values;  // flat keys (a nested key appears here with an empty value)
  std::map<std::string, IniValues> nested;  // key -> its nested block
};

struct IniFile {
  std::string path;  // as given; used in error messages
  std::vector<IniSection> sections;

  [[nodiscard]] const IniSection* find(std::string_view name) const;
};

// Parses `text`; `path` is only used to name the file in errors.
Result<IniFile> parse_ini(std::string_view text, std::string_view path);

// Reads and parses the file at `path`. A file that does not exist is an empty IniFile (the
// SDKs treat missing shared files as empty); one that exists but cannot be read is an error.
Result<IniFile> load_ini_file(const std::string& path);

}  // namespace certguard::aws
