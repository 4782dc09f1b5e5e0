// Every printable of a class, read back as a person would check it: pdftotext (poppler-utils)
// must find every name that belongs on it, pdfinfo counts the pages, and no page is empty of
// names (a title-only page followed by a header-only page was how issue 9's 考勤通报 lost
// 64 of 146 names). For the seed class of 146 trainees (demo::LoadDemoClass) and for a
// class of 2,000 generated in the test, with 䶮, 𠮷 and middle dots among the names.
//
// The printables: 日程表, 签到表 (a whole-class session and a group's), 座次表, 花名册, 胸牌,
// 分组名单, 住宿安排, 用餐统计 (counts, no names), 考勤汇总 and 考勤通报. Attendance is
// computed with a fixed clock: the class's second day at noon, when everyone has missed
// every session of the first day (no one checked in).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "core/civil_date.h"
#include "core/local_time.h"
#include "core/room_assignment.h"
#include "enrollment_fixture.h"
#include "modules/attendance/attendance_reports.h"
#include "modules/demo/demo_class.h"
#include "modules/demo/demo_names.h"
#include "modules/enrollment/class_roster.h"
#include "modules/groups/groups_service.h"
#include "modules/logistics/lodging_service.h"
#include "modules/people/person_validation.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/timetable_exports.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

namespace fs = std::filesystem;

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[8192];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

// `text` without white space: pdftotext breaks lines and puts spaces inside runs of
// Chinese text wherever the layout breaks a line or spaces its letters.
std::string Squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

// Whether some line of pdftotext -layout output holds `needle` whole.
bool OnOneLine(const std::string& layout_text, const std::string& needle) {
  size_t begin = 0;
  while (begin < layout_text.size()) {
    size_t end = layout_text.find('\n', begin);
    if (end == std::string::npos) end = layout_text.size();
    if (Squeeze(layout_text.substr(begin, end - begin)).find(needle) != std::string::npos) {
      return true;
    }
    begin = end + 1;
  }
  return false;
}

// A PDF read back: its text in drawing order (pdftotext -raw, so a cell's lines stay
// together even beside other cells), page by page, and its page count from pdfinfo.
struct ReadBack {
  std::vector<std::string> pages;  // squeezed text of each page
  std::string layout;              // pdftotext -layout, for "on one line" checks
  int pdfinfo_pages = 0;
};

ReadBack Read(const std::string& pdf, const fs::path& dir, const std::string& name) {
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << pdf;
  ReadBack out;
  const std::string raw = RunCommand("pdftotext -raw -enc UTF-8 '" + path + "' -");
  size_t begin = 0;
  for (size_t ff = raw.find('\f'); ff != std::string::npos; ff = raw.find('\f', begin)) {
    out.pages.push_back(Squeeze(raw.substr(begin, ff - begin)));
    begin = ff + 1;
  }
  out.layout = RunCommand("pdftotext -layout -enc UTF-8 '" + path + "' -");
  std::smatch m;
  const std::string info = RunCommand("pdfinfo '" + path + "'");
  if (std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")))
    out.pdfinfo_pages = std::stoi(m[1]);
  return out;
}

// Which expected names a read-back PDF shows. A name expected k times must occur k times,
// not counting occurrences inside a longer expected name (王芳 inside 王芳华).
struct NameCheck {
  int expected = 0;
  int found = 0;
  std::vector<std::string> missing;
  std::vector<int> names_per_page;
};

NameCheck CheckNames(const ReadBack& pdf, const std::vector<std::string>& expected) {
  NameCheck check;
  check.expected = static_cast<int>(expected.size());
  std::string all;
  std::vector<size_t> page_start;
  for (const std::string& page : pdf.pages) {
    page_start.push_back(all.size());
    all += page;
  }
  check.names_per_page.assign(pdf.pages.size(), 0);
  // Positions of every character, by the character (its UTF-8 bytes).
  std::unordered_map<std::string, std::vector<size_t>> at;
  for (size_t i = 0; i < all.size();) {
    const unsigned char c = all[i];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    at[all.substr(i, len)].push_back(i);
    i += len;
  }
  std::map<std::string, int> want;
  for (const std::string& n : expected) ++want[n];
  std::vector<std::string> names;
  for (const auto& [n, k] : want) names.push_back(n);
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::vector<bool> claimed(all.size(), false);
  for (const std::string& name : names) {
    const unsigned char c = name[0];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    int count = 0;
    auto it = at.find(name.substr(0, len));
    if (it != at.end()) {
      for (size_t p : it->second) {
        if (claimed[p] || all.compare(p, name.size(), name) != 0) continue;
        std::fill(claimed.begin() + p, claimed.begin() + p + name.size(), true);
        ++count;
        const size_t page =
            std::upper_bound(page_start.begin(), page_start.end(), p) - page_start.begin() - 1;
        ++check.names_per_page[page];
      }
    }
    check.found += std::min(count, want[name]);
    if (count < want[name]) check.missing.push_back(name);
  }
  return check;
}

class PrintablesTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    dir_ = fs::temp_directory_path() /
           ("peixun_printables_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    TrainingTest::TearDown();
  }

  struct Printable {
    std::string label;
    std::string pdf;
    std::vector<std::string> names;  // that must be on it (with repeats)
    int max_pages = 1;
    // The header row of its table, without spaces; empty: no table.
    std::string table_header;
    // Whether every page shows a name (the 住宿安排 ends with empty rooms).
    bool names_on_every_page = true;
  };

  // Checks one printable and prints its figures; returns the read-back text.
  ReadBack Check(const Printable& p) {
    SCOPED_TRACE(p.label);
    EXPECT_EQ(p.pdf.rfind("%PDF", 0), 0u) << p.pdf.substr(0, 300);
    const ReadBack pdf = Read(p.pdf, dir_, "printable.pdf");
    EXPECT_GE(pdf.pdfinfo_pages, 1);
    EXPECT_EQ(static_cast<int>(pdf.pages.size()), pdf.pdfinfo_pages);
    EXPECT_LE(pdf.pdfinfo_pages, p.max_pages);
    const NameCheck names = CheckNames(pdf, p.names);
    EXPECT_EQ(names.found, names.expected);
    EXPECT_TRUE(names.missing.empty())
        << names.missing.size() << " names missing, e.g. " << names.missing.front();
    // A page without a single name is a page of titles or headers only.
    if (!p.names.empty() && p.names_on_every_page) {
      for (size_t i = 0; i < names.names_per_page.size(); ++i) {
        EXPECT_GT(names.names_per_page[i], 0) << "page " << i + 1 << ": " << pdf.pages[i];
      }
    }
    // Every page of a table shows its header row with at least one row below it.
    if (!p.table_header.empty()) {
      static const std::regex kFooter(R"(第\d+页/共\d+页$)");
      for (size_t i = 0; i < pdf.pages.size(); ++i) {
        const size_t at = pdf.pages[i].find(p.table_header);
        EXPECT_NE(at, std::string::npos) << "page " << i + 1 << ": " << pdf.pages[i];
        if (at == std::string::npos) continue;
        const std::string below =
            std::regex_replace(pdf.pages[i].substr(at + p.table_header.size()), kFooter, "");
        EXPECT_FALSE(below.empty()) << "page " << i + 1 << " has the header only";
      }
    }
    std::cout << "[ printable ] " << p.label << ": " << names.found << "/" << names.expected
              << " names, " << pdf.pdfinfo_pages << " pages\n";
    return pdf;
  }

  std::string Download(const std::string& path) {
    auto r = Get(path, admin_);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body.substr(0, 300);
    EXPECT_EQ(r.content_type, "application/pdf") << path;
    return r.body;
  }

  // At most `per_page` items a page, plus a first page with the title.
  static int PagesFor(size_t items, int per_page) {
    return static_cast<int>(items + per_page - 1) / per_page + 1;
  }

  // Every printable of `class_id`; `names` are its approved trainees.
  void CheckEveryPrintable(int64_t class_id, const std::vector<std::string>& names) {
    const std::string c = "/api/v1/classes/" + std::to_string(class_id);
    const Principal admin = AdminPrincipal();
    const size_t n = names.size();
    auto sessions = timetable::SessionService(app().store()).ListForClass(class_id);
    ASSERT_TRUE(sessions.ok());
    auto groups = groups::GroupsService(app().store()).List(admin, class_id);
    ASSERT_TRUE(groups.ok()) << groups.error().message;
    ASSERT_FALSE(groups->groups.empty());
    auto rooms = logistics::LodgingService(app().store()).RoomTable(admin, class_id);
    ASSERT_TRUE(rooms.ok()) << rooms.error().message;

    // 日程表: lecturers and every session's content.
    std::vector<std::string> timetable_texts;
    for (const auto& s : *sessions) {
      if (!s.lecturer_name.empty()) timetable_texts.push_back(s.lecturer_name);
      timetable_texts.push_back(Squeeze(timetable::SessionContent(s)));
    }
    Check({"日程表", Download(c + "/timetable.pdf"), timetable_texts, 3,
           "日期时间内容形式授课人地点学时"});

    // 签到表 and 座次表 of the first whole-class session in a room with a seat grid, and
    // the 签到表 of group 1's first session.
    const timetable::ClassSession* whole = nullptr;
    const timetable::ClassSession* group = nullptr;
    for (const auto& s : *sessions) {
      if (!whole && s.group_ids.empty() && s.room_id) whole = &s;
      if (!group && s.group_ids == std::vector<int64_t>{groups->groups[0].id}) group = &s;
    }
    ASSERT_NE(whole, nullptr);
    ASSERT_NE(group, nullptr);
    const std::string whole_path = "/api/v1/sessions/" + std::to_string(whole->id);
    const std::string sheet_header = "序号姓名单位签到签退";
    Check({"签到表（全班）", Download(whole_path + "/sign-in-sheet.pdf"), names, PagesFor(n, 18),
           sheet_header});
    std::vector<std::string> members;
    for (const auto& m : groups->groups[0].members) members.push_back(m.name);
    ASSERT_FALSE(members.empty());
    Check({"签到表（" + groups->groups[0].name + "）",
           Download("/api/v1/sessions/" + std::to_string(group->id) + "/sign-in-sheet.pdf"),
           members, PagesFor(members.size(), 18), sheet_header});
    Check({"座次表", Download(whole_path + "/seating.pdf"), names, 20, ""});

    Check({"花名册", Download(c + "/roster.pdf"), names, PagesFor(n, 15),
           "序号姓名性别民族单位职务手机号"});
    Check({"胸牌", Download(c + "/badges.pdf"), names, static_cast<int>(n + 7) / 8, ""});

    std::vector<std::string> grouped;
    for (const auto& g : groups->groups) {
      for (const auto& m : g.members) grouped.push_back(m.name);
    }
    EXPECT_EQ(grouped.size(), n);
    Check({"分组名单", Download(c + "/groups.pdf"), grouped, PagesFor(n, 20),
           "组别序号姓名性别单位职务备注"});

    std::vector<std::string> lodged;
    for (const auto& row : rooms->rows) {
      if (!row[4].empty()) lodged.push_back(row[4]);
    }
    EXPECT_EQ(lodged.size(), n);
    Check({"住宿安排", Download(c + "/rooms.pdf"), lodged, PagesFor(rooms->rows.size(), 20),
           "楼层房间床位性别姓名单位", false});
    Check({"用餐统计", Download(c + "/meals.pdf"), {}, 2, "日期餐次合计普通清真素食请假"});

    // Attendance on the second day at noon: the first day's sessions are over and no
    // one checked in.
    auto klass = classes_->Get(class_id);
    ASSERT_TRUE(klass.ok());
    const int64_t day1_noon = (core::DaysSinceEpoch(klass->start_date) + 1) * 86'400'000 +
                              (12 * 60 - klass->utc_offset_minutes) * 60'000;
    attendance::AttendanceService attendance(app().store(), [day1_noon] { return day1_noon; });

    auto summary = attendance::AttendanceSummaryPdf(attendance, admin, class_id);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    const ReadBack summary_text = Check({"考勤汇总", *summary, names, PagesFor(n, 15),
                                         "序号姓名单位缺勤违纪请假学时获得学时请假占比状态"});
    // Item 17: the status column is wide enough for its longest word.
    EXPECT_TRUE(OnOneLine(summary_text.layout, "已不符合结业条件")) << summary_text.layout;

    // 考勤通报 of the first day: every trainee absent from every session they were
    // expected at (whole-class sessions, and their own group's).
    const std::string first_day = core::FormatCivilDate(klass->start_date);
    std::map<int64_t, std::vector<std::string>> members_of;
    for (const auto& g : groups->groups) {
      for (const auto& m : g.members) members_of[g.id].push_back(m.name);
    }
    std::vector<std::string> absent;
    int sessions_that_day = 0;
    for (const auto& s : *sessions) {
      if (core::FormatLocalDate(s.start_ms, s.utc_offset_minutes) != first_day) {
        continue;
      }
      ++sessions_that_day;
      if (s.group_ids.empty()) {
        absent.insert(absent.end(), names.begin(), names.end());
      } else {
        for (int64_t g : s.group_ids) {
          absent.insert(absent.end(), members_of[g].begin(), members_of[g].end());
        }
      }
    }
    ASSERT_GE(sessions_that_day, 2);
    auto notice = attendance::AttendanceNoticePdf(attendance, admin, class_id, first_day);
    ASSERT_TRUE(notice.ok()) << notice.error().message;
    const ReadBack notice_text =
        Check({"考勤通报 " + first_day, *notice, absent, PagesFor(absent.size(), 100),
               "时间课程缺勤请假迟到早退中途外出"});
    // Each name whole on one line, never "买买提·艾" here and "力" there.
    int split = 0;
    for (const std::string& name : std::set<std::string>(names.begin(), names.end())) {
      if (!OnOneLine(notice_text.layout, name)) ++split;
    }
    EXPECT_EQ(split, 0) << "names broken between two lines";
  }

  fs::path dir_;
};

TEST_F(PrintablesTest, SeedClassOf146) {
  auto demo = demo::LoadDemoClass(app().store(), key_);
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  ASSERT_EQ(demo->enrolled, 146);
  auto roster = enrollment::RosterTable(app().store(), AdminPrincipal(), demo->class_id);
  ASSERT_TRUE(roster.ok());
  std::vector<std::string> names;
  for (const auto& row : roster->rows) names.push_back(row[1]);
  ASSERT_EQ(names.size(), 146u);
  for (const char* hard : {"买买提·艾力", "阿依古丽·买买提", "刘䶮", "𠮷祥云", "欧阳晓岚"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), hard), names.end()) << hard;
  }
  CheckEveryPrintable(demo->class_id, names);
}

TEST_F(PrintablesTest, ClassOf2000) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  constexpr int kTrainees = 2000;
  const Principal admin = AdminPrincipal();
  const int64_t unit = UnitNamed("幸福社区");

  // 2,000 people, hard names first; ID numbers of 1950s births (the demo's are later).
  std::vector<std::string> names = {"买买提·艾力",     "阿依古丽·买买提", "刘䶮",
                                    "𠮷祥云",          "欧阳晓岚",        "司马䶮",
                                    "迪丽娜尔·阿不都", "那日苏",          "上官婉儿"};
  std::set<std::string> used(names.begin(), names.end());
  demo::DemoRandom rng(9);
  while (names.size() < kTrainees) {
    std::string name = demo::DemoName(rng, rng.Below(2) == 0);
    if (used.insert(name).second) names.push_back(name);
  }
  std::vector<int64_t> ids;
  ASSERT_TRUE(app().store().Transact([&](store::Tx& tx) -> Status {
    for (int i = 0; i < kTrainees; ++i) {
      char first17[32];
      std::snprintf(first17, sizeof first17, "370102%04d%02d%02d%03d", 1950 + i % 10,
                    i / 10 % 12 + 1, i / 120 % 28 + 1, 100 + i % 2);
      static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
      int sum = 0;
      for (int d = 0; d < 17; ++d) sum += (first17[d] - '0') * kWeights[d];
      people::PersonInput in;
      in.name = names[i];
      in.ethnicity = "汉族";
      in.id_number = std::string(first17) + "10X98765432"[sum % 11];
      char phone[16];
      std::snprintf(phone, sizeof phone, "136%08d", i);
      in.phone = phone;
      in.unit_id = unit;
      in.position = "党务干事";
      people::ValidatedPerson v;
      std::vector<Error> errors = people::ValidatePerson(in, &v);
      if (!errors.empty()) return errors.front();
      PEIXUN_ASSIGN_OR_RETURN(people::Person p,
                              people::PeopleService::InsertIn(tx, key_, v, Actor::System()));
      ids.push_back(p.id);
    }
    return Ok();
  }));
  ASSERT_EQ(ids.size(), static_cast<size_t>(kTrainees));

  const int64_t c = MakeClass(kTrainees, "2020-06-02", "2020-06-04");
  QuotaForDistrict(c, kTrainees);
  // Approved enrollments stored as EnrollmentService::Approve leaves them, in one
  // transaction: nominating and approving one by one is 4,000 transactions (15 s on
  // SQLite here), and enrollment is not what this test is about.
  ASSERT_TRUE(app().store().Transact([&](store::Tx& tx) -> Status {
    return AddApprovedEnrollmentsIn(tx, c, district_, ids, admin_id_, 1591000000000);
  }));
  auto approved = store::ReadValue<std::vector<int64_t>>(app().store(), [&](store::Tx& tx) {
    return enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, c);
  });
  ASSERT_TRUE(approved.ok());
  ASSERT_EQ(approved->size(), static_cast<size_t>(kTrainees));
  const auto enrolled = Clock::now();

  ASSERT_TRUE(groups::GroupsService(app().store()).Generate(admin, c, 20, 2020).ok());
  timetable::RoomService rooms(app().store());
  auto hall = rooms.Create(c, {"大礼堂", 0, 40, 50});
  ASSERT_TRUE(hall.ok()) << hall.error().message;
  auto seminar = rooms.Create(c, {"研讨室1", 120, std::nullopt, std::nullopt});
  ASSERT_TRUE(seminar.ok());
  auto lecturer = timetable::LecturerService(app().store())
                      .Create({"买买提·艾力", "教授", "×大学", "基层治理", "", {}});
  ASSERT_TRUE(lecturer.ok());
  auto groups = groups::GroupsService(app().store()).List(admin, c);
  ASSERT_TRUE(groups.ok());
  timetable::SessionService sessions(app().store());
  auto add = [&](const std::string& kind, const std::string& title, const std::string& start,
                 const std::string& end, int64_t room, std::optional<int64_t> lecturer_id,
                 std::vector<int64_t> group_ids) {
    timetable::SessionFields f;
    f.kind = kind;
    f.title = title;
    f.start = start;
    f.end = end;
    f.set_room = true;
    f.room_id = room;
    f.set_lecturer = lecturer_id.has_value();
    f.lecturer_id = lecturer_id;
    if (!group_ids.empty()) f.group_ids = group_ids;
    auto s = sessions.Create(c, f, true);
    ASSERT_TRUE(s.ok()) << title << ": " << s.error().message;
  };
  add("ceremony", "开班仪式暨培训动员", "2020-06-02T08:30", "2020-06-02T09:20", hall->id, {}, {});
  add("lecture", "基础党务工作者管理沟通艺术", "2020-06-02T09:30", "2020-06-02T11:30", hall->id,
      lecturer->id, {});
  add("discussion", "分组讨论：" + groups->groups[0].name, "2020-06-02T14:30", "2020-06-02T16:30",
      seminar->id, {}, {groups->groups[0].id});
  add("lecture", "基层党组织书记履职能力提升", "2020-06-03T08:30", "2020-06-03T11:30", hall->id, {},
      {});

  logistics::LodgingService lodging(app().store());
  std::vector<logistics::RoomInput> beds;
  for (int i = 1; i <= 500; ++i) beds.push_back({std::to_string(1000 + i), i / 100 + 1, 4});
  ASSERT_TRUE(lodging.CreateRooms(admin, c, beds).ok());
  auto lodged = lodging.AutoAssign(admin, c, core::RoommatePreference::kMixUnits);
  ASSERT_TRUE(lodged.ok()) << lodged.error().message;
  const auto ready = Clock::now();

  CheckEveryPrintable(c, names);
  const auto checked = Clock::now();
  auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::cout << "[ printable ] 2,000 trainees: enrolled in " << seconds(started, enrolled)
            << " s, class set up in " << seconds(enrolled, ready) << " s, printables in "
            << seconds(ready, checked) << " s\n";
}

}  // namespace
}  // namespace peixun::test
