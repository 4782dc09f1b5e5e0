#include "modules/reflection/reflection_json.h"

#include "core/local_time.h"

namespace peixun::reflection {

using nlohmann::json;

namespace {

const json kInt = {{"type", "integer"}};
const json kStr = {{"type", "string"}};
const json kBool = {{"type", "boolean"}};

json PaperProperties() {
  return {{"id", kInt},
          {"class_id", kInt},
          {"person_id", kInt},
          {"person_name", kStr},
          {"unit_name", kStr},
          {"source", {{"type", "string"}, {"enum", {"typed", "txt", "docx", "pdf"}}}},
          {"file_name", kStr},
          {"text", {{"type", "string"}, {"description", "present when the paper is read whole"}}},
          {"submitted_at", kInt},
          {"late", kBool},
          {"mark", {{"type", "integer"}, {"nullable", true}}},
          {"passed", {{"type", "boolean"}, {"nullable", true}}},
          {"grade_comment", kStr},
          {"graded", kBool}};
}

}  // namespace

json RequirementToJson(const std::optional<Requirement>& r) {
  if (!r) return {{"required", false}};
  return {{"required", true},
          {"class_id", r->class_id},
          {"deadline", core::FormatLocalDateTime(r->deadline, r->utc_offset_minutes)},
          {"deadline_at", r->deadline},
          {"grading", r->grading == Grading::kMark ? "mark" : "pass_fail"}};
}

json PaperToJson(const Paper& p) {
  json j = {{"id", p.id},
            {"class_id", p.class_id},
            {"person_id", p.person_id},
            {"person_name", p.person_name},
            {"unit_name", p.unit_name},
            {"source", p.source},
            {"file_name", p.file_name},
            {"submitted_at", p.submitted_at},
            {"late", p.late},
            {"mark", p.mark ? json(*p.mark) : json(nullptr)},
            {"passed", p.passed ? json(*p.passed) : json(nullptr)},
            {"grade_comment", p.grade_comment},
            {"graded", p.graded()}};
  if (!p.text.empty()) j["text"] = p.text;
  return j;
}

json PaperListToJson(const PaperList& l) {
  json papers = json::array();
  for (const auto& p : l.papers) papers.push_back(PaperToJson(p));
  return {{"requirement", RequirementToJson(l.requirement)},
          {"papers", papers},
          {"missing", l.missing}};
}

json SimilarPairsToJson(const std::vector<SimilarPaperPair>& pairs) {
  json out = json::array();
  for (const auto& s : pairs) {
    json shared = json::array();
    for (const auto& p : s.shared) {
      shared.push_back({{"start", p.start}, {"length", p.length}, {"text", p.text}});
    }
    out.push_back({{"a", PaperToJson(s.a)},
                   {"b", PaperToJson(s.b)},
                   {"similarity", s.jaccard},
                   {"shared", shared}});
  }
  return out;
}

json RequirementSchema() {
  return {{"type", "object"},
          {"properties",
           {{"required", kBool},
            {"class_id", kInt},
            {"deadline", {{"type", "string"}, {"description", "local time of the class"}}},
            {"deadline_at", kInt},
            {"grading", {{"type", "string"}, {"enum", {"mark", "pass_fail"}}}}}},
          {"required", {"required"}}};
}

json PaperSchema() { return {{"type", "object"}, {"properties", PaperProperties()}}; }

json PaperListSchema() {
  return {{"type", "object"},
          {"properties",
           {{"requirement", RequirementSchema()},
            {"papers", {{"type", "array"}, {"items", PaperSchema()}}},
            {"missing",
             {{"type", "array"},
              {"items", kStr},
              {"description", "trainees without a paper, names in 姓氏笔画 order"}}}}}};
}

json SimilarPairsSchema() {
  json passage = {
      {"type", "object"},
      {"description", "a run of a's normalized text (letters and digits only) also found in b"},
      {"properties", {{"start", kInt}, {"length", kInt}, {"text", kStr}}}};
  json properties = {
      {"a", PaperSchema()},
      {"b", PaperSchema()},
      {"similarity", {{"type", "number"}, {"description", "Jaccard of 5-character shingles"}}},
      {"shared", {{"type", "array"}, {"items", passage}}}};
  json item = {{"type", "object"}, {"properties", properties}};
  return {{"type", "array"}, {"items", item}};
}

}  // namespace peixun::reflection
