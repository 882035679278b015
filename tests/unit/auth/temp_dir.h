#pragma once

// A temporary directory removed at the end of the test, with helpers to write files.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace certguard::aws::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "certguard-auth-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    path_ = tmpl;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] std::string path(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& content, bool executable = false) {
    std::string p = path(name);
    {
      std::ofstream out(p, std::ios::binary);
      out << content;
    }
    if (executable) ::chmod(p.c_str(), 0700);
    return p;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace certguard::aws::testing
