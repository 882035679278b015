#include "certguard/aws/http/curl_event_loop.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <exception>
#include <mutex>
#include <queue>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "certguard/aws/http/curl_request.h"

namespace certguard::aws {
namespace {

using SteadyClock = std::chrono::steady_clock;

// libcurl needs one process-wide initialisation before any other call. It is library
// state, not ours, so it is done once here rather than asked of every caller.
void curl_global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

ErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorKind::kTimeout;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return ErrorKind::kInvalidInput;
    default:
      return ErrorKind::kNetwork;
  }
}

std::string hint_for(CURLcode code, const HttpRequest& req) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return fmt::format(" (connect timeout {} ms, total timeout {} ms)",
                         req.connect_timeout.count(), req.total_timeout.count());
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
      return " (check the server certificate, AWS_CA_BUNDLE and any TLS-intercepting proxy)";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return " (check the endpoint URL, the network and proxy settings)";
    default:
      return "";
  }
}

}  // namespace

std::optional<ProxyConfig> proxy_from_environment(
    const std::map<std::string, std::string, std::less<>>& env) {
  auto pick = [&env](std::string_view upper, std::string_view lower) -> std::optional<std::string> {
    for (auto name : {upper, lower}) {
      auto it = env.find(name);
      if (it != env.end() && !it->second.empty()) return it->second;
    }
    return std::nullopt;
  };
  auto http = pick("HTTP_PROXY", "http_proxy");
  auto https = pick("HTTPS_PROXY", "https_proxy");
  auto no = pick("NO_PROXY", "no_proxy");
  if (!http && !https && !no) return std::nullopt;
  return ProxyConfig{http.value_or(""), https.value_or(""), no.value_or("")};
}

struct CurlEventLoop::Impl {
  struct Sleep {
    SteadyClock::time_point at;
    std::uint64_t seq;
    std::coroutine_handle<> handle;
    bool operator>(const Sleep& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };

  // Awaiters hold raw pointers only (trivially destructible; see the g++ 12 rules).
  struct TransferAwaiter {
    Impl* impl;
    CurlTransfer* transfer;
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
      transfer->waiter = h;
      if (curl_multi_add_handle(impl->multi, transfer->easy) != CURLM_OK) {
        transfer->code = CURLE_FAILED_INIT;
        return false;
      }
      impl->active.insert(transfer);
      return true;
    }
    void await_resume() const noexcept {}
  };

  struct SleepAwaiter {
    Impl* impl;
    SteadyClock::time_point at;
    [[nodiscard]] bool await_ready() const noexcept { return at <= SteadyClock::now(); }
    void await_suspend(std::coroutine_handle<> h) { impl->sleeps.push({at, impl->seq++, h}); }
    void await_resume() const noexcept {}
  };

  explicit Impl(CurlOptions opts) : options(std::move(opts)) {
    curl_global_init_once();
    multi = curl_multi_init();
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (multi == nullptr || epfd < 0) {
      std::fputs("certguard: cannot initialise libcurl multi or epoll\n", stderr);
      std::terminate();
    }
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, options.max_idle_connections);
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, long{CURLPIPE_NOTHING});
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  ~Impl() {
    // Transfers still in flight belong to suspended coroutines that will never resume.
    for (auto* t : active) curl_multi_remove_handle(multi, t->easy);
    active.clear();
    easies.clear();
    curl_multi_cleanup(multi);
    ::close(epfd);
  }

  static int on_socket(CURL* /*easy*/, curl_socket_t s, int what, void* userp, void* /*sockp*/) {
    auto* self = static_cast<Impl*>(userp);
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(self->epfd, EPOLL_CTL_DEL, s, nullptr);
      return 0;
    }
    epoll_event ev{};
    ev.events =
        ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0U) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0U);
    ev.data.fd = s;
    if (epoll_ctl(self->epfd, EPOLL_CTL_MOD, s, &ev) != 0 && errno == ENOENT) {
      epoll_ctl(self->epfd, EPOLL_CTL_ADD, s, &ev);
    }
    return 0;
  }

  static int on_timer(CURLM* /*multi*/, long timeout_ms, void* userp) {
    auto* self = static_cast<Impl*>(userp);
    if (timeout_ms < 0) {
      self->curl_deadline.reset();
    } else {
      self->curl_deadline = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  [[nodiscard]] bool has_pending() const { return !active.empty() || !sleeps.empty(); }

  int wait_ms(SteadyClock::time_point now) const {
    std::optional<SteadyClock::time_point> next;
    if (curl_deadline && !active.empty()) next = curl_deadline;
    if (!sleeps.empty() && (!next || sleeps.top().at < *next)) next = sleeps.top().at;
    if (!next) return -1;
    if (*next <= now) return 0;
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(*next - now).count();
    return static_cast<int>(std::min<long long>(ms, 60000));
  }

  void socket_action(curl_socket_t s, int flags) {
    int running = 0;
    curl_multi_socket_action(multi, s, flags, &running);
  }

  // One turn: wait for sockets or the next deadline, let curl work, then resume the
  // coroutines whose transfers or sleeps finished. Returns false when nothing is pending.
  bool step() {
    if (!has_pending()) return false;
    auto& events = events_buf;
    int n = epoll_wait(epfd, events.data(), static_cast<int>(events.size()),
                       wait_ms(SteadyClock::now()));
    for (int i = 0; i < n; ++i) {
      const auto& ev = events[static_cast<std::size_t>(i)];
      int flags = 0;
      if ((ev.events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) != 0) flags |= CURL_CSELECT_IN;
      if ((ev.events & EPOLLOUT) != 0) flags |= CURL_CSELECT_OUT;
      if ((ev.events & EPOLLERR) != 0) flags |= CURL_CSELECT_ERR;
      socket_action(ev.data.fd, flags);
    }
    auto now = SteadyClock::now();
    if (curl_deadline && *curl_deadline <= now) {
      curl_deadline.reset();
      socket_action(CURL_SOCKET_TIMEOUT, 0);
    }
    resume_finished_transfers();
    resume_due_sleeps(SteadyClock::now());
    return true;
  }

  void resume_finished_transfers() {
    std::vector<CurlTransfer*> finished;
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      void* priv = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
      auto* t = static_cast<CurlTransfer*>(priv);
      t->code = m->data.result;
      finished.push_back(t);
    }
    for (auto* t : finished) {
      curl_multi_remove_handle(multi, t->easy);
      active.erase(t);
    }
    // Resume only now, outside libcurl's calls: a resumed coroutine may send again.
    for (auto* t : finished) t->waiter.resume();
  }

  void resume_due_sleeps(SteadyClock::time_point now) {
    std::vector<std::coroutine_handle<>> due;
    while (!sleeps.empty() && sleeps.top().at <= now) {
      due.push_back(sleeps.top().handle);
      sleeps.pop();
    }
    for (auto h : due) h.resume();
  }

  CurlOptions options;
  EasyPool easies;
  CURLM* multi = nullptr;
  int epfd = -1;
  std::optional<SteadyClock::time_point> curl_deadline;
  std::priority_queue<Sleep, std::vector<Sleep>, std::greater<>> sleeps;
  std::uint64_t seq = 0;
  std::unordered_set<CurlTransfer*> active;
  std::size_t spawned = 0;
  bool driving = false;
  std::array<epoll_event, 1024> events_buf{};  // reused by every step (no per-step zeroing)
};

CurlEventLoop::CurlEventLoop(CurlOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

CurlEventLoop::~CurlEventLoop() = default;

Task<Result<HttpResponse>> CurlEventLoop::send(HttpRequest request) {
  Impl* impl = impl_.get();
  // Heap-allocated so libcurl's callbacks see a stable address.
  auto transfer = std::make_unique<CurlTransfer>();
  transfer->request = std::move(request);
  transfer->started = SteadyClock::now();
  transfer->easy = impl->easies.acquire();
  Impl::TransferAwaiter awaiter{impl, transfer.get()};
  if (auto prepared = prepare_transfer(*transfer, impl->options); prepared.ok()) {
    co_await awaiter;
  } else {
    transfer->code = CURLE_FAILED_INIT;
    transfer->setup_error = prepared.error().message;
  }

  Result<HttpResponse> result = make_error(ErrorKind::kInternal, "");
  if (transfer->code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
    HttpResponse response;
    response.status = static_cast<int>(status);
    response.headers = transfer->head.take();
    response.body = std::move(transfer->body);
    result = std::move(response);
  } else {
    const auto& req = transfer->request;
    std::string detail = !transfer->setup_error.empty() ? transfer->setup_error
                         : transfer->errbuf[0] != '\0'
                             ? std::string(transfer->errbuf.data())
                             : std::string(curl_easy_strerror(transfer->code));
    result =
        make_error(kind_of(transfer->code), fmt::format("{} {} failed: {}{}", req.method, req.url,
                                                        detail, hint_for(transfer->code, req)));
  }
  impl->easies.release(transfer->easy);
  transfer->easy = nullptr;
  if (impl->options.debug) {
    auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() -
                                                                         transfer->started);
    impl->options.debug(HttpExchange{&transfer->request, &result, elapsed});
  }
  co_return result;
}

Task<void> CurlEventLoop::sleep_for(std::chrono::nanoseconds duration) {
  if (duration.count() <= 0) co_return;
  Impl::SleepAwaiter awaiter{
      impl_.get(),
      SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(duration)};
  co_await awaiter;
}

void CurlEventLoop::spawn(Task<void> task) {
  ++impl_->spawned;
  start(std::move(task), [impl = impl_.get()] { --impl->spawned; });
}

void CurlEventLoop::run_until_idle() {
  Impl* impl = impl_.get();
  drive([impl] { return impl->spawned == 0 && !impl->has_pending(); });
}

std::size_t CurlEventLoop::in_flight() const {
  return impl_->active.size();
}

void CurlEventLoop::drive(const std::function<bool()>& done) {
  if (impl_->driving) {
    std::fputs("certguard: CurlEventLoop::run called from inside the loop\n", stderr);
    std::terminate();
  }
  impl_->driving = true;
  while (!done()) {
    if (!impl_->step()) {
      if (done()) break;
      // A task waits for something this loop will never deliver: a bug.
      std::fputs("certguard: CurlEventLoop has nothing pending but the task is not done\n", stderr);
      std::terminate();
    }
  }
  impl_->driving = false;
}

}  // namespace certguard::aws
