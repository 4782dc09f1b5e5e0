// The live view of an exam for the people who run the class: every approved
// trainee (姓氏笔画 order) with whether they started, how many answers are
// saved, the time left by the server clock, and whether they submitted.
//
// Access: classes::ClassNeed::kManage on the exam's class (403 otherwise;
// 404 assessment.exam.not_found). Expired attempts are submitted by the server
// first, as ExamService::Results does. One transaction. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::assessment {

enum class MonitorStatus { kNotStarted, kInProgress, kSubmitted };
const char* MonitorStatusCode(MonitorStatus s);  // not_started, in_progress, submitted

struct MonitorRow {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  MonitorStatus status = MonitorStatus::kNotStarted;
  int attempts = 0;                   // started so far
  std::optional<int64_t> attempt_id;  // the latest one
  std::optional<int64_t> started_ms;
  std::optional<int64_t> deadline_ms;
  int64_t remaining_ms = 0;  // of an attempt in progress, by the server clock
  std::optional<int64_t> submitted_ms;
  std::string submitted_by;  // "trainee", "server" or ""
  int answered = 0;          // answers saved in the latest attempt
};

struct ExamMonitor {
  int64_t exam_id = 0;
  int64_t now_ms = 0;
  int question_count = 0;
  int not_started = 0;
  int in_progress = 0;
  int submitted = 0;
  std::vector<MonitorRow> people;
};

Result<ExamMonitor> MonitorExam(store::Store& store, const Principal& who, int64_t exam_id,
                                int64_t now_ms);

}  // namespace peixun::assessment
