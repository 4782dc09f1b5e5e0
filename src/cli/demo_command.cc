#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "app/run_server.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "modules/auth/user_service.h"
#include "modules/demo/demo_data.h"
#include "modules/demo/demo_scenario.h"

namespace peixun::cli {
namespace {

constexpr char kDemoDb[] = "sqlite:peixun-demo.db";

struct DemoArgs {
  std::string db = kDemoDb;
  std::string key_file;
  std::string listen = "127.0.0.1:8080";
  bool reset = false;
  bool no_serve = false;
  std::string second_factor = "optional";
};

// A SQLite demo database is made afresh each run: remove the file, its WAL and key.
void RemoveSqliteFiles(const std::string& url, const std::string& key_file) {
  std::string path = url.substr(7);
  for (const std::string& p :
       {path, path + "-wal", path + "-shm", key_file.empty() ? path + ".key" : key_file}) {
    std::error_code ec;
    std::filesystem::remove(p, ec);
  }
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "demo", "Fresh database with the seed scenario's district and people (×区 training class)");
  auto args = std::make_shared<DemoArgs>();
  cmd->add_option("--db", args->db, "Database URL; must be empty unless it is the default file")
      ->capture_default_str();
  cmd->add_option("--key-file", args->key_file, "Data key file");
  cmd->add_option("--listen", args->listen, "HOST:PORT to serve on")->capture_default_str();
  cmd->add_flag("--reset", args->reset, "Delete an existing SQLite file first");
  cmd->add_flag("--no-serve", args->no_serve, "Build the database only; do not start the server");
  // The demo's printed sign-ins work with the password alone unless asked otherwise;
  // `peixun serve` requires the second factor by default.
  cmd->add_option("--second-factor", args->second_factor,
                  "required: admins and organizers must set up TOTP at login; optional (demo "
                  "default): nobody must")
      ->check(CLI::IsMember({"required", "optional"}))
      ->capture_default_str();
  cmd->callback([=] {
    if (args->db.rfind("sqlite:", 0) == 0 && (args->db == kDemoDb || args->reset)) {
      RemoveSqliteFiles(args->db, args->key_file);
    }
    auto db = InitDatabase(args->db, args->key_file);
    if (!db) return PrintError(db.error()), void(*exit_code = 1);
    auto counts = demo::LoadDemoData(*db->store, db->key);
    if (!counts) return PrintError(counts.error()), void(*exit_code = 1);
    std::cout << "演示数据已装入 " << db->store->DisplayUrl() << "：" << counts->units
              << " 个单位（" << counts->streets << " 个街道、" << counts->communities << " 个社区、"
              << counts->enterprises << " 家非公企业、" << counts->social_orgs << " 家社会组织），"
              << counts->people << " 人\n"
              << "demo data loaded into " << db->store->DisplayUrl() << ": " << counts->units
              << " units, " << counts->people << " people\n";
    auto scenario = demo::LoadDemoScenario(*db->store, db->key);
    if (!scenario) return PrintError(scenario.error()), void(*exit_code = 1);
    const demo::DemoClassCounts& seed_class = scenario->seed_class;
    const demo::DemoHistoryCounts& day1 = scenario->history;
    std::cout << "培训班：×区2020年社区和“两新”党组织书记培训班（今天是第 2 天），"
              << seed_class.sessions << " 节课，" << seed_class.enrolled << " 名学员，"
              << seed_class.groups << " 个小组，" << seed_class.lodged << " 人已安排住宿\n"
              << "class: day 2 of 4, " << seed_class.sessions << " sessions, "
              << seed_class.enrolled << " trainees, " << seed_class.groups << " groups, "
              << seed_class.lodged << " lodged\n"
              << "第 1 天：签到签退 " << day1.check_ins << " 次，迟到 " << day1.late << " 人，缺勤 "
              << day1.absent << " 人，请假 " << day1.leaves << " 条，更正 " << day1.corrections
              << " 条\n"
              << "day 1: " << day1.check_ins << " scans, " << day1.late << " late, " << day1.absent
              << " absent, " << day1.leaves << " leave requests, " << day1.corrections
              << " correction\n";
    const demo::DemoAssessmentCounts& exam = scenario->assessment;
    const demo::DemoFeedbackCounts& feedback = scenario->feedback;
    int evaluations = 0;
    for (int n : feedback.evaluations) evaluations += n;
    std::cout << "题库 " << exam.questions << " 题；随堂测验 " << exam.quiz_attempts
              << " 人已作答（" << exam.quiz_below_pass
              << " 人不及格），结业考试已组卷（第 4 天）；心得体会 " << feedback.papers
              << " 篇；教学评估 " << feedback.questionnaires.size() << " 份问卷、" << evaluations
              << " 份答卷\n"
              << "question bank: " << exam.questions
              << " questions; day-1 quiz: " << exam.quiz_attempts << " attempts ("
              << exam.quiz_below_pass << " below the pass mark); closing exam set for day 4; "
              << feedback.papers << " reflection papers; " << feedback.questionnaires.size()
              << " questionnaires, " << evaluations << " answers\n";
    auto password = auth::ResetPasswordByUsername(*db->store, "admin");
    if (!password) {
      auto created = auth::EnsureFirstAdmin(*db->store, "admin");
      if (!created || !*created) {
        return PrintError(created ? Internal("demo.admin", "no admin") : created.error()),
               void(*exit_code = 1);
      }
      password = **created;
    }
    std::string login = "admin: admin " + *password + "\n";
    for (const demo::DemoLogin& l : scenario->logins.users) {
      login += l.role_en + " (" + l.role_zh + "): " + l.username + " " + l.password + "\n";
    }
    login += args->second_factor == "required"
                 ? "second factor (双因素认证): required for admin and organizer; they set up TOTP "
                   "at their first login\n"
                 : "second factor (双因素认证): optional (demo); --second-factor required to "
                   "require it\n";
    const std::string invite_line = "trainee (学员 " + scenario->invite.trainee_name + "): ";
    if (args->no_serve) {
      std::cout << login << invite_line << scenario->invite.url << "\n";
      return;
    }
    app::ServeOptions options;
    options.listen = args->listen;
    options.second_factor_required = args->second_factor == "required";
    *exit_code =
        app::RunServer(std::move(db->store), db->key, options, [&](const std::string& url) {
          std::cout << "打开 / open " << url << "\n"
                    << login << invite_line
                    << url.substr(0, url.size() - (url.ends_with("/") ? 1 : 0))
                    << scenario->invite.url << "\n";
        });
  });
}

}  // namespace peixun::cli
