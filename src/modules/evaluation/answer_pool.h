// The anonymous answers of course evaluation (evaluation_answers): the only code
// that writes or reads that table. Called by evaluation_service.cc alone, inside
// its transactions; the has-answered mark is the service's business.
//
// Contract (what "anonymous by construction" rests on, evaluation_schema.cc):
//  - a row holds a random 128-bit key, the questionnaire and what was answered,
//    never who or when;
//  - AddIn rewrites every answer of the questionnaire in key order in the same
//    transaction, so on PostgreSQL the live rows all carry that transaction's
//    xmin and lie in the heap in key order (random), not in arrival order; on
//    SQLite the WITHOUT ROWID table is a B-tree in key order already, and the
//    rewrite is the same code on both. Dead tuple versions remain on PostgreSQL
//    until VACUUM: reading them needs superuser page inspection of the raw heap.
//  - ReadIn hands answers back in key order, comments sorted by text.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "modules/evaluation/questionnaire.h"
#include "store/store.h"

namespace peixun::evaluation {

// Stores `answer` (already validated) for `questionnaire_id` as described above.
Status AddAnswerIn(store::Tx& tx, int64_t questionnaire_id, const AnswerInput& answer);

// The tallies per item, the overall tally, the response count and the
// non-empty comments (sorted by text) of `questionnaire_id`. Fills every field
// of the result but `threshold` and `visible`.
Result<SliceResult> ReadAnswersIn(store::Tx& tx, int64_t questionnaire_id);

}  // namespace peixun::evaluation
