// The assessment module's JSON shapes, one home for each (routes and the
// OpenAPI schemas read them from here).
#pragma once

#include <nlohmann/json.hpp>

#include "modules/assessment/exam.h"
#include "modules/assessment/exam_monitor.h"
#include "modules/assessment/question.h"

namespace peixun::assessment {

nlohmann::json BankJson(const QuestionBank& b);
nlohmann::json ExamJson(const Exam& e);  // with the paper and its key: staff only
// Without the paper: what a trainee may see before an attempt.
nlohmann::json ExamSummaryJson(const Exam& e);
nlohmann::json AttemptJson(const AttemptView& v);
nlohmann::json TraineeResultJson(const TraineeResult& r);
nlohmann::json GradingJson(const GradingItem& g);
nlohmann::json ResultsJson(const ExamResults& r);
nlohmann::json MonitorJson(const ExamMonitor& m);

// OpenAPI schemas of the shapes above and of the question.
nlohmann::json BankSchema();
nlohmann::json QuestionSchema();
nlohmann::json QuestionInputSchema();
nlohmann::json ExamSchema();
nlohmann::json ExamInputSchema();
nlohmann::json ExamSummarySchema();
nlohmann::json AttemptSchema();
nlohmann::json TraineeResultSchema();
nlohmann::json GradingSchema();
nlohmann::json ResultsSchema();
nlohmann::json MonitorSchema();

}  // namespace peixun::assessment
