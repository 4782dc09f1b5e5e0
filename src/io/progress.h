// ProgressBar: a one-line progress display for long imports and exports in the CLI.
//
// On a terminal (isatty(out)) it redraws one line, with '\r', at most kRedrawsPerSecond
// times a second:
//   导入人员 [########............] 42% 4200/10000 1234 rows/s
// Anywhere else (a pipe, a log file, cron) it prints nothing while running and a single
// summary line from Finish():
//   导入人员: 10000/10000 rows in 8.1 s (1234 rows/s)
//
// Not thread-safe: call Update() and Finish() from one thread (or hold a lock). The bar
// does not own `out`, which must outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace peixun::io {

class ProgressBar {
 public:
  // Redraws on a terminal are throttled to this rate; every Update() in between only
  // records the count.
  static constexpr int kRedrawsPerSecond = 10;
  // Width of the bar between the brackets, in characters.
  static constexpr int kBarWidth = 20;

  // `total` <= 0 means unknown: no bar and no percentage are drawn.
  ProgressBar(std::string label, int64_t total, std::FILE* out = stderr);
  // Ends an unfinished line on a terminal (no summary: the work may have failed).
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Records that `done` items are finished (absolute, not an increment).
  void Update(int64_t done);

  // Draws the final state: the last line and a newline on a terminal, the summary line
  // elsewhere. Later calls do nothing.
  void Finish();

  // The terminal line without '\r', e.g. "label [####......] 42% 4200/10000 1234 rows/s".
  // Exposed for tests.
  static std::string FormatLine(const std::string& label, int64_t done, int64_t total,
                                double rows_per_second);
  // The summary line without '\n', e.g. "label: 10000/10000 rows in 8.1 s (1234 rows/s)".
  static std::string FormatSummary(const std::string& label, int64_t done, int64_t total,
                                   double seconds);

 private:
  using Clock = std::chrono::steady_clock;

  void Draw(bool final_draw);
  double ElapsedSeconds() const;

  std::string label_;
  int64_t total_;
  std::FILE* out_;
  bool is_terminal_;
  int64_t done_ = 0;
  bool finished_ = false;
  bool drawn_ = false;
  size_t last_width_ = 0;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace peixun::io
