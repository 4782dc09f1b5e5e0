#include "modules/people/internal/people_json.h"
#include "api/openapi.h"

namespace peixun::people {

nlohmann::json PersonToJson(const Person& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"gender", p.gender},
          {"ethnicity", p.ethnicity},
          {"birth_date", p.birth_date},
          {"phone", p.phone},
          {"id_number_masked", p.id_number_masked},
          {"unit_id", p.unit_id ? nlohmann::json(*p.unit_id) : nlohmann::json(nullptr)},
          {"unit_name", p.unit_name},
          {"position", p.position},
          {"rank", RankCode(p.rank)},
          {"rank_label", RankLabel(p.rank)},
          {"party_join_date", p.party_join_date},
          {"tags", p.tags},
          {"pinyin_initials", p.pinyin_initials}};
}

nlohmann::json PersonSchema() {
  auto str = nlohmann::json{{"type", "string"}};
  return api::Output("Person",
                     {{"type", "object"},
                      {"properties",
                       {{"id", {{"type", "integer"}}},
                        {"name", str},
                        {"gender", {{"type", "string"}, {"enum", {"男", "女"}}}},
                        {"ethnicity", str},
                        {"birth_date", str},
                        {"phone", str},
                        {"id_number_masked", str},
                        {"unit_id", {{"type", "integer"}, {"nullable", true}}},
                        {"unit_name", str},
                        {"position", str},
                        {"rank", {{"type", "string"}, {"enum", {"township", "county", ""}}}},
                        {"rank_label", str},
                        {"party_join_date", str},
                        {"tags", {{"type", "array"}, {"items", str}}},
                        {"pinyin_initials", str}}}});
}

}  // namespace peixun::people
