#include "modules/reflection/reflection_service.h"

#include <algorithm>

#include "core/actor.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "core/name_collation.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "io/pdf_document.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"
#include "modules/reflection/paper_file.h"

namespace peixun::reflection {
namespace {

using nlohmann::json;
using store::Int;
using store::IntOrNull;
using store::Text;

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "reflection.forbidden", "您无权查看或管理该心得体会",
                   "you may not see or manage these reflection papers");
}

Error PaperNotFound(int64_t id) {
  return NotFound("reflection.not_found", "心得体会不存在：" + std::to_string(id),
                  "reflection paper not found: " + std::to_string(id), "id");
}

bool IsManagerRole(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer || who.role == Role::kHeadTeacher;
}

Status CheckManageIn(store::Tx& tx, const Principal& who, int64_t class_id) {
  if (!IsManagerRole(who)) {
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::GetIn(tx, class_id));
    return Forbidden();
  }
  return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
}

// Ok for an approved trainee of the class; 403 otherwise.
Status CheckTraineeIn(store::Tx& tx, const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(classes::ClassService::GetIn(tx, class_id));
  if (who.role != Role::kTrainee || !who.person_id) return Forbidden();
  PEIXUN_ASSIGN_OR_RETURN(
      bool approved, enrollment::EnrollmentService::IsApprovedIn(tx, class_id, *who.person_id));
  return approved ? Ok() : Status(Forbidden());
}

Result<std::optional<Requirement>> RequirementIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT deadline, grading FROM reflection_requirements WHERE class_id = ?",
               {Int(class_id)}));
  if (rows.empty()) return std::optional<Requirement>();
  Requirement r;
  r.class_id = class_id;
  r.deadline = rows[0].Int(0);
  r.grading = rows[0].Str(1) == "pass_fail" ? Grading::kPassFail : Grading::kMark;
  r.utc_offset_minutes = c.utc_offset_minutes;
  return std::optional<Requirement>(r);
}

constexpr char kPaperColumns[] =
    "SELECT id, class_id, person_id, source, file_name, text, submitted_at, late, mark, passed, "
    "grade_comment, graded_at FROM reflection_papers ";

Result<std::vector<Paper>> PapersIn(store::Tx& tx, const std::string& where,
                                    const std::vector<store::Value>& params, bool with_text) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string(kPaperColumns) + where, params));
  std::vector<Paper> out;
  std::vector<int64_t> person_ids;
  for (const auto& r : rows) {
    Paper p;
    p.id = r.Int(0);
    p.class_id = r.Int(1);
    p.person_id = r.Int(2);
    p.source = r.Str(3);
    p.file_name = r.Str(4);
    if (with_text) p.text = r.Str(5);
    p.submitted_at = r.Int(6);
    p.late = r.Int(7) != 0;
    if (auto m = r.OptInt(8)) p.mark = static_cast<int>(*m);
    if (auto passed = r.OptInt(9)) p.passed = *passed != 0;
    p.grade_comment = r.Str(10);
    p.graded_at = r.OptInt(11);
    person_ids.push_back(p.person_id);
    out.push_back(std::move(p));
  }
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, person_ids));
  for (auto& p : out) {
    for (const auto& person : people) {
      if (person.id == p.person_id) {
        p.person_name = person.name;
        p.unit_name = person.unit_name;
      }
    }
  }
  // 姓氏笔画 order, then person id.
  std::stable_sort(out.begin(), out.end(), [](const Paper& a, const Paper& b) {
    const std::string ka = core::StrokeSortKey(a.person_name);
    const std::string kb = core::StrokeSortKey(b.person_name);
    return ka != kb ? ka < kb : a.person_id < b.person_id;
  });
  return out;
}

Result<Paper> PaperIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<Paper> papers, PapersIn(tx, "WHERE id = ?", {Int(id)}, true));
  if (papers.empty()) return PaperNotFound(id);
  return papers.front();
}

json PaperAudit(const Paper& p) {
  return {{"class_id", p.class_id},
          {"person_id", p.person_id},
          {"source", p.source},
          {"late", p.late},
          {"chars", core::Utf8CharCount(p.text)},
          {"mark", p.mark ? json(*p.mark) : json(nullptr)},
          {"passed", p.passed ? json(*p.passed) : json(nullptr)},
          {"grade_comment", p.grade_comment}};
}

}  // namespace

Result<Requirement> ReflectionService::SetRequirement(const Principal& who, int64_t class_id,
                                                      const std::string& deadline,
                                                      const std::string& grading) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Requirement>(store_, [&](store::Tx& tx) -> Result<Requirement> {
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
    if (grading != "mark" && grading != "pass_fail") {
      return Invalid("reflection.grading", "评分方式应为 mark（百分制）或 pass_fail（合格/不合格）",
                     "grading must be mark or pass_fail", "grading");
    }
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    auto at = core::ParseLocalDateTime(deadline, c.utc_offset_minutes, "deadline");
    if (!at) return std::move(at).error();
    PEIXUN_ASSIGN_OR_RETURN(std::optional<Requirement> before, RequirementIn(tx, class_id));
    if (before) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE reflection_requirements SET deadline = ?, grading = ?, updated_at = ? "
                  "WHERE class_id = ?",
                  {Int(*at), Text(grading), Int(NowMillis()), Int(class_id)}));
    } else {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO reflection_requirements (class_id, deadline, grading, updated_at) "
                  "VALUES (?, ?, ?, ?)",
                  {Int(class_id), Int(*at), Text(grading), Int(NowMillis())}));
    }
    json before_json =
        before ? json{{"deadline", before->deadline},
                      {"grading", before->grading == Grading::kMark ? "mark" : "pass_fail"}}
               : json(nullptr);
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"reflection.requirement",
                                          "class",
                                          class_id,
                                          before_json,
                                          {{"deadline", *at}, {"grading", grading}}}));
    PEIXUN_ASSIGN_OR_RETURN(std::optional<Requirement> after, RequirementIn(tx, class_id));
    return *after;
  });
}

Result<std::optional<Requirement>> ReflectionService::GetRequirement(const Principal& who,
                                                                     int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return store::ReadValue<std::optional<Requirement>>(
      store_, [&](store::Tx& tx) -> Result<std::optional<Requirement>> {
        if (who.role == Role::kTrainee) {
          PEIXUN_RETURN_IF_ERROR(CheckTraineeIn(tx, who, class_id));
        } else {
          PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
        }
        return RequirementIn(tx, class_id);
      });
}

Result<Paper> ReflectionService::Submit(const Principal& who, int64_t class_id,
                                        const PaperUpload& upload) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  // Files are read (and refused) before any transaction is opened.
  ReadPaper read;
  std::string file_name = upload.file_name;
  if (upload.is_file) {
    PEIXUN_ASSIGN_OR_RETURN(read, ReadPaperFile(upload.file_name, upload.bytes));
  } else {
    read.source = "typed";
    read.text = upload.text;
    file_name = "";
  }
  if (read.source != "pdf") {
    if (!core::IsValidUtf8(read.text) || core::NormalizeField(read.text).empty() ||
        core::Utf8CharCount(read.text) > kMaxPaperChars) {
      return Invalid(
          "reflection.text", "心得体会应为 1 到 " + std::to_string(kMaxPaperChars) + " 字的文字",
          "the paper must be text of 1 to " + std::to_string(kMaxPaperChars) + " characters",
          upload.is_file ? "file" : "text");
    }
  }
  return store::TransactValue<Paper>(store_, [&](store::Tx& tx) -> Result<Paper> {
    PEIXUN_RETURN_IF_ERROR(CheckTraineeIn(tx, who, class_id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::optional<Requirement> req, RequirementIn(tx, class_id));
    if (!req) {
      return MakeError(ErrorKind::kConflict, "reflection.not_required", "本班尚未布置心得体会",
                       "this class has not asked for reflection papers", "class_id");
    }
    const int64_t now = NowMillis();
    const bool late = now > req->deadline;
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Paper> existing,
                            PapersIn(tx, "WHERE class_id = ? AND person_id = ?",
                                     {Int(class_id), Int(*who.person_id)}, false));
    json before = nullptr;
    if (!existing.empty()) {
      if (existing[0].graded()) {
        return MakeError(ErrorKind::kConflict, "reflection.graded", "心得体会已评阅，不能再修改",
                         "the paper has been graded and can no longer change", "class_id");
      }
      before = PaperAudit(existing[0]);
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "UPDATE reflection_papers SET source = ?, file_name = ?, text = ?, original_base64 = ?, "
          "submitted_at = ?, late = ? WHERE id = ?",
          {Text(read.source), Text(file_name), Text(read.text),
           read.original_base64 ? Text(*read.original_base64) : store::Null(), Int(now),
           Int(late ? 1 : 0), Int(existing[0].id)}));
    } else {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO reflection_papers (class_id, person_id, source, file_name, text, "
          "original_base64, submitted_at, late, grade_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
          {Int(class_id), Int(*who.person_id), Text(read.source), Text(file_name), Text(read.text),
           read.original_base64 ? Text(*read.original_base64) : store::Null(), Int(now),
           Int(late ? 1 : 0)}));
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Paper> after,
                            PapersIn(tx, "WHERE class_id = ? AND person_id = ?",
                                     {Int(class_id), Int(*who.person_id)}, true));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"reflection.submit", "paper", after[0].id, before,
                                          PaperAudit(after[0])}));
    return after[0];
  });
}

Result<Paper> ReflectionService::Mine(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  return store::ReadValue<Paper>(store_, [&](store::Tx& tx) -> Result<Paper> {
    PEIXUN_RETURN_IF_ERROR(CheckTraineeIn(tx, who, class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Paper> mine,
                            PapersIn(tx, "WHERE class_id = ? AND person_id = ?",
                                     {Int(class_id), Int(*who.person_id)}, true));
    if (mine.empty()) return PaperNotFound(0);
    return mine[0];
  });
}

Result<PaperList> ReflectionService::List(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::ReadValue<PaperList>(store_, [&](store::Tx& tx) -> Result<PaperList> {
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
    PaperList out;
    PEIXUN_ASSIGN_OR_RETURN(out.requirement, RequirementIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(out.papers, PapersIn(tx, "WHERE class_id = ?", {Int(class_id)}, false));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
    std::vector<int64_t> missing;
    for (int64_t id : approved) {
      const bool has = std::any_of(out.papers.begin(), out.papers.end(),
                                   [id](const Paper& p) { return p.person_id == id; });
      if (!has) missing.push_back(id);
    }
    PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                            people::PeopleService::GetManyIn(tx, missing));
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const auto& p : people) keyed.emplace_back(core::StrokeSortKey(p.name), p.name);
    std::sort(keyed.begin(), keyed.end());
    for (auto& k : keyed) out.missing.push_back(std::move(k.second));
    return out;
  });
}

Result<Paper> ReflectionService::Get(const Principal& who, int64_t paper_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee}));
  return store::ReadValue<Paper>(store_, [&](store::Tx& tx) -> Result<Paper> {
    PEIXUN_ASSIGN_OR_RETURN(Paper p, PaperIn(tx, paper_id));
    if (who.role == Role::kTrainee) {
      // Someone else's paper does not exist, as far as a trainee can tell.
      if (!who.person_id || *who.person_id != p.person_id) return PaperNotFound(paper_id);
      return p;
    }
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, p.class_id));
    return p;
  });
}

Result<Paper> ReflectionService::Grade(const Principal& who, int64_t paper_id,
                                       const GradeInput& grade) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Paper>(store_, [&](store::Tx& tx) -> Result<Paper> {
    PEIXUN_ASSIGN_OR_RETURN(Paper before, PaperIn(tx, paper_id));
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, before.class_id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, before.class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::optional<Requirement> req, RequirementIn(tx, before.class_id));
    const Grading grading = req ? req->grading : Grading::kMark;
    std::optional<int64_t> mark;
    std::optional<int64_t> passed;
    if (grading == Grading::kMark) {
      if (!grade.mark || *grade.mark < 0 || *grade.mark > 100) {
        return Invalid("reflection.grade.mark", "请给出 0 到 100 的分数",
                       "give a mark from 0 to 100", "mark");
      }
      mark = grade.mark;
    } else {
      if (!grade.passed) {
        return Invalid("reflection.grade.passed", "请给出合格或不合格",
                       "say whether the paper passed", "passed");
      }
      passed = *grade.passed ? 1 : 0;
    }
    if (!core::IsValidUtf8(grade.comment) || core::Utf8CharCount(grade.comment) > 2000) {
      return Invalid("reflection.grade.comment", "评语不能超过 2000 字",
                     "the comment must be at most 2000 characters", "comment");
    }
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE reflection_papers SET mark = ?, passed = ?, grade_comment = ?, "
                "graded_at = ?, graded_by = ? WHERE id = ?",
                {IntOrNull(mark), IntOrNull(passed), Text(grade.comment), Int(NowMillis()),
                 Int(who.user_id), Int(paper_id)}));
    PEIXUN_ASSIGN_OR_RETURN(Paper after, PaperIn(tx, paper_id));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"reflection.grade", "paper", paper_id, PaperAudit(before),
                                          PaperAudit(after)}));
    return after;
  });
}

Result<std::vector<SimilarPaperPair>> ReflectionService::Similar(const Principal& who,
                                                                 int64_t class_id,
                                                                 double threshold) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  if (!(threshold > 0 && threshold <= 1)) {
    return Invalid("reflection.similarity.threshold", "相似度阈值应在 0 到 1 之间",
                   "the similarity threshold must be above 0 and at most 1", "threshold");
  }
  return store::ReadValue<std::vector<SimilarPaperPair>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<SimilarPaperPair>> {
        PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<Paper> papers,
                                PapersIn(tx, "WHERE class_id = ?", {Int(class_id)}, true));
        std::vector<core::SimilarityDocument> docs;
        for (const auto& p : papers) {
          if (!p.text.empty()) docs.push_back({p.id, p.text});
        }
        std::vector<SimilarPaperPair> out;
        for (const auto& pair : core::SimilarPairs(docs, threshold)) {
          auto find = [&](int64_t id) {
            return *std::find_if(papers.begin(), papers.end(),
                                 [id](const Paper& p) { return p.id == id; });
          };
          SimilarPaperPair s{find(pair.a_id), find(pair.b_id), pair.jaccard, {}};
          s.shared = core::SharedPassages(s.a.text, s.b.text);
          s.a.text.clear();
          s.b.text.clear();
          out.push_back(std::move(s));
        }
        return out;
      });
}

Result<std::string> ReflectionService::CompilationPdf(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  std::vector<Paper> papers;
  std::string class_name;
  Status st = store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(CheckManageIn(tx, who, class_id));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    class_name = c.name;
    PEIXUN_ASSIGN_OR_RETURN(papers, PapersIn(tx, "WHERE class_id = ?", {Int(class_id)}, true));
    return Ok();
  });
  if (!st) return std::move(st).error();

  io::PageSetup setup;
  setup.title = class_name + " 心得体会汇编";
  setup.subtitle = class_name + " · 心得体会汇编";
  io::PdfDocument doc(setup);
  doc.Title("心得体会汇编");
  doc.Paragraph(class_name + "（共 " + std::to_string(papers.size()) + " 篇，按姓氏笔画排序）",
                io::TextStyle::Subtitle());
  doc.Space(4);
  // The author's line: bold, left, no letter spacing, so the name reads back whole.
  const io::TextStyle author{io::FontFamily::kSerif, 13, true, io::Align::kLeft, 0x000000, 2, 2};
  for (const auto& p : papers) {
    doc.Paragraph(p.person_name + (p.unit_name.empty() ? "" : "　" + p.unit_name), author);
    if (p.late) doc.Paragraph("（逾期提交）", io::TextStyle::Note());
    doc.Paragraph(p.source == "pdf" ? "（以 PDF 文件提交，原件另存）" : p.text);
    doc.Space(6);
  }
  return doc.Finish();
}

}  // namespace peixun::reflection
