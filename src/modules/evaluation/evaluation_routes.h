// HTTP routes of course evaluation (教学评估); they translate HTTP to
// EvaluationService calls, which check access (evaluation_service.h).
#pragma once

#include "api/router.h"
#include "modules/evaluation/evaluation_service.h"
#include "store/store.h"

namespace peixun::evaluation {

void RegisterEvaluationRoutes(api::Router& router, store::Store& store,
                              EvaluationOptions options = {});

}  // namespace peixun::evaluation
