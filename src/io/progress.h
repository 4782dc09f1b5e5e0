// ProgressBar: a one-line progress display for long imports and exports in the CLI.
//
// On a terminal (isatty(out)) it redraws one line, with '\r', at most kRedrawsPerSecond
// times a second:
//   导入人员 [########............] 42% 4200/10000 1234 rows/s
// Anywhere else (a pipe, a log file, cron) it prints nothing while running and a single
// summary line from Finish():
//   导入人员: 10000/10000 rows in 8.1 s (1234 rows/s)
// The clock starts when the bar is made. A rate is shown only once at least
// kMinSecondsForRate have passed: over a shorter time it is noise (a file of 162 rows
// once printed "in 0.0 s (805970149 rows/s)"), so the summary says "in < 0.1 s".
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
  // Shortest elapsed time a rate is computed from.
  static constexpr double kMinSecondsForRate = 0.1;

  // `total` <= 0 means unknown: no bar and no percentage are drawn.
  ProgressBar(std::string label, int64_t total, std::FILE* out = stderr);
  // Ends an unfinished line on a terminal (no summary: the work may have failed).
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Records that `done` items are finished (absolute, not an increment).
  void Update(int64_t done);
  // Sets the total once it is known (the bar may be made before the work is counted).
  void SetTotal(int64_t total) { total_ = total; }

  // Draws the final state: the last line and a newline on a terminal, the summary line
  // elsewhere. Later calls do nothing.
  void Finish();

  // The terminal line without '\r', e.g. "label [####......] 42% 4200/10000 1234 rows/s";
  // a negative or non-finite rate (not measurable yet) is left out. Exposed for tests.
  static std::string FormatLine(const std::string& label, int64_t done, int64_t total,
                                double rows_per_second);
  // The summary line without '\n', e.g. "label: 10000/10000 rows in 8.1 s (1234 rows/s)",
  // or "label: 162/162 rows in < 0.1 s" below kMinSecondsForRate. Exposed for tests.
  static std::string FormatSummary(const std::string& label, int64_t done, int64_t total,
                                   double seconds);
  // done / seconds, or -1 (unknown) below kMinSecondsForRate. Exposed for tests.
  static double RateOf(int64_t done, double seconds);

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
