#pragma once

// Starts moto's server (python3 -m moto.server) on a free 127.0.0.1 port with dummy
// credentials, and runs helper processes (boto3 seeding, the aws CLI, certguard) with an
// environment that can only reach it. Stopped (SIGTERM to its pid) at destruction.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace certguard::testing {

inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));  // NOLINT
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);  // NOLINT
  ::close(fd);
  return ntohs(addr.sin_port);
}

inline bool port_open(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;  // NOLINT
  ::close(fd);
  return ok;
}

class MotoServer {
 public:
  MotoServer() : port_(free_port()) {
    std::string port = std::to_string(port_);
    std::vector<std::string> args = {"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", port};
    std::vector<std::string> env = environment();
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    if (::posix_spawnp(&pid_, "python3", &actions, nullptr, argv.data(), envp.data()) != 0) {
      pid_ = 0;
    }
    posix_spawn_file_actions_destroy(&actions);
    for (int i = 0; pid_ > 0 && i < 600 && !port_open(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;
  ~MotoServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  [[nodiscard]] bool running() const { return pid_ > 0 && port_open(port_); }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Dummy credentials and nothing that could reach AWS or instance metadata.
  [[nodiscard]] std::vector<std::string> environment() const {
    const char* path = std::getenv("PATH");  // NOLINT(concurrency-mt-unsafe)
    const char* home = std::getenv("HOME");  // NOLINT(concurrency-mt-unsafe)
    return {std::string("PATH=") + (path != nullptr ? path : "/usr/bin:/bin"),
            std::string("HOME=") + (home != nullptr ? home : "/tmp"),
            "AWS_ACCESS_KEY_ID=testing",
            "AWS_SECRET_ACCESS_KEY=testing",
            "AWS_EC2_METADATA_DISABLED=true",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9",
            "AWS_CONFIG_FILE=/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
            "AWS_DEFAULT_REGION=us-east-1",
            "AWS_MAX_ATTEMPTS=1",
            "AWS_ENDPOINT_URL=" + url()};
  }

  // Runs `command` through /bin/sh with exactly environment() (plus `extra_env`, e.g.
  // "FOO=bar"); returns its exit status and stdout.
  struct Output {
    int status = -1;
    std::string out;
  };
  [[nodiscard]] Output run(const std::string& command, const std::string& extra_env = {}) const {
    std::string line = "env -i";
    for (const auto& e : environment()) line += " '" + e + "'";
    if (!extra_env.empty()) line += " " + extra_env;
    line += " " + command;
    Output result;
    FILE* pipe = ::popen(line.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      result.out.append(buffer.data(), n);
    int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
  }

 private:
  int port_;
  pid_t pid_ = 0;
};

}  // namespace certguard::testing
