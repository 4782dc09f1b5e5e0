#include "modules/logistics/meal_service.h"

#include <map>

#include "core/actor.h"
#include "core/local_time.h"
#include "core/role_guard.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/logistics/internal/logistics_access.h"
#include "modules/people/people_service.h"

namespace peixun::logistics {
namespace {

using nlohmann::json;
using store::Int;
using store::Text;

struct MealTime {
  Meal meal;
  int minute;
};
constexpr MealTime kMeals[] = {{Meal::kBreakfast, kBreakfastMinute},
                               {Meal::kLunch, kLunchMinute},
                               {Meal::kDinner, kDinnerMinute}};

struct Loaded {
  classes::TrainingClass klass;
  std::vector<TraineeDiet> diets;
};

Result<std::vector<TraineeDiet>> DietsIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, approved));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id, diet FROM dietary_needs WHERE class_id = ?", {Int(class_id)}));
  std::map<int64_t, Diet> diet_of;
  for (const auto& r : rows) diet_of[r.Int(0)] = ParseDiet(r.Str(1)).value_or(Diet::kRegular);
  std::vector<TraineeDiet> out;
  for (const auto& p : people) {
    auto it = diet_of.find(p.id);
    out.push_back({p.id, p.name, p.unit_name, it == diet_of.end() ? Diet::kRegular : it->second});
  }
  return out;
}

void Add(MealCount& to, const MealCount& from) {
  to.total += from.total;
  to.regular += from.regular;
  to.halal += from.halal;
  to.vegetarian += from.vegetarian;
  to.on_leave += from.on_leave;
}

}  // namespace

std::string_view DietCode(Diet diet) {
  switch (diet) {
    case Diet::kRegular:
      return "";
    case Diet::kHalal:
      return "halal";
    case Diet::kVegetarian:
      return "vegetarian";
  }
  return "";
}

std::string_view DietLabel(Diet diet) {
  switch (diet) {
    case Diet::kRegular:
      return "";
    case Diet::kHalal:
      return "清真";
    case Diet::kVegetarian:
      return "素食";
  }
  return "";
}

std::optional<Diet> ParseDiet(std::string_view text) {
  if (text.empty() || text == "regular" || text == "普通") return Diet::kRegular;
  if (text == "halal" || text == "清真") return Diet::kHalal;
  if (text == "vegetarian" || text == "素食") return Diet::kVegetarian;
  return std::nullopt;
}

std::string_view MealCode(Meal meal) {
  switch (meal) {
    case Meal::kBreakfast:
      return "breakfast";
    case Meal::kLunch:
      return "lunch";
    case Meal::kDinner:
      return "dinner";
  }
  return "";
}

std::string_view MealLabel(Meal meal) {
  switch (meal) {
    case Meal::kBreakfast:
      return "早餐";
    case Meal::kLunch:
      return "午餐";
    case Meal::kDinner:
      return "晚餐";
  }
  return "";
}

Result<Diet> MealService::DietOfIn(store::Tx& tx, int64_t class_id, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT diet FROM dietary_needs WHERE class_id = ? AND person_id = ?",
               {Int(class_id), Int(person_id)}));
  if (rows.empty()) return Diet::kRegular;
  return ParseDiet(rows[0].Str(0)).value_or(Diet::kRegular);
}

Result<std::vector<TraineeDiet>> MealService::Diets(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  return store::ReadValue<std::vector<TraineeDiet>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<TraineeDiet>> {
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, false));
        return DietsIn(tx, class_id);
      });
}

Result<TraineeDiet> MealService::SetDiet(const Principal& who, int64_t class_id, int64_t person_id,
                                         Diet diet) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<TraineeDiet>(store_, [&](store::Tx& tx) -> Result<TraineeDiet> {
    PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, true));
    PEIXUN_ASSIGN_OR_RETURN(bool approved,
                            enrollment::EnrollmentService::IsApprovedIn(tx, class_id, person_id));
    if (!approved) {
      return Invalid("logistics.not_trainee", "该人员不是本班已批准的学员",
                     "the person is not an approved trainee of this class", "person_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(Diet before, DietOfIn(tx, class_id, person_id));
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM dietary_needs WHERE class_id = ? AND person_id = ?",
                                   {Int(class_id), Int(person_id)}));
    if (diet != Diet::kRegular) {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO dietary_needs (class_id, person_id, diet) VALUES (?, ?, ?)",
                  {Int(class_id), Int(person_id), Text(DietCode(diet))}));
    }
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, actor,
                        audit::AuditEntry{"logistics.diet",
                                          "person",
                                          person_id,
                                          {{"class_id", class_id}, {"diet", DietCode(before)}},
                                          {{"class_id", class_id}, {"diet", DietCode(diet)}}}));
    PEIXUN_ASSIGN_OR_RETURN(people::Person p, people::PeopleService::GetIn(tx, person_id));
    return TraineeDiet{p.id, p.name, p.unit_name, diet};
  });
}

Result<MealPlan> MealService::Counts(const Principal& who, int64_t class_id,
                                     const OnLeave& on_leave) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  PEIXUN_ASSIGN_OR_RETURN(
      Loaded loaded, store::ReadValue<Loaded>(store_, [&](store::Tx& tx) -> Result<Loaded> {
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, false));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                                classes::ClassService::GetIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<TraineeDiet> diets, DietsIn(tx, class_id));
        return Loaded{std::move(c), std::move(diets)};
      }));
  MealPlan plan;
  plan.class_id = class_id;
  plan.trainees = static_cast<int>(loaded.diets.size());
  const int64_t first = core::DaysSinceEpoch(loaded.klass.start_date);
  const int64_t last = core::DaysSinceEpoch(loaded.klass.end_date);
  for (int64_t day = first; day <= last; ++day) {
    MealDay meal_day;
    meal_day.date = core::CivilDateFromDays(day);
    for (const MealTime& m : kMeals) {
      MealCount count;
      count.meal = m.meal;
      count.at_ms = core::UtcOfLocal(meal_day.date, m.minute, loaded.klass.utc_offset_minutes);
      for (const auto& t : loaded.diets) {
        if (on_leave && on_leave(t.person_id, count.at_ms)) {
          ++count.on_leave;
          continue;
        }
        ++count.total;
        if (t.diet == Diet::kHalal) {
          ++count.halal;
        } else if (t.diet == Diet::kVegetarian) {
          ++count.vegetarian;
        } else {
          ++count.regular;
        }
      }
      Add(plan.totals, count);
      meal_day.meals.push_back(count);
    }
    plan.days.push_back(std::move(meal_day));
  }
  return plan;
}

Result<std::string> MealService::MealSheetPdfFile(const Principal& who, int64_t class_id,
                                                  const OnLeave& on_leave,
                                                  const io::PdfProgress& progress) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  PEIXUN_ASSIGN_OR_RETURN(MealPlan plan, Counts(who, class_id, on_leave));
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                          store::ReadValue<classes::TrainingClass>(store_, [&](store::Tx& tx) {
                            return classes::ClassService::GetIn(tx, class_id);
                          }));
  io::ListDoc doc;
  doc.title = c.name + "用餐统计";
  doc.subtitle = "学员 " + std::to_string(plan.trainees) + " 人";
  doc.columns = {{"日期", 34, io::Align::kCenter, true}, {"餐次", 20, io::Align::kCenter},
                 {"合计", 20, io::Align::kRight},        {"普通", 20, io::Align::kRight},
                 {"清真", 20, io::Align::kRight},        {"素食", 20, io::Align::kRight},
                 {"请假", 20, io::Align::kRight}};
  for (const auto& day : plan.days) {
    for (const auto& m : day.meals) {
      doc.rows.push_back({core::FormatCivilDate(day.date), std::string(MealLabel(m.meal)),
                          std::to_string(m.total), std::to_string(m.regular),
                          std::to_string(m.halal), std::to_string(m.vegetarian),
                          std::to_string(m.on_leave)});
    }
  }
  doc.rows.push_back({"合计", "", std::to_string(plan.totals.total),
                      std::to_string(plan.totals.regular), std::to_string(plan.totals.halal),
                      std::to_string(plan.totals.vegetarian),
                      std::to_string(plan.totals.on_leave)});
  doc.note = "清真、素食单独备餐；请假学员按用餐时间（早餐 7:30、午餐 12:00、晚餐 18:00）扣除。";
  return io::MealSheetPdf(doc, progress);
}

}  // namespace peixun::logistics
