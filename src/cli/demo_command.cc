#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "app/run_server.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "modules/auth/user_service.h"
#include "modules/demo/demo_assessment.h"
#include "modules/demo/demo_class.h"
#include "modules/demo/demo_data.h"

namespace peixun::cli {
namespace {

constexpr char kDemoDb[] = "sqlite:peixun-demo.db";

struct DemoArgs {
  std::string db = kDemoDb;
  std::string key_file;
  std::string listen = "127.0.0.1:8080";
  bool reset = false;
  bool no_serve = false;
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
    auto seed_class = demo::LoadDemoClass(*db->store);
    if (!seed_class) return PrintError(seed_class.error()), void(*exit_code = 1);
    std::cout << "培训班：×区2020年社区和“两新”党组织书记培训班，" << seed_class->sessions
              << " 节课，" << seed_class->enrolled << " 名学员，" << seed_class->groups
              << " 个小组，" << seed_class->lodged << " 人已安排住宿\n"
              << "class: " << seed_class->sessions << " sessions, " << seed_class->enrolled
              << " trainees, " << seed_class->groups << " groups, " << seed_class->lodged
              << " lodged\n";
    auto exam = demo::LoadDemoAssessment(*db->store, seed_class->class_id);
    if (!exam) return PrintError(exam.error()), void(*exit_code = 1);
    std::cout << "题库 " << exam->questions << " 题；结业考试 " << exam->attempts << " 人作答，"
              << exam->below_pass << " 人不及格（成绩尚未发布）\n"
              << "question bank: " << exam->questions
              << " questions; closing exam: " << exam->attempts << " attempts, " << exam->below_pass
              << " below the pass mark\n";
    auto password = auth::ResetPasswordByUsername(*db->store, "admin");
    if (!password) {
      auto created = auth::EnsureFirstAdmin(*db->store, "admin");
      if (!created || !*created) {
        return PrintError(created ? Internal("demo.admin", "no admin") : created.error()),
               void(*exit_code = 1);
      }
      password = **created;
    }
    const std::string login = "admin: admin " + *password;
    if (args->no_serve) {
      std::cout << login << "\n";
      return;
    }
    app::ServeOptions options;
    options.listen = args->listen;
    *exit_code =
        app::RunServer(std::move(db->store), db->key, options, [&](const std::string& url) {
          std::cout << "打开 / open " << url << "\n" << login << "\n";
        });
  });
}

}  // namespace peixun::cli
