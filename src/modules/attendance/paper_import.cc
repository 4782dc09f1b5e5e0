#include "modules/attendance/paper_import.h"

#include <cstdio>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/local_time.h"
#include "core/sheet_time.h"
#include "io/table_transfer.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/groups/groups_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::attendance {
namespace {

struct ClassData {
  classes::TrainingClass klass;
  std::vector<timetable::ClassSession> sessions;
  std::multimap<std::string, int64_t> person_by_name;
};

int ColumnOf(const io::Table& t, std::initializer_list<const char*> names) {
  for (size_t i = 0; i < t.header.size(); ++i) {
    for (const char* n : names) {
      if (t.header[i] == n) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string Cell(const std::vector<std::string>& row, int col) {
  if (col < 0 || static_cast<size_t>(col) >= row.size()) return "";
  std::string s = row[col];
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t b = s.find_first_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b);
}

Error RowProblem(const std::string& code, const std::string& zh, const std::string& en) {
  return Invalid(code, zh, en);
}

}  // namespace

Result<ImportReport> ImportPaperSheet(CheckinService& checkins, const Principal& who,
                                      int64_t class_id, const std::string& bytes,
                                      const std::string& filename, bool dry_run) {
  PEIXUN_ASSIGN_OR_RETURN(io::Table table, io::ParseUploadedTable(bytes, filename));
  const int c_name = ColumnOf(table, {"姓名", "trainee", "name"});
  const int c_session = ColumnOf(table, {"课程", "session", "课程名称"});
  const int c_in = ColumnOf(table, {"签到时间", "checkin", "check_in"});
  const int c_out = ColumnOf(table, {"签退时间", "checkout", "check_out"});
  if (c_name < 0 || c_session < 0 || (c_in < 0 && c_out < 0)) {
    return Invalid("attendance.paper.columns", "表格需要 姓名、课程、签到时间/签退时间 列",
                   "the sheet needs columns 姓名/trainee, 课程/session, 签到时间/checkin or "
                   "签退时间/checkout");
  }
  auto loaded =
      store::ReadValue<ClassData>(checkins.store_, [&](store::Tx& tx) -> Result<ClassData> {
        PEIXUN_RETURN_IF_ERROR(
            classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
        ClassData d;
        PEIXUN_ASSIGN_OR_RETURN(d.klass, classes::ClassService::GetIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(d.sessions,
                                timetable::SessionService::ListForClassIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<groups::GroupMember> members,
                                groups::GroupsService::MembersIn(tx, class_id, {}));
        for (const auto& m : members) d.person_by_name.emplace(m.name, m.person_id);
        return d;
      });
  if (!loaded) return std::move(loaded).error();
  const ClassData& data = *loaded;
  const int off = data.klass.utc_offset_minutes;

  ImportReport report;
  report.dry_run = dry_run;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    const int line = i < table.source_rows.size() ? table.source_rows[i] : static_cast<int>(i) + 2;
    ++report.total_rows;
    auto fail = [&](const char* column, Error e) {
      report.AddError({line, column, std::move(e)});
      report.rejected_rows.push_back(static_cast<int>(i));
    };
    const std::string name = Cell(row, c_name);
    auto [pb, pe] = data.person_by_name.equal_range(name);
    if (pb == pe) {
      fail("姓名", RowProblem("attendance.paper.trainee", "不是本班学员：" + name,
                              "not a trainee of the class: " + name));
      continue;
    }
    if (std::next(pb) != pe) {
      fail("姓名", RowProblem("attendance.paper.trainee_ambiguous", "本班有同名学员：" + name,
                              "several trainees are named " + name));
      continue;
    }
    const int64_t person = pb->second;
    const std::string session_text = Cell(row, c_session);
    const std::string in_text = Cell(row, c_in);
    const std::string out_text = Cell(row, c_out);
    const timetable::ClassSession* session = nullptr;
    int matches = 0;
    for (const auto& s : data.sessions) {
      if (s.title == session_text || std::to_string(s.id) == session_text) {
        // With a full date-time, prefer the session of that day.
        std::optional<int64_t> t =
            core::ParseSheetTime(in_text.empty() ? out_text : in_text, s.start_ms, off);
        if (t && core::FormatLocalDate(*t, off) != core::FormatLocalDate(s.start_ms, off)) {
          continue;
        }
        session = &s;
        ++matches;
      }
    }
    if (!session || matches > 1) {
      fail("课程", RowProblem("attendance.paper.session",
                              matches > 1 ? "课程名称不唯一，请写明日期：" + session_text
                                          : "本班没有这个课程：" + session_text,
                              "no single session matches: " + session_text));
      continue;
    }
    bool row_ok = true;
    int recorded = 0;
    for (auto [text, dir, column] :
         {std::tuple{in_text, core::CheckinDirection::kIn, "签到时间"},
          std::tuple{out_text, core::CheckinDirection::kOut, "签退时间"}}) {
      if (text.empty()) continue;
      std::optional<int64_t> at = core::ParseSheetTime(text, session->start_ms, off);
      if (!at) {
        fail(column, RowProblem("attendance.paper.time", "时间格式应为 2020-06-02 08:27 或 08:27",
                                "times look like 2020-06-02 08:27 or 08:27"));
        row_ok = false;
        break;
      }
      if (dry_run) {
        ++recorded;
        continue;
      }
      CheckinRequest req;
      req.source = CheckinSource::kPaper;
      req.session_id = session->id;
      req.person_id = person;
      req.direction = dir;
      req.at_ms = *at;
      req.user_id = who.user_id;
      req.idempotency_key = "paper:" + std::to_string(session->id) + ":" + std::to_string(person) +
                            ":" + core::CheckinDirectionCode(dir) + ":" + std::to_string(*at);
      auto r = checkins.CheckIn(req);
      if (!r) {
        fail(column, r.error());
        row_ok = false;
        break;
      }
      ++recorded;
    }
    if (row_ok && recorded > 0) ++report.imported;
  }
  if (dry_run) report.imported = 0;
  report.committed = report.imported > 0;
  if (!dry_run) {
    nlohmann::json after = {{"filename", filename},
                            {"rows", report.total_rows},
                            {"imported", report.imported},
                            {"rejected", report.rejected_rows.size()}};
    Status st = checkins.store_.Transact([&](store::Tx& tx) {
      return audit::AppendIn(
          tx, Actor::Of(who),
          audit::AuditEntry{"attendance.paper_import", "class", class_id, nullptr, after});
    });
    if (!st) return std::move(st).error();
  }
  return report;
}

}  // namespace peixun::attendance
