#include "core/local_time.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace peixun::core {
namespace {

// Asia/Shanghai keeps +08:00 all year (no DST since 1991).
constexpr int kShanghai = 480;
// A zone with DST takes the offset in force at the instant: Europe/Berlin is
// +60 in winter and +120 in summer; America/New_York -240 in summer, -300 in winter.
constexpr int kBerlinWinter = 60;
constexpr int kBerlinSummer = 120;
constexpr int kNewYorkSummer = -240;
constexpr int kNewYorkWinter = -300;

// UTC instants, computed independently (Python datetime, timezone.utc).
constexpr int64_t k20200601T1559Z = 1'591'027'140'000;
constexpr int64_t k20200601T1600Z = 1'591'027'200'000;
constexpr int64_t k20200602T0030Z = 1'591'057'800'000;
constexpr int64_t k20210328T0059Z = 1'616'893'140'000;  // Berlin: last winter minute
constexpr int64_t k20210328T0100Z = 1'616'893'200'000;  // Berlin: first summer minute
constexpr int64_t k20211107T0530Z = 1'636'263'000'000;  // New York 01:30 EDT
constexpr int64_t k20211107T0630Z = 1'636'266'600'000;  // New York 01:30 EST
constexpr int64_t k20210101T0300Z = 1'609'470'000'000;

TEST(LocalTimeTest, ShanghaiFormatsAcrossLocalMidnight) {
  EXPECT_EQ(FormatLocalDateTime(k20200602T0030Z, kShanghai), "2020-06-02T08:30");
  EXPECT_EQ(FormatLocalDateTime(k20200602T0030Z, kShanghai, ' '), "2020-06-02 08:30");
  EXPECT_EQ(FormatLocalClock(k20200602T0030Z, kShanghai), "08:30");
  // 16:00 UTC is local midnight; a minute earlier is still the previous day.
  EXPECT_EQ(FormatLocalDateTime(k20200601T1600Z, kShanghai), "2020-06-02T00:00");
  EXPECT_EQ(FormatLocalDateTime(k20200601T1559Z, kShanghai), "2020-06-01T23:59");
  EXPECT_EQ(FormatLocalDate(k20200601T1559Z, kShanghai), "2020-06-01");
  EXPECT_EQ(LocalDay(k20200601T1600Z, kShanghai), LocalDay(k20200601T1559Z, kShanghai) + 1);
  EXPECT_EQ(LocalDate(k20200601T1600Z, kShanghai), (CivilDate{2020, 6, 2}));
  EXPECT_EQ(LocalMinuteOfDay(k20200601T1600Z, kShanghai), 0);
  EXPECT_EQ(LocalMinuteOfDay(k20200601T1559Z, kShanghai), 1439);
}

TEST(LocalTimeTest, ShanghaiParseAndFormatRoundTrip) {
  auto t = ParseLocalDateTime("2020-06-02T08:30", kShanghai, "start");
  ASSERT_TRUE(t) << t.error().message_en;
  EXPECT_EQ(*t, k20200602T0030Z);
  EXPECT_EQ(*ParseLocalDateTime("2020-06-02 00:00", kShanghai, "start"), k20200601T1600Z);
  EXPECT_EQ(UtcOfLocal(CivilDate{2020, 6, 2}, 8 * 60 + 30, kShanghai), k20200602T0030Z);
  // Minutes past the day roll over: 24:00 is the next midnight.
  EXPECT_EQ(UtcOfLocal(CivilDate{2020, 6, 1}, 24 * 60, kShanghai), k20200601T1600Z);
}

TEST(LocalTimeTest, BeforeTheEpochFloorsToTheEarlierDay) {
  EXPECT_EQ(FormatLocalDateTime(0, kShanghai, ' '), "1970-01-01 08:00");
  EXPECT_EQ(FormatLocalDateTime(-1, 0, ' '), "1969-12-31 23:59");
  EXPECT_EQ(LocalDay(-1, 0), -1);
  EXPECT_EQ(LocalMinuteOfDay(-1, 0), 1439);
}

TEST(LocalTimeTest, BerlinSpringForwardWithTheOffsetInForce) {
  // 2021-03-28: 02:00 CET jumps to 03:00 CEST; one UTC minute apart.
  EXPECT_EQ(FormatLocalDateTime(k20210328T0059Z, kBerlinWinter), "2021-03-28T01:59");
  EXPECT_EQ(FormatLocalDateTime(k20210328T0100Z, kBerlinSummer), "2021-03-28T03:00");
  EXPECT_EQ(*ParseLocalDateTime("2021-03-28T03:00", kBerlinSummer, "start"), k20210328T0100Z);
  EXPECT_EQ(*ParseLocalDateTime("2021-03-28T01:59", kBerlinWinter, "start"), k20210328T0059Z);
}

TEST(LocalTimeTest, NewYorkFallBackAndNegativeOffsets) {
  // 2021-11-07: 01:30 happens twice; the offset tells them apart.
  EXPECT_EQ(FormatLocalDateTime(k20211107T0530Z, kNewYorkSummer), "2021-11-07T01:30");
  EXPECT_EQ(FormatLocalDateTime(k20211107T0630Z, kNewYorkWinter), "2021-11-07T01:30");
  EXPECT_EQ(*ParseLocalDateTime("2021-11-07T01:30", kNewYorkSummer, "start"), k20211107T0530Z);
  EXPECT_EQ(*ParseLocalDateTime("2021-11-07T01:30", kNewYorkWinter, "start"), k20211107T0630Z);
  // West of UTC the local day can still be yesterday.
  EXPECT_EQ(FormatLocalDate(k20210101T0300Z, kNewYorkWinter), "2020-12-31");
  EXPECT_EQ(FormatLocalClock(k20210101T0300Z, kNewYorkWinter), "22:00");
}

TEST(LocalTimeTest, ParseRefusesOtherShapesWithTheDocumentedCode) {
  for (const char* bad :
       {"", "2020-06-02", "2020-06-02T8:30", "2020-02-30T08:30", "2020-06-02T24:00",
        "2020-06-02T08:60", "2020-06-02T08:30:15", "2020/06/02 08:30", "2020-06-02T08:30Z"}) {
    auto t = ParseLocalDateTime(bad, kShanghai, "end");
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().code, "timetable.time.format") << bad;
    EXPECT_EQ(t.error().field, "end") << bad;
  }
}

}  // namespace
}  // namespace peixun::core
