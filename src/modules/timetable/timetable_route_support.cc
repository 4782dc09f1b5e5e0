#include "modules/timetable/internal/timetable_route_support.h"

namespace peixun::timetable {

nlohmann::json RouteDoc(const std::string& summary, nlohmann::json extra) {
  nlohmann::json d = {{"summary", summary}, {"tags", {"timetable"}}};
  d.update(extra);
  return d;
}

Result<int64_t> IdParam(api::Call& c) { return api::ParseId(c.request.PathParam("id"), "id"); }

Result<api::JsonInput> ParseTaking(const std::string& body, const std::vector<std::string>& keys,
                                   std::map<std::string, nlohmann::json>* taken) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  nlohmann::json object = in.json();
  for (const auto& key : keys) {
    if (object.contains(key)) {
      (*taken)[key] = object[key];
      object.erase(key);
    }
  }
  return api::JsonInput(std::move(object));
}

Result<std::vector<int64_t>> IdArray(const nlohmann::json& value, const std::string& field,
                                     size_t max_items) {
  auto bad = [&] {
    return Invalid("request.type",
                   "字段 " + field + " 应为正整数数组（至多 " + std::to_string(max_items) + " 个）",
                   "field " + field + " must be an array of at most " + std::to_string(max_items) +
                       " positive integers",
                   field);
  };
  if (!value.is_array() || value.size() > max_items) return bad();
  std::vector<int64_t> out;
  for (const auto& v : value) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) return bad();
    out.push_back(v.get<int64_t>());
  }
  return out;
}

api::Access StaffReaders() {
  return api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison,
                             Role::kLecturer, Role::kLogistics});
}

}  // namespace peixun::timetable
