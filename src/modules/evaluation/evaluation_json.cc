#include "modules/evaluation/evaluation_json.h"

namespace peixun::evaluation {

using nlohmann::json;

namespace {

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json OptNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json TallyToJson(const core::ScaleTally& t) {
  json dist = json::object();
  for (int s = core::kScaleMin; s <= core::kScaleMax; ++s) {
    dist[std::to_string(s)] = t.counts[s - core::kScaleMin];
  }
  return {{"count", t.Count()},
          {"mean", OptNumber(t.Mean())},
          {"satisfaction", OptNumber(t.Satisfaction())},
          {"distribution", dist}};
}

const json kInt = {{"type", "integer"}};
const json kStr = {{"type", "string"}};
const json kNullableInt = {{"type", "integer"}, {"nullable", true}};
const json kNullableNumber = {{"type", "number"}, {"nullable", true}};

json TallySchema() {
  json dist = json::object();
  for (int s = core::kScaleMin; s <= core::kScaleMax; ++s) dist[std::to_string(s)] = kInt;
  return {{"type", "object"},
          {"description", "answers on the 1-5 scale"},
          {"properties",
           {{"count", kInt},
            {"mean", kNullableNumber},
            {"satisfaction",
             {{"type", "number"},
              {"nullable", true},
              {"description", "share of answers scored 4 or 5"}}},
            {"distribution", {{"type", "object"}, {"properties", dist}}}}}};
}

json SliceSchema() {
  return {
      {"type", "object"},
      {"description",
       "a slice of results; under the anonymity threshold only responses, threshold and "
       "visible (false) are given"},
      {"properties",
       {{"responses", kInt},
        {"threshold", kInt},
        {"visible", {{"type", "boolean"}}},
        {"overall", TallySchema()},
        {"items",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"key",
               {{"type", "string"}, {"enum", {"content", "relevance", "delivery", "materials"}}}},
              {"label", kStr},
              {"tally", TallySchema()}}}}}}},
        {"comments", {{"type", "array"}, {"items", kStr}}}}},
      {"required", {"responses", "threshold", "visible"}}};
}

}  // namespace

json QuestionnaireToJson(const Questionnaire& q) {
  return {{"id", q.id},
          {"class_id", q.class_id},
          {"session_id", OptId(q.session_id)},
          {"lecturer_id", OptId(q.lecturer_id)},
          {"lecturer_name", q.lecturer_name},
          {"title", q.title},
          {"kind", q.session_id ? "lecture" : "class"},
          {"opened_at", q.opened_at},
          {"closed_at", OptId(q.closed_at)},
          {"open", q.open()}};
}

json QuestionnaireStatusToJson(const QuestionnaireStatus& s) {
  json j = QuestionnaireToJson(s.questionnaire);
  j["responses"] = s.responses;
  j["expected"] = s.expected;
  if (s.answered) j["answered"] = *s.answered;
  return j;
}

json SliceToJson(const SliceResult& r) {
  json j = {{"responses", r.responses}, {"threshold", r.threshold}, {"visible", r.visible}};
  if (!r.visible) return j;
  j["overall"] = TallyToJson(r.overall);
  json items = json::array();
  for (size_t i = 0; i < r.items.size() && i < kItems.size(); ++i) {
    items.push_back({{"key", std::string(r.items[i].key)},
                     {"label", std::string(kItems[i].label)},
                     {"tally", TallyToJson(r.items[i].tally)}});
  }
  j["items"] = items;
  j["comments"] = r.comments;
  return j;
}

json QuestionnaireResultToJson(const QuestionnaireResult& r) {
  return {{"questionnaire", QuestionnaireToJson(r.questionnaire)},
          {"result", SliceToJson(r.result)}};
}

json LecturerSliceToJson(const LecturerSlice& l) {
  json lectures = json::array();
  for (const auto& q : l.lectures) lectures.push_back(QuestionnaireResultToJson(q));
  return {{"lecturer_id", l.lecturer_id},
          {"lecturer_name", l.lecturer_name},
          {"result", SliceToJson(l.result)},
          {"lectures", lectures}};
}

json ClassResultsToJson(const ClassResults& r) {
  json qs = json::array();
  for (const auto& q : r.questionnaires) qs.push_back(QuestionnaireResultToJson(q));
  json ls = json::array();
  for (const auto& l : r.lecturers) ls.push_back(LecturerSliceToJson(l));
  return {{"class_id", r.class_id}, {"questionnaires", qs}, {"lecturers", ls}};
}

json PendingToJson(const PendingList& p) {
  return {{"questionnaire_id", p.questionnaire_id},
          {"expected", p.expected},
          {"responses", p.responses},
          {"count", p.names.size()},
          {"names", p.names}};
}

json QuestionnaireSchema() {
  return {{"type", "object"},
          {"properties",
           {{"id", kInt},
            {"class_id", kInt},
            {"session_id", kNullableInt},
            {"lecturer_id", kNullableInt},
            {"lecturer_name", kStr},
            {"title", kStr},
            {"kind", {{"type", "string"}, {"enum", {"lecture", "class"}}}},
            {"opened_at", kInt},
            {"closed_at", kNullableInt},
            {"open", {{"type", "boolean"}}}}}};
}

json QuestionnaireStatusSchema() {
  json item = QuestionnaireSchema();
  item["properties"]["responses"] = kInt;
  item["properties"]["expected"] = kInt;
  item["properties"]["answered"] = {{"type", "boolean"},
                                    {"description", "present for a trainee: they answered"}};
  return item;
}

json QuestionnaireListSchema() {
  return {{"type", "array"}, {"items", QuestionnaireStatusSchema()}};
}

json QuestionnaireResultSchema() {
  return {{"type", "object"},
          {"properties", {{"questionnaire", QuestionnaireSchema()}, {"result", SliceSchema()}}}};
}

json LecturerSliceSchema() {
  return {{"type", "object"},
          {"properties",
           {{"lecturer_id", kInt},
            {"lecturer_name", kStr},
            {"result", SliceSchema()},
            {"lectures", {{"type", "array"}, {"items", QuestionnaireResultSchema()}}}}}};
}

json ClassResultsSchema() {
  return {{"type", "object"},
          {"properties",
           {{"class_id", kInt},
            {"questionnaires", {{"type", "array"}, {"items", QuestionnaireResultSchema()}}},
            {"lecturers", {{"type", "array"}, {"items", LecturerSliceSchema()}}}}}};
}

json PendingSchema() {
  return {{"type", "object"},
          {"description", "who has not answered: names only, in 姓氏笔画 order"},
          {"properties",
           {{"questionnaire_id", kInt},
            {"expected", kInt},
            {"responses", kInt},
            {"count", kInt},
            {"names", {{"type", "array"}, {"items", kStr}}}}}};
}

json AnswerSchema() {
  const json score = {{"type", "integer"}, {"minimum", 1}, {"maximum", 5}};
  return {{"type", "object"},
          {"properties",
           {{"content", score},
            {"relevance", score},
            {"delivery", score},
            {"materials", score},
            {"comment", {{"type", "string"}, {"maxLength", kMaxCommentChars}}}}},
          {"required", {"content", "relevance", "delivery", "materials"}},
          {"additionalProperties", false}};
}

}  // namespace peixun::evaluation
