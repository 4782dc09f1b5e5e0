#include "modules/logistics/logistics_routes.h"

#include <algorithm>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "io/table_transfer.h"
#include "modules/logistics/bus_service.h"
#include "modules/logistics/internal/logistics_json.h"
#include "modules/logistics/internal/trainee_view.h"
#include "modules/logistics/lodging_service.h"

namespace peixun::logistics {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kStaff =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics});

json ListOf(json item_schema) {
  return api::ObjectSchema({{"items", {{"type", "array"}, {"items", std::move(item_schema)}}}});
}

template <typename T, typename Fn>
json Items(const std::vector<T>& values, Fn to_json) {
  json items = json::array();
  for (const auto& v : values) items.push_back(to_json(v));
  return {{"items", items}};
}

json FileResponse(const std::string& content_type) {
  return {{"200", {{"description", "the file"}, {"content", {{content_type, json::object()}}}}}};
}

json RoomInputSchema() {
  return api::ObjectSchema({{"name", {{"type", "string"}}},
                            {"floor", {{"type", "integer"}}},
                            {"beds", {{"type", "integer"}}}},
                           {"name", "floor", "beds"});
}

Result<RoomInput> ReadRoomInput(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  RoomInput r;
  r.name = in.Str("name", api::kRequired, 30);
  auto floor = in.OptInt("floor", api::kRequired);
  auto beds = in.OptInt("beds", api::kRequired);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  // Out-of-range numbers are the service's to refuse; clamp only what fits no int.
  r.floor = static_cast<int>(std::clamp<int64_t>(*floor, -1000, 1000));
  r.beds = static_cast<int>(std::clamp<int64_t>(*beds, -1000, 1000));
  return r;
}

// The leave check of one class for one request (none when the hook is unset).
OnLeave LeaveOf(const LogisticsHooks& hooks, int64_t class_id) {
  return hooks.leave_of_class ? hooks.leave_of_class(class_id) : OnLeave();
}

}  // namespace

void RegisterLogisticsRoutes(api::Router& router, store::Store& store, LogisticsHooks hooks) {
  auto lodging = std::make_shared<LodgingService>(store);
  auto meals = std::make_shared<MealService>(store);
  auto buses = std::make_shared<BusService>(store);
  const json room_response = api::JsonResponseDoc("the room", RoomSchema());
  const json rooms_response = api::JsonResponseDoc("rooms", ListOf(RoomSchema()));

  // ---- lodging -------------------------------------------------------------------------
  router.Get("/api/v1/classes/{id}/lodging-rooms", kStaff,
             api::OperationDoc("logistics", "住宿房间及入住人员（按楼层、房间号）",
                               {{"responses", {{"200", rooms_response}}}}),
             [lodging](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto rooms, lodging->Rooms(*c.principal, id));
               return api::Json(Items(rooms, RoomToJson));
             });

  router.Post("/api/v1/classes/{id}/lodging-rooms", kStaff,
              api::OperationDoc("logistics", "新增住宿房间",
                                {{"requestBody", api::JsonBodyDoc(RoomInputSchema())},
                                 {"responses", {{"201", room_response}}}}),
              [lodging](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(RoomInput in, ReadRoomInput(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView room,
                                        lodging->CreateRoom(*c.principal, id, in));
                return api::Json(RoomToJson(room), 201);
              });

  router.Post(
      "/api/v1/classes/{id}/lodging-rooms/bulk", kStaff,
      api::OperationDoc(
          "logistics", "批量新增房间，如 {\"spec\":\"3F 301-320 twin\"}（楼层、房号范围、床位）",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema({{"spec", {{"type", "string"}}}}, {"spec"}))},
           {"responses", {{"201", rooms_response}}}}),
      [lodging](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string spec = in.Str("spec", api::kRequired, 100);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(std::vector<RoomInput> inputs, ParseRoomRange(spec));
        PEIXUN_ASSIGN_OR_RETURN(auto rooms, lodging->CreateRooms(*c.principal, id, inputs));
        return api::Json(Items(rooms, RoomToJson), 201);
      });

  router.Put("/api/v1/lodging-rooms/{id}", kStaff,
             api::OperationDoc("logistics", "修改住宿房间（床位不少于已入住人数）",
                               {{"requestBody", api::JsonBodyDoc(RoomInputSchema())},
                                {"responses", {{"200", room_response}}}}),
             [lodging](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(RoomInput in, ReadRoomInput(c.request.body));
               PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView room,
                                       lodging->UpdateRoom(*c.principal, id, in));
               return api::Json(RoomToJson(room));
             });

  router.Delete("/api/v1/lodging-rooms/{id}", kStaff,
                api::OperationDoc("logistics", "删除空房间",
                                  {{"responses", {{"204", {{"description", "deleted"}}}}}}),
                [lodging](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(lodging->DeleteRoom(*c.principal, id));
                  return api::NoContent();
                });

  router.Post(
      "/api/v1/classes/{id}/lodging/assign", kStaff,
      api::OperationDoc(
          "logistics",
          "自动分配住宿（男女不混住；same_unit 同单位同住，mix_units 不同单位混住）；替换原安排",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"preference", {{"type", "string"}, {"enum", {"same_unit", "mix_units"}}}}}))},
           {"responses",
            {{"200", api::JsonResponseDoc("the assignment", LodgingAssignmentSchema())}}}}),
      [lodging](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(
            api::JsonInput in,
            api::JsonInput::Parse(c.request.body.empty() ? "{}" : c.request.body));
        const std::string preference = in.Str("preference", api::kOptional, 20);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        core::RoommatePreference pref = core::RoommatePreference::kSameUnitTogether;
        if (preference == "mix_units") {
          pref = core::RoommatePreference::kMixUnits;
        } else if (!preference.empty() && preference != "same_unit") {
          return Invalid("logistics.preference", "preference 应为 same_unit 或 mix_units",
                         "preference must be same_unit or mix_units", "preference");
        }
        PEIXUN_ASSIGN_OR_RETURN(LodgingAssignment a, lodging->AutoAssign(*c.principal, id, pref));
        return api::Json(LodgingAssignmentToJson(a));
      });

  router.Post(
      "/api/v1/room-assignments", kStaff,
      api::OperationDoc(
          "logistics", "调整住宿：把学员安排到某房间（room_id 为 null 则退房）；不混住、不超员",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"class_id", {{"type", "integer"}}},
                                {"person_id", {{"type", "integer"}}},
                                {"room_id", {{"type", "integer"}, {"nullable", true}}}},
                               {"class_id", "person_id", "room_id"}))},
           {"responses", {{"200", rooms_response}}}}),
      [lodging](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        auto class_id = in.OptInt("class_id", api::kRequired);
        auto person_id = in.OptInt("person_id", api::kRequired);
        const bool has_room = in.Has("room_id");
        auto room_id = in.OptInt("room_id");
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        if (!has_room) {
          return Invalid("request.required", "缺少字段 room_id", "missing field room_id",
                         "room_id");
        }
        PEIXUN_ASSIGN_OR_RETURN(auto rooms,
                                lodging->Move(*c.principal, *class_id, *person_id, room_id));
        return api::Json(Items(rooms, RoomToJson));
      });

  router.Get("/api/v1/classes/{id}/rooms.xlsx", kStaff,
             api::OperationDoc("logistics", "住宿安排表（xlsx）",
                               {{"responses", FileResponse(io::ContentTypeOf("xlsx"))}}),
             [lodging](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(io::Table table, lodging->RoomTable(*c.principal, id));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                       io::TableToBytes(table, "xlsx", "住宿安排",
                                                        {.number_headers = {"楼层", "床位"}}));
               return api::Download(std::move(bytes), io::ContentTypeOf("xlsx"), "住宿安排.xlsx");
             });

  router.Get("/api/v1/classes/{id}/rooms.pdf", kStaff,
             api::OperationDoc("logistics", "住宿安排表（PDF）",
                               {{"responses", FileResponse("application/pdf")}}),
             [lodging](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                       lodging->RoomListPdfFile(*c.principal, id));
               return api::Download(std::move(bytes), "application/pdf", "住宿安排.pdf");
             });

  // ---- meals ---------------------------------------------------------------------------
  router.Get(
      "/api/v1/classes/{id}/diets", kStaff,
      api::OperationDoc(
          "logistics", "学员饮食需求（清真、素食）",
          {{"responses", {{"200", api::JsonResponseDoc("diets", ListOf(TraineeDietSchema()))}}}}),
      [meals](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(auto diets, meals->Diets(*c.principal, id));
        return api::Json(Items(diets, TraineeDietToJson));
      });

  router.Put("/api/v1/classes/{id}/diets", kStaff,
             api::OperationDoc(
                 "logistics", "设置一名学员的饮食需求（diet: \"\"、halal、vegetarian）",
                 {{"requestBody",
                   api::JsonBodyDoc(api::ObjectSchema(
                       {{"person_id", {{"type", "integer"}}},
                        {"diet", {{"type", "string"}, {"enum", {"", "halal", "vegetarian"}}}}},
                       {"person_id", "diet"}))},
                  {"responses", {{"200", api::JsonResponseDoc("the diet", TraineeDietSchema())}}}}),
             [meals](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
               auto person_id = in.OptInt("person_id", api::kRequired);
               const std::string diet_text = in.Str("diet", api::kOptional, 20);
               PEIXUN_RETURN_IF_ERROR(in.Finish());
               auto diet = ParseDiet(diet_text);
               if (!diet) {
                 return Invalid("logistics.diet", "饮食需求应为 清真(halal) 或 素食(vegetarian)",
                                "diet must be halal or vegetarian (or empty)", "diet");
               }
               PEIXUN_ASSIGN_OR_RETURN(TraineeDiet d,
                                       meals->SetDiet(*c.principal, id, *person_id, *diet));
               return api::Json(TraineeDietToJson(d));
             });

  router.Get("/api/v1/classes/{id}/meals", kStaff,
             api::OperationDoc(
                 "logistics", "每日三餐就餐人数（清真、素食单列；扣除请假）",
                 {{"responses", {{"200", api::JsonResponseDoc("meal counts", MealPlanSchema())}}}}),
             [meals, hooks](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(MealPlan plan,
                                       meals->Counts(*c.principal, id, LeaveOf(hooks, id)));
               return api::Json(MealPlanToJson(plan));
             });

  router.Get("/api/v1/classes/{id}/meals.pdf", kStaff,
             api::OperationDoc("logistics", "用餐统计表（PDF）",
                               {{"responses", FileResponse("application/pdf")}}),
             [meals, hooks](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(
                   std::string bytes,
                   meals->MealSheetPdfFile(*c.principal, id, LeaveOf(hooks, id)));
               return api::Download(std::move(bytes), "application/pdf", "用餐统计.pdf");
             });

  // ---- buses ---------------------------------------------------------------------------
  const json buses_response = api::JsonResponseDoc("buses", ListOf(BusSchema()));
  router.Get("/api/v1/sessions/{id}/buses", kStaff,
             api::OperationDoc("logistics", "现场教学车辆及乘车名单",
                               {{"responses", {{"200", buses_response}}}}),
             [buses](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto list, buses->List(*c.principal, id));
               return api::Json(Items(list, BusToJson));
             });

  router.Post(
      "/api/v1/sessions/{id}/buses", kStaff,
      api::OperationDoc(
          "logistics", "为现场教学添加车辆",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"name", {{"type", "string"}}}, {"seats", {{"type", "integer"}}}},
                               {"name", "seats"}))},
           {"responses", {{"201", api::JsonResponseDoc("the bus", BusSchema())}}}}),
      [buses](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        BusInput bus;
        bus.name = in.Str("name", api::kRequired, 30);
        auto seats = in.OptInt("seats", api::kRequired);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        bus.seats = static_cast<int>(std::clamp<int64_t>(*seats, -1, kMaxBusSeats + 1));
        PEIXUN_ASSIGN_OR_RETURN(Bus created, buses->Create(*c.principal, id, bus));
        return api::Json(BusToJson(created), 201);
      });

  router.Delete("/api/v1/buses/{id}", kStaff,
                api::OperationDoc("logistics", "删除车辆（其乘车安排一并删除）",
                                  {{"responses", {{"204", {{"description", "deleted"}}}}}}),
                [buses](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(buses->Delete(*c.principal, id));
                  return api::NoContent();
                });

  router.Post("/api/v1/sessions/{id}/buses/assign", kStaff,
              api::OperationDoc(
                  "logistics", "按组分派示范点和车辆（整组同行，不超示范点容量和座位）；替换原安排",
                  {{"responses", {{"200", buses_response}}}}),
              [buses](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(auto list, buses->Assign(*c.principal, id));
                return api::Json(Items(list, BusToJson));
              });

  // ---- the trainee's own ---------------------------------------------------------------
  router.Get("/api/v1/me/class/{id}", Access::Roles({Role::kTrainee}),
             api::OperationDoc(
                 "logistics", "学员本人在该班的分组、住宿、饮食和现场教学乘车安排",
                 {{"responses",
                   {{"200", api::JsonResponseDoc("my arrangements", TraineeClassSchema())}}}}),
             [&store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(TraineeClassView view,
                                       TraineeClass(store, *c.principal, id));
               return api::Json(TraineeClassToJson(view));
             });
}

}  // namespace peixun::logistics
