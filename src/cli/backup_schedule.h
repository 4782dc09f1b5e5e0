// Scheduled backups inside `peixun serve` (SQLite only): every `every_seconds` a
// backup set (backup_set.h) named peixun-YYYYMMDDTHHMMSS.mmmZ.db is written to `dir`,
// verified (integrity_check, schema, audit chain, sealed key opens), and only the
// newest `keep` sets are kept. The outcome of each run is stored in the setting
// settings::kLastBackup (JSON {"at","ok","file","message"}), which the admin start page
// shows (workbench), and printed on stderr.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"

namespace peixun::cli {

struct BackupSchedule {
  std::string url;       // the database (sqlite:PATH)
  std::string key_file;  // empty: the default path
  std::string dir;       // where the sets go (created when missing)
  int every_seconds = 0;
  int keep = 7;
  std::string passphrase;
};

// "backup.schedule.*" when the schedule cannot work (PostgreSQL, no passphrase,
// keep < 1, a folder that cannot be made).
Status CheckSchedule(const BackupSchedule& schedule);

// One run: write, verify, prune, record. Returns the set written.
Result<std::string> RunScheduledBackup(const BackupSchedule& schedule);

// Runs RunScheduledBackup on its own thread every schedule.every_seconds, the
// first time one interval after Start; Stop (or the destructor) ends it.
class BackupScheduler {
 public:
  explicit BackupScheduler(BackupSchedule schedule) : schedule_(std::move(schedule)) {}
  ~BackupScheduler() { Stop(); }
  void Start();
  void Stop();

 private:
  BackupSchedule schedule_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace peixun::cli
