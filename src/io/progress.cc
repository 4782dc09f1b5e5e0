#include "io/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace peixun::io {
namespace {

// "1234 rows/s", or "" when the rate is unknown (negative or not finite).
std::string FormatRate(double rows_per_second) {
  if (!std::isfinite(rows_per_second) || rows_per_second < 0) return "";
  return std::to_string(std::llround(rows_per_second)) + " rows/s";
}

}  // namespace

ProgressBar::ProgressBar(std::string label, int64_t total, std::FILE* out)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      is_terminal_(out != nullptr && ::isatty(::fileno(out)) == 1),
      start_(Clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (!finished_ && is_terminal_ && drawn_) {
    std::fputc('\n', out_);
    std::fflush(out_);
  }
}

void ProgressBar::Update(int64_t done) {
  if (finished_) return;
  done_ = done;
  if (!is_terminal_) return;
  auto now = Clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(1000 / kRedrawsPerSecond)) return;
  last_draw_ = now;
  Draw(false);
}

void ProgressBar::Finish() {
  if (finished_) return;
  finished_ = true;
  if (out_ == nullptr) return;
  if (is_terminal_) {
    Draw(true);
    return;
  }
  std::fprintf(out_, "%s\n", FormatSummary(label_, done_, total_, ElapsedSeconds()).c_str());
  std::fflush(out_);
}

double ProgressBar::ElapsedSeconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

double ProgressBar::RateOf(int64_t done, double seconds) {
  if (!(seconds >= kMinSecondsForRate) || done < 0) return -1;
  return static_cast<double>(done) / seconds;
}

void ProgressBar::Draw(bool final_draw) {
  std::string line = FormatLine(label_, done_, total_, RateOf(done_, ElapsedSeconds()));
  // Blank out what is left of a longer previous line.
  size_t width = line.size();
  if (width < last_width_) line.append(last_width_ - width, ' ');
  last_width_ = width;
  std::fprintf(out_, "\r%s%s", line.c_str(), final_draw ? "\n" : "");
  std::fflush(out_);
  drawn_ = true;
}

std::string ProgressBar::FormatLine(const std::string& label, int64_t done, int64_t total,
                                    double rows_per_second) {
  std::string line = label;
  if (total > 0) {
    double fraction = std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
    int filled = static_cast<int>(fraction * kBarWidth);
    int percent = static_cast<int>(fraction * 100);
    line += " [";
    line.append(static_cast<size_t>(filled), '#');
    line.append(static_cast<size_t>(kBarWidth - filled), '.');
    line +=
        "] " + std::to_string(percent) + "% " + std::to_string(done) + "/" + std::to_string(total);
  } else {
    line += " " + std::to_string(done);
  }
  const std::string rate = FormatRate(rows_per_second);
  if (!rate.empty()) line += " " + rate;
  return line;
}

std::string ProgressBar::FormatSummary(const std::string& label, int64_t done, int64_t total,
                                       double seconds) {
  std::string line = label + ": " + std::to_string(done);
  if (total > 0) line += "/" + std::to_string(total);
  const std::string rate = FormatRate(RateOf(done, seconds));
  char elapsed[32];
  if (rate.empty()) {
    std::snprintf(elapsed, sizeof elapsed, "%.1f", kMinSecondsForRate);
    return line + " rows in < " + elapsed + " s";
  }
  std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
  return line + " rows in " + elapsed + " s (" + rate + ")";
}

}  // namespace peixun::io
