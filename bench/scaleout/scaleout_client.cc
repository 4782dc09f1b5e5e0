// The check-in storm's client for bench/scaleout/run.sh and tests/scaleout: kiosks
// that retry, as the phone page and the kiosk queue do.
//
//   peixun_scaleout_client PORT TOKEN SESSION_ID BADGE_FILE CONNECTIONS SECONDS OUT
//                          [FINISH_SECONDS]
//
// CONNECTIONS keep-alive connections to 127.0.0.1:PORT (the balancer), one client
// each, all driven from one thread (epoll), so the client takes one core at most.
// A client sends kiosk check-ins (POST /api/v1/kiosk/scan), each with its own
// idempotency key "so-<run>-<client>-<n>", one after the other. A check-in that
// fails — no complete answer (connection refused, reset, closed) or a 5xx/408/429
// from the balancer — is sent again with the SAME key and badge after a pause
// (100 ms, doubled each time, at most 1 s), on a new connection if the old one
// broke. Any other 4xx is a refusal: counted, written down, never retried.
// New check-ins start for SECONDS; then the clients only finish what they started
// (retrying for at most FINISH_SECONDS more, 60 by default).
//
// Writes OUT.sent (every key started, one a line), OUT.acked (every key answered
// 200, one a line) and OUT.refused ("key status body"), and prints one line:
//   SCALEOUT started acked pending refused requests retries conn_errors http_errors
//            acked_in_window window_s p50_ms p99_ms max_key_ms
// (acked_in_window: keys acknowledged during the SECONDS window; p50/p99: the
// answered requests' latencies; max_key_ms: the longest time from a key's first
// send to its 200, retries included).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Client {
  int id = 0;
  int fd = -1;
  bool connected = false;
  int64_t n = 0;  // check-ins started
  std::string key;
  size_t badge = 0;
  bool busy = false;  // a key is started and not yet answered 200 or refused
  bool in_flight = false;
  std::string out;
  size_t out_off = 0;
  std::string in;
  Clock::time_point key_start;
  Clock::time_point sent_at;
  Clock::time_point wake_at;  // the retry's time, when waiting
  bool waiting = false;
  int attempts = 0;
};

struct Stats {
  int64_t started = 0, acked = 0, refused = 0, requests = 0, retries = 0, conn_errors = 0,
          http_errors = 0, acked_in_window = 0;
  double max_key_ms = 0;
  std::vector<float> latencies;
};

class Storm {
 public:
  Storm(int port, std::string token, std::string session, std::vector<std::string> badges,
        int connections, const std::string& out)
      : port_(port),
        token_(std::move(token)),
        session_(std::move(session)),
        badges_(std::move(badges)),
        clients_(static_cast<size_t>(connections)),
        sent_(out + ".sent"),
        acked_(out + ".acked"),
        refused_(out + ".refused"),
        run_(std::to_string(std::time(nullptr))) {
    for (size_t i = 0; i < clients_.size(); ++i) clients_[i].id = static_cast<int>(i);
    ep_ = epoll_create1(0);
  }

  int Run(double seconds, double finish_seconds) {
    const auto start = Clock::now();
    for (auto& c : clients_) StartKey(c);
    bool window = true;
    while (true) {
      const double ms = MsSince(start);
      if (window && ms >= seconds * 1000) {
        window = false;
        window_ms_ = ms;
      }
      if (!window && (Busy() == 0 || ms >= (seconds + finish_seconds) * 1000)) break;
      accepting_ = window;
      epoll_event events[256];
      int n = epoll_wait(ep_, events, 256, 5);
      for (int i = 0; i < n; ++i) {
        Client& c = clients_[events[i].data.u32];
        if (c.fd < 0) continue;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          Broken(c);
          continue;
        }
        if (!c.connected && (events[i].events & EPOLLOUT)) {
          int err = 0;
          socklen_t len = sizeof err;
          getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
          if (err != 0) {
            Broken(c);
            continue;
          }
          c.connected = true;
        }
        if (events[i].events & EPOLLOUT) Write(c);
        if (c.fd >= 0 && (events[i].events & EPOLLIN)) Read(c);
      }
      const auto now = Clock::now();
      for (auto& c : clients_) {
        if (c.waiting && now >= c.wake_at) {
          c.waiting = false;
          Send(c);
        }
      }
    }
    if (window) window_ms_ = MsSince(start);
    for (auto& c : clients_) {
      if (c.fd >= 0) ::close(c.fd);
    }
    sent_.flush();
    acked_.flush();
    refused_.flush();
    auto& l = stats_.latencies;
    std::sort(l.begin(), l.end());
    auto pct = [&](double p) {
      return l.empty() ? 0.0 : double(l[std::min(l.size() - 1, size_t(p * double(l.size())))]);
    };
    std::printf("SCALEOUT %lld %lld %d %lld %lld %lld %lld %lld %lld %.3f %.2f %.2f %.0f\n",
                (long long)stats_.started, (long long)stats_.acked, Busy(),
                (long long)stats_.refused, (long long)stats_.requests, (long long)stats_.retries,
                (long long)stats_.conn_errors, (long long)stats_.http_errors,
                (long long)stats_.acked_in_window, window_ms_ / 1000, pct(0.5), pct(0.99),
                stats_.max_key_ms);
    return 0;
  }

 private:
  int Busy() const {
    int busy = 0;
    for (const auto& c : clients_) busy += c.busy ? 1 : 0;
    return busy;
  }

  void StartKey(Client& c) {
    if (!accepting_) return;
    c.key = "so-" + run_ + "-" + std::to_string(c.id) + "-" + std::to_string(c.n);
    c.badge =
        (static_cast<size_t>(c.id) * 7919 + static_cast<size_t>(c.n) * 104729) % badges_.size();
    ++c.n;
    c.busy = true;
    c.attempts = 0;
    c.key_start = Clock::now();
    ++stats_.started;
    sent_ << c.key << "\n";
    Send(c);
  }

  void Send(Client& c) {
    const std::string body = "{\"session_id\":" + session_ + ",\"badge_token\":\"" +
                             badges_[c.badge] + "\",\"idempotency_key\":\"" + c.key + "\"}";
    c.out = "POST /api/v1/kiosk/scan HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
            "\r\nAuthorization: Bearer " + token_ +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n" + body;
    c.out_off = 0;
    c.in.clear();
    c.in_flight = true;
    ++c.attempts;
    ++stats_.requests;
    c.sent_at = Clock::now();
    if (c.fd < 0 && !Connect(c)) return;
    if (c.connected) Write(c);
  }

  bool Connect(Client& c) {
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c.connected = false;
    int r = ::connect(c.fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    if (r != 0 && errno != EINPROGRESS) {
      Broken(c);
      return false;
    }
    if (r == 0) c.connected = true;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLET | EPOLLRDHUP;
    ev.data.u32 = static_cast<uint32_t>(c.id);
    epoll_ctl(ep_, EPOLL_CTL_ADD, c.fd, &ev);
    return true;
  }

  void Write(Client& c) {
    while (c.in_flight && c.out_off < c.out.size()) {
      ssize_t n = ::send(c.fd, c.out.data() + c.out_off, c.out.size() - c.out_off, MSG_NOSIGNAL);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0) {
        Broken(c);
        return;
      }
      c.out_off += static_cast<size_t>(n);
    }
  }

  void Read(Client& c) {
    char buf[16384];
    bool eof = false;
    while (true) {
      ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) {
        eof = true;
        break;
      }
      c.in.append(buf, static_cast<size_t>(n));
    }
    // An answer read in full counts even when the server closed right after it.
    const int fd = c.fd;
    if (c.in_flight) Parse(c);
    if (eof && c.fd == fd) Broken(c);
  }

  void Parse(Client& c) {
    const size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) return;
    std::string head = c.in.substr(0, end);
    for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    size_t length = 0;
    if (auto cl = head.find("content-length:"); cl != std::string::npos) {
      length = std::strtoul(head.c_str() + cl + 15, nullptr, 10);
    }
    if (c.in.size() < end + 4 + length) return;
    const bool close = head.find("connection: close") != std::string::npos;
    const int status = std::atoi(c.in.c_str() + 9);
    const std::string body = c.in.substr(end + 4, length);
    c.in.erase(0, end + 4 + length);
    c.in_flight = false;
    if (close) Drop(c);  // the next request goes on a new connection
    Answered(c, status, body);
  }

  void Drop(Client& c) {
    if (c.fd >= 0) {
      epoll_ctl(ep_, EPOLL_CTL_DEL, c.fd, nullptr);
      ::close(c.fd);
    }
    c.fd = -1;
    c.connected = false;
  }

  void Answered(Client& c, int status, const std::string& body) {
    stats_.latencies.push_back(static_cast<float>(MsSince(c.sent_at)));
    if (status == 200) {
      ++stats_.acked;
      if (accepting_) ++stats_.acked_in_window;
      stats_.max_key_ms = std::max(stats_.max_key_ms, MsSince(c.key_start));
      acked_ << c.key << "\n";
      c.busy = false;
      StartKey(c);
      return;
    }
    if (status >= 500 || status == 408 || status == 429) {
      ++stats_.http_errors;
      Retry(c);
      return;
    }
    ++stats_.refused;
    refused_ << c.key << " " << status << " " << body << "\n";
    c.busy = false;
    StartKey(c);
  }

  // No complete answer: the request may or may not have reached the server.
  void Broken(Client& c) {
    Drop(c);
    if (!c.in_flight) return;  // an idle keep-alive connection closed: reconnect on send
    c.in_flight = false;
    ++stats_.conn_errors;
    Retry(c);
  }

  void Retry(Client& c) {
    ++stats_.retries;
    const int pause_ms = std::min(1000, 100 << std::min(c.attempts - 1, 4));
    c.wake_at = Clock::now() + std::chrono::milliseconds(pause_ms);
    c.waiting = true;
  }

  int port_;
  std::string token_, session_;
  std::vector<std::string> badges_;
  std::vector<Client> clients_;
  std::ofstream sent_, acked_, refused_;
  std::string run_;
  int ep_ = -1;
  bool accepting_ = true;
  double window_ms_ = 0;
  Stats stats_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: peixun_scaleout_client PORT TOKEN SESSION_ID BADGE_FILE CONNECTIONS "
                 "SECONDS OUT [FINISH_SECONDS]\n";
    return 2;
  }
  std::vector<std::string> badges;
  std::ifstream in(argv[4]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) badges.push_back(line);
  }
  if (badges.empty()) {
    std::cerr << "no badges in " << argv[4] << "\n";
    return 1;
  }
  Storm storm(std::atoi(argv[1]), argv[2], argv[3], std::move(badges), std::atoi(argv[5]), argv[7]);
  return storm.Run(std::atof(argv[6]), argc > 8 ? std::atof(argv[8]) : 60.0);
}
