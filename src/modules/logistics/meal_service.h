// Food (食): each trainee's dietary need in a class, and the meal head counts the
// kitchen cooks for: every day of the class × breakfast, lunch and dinner, counted
// from the approved trainees (enrollment) minus those on approved leave at the
// meal's time, with halal (清真) and vegetarian (素食) meals counted apart. Each
// public call is one transaction, access checks included (logistics_access.h).
//
// Leave is another module's (a later issue): the caller passes OnLeave; unset, nobody
// is on leave. It is called outside any transaction of this module.
//
// Writes are audited: logistics.diet (entity "person").
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/principal.h"
#include "core/result.h"
#include "io/pdf_layouts.h"
#include "store/store.h"

namespace peixun::logistics {

enum class Diet { kRegular, kHalal, kVegetarian };

std::string_view DietCode(Diet diet);   // "", "halal", "vegetarian"
std::string_view DietLabel(Diet diet);  // "", "清真", "素食"
// Code or label; "" and "regular"/"普通" are kRegular.
std::optional<Diet> ParseDiet(std::string_view text);

enum class Meal { kBreakfast, kLunch, kDinner };

std::string_view MealCode(Meal meal);   // "breakfast", "lunch", "dinner"
std::string_view MealLabel(Meal meal);  // 早餐, 午餐, 晚餐

// When each meal is served, in minutes after local midnight in the class's zone; a
// trainee on leave at that instant is not counted.
inline constexpr int kBreakfastMinute = 7 * 60 + 30;
inline constexpr int kLunchMinute = 12 * 60;
inline constexpr int kDinnerMinute = 18 * 60;

// True when the person is on approved leave at `at_ms` (UTC).
using OnLeave = std::function<bool(int64_t person_id, int64_t at_ms)>;

struct TraineeDiet {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  Diet diet = Diet::kRegular;
};

struct MealCount {
  Meal meal = Meal::kBreakfast;
  int64_t at_ms = 0;  // when it is served (UTC)
  int total = 0;      // regular + halal + vegetarian
  int regular = 0;
  int halal = 0;
  int vegetarian = 0;
  int on_leave = 0;  // approved trainees not counted
};

struct MealDay {
  core::CivilDate date;
  std::vector<MealCount> meals;  // breakfast, lunch, dinner
};

struct MealPlan {
  int64_t class_id = 0;
  std::vector<MealDay> days;  // every day of the class, in order
  int trainees = 0;           // approved
  MealCount totals;           // summed over every meal (meal and at_ms unused)
};

class MealService {
 public:
  explicit MealService(store::Store& store) : store_(store) {}

  // Every approved trainee with their diet, in 姓氏笔画 order.
  Result<std::vector<TraineeDiet>> Diets(const Principal& who, int64_t class_id);
  // 422 logistics.not_trainee for anyone but an approved trainee.
  Result<TraineeDiet> SetDiet(const Principal& who, int64_t class_id, int64_t person_id, Diet diet);
  Result<MealPlan> Counts(const Principal& who, int64_t class_id, const OnLeave& on_leave = {});
  // 用餐统计: 日期 餐次 合计 普通 清真 素食 请假, and a total line.
  Result<std::string> MealSheetPdfFile(const Principal& who, int64_t class_id,
                                       const OnLeave& on_leave = {},
                                       const io::PdfProgress& progress = {});

  // The trainee's diet in the class (kRegular when none is recorded).
  static Result<Diet> DietOfIn(store::Tx& tx, int64_t class_id, int64_t person_id);

 private:
  store::Store& store_;
};

}  // namespace peixun::logistics
