// The demo data set: the district of the seed speech (shared/seed), i.e. ×区 with
// its street offices, communities, non-public enterprises and social
// organizations, their party organizations, and the people who attend
// ×区2020年社区和“两新”党组织书记培训班. Deterministic: the same names, ID
// numbers and phones every time, including the hard cases (䶮, 𠮷, 欧阳,
// 买买提·艾力) so a new user sees them survive every screen and file.
#pragma once

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoCounts {
  int streets = 0;
  int communities = 0;
  int enterprises = 0;
  int social_orgs = 0;
  int units = 0;
  int people = 0;
};

// Fills an initialized, empty database in one transaction.
Result<DemoCounts> LoadDemoData(store::Store& store, const crypto::DataKey& key);

}  // namespace peixun::demo
