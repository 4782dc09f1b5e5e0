// The seed class itself: ×区2020年社区和“两新”党组织书记培训班, four days at ×大学
// 干部培训中心 — the opening ceremony, the three lectures the speech names and more,
// on-site teaching at community, non-public enterprise and social organization
// demonstration sites, group discussions, an exam and the closing ceremony — with
// its trainees enrolled by unit quotas, split into groups, lodged and put on buses.
// The class began the day before the demo is loaded: today is its second day, so
// check-in works at once and day 1 can hold history (demo_history.h).
#pragma once

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoClassCounts {
  int64_t class_id = 0;
  int sessions = 0;
  int enrolled = 0;
  int groups = 0;
  int lodged = 0;
  int64_t organizer_unit_id = 0;  // ×区委组织部
  int64_t liaison_unit_id = 0;    // the first street office, which sends trainees
};

// Needs the demo district (LoadDemoData) in `store`. Uses the modules' services,
// one transaction each; on failure the district stays and the error is returned.
// `key`: the data key (it seals the class's check-in secret).
Result<DemoClassCounts> LoadDemoClass(store::Store& store, const crypto::DataKey& key);

}  // namespace peixun::demo
