#include "certguard/aws/auth/process_runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace certguard::aws {
namespace {

constexpr std::size_t kMaxStdout = std::size_t{1} << 20U;
constexpr std::size_t kMaxStderr = std::size_t{64} << 10U;

Error run_error(ErrorKind kind, std::string message, std::string_view program) {
  Error e = make_error(kind, std::move(message));
  e.operation = "RunProcess";
  e.resource = program;
  return e;
}

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
  bool open() {
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) return false;
    read.reset(fds[0]);
    write.reset(fds[1]);
    return true;
  }
};

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Result<std::vector<std::string>> shell_split(std::string_view command) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  std::size_t i = 0;
  auto fail = [&](std::string_view what) {
    return run_error(ErrorKind::kConfig,
                     fmt::format("cannot split the command '{}': {}", command, what), command);
  };
  while (i < command.size()) {
    char c = command[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::exchange(cur, {}));
      in_word = false;
      ++i;
    } else if (c == '\'') {
      auto end = command.find('\'', i + 1);
      if (end == std::string_view::npos) return fail("unterminated single quote");
      cur += command.substr(i + 1, end - i - 1);
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      ++i;
      bool closed = false;
      while (i < command.size()) {
        char d = command[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < command.size() &&
            std::string_view("\"\\$`").find(command[i + 1]) != std::string_view::npos) {
          cur += command[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        ++i;
      }
      if (!closed) return fail("unterminated double quote");
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 >= command.size()) return fail("trailing backslash");
      cur += command[i + 1];
      in_word = true;
      i += 2;
    } else {
      cur += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(cur));
  if (words.empty()) return fail("it is empty");
  return words;
}

Result<ProcessResult> run_process(const std::vector<std::string>& argv, const Environment& env,
                                  std::chrono::milliseconds timeout) {
  if (argv.empty()) return run_error(ErrorKind::kConfig, "no program to run", "");
  const std::string& program = argv.front();
  Pipe out_pipe;
  Pipe err_pipe;
  if (!out_pipe.open() || !err_pipe.open()) {
    return run_error(ErrorKind::kInternal, fmt::format("pipe: {}", std::strerror(errno)), program);
  }

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));  // NOLINT
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  env_strings.reserve(env.vars().size());
  for (const auto& [k, v] : env.vars()) {
    std::string entry = k;
    entry += '=';
    entry += v;
    env_strings.push_back(std::move(entry));
  }
  std::vector<char*> envp;
  envp.reserve(env_strings.size() + 1);
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe.write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe.write.get(), 2);
  // posix_spawnp searches the PATH of *this* process; put the child's PATH in place by
  // resolving the program ourselves when it has no '/'.
  std::string resolved = program;
  if (program.find('/') == std::string::npos) {
    std::string path = env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
    std::size_t start = 0;
    while (start <= path.size()) {
      auto end = path.find(':', start);
      if (end == std::string::npos) end = path.size();
      std::string dir = path.substr(start, end - start);
      std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
      if (::access(candidate.c_str(), X_OK) == 0) {
        resolved = candidate;
        break;
      }
      start = end + 1;
    }
  }
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, resolved.c_str(), &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return run_error(ErrorKind::kConfig,
                     fmt::format("cannot start '{}': {}; check the command and its PATH", program,
                                 std::strerror(rc)),
                     program);
  }
  out_pipe.write.reset();
  err_pipe.write.reset();

  ProcessResult result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 4096> buf{};
  std::array<bool, 2> open{true, true};
  bool too_big = false;
  bool exited = false;
  int status = 0;
  // Reads whatever is ready within `wait_ms`; returns false on a poll error.
  auto pump = [&](int wait_ms) {
    std::array<pollfd, 2> fds{pollfd{open[0] ? out_pipe.read.get() : -1, POLLIN, 0},
                              pollfd{open[1] ? err_pipe.read.get() : -1, POLLIN, 0}};
    int n = ::poll(fds.data(), fds.size(), wait_ms);
    if (n < 0) return errno == EINTR;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = ::read(fds[i].fd, buf.data(), buf.size());
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        open[i] = false;
        continue;
      }
      std::string& sink = i == 0 ? result.out : result.err;
      std::size_t cap = i == 0 ? kMaxStdout : kMaxStderr;
      if (sink.size() < cap) sink.append(buf.data(), static_cast<std::size_t>(got));
      if (i == 0 && sink.size() >= kMaxStdout) too_big = true;
    }
    return true;
  };
  // Until the child exits (or the deadline): read its output. A grandchild left running
  // in the background may keep the pipes open, so the child's exit, not EOF, ends the wait.
  while (!too_big) {
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = true;
    if (exited) {
      // Drain what is already written, without waiting for EOF.
      for (int i = 0; i < 64 && (open[0] || open[1]) && !too_big; ++i) {
        std::size_t before = result.out.size() + result.err.size();
        bool was_open = open[0] || open[1];
        pump(0);
        if (result.out.size() + result.err.size() == before && was_open == (open[0] || open[1])) {
          break;
        }
      }
      break;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    if (!pump(static_cast<int>(std::min<long>(left.count(), 20)))) break;
  }
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    if (too_big) {
      return run_error(ErrorKind::kParse,
                       fmt::format("'{}' wrote more than {} bytes to stdout", program, kMaxStdout),
                       program);
    }
    return run_error(
        ErrorKind::kTimeout,
        fmt::format("'{}' did not finish within {} ms and was killed", program, timeout.count()),
        program);
  }
  result.exit_code = decode_status(status);
  return result;
}

}  // namespace certguard::aws
