// The name keys stored with each person (stroke_key, pinyin_key, pinyin_initials,
// pinyin_full) come from core/name_collation. When its rules change,
// kNameKeysVersion goes up and every stored key is recomputed once, the next time
// the database is opened (`peixun init`, `serve`, `import`…), so old and new rows
// never sort by different rules.
#pragma once

#include "core/result.h"
#include "store/store.h"

namespace peixun::people {

// 2: pinyin order by syllables with surname readings (曾 zeng, 单 shan).
inline constexpr int kNameKeysVersion = 2;

// Recomputes the keys of every person in one transaction when the database's
// version (setting "people.name_keys_version") is not kNameKeysVersion; a no-op
// otherwise. Returns how many people were rekeyed.
Result<int64_t> RefreshNameKeys(store::Store& store);

}  // namespace peixun::people
