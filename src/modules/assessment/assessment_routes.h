// The assessment routes: question bank, exams (staff), attempts and results
// (trainees). Each handler translates HTTP to one service call; the services
// check access. Scores travel in hundredths of a point (*_centi).
#pragma once

#include <functional>
#include <memory>

#include "api/router.h"
#include "store/store.h"

namespace peixun::assessment {

class QuestionBankService;
class ExamService;
class AttemptService;

struct AssessmentServices {
  explicit AssessmentServices(store::Store& store, std::function<int64_t()> now_ms = {});
  ~AssessmentServices();

  store::Store* store;  // outlives the router (the application owns both)
  std::function<int64_t()> now_ms;
  std::shared_ptr<QuestionBankService> bank;
  std::shared_ptr<ExamService> exams;
  std::shared_ptr<AttemptService> attempts;
};

void RegisterAssessmentRoutes(api::Router& router, const AssessmentServices& services);

}  // namespace peixun::assessment
