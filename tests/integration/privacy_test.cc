// PIPL (issue 14): a person's export holds every module's part; erasure removes
// the personal values from every table (every text column is scanned), keeps the
// class statistics and the ledger's hours, and leaves the audit chain verifiable;
// it is refused for a trainee of a running class. On SQLite and PostgreSQL.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app_fixture.h"
#include "modules/audit/audit_verify.h"
#include "modules/classes/class_service.h"
#include "modules/demo/demo_scenario.h"
#include "modules/enrollment/enrollment_personal_data.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/privacy/privacy_service.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class PrivacyTest : public AppTest {
 protected:
  // (person id, class id) pairs and each class's status.
  struct Enrolments {
    std::map<int64_t, std::set<int64_t>> classes_of;
    std::map<int64_t, classes::ClassStatus> status;
  };
  Enrolments ReadEnrolments() {
    Enrolments e;
    Status st = app().store().Read([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(auto pairs, enrollment::AllPersonClassPairsIn(tx));
      for (auto [p, c] : pairs) {
        e.classes_of[p].insert(c);
        if (!e.status.count(c)) {
          PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k, classes::ClassService::GetIn(tx, c));
          e.status[c] = k.status;
        }
      }
      return Ok();
    });
    EXPECT_TRUE(st.ok());
    return e;
  }

  int64_t Count(const std::string& sql, std::vector<store::Value> params = {}) {
    auto n = store::ReadValue<int64_t>(app().store(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
      return rows[0].Int(0);
    });
    EXPECT_TRUE(n.ok()) << sql;
    return n.ok() ? *n : -1;
  }

  // Every (table, column) holding text, on either database.
  std::vector<std::pair<std::string, std::string>> TextColumns() {
    std::vector<std::pair<std::string, std::string>> out;
    Status st = app().store().Read([&](store::Tx& tx) -> Status {
      if (tx.dialect() == store::Dialect::kPostgres) {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query("SELECT table_name, column_name FROM information_schema.columns WHERE "
                     "table_schema = current_schema() AND data_type IN ('text', 'character "
                     "varying', 'character')"));
        for (const auto& r : rows) out.emplace_back(r.Str(0), r.Str(1));
        return Ok();
      }
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows tables,
          tx.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                   "'sqlite_%'"));
      for (const auto& t : tables) {
        PEIXUN_ASSIGN_OR_RETURN(store::Rows cols, tx.Query("SELECT name FROM pragma_table_info(?)",
                                                           {store::Text(t.Str(0))}));
        for (const auto& c : cols) out.emplace_back(t.Str(0), c.Str(0));
      }
      return Ok();
    });
    EXPECT_TRUE(st.ok());
    return out;
  }

  // "table.column" of every cell that contains `value`.
  std::vector<std::string> CellsHolding(const std::string& value) {
    std::vector<std::string> found;
    for (const auto& [table, column] : TextColumns()) {
      const int64_t n =
          Count("SELECT COUNT(*) FROM " + table + " WHERE CAST(" + column + " AS TEXT) LIKE ?",
                {store::Text("%" + value + "%")});
      if (n > 0) found.push_back(table + "." + column + " (" + std::to_string(n) + ")");
    }
    return found;
  }

  // Per class: approved enrollments, check-in events, completion outcomes,
  // certificates, evaluation answers.
  std::map<int64_t, std::vector<int64_t>> ClassFigures(const std::set<int64_t>& class_ids) {
    std::map<int64_t, std::vector<int64_t>> out;
    for (int64_t c : class_ids) {
      const std::vector<store::Value> p = {store::Int(c)};
      out[c] = {
          Count("SELECT COUNT(*) FROM enrollments WHERE class_id = ? AND status = 'approved'", p),
          Count("SELECT COUNT(*) FROM attendance_events e JOIN class_sessions s ON s.id = "
                "e.session_id WHERE s.class_id = ?",
                p),
          Count("SELECT COUNT(*) FROM completion_decisions WHERE class_id = ? AND outcome = "
                "'completed'",
                p),
          Count("SELECT COUNT(*) FROM certificates WHERE class_id = ?", p),
          Count("SELECT COUNT(*) FROM evaluation_answers a JOIN evaluation_questionnaires q ON "
                "q.id = a.questionnaire_id WHERE q.class_id = ?",
                p)};
    }
    return out;
  }
};

TEST_F(PrivacyTest, ExportHoldsEveryModulesPartAndErasureLeavesStatisticsAndAChainThatVerifies) {
  auto scenario = demo::LoadDemoScenario(app().store(), key_);
  ASSERT_TRUE(scenario.ok()) << scenario.error().message_en;
  const Enrolments enrolments = ReadEnrolments();

  // A trainee of the running seed class who also holds a certificate of an
  // earlier year (the demo's earlier classes had the same people).
  int64_t person = 0;
  int64_t running_class = 0;
  for (const auto& [p, cls] : enrolments.classes_of) {
    int64_t running = 0;
    for (int64_t c : cls) {
      if (enrolments.status.at(c) == classes::ClassStatus::kRunning) running = c;
    }
    if (running && cls.size() > 1 &&
        Count("SELECT COUNT(*) FROM certificates WHERE person_id = ?", {store::Int(p)}) > 0) {
      person = p;
      running_class = running;
      break;
    }
  }
  ASSERT_NE(person, 0) << "no seed-class trainee with an earlier certificate in the demo";

  Session admin = MakeUser("pipl_admin", Role::kAdmin);
  int64_t self_user = 0;
  Session self = MakeUser("pipl_self", Role::kTrainee, std::nullopt, person, &self_user);
  Session head = MakeUser("pipl_head", Role::kHeadTeacher);
  const std::string base = "/api/v1/people/" + std::to_string(person);

  auto exported = Get(base + "/personal-data", admin);
  ASSERT_EQ(exported.status, 200) << exported.body;
  const json e = Body(exported);
  std::set<std::string> modules;
  std::map<std::string, size_t> rows_of;
  for (const auto& part : e["parts"]) {
    modules.insert(part["module"].get<std::string>());
    rows_of[part["table"].get<std::string>()] = part["rows"].size();
  }
  for (const char* m :
       {"people", "auth", "enrollment", "groups", "logistics", "attendance", "assessment",
        "evaluation", "reflection", "completion", "certificates", "records"}) {
    EXPECT_TRUE(modules.count(m)) << m;
  }
  EXPECT_EQ(rows_of["people"], 1u);
  EXPECT_EQ(rows_of["users"], 1u);
  EXPECT_GE(rows_of["sessions"], 1u);
  EXPECT_GE(rows_of["enrollments"], 1u);
  EXPECT_GE(rows_of["attendance_events"], 1u);
  EXPECT_GE(rows_of["certificates"], 1u);
  EXPECT_GE(rows_of["completion_decisions"], 1u);
  const json person_row = e["parts"][0]["rows"][0];
  const std::string name = person_row["name"];
  const std::string phone =
      person_row.value("phone", json("")).is_string() ? person_row["phone"].get<std::string>() : "";
  const std::string id_number =
      person_row["id_number"].is_string() ? person_row["id_number"].get<std::string>() : "";
  ASSERT_EQ(id_number.size(), 18u) << "the admin's export shows the ID number in clear";
  ASSERT_FALSE(phone.empty());
  EXPECT_EQ(e["id_number_in_clear"], true);

  // The xlsx, the person's own export (masked), and the refusals.
  auto xlsx = Get(base + "/personal-data.xlsx", admin);
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto mine = Get("/api/v1/me/personal-data", self);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Body(mine)["id_number_in_clear"], false);
  EXPECT_TRUE(Body(mine)["parts"][0]["rows"][0]["id_number"].is_null());
  EXPECT_EQ(Get(base + "/personal-data", head).status, 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.export' AND "
                  "entity_id = ?",
                  {store::Int(person)}),
            3);

  // Before: the person's values are in the database; the class figures and the
  // ledger's hours.
  ASSERT_FALSE(CellsHolding(name).empty());
  const auto figures = ClassFigures(enrolments.classes_of.at(person));
  // Hours per year (the party-member target goes with the erased membership date).
  auto year_hours = [&] {
    std::vector<double> out;
    auto r = Get(base + "/record", admin);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    const json body = Body(r);  // kept: a range-for over Body(r)[…] would dangle
    for (const auto& y : body["years"]) {
      out.push_back(y["year_hours"].get<double>());
    }
    return out;
  };
  const std::vector<double> hours_before = year_hours();
  ASSERT_FALSE(hours_before.empty());

  // Erasure: a running class refuses; the head teacher may not; the admin does.
  auto running = Send(api::Method::kPost, base + "/erase", R"({"reason":"测试"})", admin);
  EXPECT_EQ(running.status, 409);
  EXPECT_EQ(ErrorCode(running), "privacy.erase.running_class");
  classes::ClassService classes_service(app().store());
  auto finished = classes_service.ChangeStatus(running_class, classes::ClassStatus::kFinished);
  ASSERT_TRUE(finished.ok()) << finished.error().message_en;
  EXPECT_EQ(Send(api::Method::kPost, base + "/erase", R"({"reason":"测试"})", head).status, 403);
  EXPECT_EQ(Send(api::Method::kPost, base + "/erase", R"({})", admin).status, 422);
  auto erased = Send(api::Method::kPost, base + "/erase", R"({"reason":"本人申请删除"})", admin);
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(Body(erased)["name"], "已删除#" + std::to_string(person));
  EXPECT_GE(Body(erased)["audit_entries_redacted"].get<int64_t>(), 1);
  auto again = Send(api::Method::kPost, base + "/erase", R"({"reason":"再次"})", admin);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrorCode(again), "privacy.erase.already");

  // Gone from every text column of every table.
  for (const std::string& v : {name, phone, id_number, id_number.substr(10)}) {
    EXPECT_EQ(CellsHolding(v), std::vector<std::string>()) << v;
  }
  // The login is dead: the session is gone.
  EXPECT_EQ(Get("/api/v1/auth/me", self).status, 401);

  // Statistics and hours unchanged.
  EXPECT_EQ(ClassFigures(enrolments.classes_of.at(person)), figures);
  EXPECT_EQ(year_hours(), hours_before);

  // The chain verifies, with the erased entries vouched for.
  auto report = audit::VerifyChain(app().store());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->message_en;
  EXPECT_GE(report->erased, 1);

  // Tampering with an erased entry's non-personal columns is still caught.
  auto first_erased = Count("SELECT MIN(id) FROM audit_log WHERE erased_by IS NOT NULL");
  ASSERT_TRUE(app()
                  .store()
                  .Transact([&](store::Tx& tx) -> Status {
                    auto n = tx.Exec("UPDATE audit_log SET action = 'people.forged' WHERE id = ?",
                                     {store::Int(first_erased)});
                    if (!n.ok()) return std::move(n).error();
                    return Ok();
                  })
                  .ok());
  report = audit::VerifyChain(app().store());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_bad_id, first_erased);
}

TEST_F(PrivacyTest, RetentionFindsPeopleWhoLeftEveryClassLongAgo) {
  auto scenario = demo::LoadDemoScenario(app().store(), key_);
  ASSERT_TRUE(scenario.ok()) << scenario.error().message_en;
  privacy::PrivacyService service(app().store(), key_);
  const core::CivilDate today = core::TodayInChina();
  auto none = service.RetentionCandidates(50, today);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  // The demo's earliest classes ended about three years ago.
  auto some = service.RetentionCandidates(1, today);
  ASSERT_TRUE(some.ok());
  ASSERT_FALSE(some->empty());
  const Enrolments enrolments = ReadEnrolments();
  for (const auto& c : *some) {
    for (int64_t k : enrolments.classes_of.at(c.person_id)) {
      EXPECT_NE(enrolments.status.at(k), classes::ClassStatus::kRunning) << c.person_id;
    }
    EXPECT_LT(c.last_class_end, today);
  }
  // The admin console's preview answers the same list, changing nothing.
  Session admin = MakeUser("retention_admin", Role::kAdmin);
  Session head = MakeUser("retention_head", Role::kHeadTeacher);
  const std::string preview = "/api/v1/settings/privacy-retention/preview";
  auto shown = Get(preview + "?years=1", admin);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const json body = Body(shown);
  EXPECT_EQ(body["years"], 1);
  EXPECT_EQ(body["count"].get<size_t>(), some->size());
  ASSERT_EQ(body["people"].size(), std::min<size_t>(some->size(), 200));
  EXPECT_EQ(body["people"][0]["person_id"], some->front().person_id);
  EXPECT_EQ(body["people"][0]["name"], some->front().name);
  EXPECT_EQ(body["people"][0]["last_class_end"],
            core::FormatCivilDate(some->front().last_class_end));
  core::CivilDate cutoff = today;
  cutoff.year -= 1;
  cutoff.day = std::min(cutoff.day, core::DaysInMonth(cutoff.year, cutoff.month));
  EXPECT_EQ(body["cutoff"], core::FormatCivilDate(cutoff));
  auto far = Get(preview + "?years=50", admin);
  ASSERT_EQ(far.status, 200) << far.body;
  EXPECT_EQ(Body(far)["count"], 0);
  EXPECT_TRUE(Body(far)["people"].empty());
  auto zero = Get(preview + "?years=0", admin);
  EXPECT_EQ(zero.status, 422);
  EXPECT_EQ(ErrorCode(zero), "privacy.retention.years");
  auto bad = Get(preview + "?years=abc", admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorCode(bad), "request.param");
  EXPECT_EQ(Get(preview, admin).status, 400);
  EXPECT_EQ(Get(preview + "?years=1", head).status, 403);
  auto unchanged = service.RetentionCandidates(1, today);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->size(), some->size());

  auto erased = service.Erase(some->front().person_id, Actor::System(), "保存期满");
  ASSERT_TRUE(erased.ok()) << erased.error().message_en;
  auto after = service.RetentionCandidates(1, today);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), some->size() - 1);
  auto report = audit::VerifyChain(app().store());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->message_en;
}

}  // namespace
}  // namespace peixun::test
