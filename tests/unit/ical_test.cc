// iCalendar output (RFC 5545): escaping, folding at 75 octets between UTF-8
// characters, UTC times, the calendar's shape; and the class-local times the
// timetable reads and prints.
#include <gtest/gtest.h>

#include "core/utf8.h"
#include "modules/timetable/ical.h"
#include "modules/timetable/local_time.h"

namespace peixun::timetable {
namespace {

// Splits at CRLF; fails the test on a bare CR or LF.
std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t crlf = text.find("\r\n", pos);
    EXPECT_NE(crlf, std::string::npos) << "text must end with CRLF";
    if (crlf == std::string::npos) break;
    const std::string line = text.substr(pos, crlf - pos);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_EQ(line.find('\r'), std::string::npos);
    lines.push_back(line);
    pos = crlf + 2;
  }
  return lines;
}

std::string Unfold(const std::string& text) {
  std::string out;
  for (const auto& line : PhysicalLines(text)) {
    if (!line.empty() && line[0] == ' ') {
      out += line.substr(1);
    } else {
      if (!out.empty()) out += "\n";
      out += line;
    }
  }
  return out;
}

TEST(IcalTest, EscapesText) {
  EXPECT_EQ(IcalEscapeText("a,b;c\\d"), "a\\,b\\;c\\\\d");
  EXPECT_EQ(IcalEscapeText("第一行\n第二行\r\n第三行\r第四行"),
            "第一行\\n第二行\\n第三行\\n第四行");
  EXPECT_EQ(IcalEscapeText("《基础党务工作者管理沟通艺术》"), "《基础党务工作者管理沟通艺术》");
  EXPECT_EQ(IcalEscapeText("地点：第一教室，三楼；东侧"), "地点：第一教室，三楼；东侧")
      << "full-width punctuation is not escaped";
  EXPECT_EQ(IcalEscapeText(""), "");
}

TEST(IcalTest, ShortLinesAreNotFolded) {
  EXPECT_EQ(IcalFoldLine("BEGIN:VEVENT"), "BEGIN:VEVENT\r\n");
  const std::string exactly(75, 'x');
  EXPECT_EQ(IcalFoldLine(exactly), exactly + "\r\n");
}

TEST(IcalTest, AsciiFoldsAt75Octets) {
  const std::string line(200, 'a');
  const std::string folded = IcalFoldLine(line);
  const auto lines = PhysicalLines(folded);
  ASSERT_EQ(lines.size(), 3u);  // 75 + (1+74) + (1+51)
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1].size(), 75u);
  EXPECT_EQ(lines[1][0], ' ');
  EXPECT_EQ(lines[2], " " + std::string(51, 'a'));
  EXPECT_EQ(Unfold(folded), line);
}

TEST(IcalTest, ChineseFoldsBetweenCharacters) {
  // "SUMMARY:" is 8 octets, each 汉字 3: the first line can hold 22 characters
  // (74 octets), never 22⅓.
  std::string text = "SUMMARY:专题讲座：";
  for (int i = 0; i < 10; ++i) text += "基础党务工作者管理沟通艺术";
  const std::string folded = IcalFoldLine(text);
  for (const auto& line : PhysicalLines(folded)) {
    EXPECT_LE(line.size(), kIcalLineOctets);
    const std::string content = line[0] == ' ' ? line.substr(1) : line;
    EXPECT_TRUE(core::IsValidUtf8(content)) << "a line splits a character: " << line;
  }
  EXPECT_EQ(Unfold(folded), text);
}

TEST(IcalTest, FourByteCharactersStayWhole) {
  std::string text = "LOCATION:";
  for (int i = 0; i < 40; ++i) text += "𠮷";  // 4 octets each
  const std::string folded = IcalFoldLine(text);
  for (const auto& line : PhysicalLines(folded)) {
    EXPECT_LE(line.size(), kIcalLineOctets);
    EXPECT_TRUE(core::IsValidUtf8(line[0] == ' ' ? line.substr(1) : line));
  }
  EXPECT_EQ(Unfold(folded), text);
}

TEST(IcalTest, UtcTimes) {
  EXPECT_EQ(IcalUtcTime(0), "19700101T000000Z");
  // 2020-06-02 08:30 Beijing time is 00:30 UTC.
  EXPECT_EQ(IcalUtcTime(1591057800000), "20200602T003000Z");
  EXPECT_EQ(IcalUtcTime(-1000), "19691231T235959Z");
}

TEST(IcalTest, CalendarShape) {
  IcalCalendar cal;
  cal.name = "×区2020年社区和“两新”党组织书记培训班";
  IcalEvent e;
  e.uid = "session-7@peixun";
  e.stamp_ms = 1590000000000;
  e.start_ms = 1591057800000;
  e.end_ms = 1591068600000;
  e.summary = "专题讲座：《基础党务工作者管理沟通艺术》";
  e.location = "第一教室, 三楼";
  e.description = "授课人：王教授\n请带笔记本; 准时";
  cal.events = {e};
  const std::string ics = WriteIcal(cal);
  const std::string text = Unfold(ics);
  EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:", 0), 0u) << text;
  EXPECT_NE(text.find("\nBEGIN:VEVENT\nUID:session-7@peixun\nDTSTAMP:20200520T184000Z\n"
                      "DTSTART:20200602T003000Z\nDTEND:20200602T033000Z\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\nSUMMARY:专题讲座：《基础党务工作者管理沟通艺术》\n"), std::string::npos);
  EXPECT_NE(text.find("\nLOCATION:第一教室\\, 三楼\n"), std::string::npos);
  EXPECT_NE(text.find("\nDESCRIPTION:授课人：王教授\\n请带笔记本\\; 准时\n"), std::string::npos);
  EXPECT_NE(text.find("X-WR-CALNAME:×区2020年社区和“两新”党组织书记培训班"), std::string::npos);
  EXPECT_TRUE(text.ends_with("END:VEVENT\nEND:VCALENDAR")) << text;
  for (const auto& line : PhysicalLines(ics)) EXPECT_LE(line.size(), kIcalLineOctets);
}

TEST(IcalTest, EmptyOptionalPropertiesAreLeftOut) {
  IcalEvent e;
  e.uid = "u";
  e.summary = "自学";
  const std::string ics = WriteIcal(IcalCalendar{"", {e}});
  EXPECT_EQ(ics.find("LOCATION"), std::string::npos);
  EXPECT_EQ(ics.find("DESCRIPTION"), std::string::npos);
  EXPECT_EQ(ics.find("X-WR-CALNAME"), std::string::npos);
}

TEST(LocalTimeTest, ParsesAndFormatsInTheClassZone) {
  auto t = ParseLocalDateTime("2020-06-02T08:30", 480, "start");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, 1591057800000);
  EXPECT_EQ(FormatLocalDateTime(*t, 480), "2020-06-02T08:30");
  EXPECT_EQ(FormatLocalClock(*t, 480), "08:30");
  EXPECT_EQ(FormatLocalDateTime(*t, 0), "2020-06-02T00:30");
  EXPECT_EQ(*ParseLocalDateTime("2020-06-02 08:30", 480, "start"), *t);
  EXPECT_EQ(*ParseLocalDateTime("2020-06-02T08:30:00", 480, "start"), *t);
  // Urumqi (+6): the same wall clock is two hours later in UTC.
  EXPECT_EQ(*ParseLocalDateTime("2020-06-02T08:30", 360, "start") - *t, 2 * 3600 * 1000);
  // Just after midnight local is the previous day in UTC, but the local day stays.
  auto early = ParseLocalDateTime("2020-06-02T00:10", 480, "start");
  EXPECT_EQ(FormatLocalDateTime(*early, 480), "2020-06-02T00:10");
  EXPECT_EQ(LocalDay(*early, 480), LocalDay(*t, 480));
}

TEST(LocalTimeTest, RefusesOtherShapes) {
  for (const char* bad :
       {"2020-06-02", "2020-06-02T8:30", "2020-02-30T08:30", "2020-06-02T24:00", "2020-06-02T08:60",
        "2020-06-02T08:30:15", "2020-06-02T08:30Z", "明天上午", ""}) {
    auto t = ParseLocalDateTime(bad, 480, "start");
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, "timetable.time.format");
    EXPECT_EQ(t.error().field, "start");
  }
}

}  // namespace
}  // namespace peixun::timetable
