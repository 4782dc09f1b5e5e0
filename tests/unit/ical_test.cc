// iCalendar output (RFC 5545): escaping, folding at 75 octets between UTF-8
// characters, UTC times, the calendar's shape; and the class-local times the
// timetable reads and prints.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/local_time.h"
#include "core/utf8.h"
#include "modules/timetable/ical.h"
#include "modules/timetable/timetable_exports.h"

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

// Sessions as the seed class has them (src/modules/demo/demo_class.cc): titles that name
// their kind already, and one that does not.
std::vector<ClassSession> SeedSessions() {
  auto session = [](int64_t id, SessionKind kind, std::string title, const std::string& start,
                    const std::string& end) {
    ClassSession s;
    s.id = id;
    s.class_id = 1;
    s.kind = kind;
    s.title = std::move(title);
    s.start_ms = *core::ParseLocalDateTime(start, 480, "start");
    s.end_ms = *core::ParseLocalDateTime(end, 480, "end");
    s.updated_at = 1590000000000;
    return s;
  };
  std::vector<ClassSession> out;
  out.push_back(session(1, SessionKind::kCeremony, "开班仪式暨培训动员", "2020-06-02T08:30",
                        "2020-06-02T09:20"));
  out.back().room_id = 1;
  out.back().room_name = "学术报告厅";
  out.push_back(session(2, SessionKind::kLecture, "《基础党务工作者管理沟通艺术》",
                        "2020-06-02T09:30", "2020-06-02T11:30"));
  out.back().room_id = 1;
  out.back().room_name = "学术报告厅";
  out.back().lecturer_name = "王立新";
  out.back().lecturer_title = "教授";
  out.back().description = "请带笔记本, 准时到场; 手机静音\n第二行 \\ 反斜杠";
  out.push_back(session(3, SessionKind::kOnsite, "现场教学：社区党建示范点", "2020-06-03T08:30",
                        "2020-06-03T11:30"));
  out.back().sites = {{1, "幸福社区党群服务中心"}, {2, "民主社区党群服务中心"}};
  out.push_back(session(4, SessionKind::kDiscussion, "分组讨论：第八组（认认真真学、扎扎实实讨论）",
                        "2020-06-02T16:40", "2020-06-02T17:40"));
  out.back().room_id = 9;
  out.back().room_name = "研讨室8";
  out.back().group_ids = {8};
  out.push_back(session(5, SessionKind::kDiscussion, "第一组讨论,交流;心得", "2020-06-04T14:00",
                        "2020-06-04T16:00"));
  out.push_back(session(6, SessionKind::kLecture,
                        "准确把握新时代内涵,为非公企业和社会组织发展提供商机𠮷䶮",
                        "2020-06-04T08:30", "2020-06-04T10:30"));
  return out;
}

classes::TrainingClass SeedClass() {
  classes::TrainingClass c;
  c.id = 1;
  c.name = "×区2020年社区和“两新”党组织书记培训班";
  return c;
}

TEST(IcalTest, SummaryNamesTheKindOnce) {
  const IcalCalendar cal = CalendarOf(SeedClass(), SeedSessions());
  ASSERT_EQ(cal.events.size(), 6u);
  EXPECT_EQ(cal.events[0].summary, "开班仪式暨培训动员");
  EXPECT_EQ(cal.events[1].summary, "专题讲座：《基础党务工作者管理沟通艺术》");
  EXPECT_EQ(cal.events[2].summary, "现场教学：社区党建示范点");
  EXPECT_EQ(cal.events[3].summary, "分组讨论：第八组（认认真真学、扎扎实实讨论）");
  EXPECT_EQ(cal.events[4].summary, "分组讨论：第一组讨论,交流;心得");
  for (const IcalEvent& e : cal.events) {
    EXPECT_EQ(e.summary.find("分组讨论：分组讨论"), std::string::npos) << e.summary;
    EXPECT_EQ(e.summary.find("现场教学：现场教学"), std::string::npos) << e.summary;
  }
  // The 签到表's heading says the same.
  EXPECT_EQ(SignInDocOf(SeedClass(), SeedSessions()[3], {}).session_title,
            "分组讨论：第八组（认认真真学、扎扎实实讨论）");
}

// A python3 that has the icalendar library (Debian's python3-icalendar), or "".
std::string PythonWithIcalendar() {
  for (const char* python : {"/usr/bin/python3", "python3"}) {
    const std::string probe = std::string(python) + " -c 'import icalendar' >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return python;
  }
  return "";
}

TEST(IcalTest, PythonIcalendarReadsTheFeedBack) {
  const std::string python = PythonWithIcalendar();
  ASSERT_FALSE(python.empty()) << "python3-icalendar is missing: run scripts/install-deps.sh";
  const std::vector<ClassSession> sessions = SeedSessions();
  const IcalCalendar cal = CalendarOf(SeedClass(), sessions);
  const std::string ics = WriteIcal(cal);
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("peixun_ical_" + std::to_string(::getpid()) + ".ics");
  std::ofstream(path, std::ios::binary) << ics;
  // Parses strictly and prints what a calendar program would show, one JSON per event.
  const std::string script = R"(
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps({'name': str(cal.get('X-WR-CALNAME')), 'version': str(cal.get('VERSION'))}))
for e in cal.walk('VEVENT'):
    print(json.dumps({k: (e.decoded(k).isoformat() if k.startswith('DT') else str(e.get(k)))
                      for k in ('UID', 'SUMMARY', 'LOCATION', 'DESCRIPTION', 'DTSTART', 'DTEND',
                                'DTSTAMP') if e.get(k) is not None}))
)";
  const std::filesystem::path script_path = path.string() + ".py";
  std::ofstream(script_path) << script;
  FILE* pipe = ::popen(
      (python + " '" + script_path.string() + "' '" + path.string() + "' 2>&1").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << out;
  std::filesystem::remove(path);
  std::filesystem::remove(script_path);

  std::vector<nlohmann::json> lines;
  size_t begin = 0;
  while (begin < out.size()) {
    const size_t end = out.find('\n', begin);
    lines.push_back(nlohmann::json::parse(out.substr(begin, end - begin), nullptr, false));
    ASSERT_FALSE(lines.back().is_discarded()) << out;
    begin = end == std::string::npos ? out.size() : end + 1;
  }
  ASSERT_EQ(lines.size(), 1 + sessions.size()) << out;
  EXPECT_EQ(lines[0]["name"], SeedClass().name);
  EXPECT_EQ(lines[0]["version"], "2.0");
  for (size_t i = 0; i < sessions.size(); ++i) {
    const nlohmann::json& e = lines[i + 1];
    SCOPED_TRACE(e.dump());
    EXPECT_EQ(e["UID"], cal.events[i].uid);
    EXPECT_EQ(e["SUMMARY"], cal.events[i].summary);
    EXPECT_EQ(e.value("LOCATION", ""), cal.events[i].location);
    EXPECT_EQ(e.value("DESCRIPTION", ""), cal.events[i].description);
    // UTC instants: 08:30 in Beijing is 00:30Z.
    EXPECT_EQ(e["DTSTART"], core::FormatLocalDateTime(sessions[i].start_ms, 0) + ":00+00:00");
    EXPECT_EQ(e["DTEND"], core::FormatLocalDateTime(sessions[i].end_ms, 0) + ":00+00:00");
    EXPECT_EQ(e["DTSTAMP"], "2020-05-20T18:40:00+00:00");
  }
  EXPECT_EQ(lines[4]["SUMMARY"], "分组讨论：第八组（认认真真学、扎扎实实讨论）");
  EXPECT_EQ(lines[1]["DTSTART"], "2020-06-02T00:30:00+00:00");
  EXPECT_EQ(lines[2]["DESCRIPTION"],
            "授课人：王立新 教授\n请带笔记本, 准时到场; 手机静音\n第二行 \\ 反斜杠");
  EXPECT_EQ(lines[3]["LOCATION"], "幸福社区党群服务中心、民主社区党群服务中心");
  // Long lines are folded, never inside a character.
  size_t pos = 0;
  while (pos < ics.size()) {
    const size_t crlf = ics.find("\r\n", pos);
    ASSERT_NE(crlf, std::string::npos);
    EXPECT_LE(crlf - pos, kIcalLineOctets);
    const std::string line = ics.substr(pos, crlf - pos);
    EXPECT_TRUE(core::IsValidUtf8(line[0] == ' ' ? line.substr(1) : line)) << line;
    pos = crlf + 2;
  }
}

TEST(LocalTimeTest, ParsesAndFormatsInTheClassZone) {
  auto t = core::ParseLocalDateTime("2020-06-02T08:30", 480, "start");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, 1591057800000);
  EXPECT_EQ(core::FormatLocalDateTime(*t, 480), "2020-06-02T08:30");
  EXPECT_EQ(core::FormatLocalClock(*t, 480), "08:30");
  EXPECT_EQ(core::FormatLocalDateTime(*t, 0), "2020-06-02T00:30");
  EXPECT_EQ(*core::ParseLocalDateTime("2020-06-02 08:30", 480, "start"), *t);
  EXPECT_EQ(*core::ParseLocalDateTime("2020-06-02T08:30:00", 480, "start"), *t);
  // Urumqi (+6): the same wall clock is two hours later in UTC.
  EXPECT_EQ(*core::ParseLocalDateTime("2020-06-02T08:30", 360, "start") - *t, 2 * 3600 * 1000);
  // Just after midnight local is the previous day in UTC, but the local day stays.
  auto early = core::ParseLocalDateTime("2020-06-02T00:10", 480, "start");
  EXPECT_EQ(core::FormatLocalDateTime(*early, 480), "2020-06-02T00:10");
  EXPECT_EQ(core::LocalDay(*early, 480), core::LocalDay(*t, 480));
}

TEST(LocalTimeTest, RefusesOtherShapes) {
  for (const char* bad :
       {"2020-06-02", "2020-06-02T8:30", "2020-02-30T08:30", "2020-06-02T24:00", "2020-06-02T08:60",
        "2020-06-02T08:30:15", "2020-06-02T08:30Z", "明天上午", ""}) {
    auto t = core::ParseLocalDateTime(bad, 480, "start");
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, "timetable.time.format");
    EXPECT_EQ(t.error().field, "start");
  }
}

}  // namespace
}  // namespace peixun::timetable
