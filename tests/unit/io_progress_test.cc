#include "io/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>

namespace peixun::io {
namespace {

std::string Contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  char buffer[256];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  return text;
}

TEST(ProgressBarTest, FormatsTheTerminalLine) {
  EXPECT_EQ(ProgressBar::FormatLine("导入人员", 4200, 10000, 1234.4),
            "导入人员 [########............] 42% 4200/10000 1234 rows/s");
  EXPECT_EQ(ProgressBar::FormatLine("x", 0, 10, 0), "x [....................] 0% 0/10 0 rows/s");
  EXPECT_EQ(ProgressBar::FormatLine("x", 10, 10, 99.6),
            "x [####################] 100% 10/10 100 rows/s");
  EXPECT_EQ(ProgressBar::FormatLine("x", 20, 10, 1),
            "x [####################] 100% 20/10 1 rows/s");
  EXPECT_EQ(ProgressBar::FormatLine("x", 4200, 0, 10), "x 4200 10 rows/s");
}

TEST(ProgressBarTest, FormatsTheSummary) {
  EXPECT_EQ(ProgressBar::FormatSummary("导出", 10000, 10000, 8.1),
            "导出: 10000/10000 rows in 8.1 s (1235 rows/s)");
  EXPECT_EQ(ProgressBar::FormatSummary("导入", 162, 162, 0.3),
            "导入: 162/162 rows in 0.3 s (540 rows/s)");
  EXPECT_EQ(ProgressBar::FormatSummary("导入", 162, 162, 0.1),
            "导入: 162/162 rows in 0.1 s (1620 rows/s)");
}

// Issue 9, item 16: "162/162 rows in 0.0 s (805970149 rows/s)". Below the shortest
// time a rate is computed from, the summary says so and shows no rate.
TEST(ProgressBarTest, NoRateForATimeTooShortToMeasure) {
  EXPECT_EQ(ProgressBar::FormatSummary("导入 import", 162, 162, 0.000000201),
            "导入 import: 162/162 rows in < 0.1 s");
  EXPECT_EQ(ProgressBar::FormatSummary("导出", 5, 0, 0), "导出: 5 rows in < 0.1 s");
  EXPECT_EQ(ProgressBar::FormatSummary("导出", 5, 0, 0.0999), "导出: 5 rows in < 0.1 s");
  EXPECT_EQ(ProgressBar::RateOf(162, 0.000000201), -1);
  EXPECT_EQ(ProgressBar::RateOf(162, 0), -1);
  EXPECT_EQ(ProgressBar::RateOf(100, 0.5), 200);
  // The terminal line leaves an unknown rate out.
  EXPECT_EQ(ProgressBar::FormatLine("x", 5, 10, -1), "x [##########..........] 50% 5/10");
  EXPECT_EQ(ProgressBar::FormatLine("x", 5, 0, ProgressBar::RateOf(5, 0.01)), "x 5");
}

TEST(ProgressBarTest, NotATerminalPrintsOnlyTheSummary) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    ProgressBar bar("导入人员", 10000, out);
    for (int64_t done = 0; done <= 10000; done += 100) bar.Update(done);
    EXPECT_EQ(Contents(out), "");
    bar.Finish();
    bar.Finish();  // a second Finish prints nothing more
  }
  std::string text = Contents(out);
  EXPECT_TRUE(
      std::regex_match(text, std::regex("导入人员: 10000/10000 rows in "
                                        "([0-9]+\\.[0-9] s \\([0-9]+ rows/s\\)|< 0\\.1 s)\n")))
      << text;
  EXPECT_EQ(text.find('\r'), std::string::npos);
  std::fclose(out);
}

TEST(ProgressBarTest, NotATerminalWithoutFinishPrintsNothing) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    ProgressBar bar("导入", 10, out);
    bar.Update(3);
  }
  EXPECT_EQ(Contents(out), "");
  std::fclose(out);
}

// A pseudo-terminal stands in for the user's terminal.
TEST(ProgressBarTest, TerminalRedrawsOneLineAndThrottles) {
  int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  ASSERT_GE(master, 0);
  ASSERT_EQ(::grantpt(master), 0);
  ASSERT_EQ(::unlockpt(master), 0);
  int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  ASSERT_GE(slave, 0);
  termios raw{};
  ::tcgetattr(slave, &raw);
  ::cfmakeraw(&raw);
  ::tcsetattr(slave, TCSANOW, &raw);
  std::FILE* out = ::fdopen(slave, "w");
  ASSERT_NE(out, nullptr);
  {
    ProgressBar bar("导入", 1000, out);
    for (int64_t done = 1; done <= 1000; ++done) bar.Update(done);
    bar.Finish();
  }
  std::fclose(out);

  std::string text;
  char buffer[4096];
  ::fcntl(master, F_SETFL, O_NONBLOCK);
  ssize_t n;
  while ((n = ::read(master, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<size_t>(n));
  ::close(master);

  // 1000 quick updates draw once (the first), Finish draws the last state and a newline.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\r'), 2) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_NE(text.find("导入 [....................] 0% 1/1000"), std::string::npos) << text;
  // (no rate: 1000 updates take far less than ProgressBar::kMinSecondsForRate)
  EXPECT_NE(text.find("\r导入 [####################] 100% 1000/1000\n"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace peixun::io
