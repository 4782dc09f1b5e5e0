// `peixun privacy retention --dry-run|--apply`: the PIPL retention rule
// (modules/privacy). Lists, or erases, the people who left every class more than
// N years ago (N from --years, else the "privacy.retention_years" setting; 0 is
// off). Exit codes: 0 ok (also: nothing to do), 1 cannot open the database or
// an erasure failed, 2 no retention period set.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "core/civil_date.h"
#include "io/progress.h"
#include "modules/privacy/privacy_service.h"

namespace peixun::cli {
namespace {

int RunRetention(const std::string& db, const std::string& key_file, int years, bool apply) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  privacy::PrivacyService service(*database->store, database->key);
  if (years <= 0) {
    auto stored = service.RetentionYears();
    if (!stored) return PrintError(stored.error()), 1;
    years = *stored;
  }
  if (years <= 0) {
    std::cerr << "未设置个人信息保存年限（--years N 或管理后台设置）\n"
                 "no retention period set (--years N, or the admin console's setting)\n";
    return 2;
  }
  auto candidates = service.RetentionCandidates(years, core::TodayInChina());
  if (!candidates) return PrintError(candidates.error()), 1;
  std::cout << "离开所有培训班满 " << years << " 年者 " << candidates->size() << " 人 / "
            << candidates->size() << " people left every class more than " << years
            << " years ago\n";
  if (!apply) {
    for (const auto& c : *candidates) {
      // Ids only: names are personal data and terminals keep scrollback.
      std::cout << "  #" << c.person_id << "  " << core::FormatCivilDate(c.last_class_end) << "\n";
    }
    std::cout << "（预览，未删除；加 --apply 执行） / dry run, nothing erased (--apply erases)\n";
    return 0;
  }
  io::ProgressBar bar("删除 / erasing", static_cast<int64_t>(candidates->size()));
  int64_t done = 0;
  for (const auto& c : *candidates) {
    auto erased = service.Erase(c.person_id, Actor::System(),
                                "保存期满 " + std::to_string(years) + " 年 / retention period");
    if (!erased) {
      bar.Finish();
      std::cerr << "#" << c.person_id << ": ";
      return PrintError(erased.error()), 1;
    }
    bar.Update(++done);
  }
  bar.Finish();
  std::cout << "已删除 " << done << " 人的个人信息 / erased " << done << " people\n";
  return 0;
}

}  // namespace

void AddPrivacyCommand(CLI::App& app, int* exit_code) {
  auto* privacy = app.add_subcommand("privacy", "Personal information (PIPL) duties");
  privacy->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto years = std::make_shared<int>(0);
  auto dry_run = std::make_shared<bool>(false);
  auto apply = std::make_shared<bool>(false);

  auto* retention = privacy->add_subcommand(
      "retention", "List (--dry-run) or erase (--apply) people who left every class N years ago");
  retention->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  retention->add_option("--key-file", *key_file,
                        "Data key file (default: PATH.key beside a SQLite file)");
  retention->add_option("--years", *years,
                        "Retention period in years (default: the stored setting)");
  auto* dry = retention->add_flag("--dry-run", *dry_run, "List only (the default)");
  auto* app_flag = retention->add_flag("--apply", *apply, "Erase them");
  dry->excludes(app_flag);
  // The options write into these while the command line is parsed, after this function
  // returned: the callback owns every one of them (--dry-run too, though it reads none).
  retention->callback([db, key_file, years, dry_run, apply, exit_code] {
    *exit_code = RunRetention(*db, *key_file, *years, *apply);
  });
}

}  // namespace peixun::cli
