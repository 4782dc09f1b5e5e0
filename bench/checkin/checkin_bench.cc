// The check-in storm's helper (bench/checkin/run.sh):
//
//   peixun_checkin_bench setup URL N         a class, a session running now, N approved
//                                             trainees and an admin API token in the database
//                                             at URL (made by `peixun init`); prints
//                                             "SESSION_ID TOKEN BADGE_FILE"
//   peixun_checkin_bench storm PORT TOKEN SESSION_ID BADGE_FILE CONNECTIONS SECONDS
//                                             kiosk check-ins (POST /api/v1/kiosk/scan, each
//                                             with its own idempotency key) over CONNECTIONS
//                                             keep-alive connections for SECONDS; prints
//                                             "ok_per_second p50_ms p99_ms ok errors"
//   peixun_checkin_bench raw URL N            N bare inserts into attendance_events through
//                                             the group-commit writer, all queued from one
//                                             thread so batches are the writer's full size,
//                                             no HTTP; prints "rows_per_second batches failures"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "crypto/data_key.h"
#include "modules/auth/auth_services.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/badges.h"
#include "store/group_commit_writer.h"
#include "store/open_store.h"

namespace {

using namespace peixun;

class Connection {
 public:
  explicit Connection(int port) : port_(port) {}
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  int Post(const std::string& request) {
    if (fd_ < 0 && !Connect()) return 0;
    size_t off = 0;
    while (off < request.size()) {
      ssize_t n = ::send(fd_, request.data() + off, request.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return Fail();
      off += static_cast<size_t>(n);
    }
    std::string buf;
    size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
      if (!Read(buf)) return Fail();
    }
    size_t length = 0;
    auto cl = buf.find("Content-Length: ");
    if (cl == std::string::npos) cl = buf.find("content-length: ");
    if (cl != std::string::npos && cl < end)
      length = std::strtoul(buf.c_str() + cl + 16, nullptr, 10);
    while (buf.size() < end + 4 + length) {
      if (!Read(buf)) return Fail();
    }
    return std::atoi(buf.c_str() + 9);
  }

 private:
  bool Connect() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return Fail() != 0;
    return true;
  }
  bool Read(std::string& buf) {
    char tmp[8192];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf.append(tmp, static_cast<size_t>(n));
    return true;
  }
  int Fail() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return 0;
  }
  int port_;
  int fd_ = -1;
};

int Setup(const std::string& url, int n) {
  auto store = store::OpenStore(url);
  if (!store) {
    std::cerr << store.error().message_en << "\n";
    return 1;
  }
  auth::AuthServices auth(**store);
  auto admin = auth.users.Create({"bench_admin", "压测管理员", Role::kAdmin, {}, {}});
  if (!admin) {
    std::cerr << admin.error().message_en << "\n";
    return 1;
  }
  auto token = auth.tokens.Create(admin->user.id, "bench");
  // `peixun init` made the key file; the class's check-in secret is sealed with it.
  auto key = crypto::DataKey::Load(crypto::DefaultKeyPath(url));
  if (!key) {
    std::cerr << key.error().message_en << "\n";
    return 1;
  }
  classes::ClassService classes(**store, *key);
  classes::ClassInput in;
  in.name = "签到压测班";
  in.organizer_name = "中共×区委组织部";
  in.host_venue = "×大学干部培训中心";
  in.start_date = "2020-06-02";
  in.end_date = "2020-06-05";
  in.capacity = std::min(n, 10000);
  auto klass = classes.Create(in);
  if (!token || !klass) {
    std::cerr << "setup failed\n";
    return 1;
  }
  const int64_t now = NowMillis();
  int64_t session_id = 0;
  const std::string badge_file = url.substr(url.find(':') + 1) + ".badges";
  std::ofstream badges(url.rfind("sqlite:", 0) == 0 ? badge_file : "/tmp/peixun-bench-pg.badges");
  Status st = (*store)->Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(std::string secret,
                            classes::ClassService::CheckinSecretIn(tx, *key, klass->id));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows s,
        tx.Query(
            "INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, "
            "requires_checkout, created_at, updated_at) VALUES (?, 'lecture', '压测', ?, ?, 0, "
            "?, ?) RETURNING id",
            {store::Int(klass->id), store::Int(now - 600'000), store::Int(now + 7'200'000),
             store::Int(now), store::Int(now)}));
    session_id = s[0].Int(0);
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows u,
        tx.Query("INSERT INTO org_units (name, kind, depth, path, created_at, "
                 "updated_at) VALUES ('压测社区', 'community', 0, '', 0, 0) RETURNING id"));
    for (int i = 0; i < n; ++i) {
      const std::string name = "压测" + std::to_string(i);
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows p,
          tx.Query(
              "INSERT INTO people (name, gender, unit_id, stroke_key, pinyin_key, "
              "pinyin_initials, pinyin_full, created_at, updated_at) VALUES "
              "(?, '男', ?, ?, ?, '', '', 0, 0) RETURNING id",
              {store::Text(name), store::Int(u[0].Int(0)), store::Text(name), store::Text(name)}));
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO enrollments (class_id, person_id, quota_unit_id, status, created_at, "
          "updated_at) VALUES (?, ?, ?, 'approved', 0, 0)",
          {store::Int(klass->id), store::Int(p[0].Int(0)), store::Int(u[0].Int(0))}));
      badges << enrollment::BadgeTokenOf(klass->id, p[0].Int(0), secret) << "\n";
    }
    return Ok();
  });
  if (!st) {
    std::cerr << st.error().message_en << "\n";
    return 1;
  }
  std::cout << session_id << " " << token->raw << " "
            << (url.rfind("sqlite:", 0) == 0 ? badge_file : "/tmp/peixun-bench-pg.badges") << "\n";
  return 0;
}

int Storm(int port, const std::string& token, int64_t session_id, const std::string& badge_file,
          int connections, int seconds) {
  std::vector<std::string> badges;
  std::ifstream in(badge_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) badges.push_back(line);
  }
  if (badges.empty()) return 1;
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<double> latencies;
  std::atomic<int64_t> errors{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      Connection conn(port);
      std::vector<double> mine;
      for (int64_t i = 0; !stop.load(); ++i) {
        nlohmann::json body = {
            {"session_id", session_id},
            {"badge_token", badges[(c * 7919 + i) % badges.size()]},
            {"idempotency_key", "storm-" + std::to_string(c) + "-" + std::to_string(i)}};
        const std::string b = body.dump();
        const std::string req =
            "POST /api/v1/kiosk/scan HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Authorization: Bearer " +
            token +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(b.size()) +
            "\r\n\r\n" + b;
        const auto t0 = std::chrono::steady_clock::now();
        const int status = conn.Post(req);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (status == 200) {
          mine.push_back(ms);
        } else {
          ++errors;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies.empty() ? 0.0
                             : latencies[std::min(latencies.size() - 1,
                                                  static_cast<size_t>(p * latencies.size()))];
  };
  std::printf("%.1f %.2f %.2f %zu %lld\n", latencies.size() / static_cast<double>(seconds),
              pct(0.50), pct(0.99), latencies.size(), static_cast<long long>(errors.load()));
  return 0;
}

int Raw(const std::string& url, int n) {
  auto store = store::OpenStore(url);
  if (!store) return 1;
  int64_t class_id = 0, session_id = 0, person_id = 0;
  Status st = (*store)->Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r,
                            tx.Query("SELECT s.class_id, s.id, e.person_id FROM class_sessions s "
                                     "JOIN enrollments e ON e.class_id = s.class_id "
                                     "WHERE s.title = '压测' LIMIT 1"));
    if (r.empty()) return Invalid("bench.setup", "先运行 setup", "run setup first");
    class_id = r[0].Int(0);
    session_id = r[0].Int(1);
    person_id = r[0].Int(2);
    return Ok();
  });
  if (!st) return 1;
  // One thread queues every row before waiting, so each batch is as large as the
  // writer takes (Options::max_batch): the figure is the database's commit rate
  // through the writer, not how fast a few client threads can refill it.
  store::GroupCommitWriter writer(**store);
  const int64_t now = NowMillis();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::future<Status>> done;
  done.reserve(n);
  for (int i = 0; i < n; ++i) {
    done.push_back(writer.Submit([&, i](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO attendance_events (class_id, session_id, person_id, "
          "direction, at_ms, received_ms, source, idempotency_key, flags_json) "
          "VALUES (?, ?, ?, 'in', ?, ?, 'manual', ?, '[]')",
          {store::Int(class_id), store::Int(session_id), store::Int(person_id), store::Int(now),
           store::Int(now), store::Text("raw-" + std::to_string(now) + "-" + std::to_string(i))}));
      return Ok();
    }));
  }
  int failures = 0;
  for (auto& f : done) failures += f.get() ? 0 : 1;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%.1f %zu %d\n", n / secs, writer.batches(), failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "setup" && argc == 4) return Setup(argv[2], std::atoi(argv[3]));
  if (mode == "storm" && argc == 8) {
    return Storm(std::atoi(argv[2]), argv[3], std::atoll(argv[4]), argv[5], std::atoi(argv[6]),
                 std::atoi(argv[7]));
  }
  if (mode == "raw" && argc == 4) return Raw(argv[2], std::atoi(argv[3]));
  std::cerr << "usage: see the comment at the top of bench/checkin/checkin_bench.cc\n";
  return 2;
}
