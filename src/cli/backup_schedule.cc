#include "cli/backup_schedule.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/backup_set.h"
#include "core/clock.h"
#include "modules/settings/settings.h"
#include "store/open_store.h"

namespace peixun::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kPrefix[] = "peixun-";
constexpr char kSuffix[] = ".db";

std::string SetName(int64_t now_ms) {
  const std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  char ms[8];
  std::snprintf(ms, sizeof ms, ".%03dZ", static_cast<int>(now_ms % 1000));
  return std::string(kPrefix) + buf + ms + kSuffix;
}

// The sets in `dir`, oldest first (their names sort by time).
std::vector<fs::path> Sets(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(kPrefix, 0) == 0 && name.size() > sizeof kSuffix &&
        name.compare(name.size() - (sizeof kSuffix - 1), sizeof kSuffix - 1, kSuffix) == 0) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Prune(const std::string& dir, int keep) {
  std::vector<fs::path> sets = Sets(dir);
  std::error_code ec;
  for (size_t i = 0; i + keep < sets.size(); ++i) {
    fs::remove(sets[i], ec);
    fs::remove(SealedKeyPath(sets[i].string()), ec);
  }
}

void Record(const BackupSchedule& s, int64_t at, bool ok, const std::string& file,
            const std::string& message) {
  const std::string value =
      nlohmann::json{{"at", at}, {"ok", ok}, {"file", file}, {"message", message}}.dump();
  auto db = store::OpenStore(s.url);
  Status st = db ? (*db)->Transact([&](store::Tx& tx) {
    return settings::SetIn(tx, settings::kLastBackup, value);
  })
                 : Status(db.error());
  if (!st) std::cerr << "backup: cannot record the outcome: " << st.error().message_en << "\n";
}

}  // namespace

Status CheckSchedule(const BackupSchedule& s) {
  if (s.url.rfind("sqlite:", 0) != 0) {
    return Invalid("backup.schedule.postgres",
                   "定时备份只用于 SQLite；PostgreSQL 请用 pg_dump（见 docs/backups.md）",
                   "scheduled backups are for SQLite; for PostgreSQL use pg_dump "
                   "(docs/backups.md)",
                   "--backup-dir");
  }
  if (s.passphrase.empty()) {
    return Invalid("backup.schedule.passphrase",
                   "定时备份需要口令：--backup-passphrase-file 或 PEIXUN_BACKUP_PASSPHRASE",
                   "scheduled backups need a passphrase: --backup-passphrase-file or "
                   "PEIXUN_BACKUP_PASSPHRASE",
                   "--backup-passphrase-file");
  }
  if (s.keep < 1 || s.every_seconds < 1) {
    return Invalid("backup.schedule.numbers", "--backup-interval 和 --backup-keep 至少为 1",
                   "--backup-interval and --backup-keep must be at least 1", "--backup-keep");
  }
  std::error_code ec;
  fs::create_directories(s.dir, ec);
  if (!fs::is_directory(s.dir)) {
    return Invalid("backup.schedule.dir", "无法创建备份目录 " + s.dir,
                   "cannot create the backup folder " + s.dir, "--backup-dir");
  }
  return Ok();
}

Result<std::string> RunScheduledBackup(const BackupSchedule& s) {
  const int64_t at = NowMillis();
  const std::string file = (fs::path(s.dir) / SetName(at)).string();
  Status written = WriteBackupSet(s.url, s.key_file, file, s.passphrase);
  if (written) {
    auto verified = VerifyBackupSet(file, s.passphrase);
    if (!verified) written = verified.error();
  }
  if (!written) {
    std::error_code ec;
    fs::remove(file, ec);
    fs::remove(SealedKeyPath(file), ec);
    Record(s, at, false, file, written.error().message);
    return written.error();
  }
  Prune(s.dir, s.keep);
  Record(s, at, true, file, "");
  return file;
}

void BackupScheduler::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      if (wake_.wait_for(lock, std::chrono::seconds(schedule_.every_seconds),
                         [this] { return stopping_; })) {
        break;
      }
      lock.unlock();
      auto done = RunScheduledBackup(schedule_);
      if (done) {
        std::cerr << "backup: wrote and verified " << *done << "\n";
      } else {
        std::cerr << "backup: FAILED: " << done.error().message_en << "\n";
      }
      lock.lock();
    }
  });
}

void BackupScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peixun::cli
