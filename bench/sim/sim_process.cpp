#include "bench/sim/sim_process.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX name

namespace certguard::bench {

namespace {
Error failure(const std::string& what) {
  return make_error(ErrorKind::kInternal, "certguard-sim benchmark: " + what);
}
}  // namespace

Result<SimProcess> SimProcess::start(const std::string& binary,
                                     const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings = {binary, "serve", "--port", "0"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(argv_strings.size() + 1);
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe(fds) != 0) return failure("pipe() failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  const auto begin = std::chrono::steady_clock::now();
  SimProcess p;
  const int rc = posix_spawn(&p.pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return failure("cannot start " + binary + " (build the certguard-sim target)");
  }
  p.stdout_fd_ = fds[0];
  std::string line;
  char c = 0;
  while (read(p.stdout_fd_, &c, 1) == 1 && c != '\n') line.push_back(c);
  p.startup_ = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - begin);
  const std::string prefix = "listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) {
    return failure(binary + " did not print its listening line (got '" + line + "')");
  }
  p.port_ = std::stoi(line.substr(prefix.size()));
  return p;
}

SimProcess::SimProcess(SimProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      stdout_fd_(std::exchange(other.stdout_fd_, -1)),
      port_(other.port_),
      startup_(other.startup_) {}

SimProcess::~SimProcess() {
  stop();
}

void SimProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
}

long SimProcess::status_field(const char* name) const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string key;
  while (in >> key) {
    if (key == name) {
      long value = 0;
      in >> value;
      return value;
    }
    std::string rest;
    std::getline(in, rest);
  }
  return 0;
}

SimProcess::Usage SimProcess::usage() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the ")" that closes the command name: state is field 3, minflt 10, utime 14,
  // stime 15.
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  Usage out;
  const auto ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 10) out.minor_faults = std::stod(field);
    if (i == 14) out.user = std::stod(field) / ticks_per_second;
    if (i == 15) out.system = std::stod(field) / ticks_per_second;
  }
  return out;
}

long SimProcess::rss_kib() const {
  return status_field("VmRSS:");
}
long SimProcess::peak_rss_kib() const {
  return status_field("VmHWM:");
}

}  // namespace certguard::bench
