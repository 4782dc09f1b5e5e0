// JSON forms of course evaluation for the API, and their OpenAPI schemas (one
// home for each shape: the routes and the docs both read them from here).
#pragma once

#include <nlohmann/json.hpp>

#include "modules/evaluation/evaluation_service.h"
#include "modules/evaluation/questionnaire.h"

namespace peixun::evaluation {

nlohmann::json QuestionnaireToJson(const Questionnaire& q);
nlohmann::json QuestionnaireStatusToJson(const QuestionnaireStatus& s);
// A hidden slice carries responses, threshold and "visible": false only.
nlohmann::json SliceToJson(const SliceResult& r);
nlohmann::json QuestionnaireResultToJson(const QuestionnaireResult& r);
nlohmann::json LecturerSliceToJson(const LecturerSlice& l);
nlohmann::json ClassResultsToJson(const ClassResults& r);
nlohmann::json PendingToJson(const PendingList& p);

nlohmann::json QuestionnaireSchema();
nlohmann::json QuestionnaireStatusSchema();  // one questionnaire as a list shows it
nlohmann::json QuestionnaireListSchema();
nlohmann::json QuestionnaireResultSchema();
nlohmann::json LecturerSliceSchema();
nlohmann::json ClassResultsSchema();
nlohmann::json PendingSchema();
nlohmann::json AnswerSchema();

}  // namespace peixun::evaluation
