#include "modules/people/name_keys.h"

#include <string>

#include "core/name_collation.h"
#include "modules/settings/settings.h"

namespace peixun::people {
namespace {

constexpr char kSetting[] = "people.name_keys_version";

}  // namespace

Result<int64_t> RefreshNameKeys(store::Store& store) {
  const std::string current = std::to_string(kNameKeysVersion);
  int64_t rekeyed = 0;
  Status st = store.Transact([&](store::Tx& tx) -> Status {
    rekeyed = 0;
    PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> stored, settings::GetIn(tx, kSetting));
    if (stored && *stored == current) return Ok();
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT id, name FROM people"));
    for (const auto& row : rows) {
      const std::string name = row.Str(1);
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE people SET stroke_key = ?, pinyin_key = ?, pinyin_initials = ?, "
                  "pinyin_full = ? WHERE id = ?",
                  {store::Text(core::StrokeSortKey(name)), store::Text(core::PinyinSortKey(name)),
                   store::Text(core::PinyinInitials(name)), store::Text(core::PinyinFull(name)),
                   store::Int(row.Int(0))}));
      ++rekeyed;
    }
    return settings::SetIn(tx, kSetting, current);
  });
  if (!st) return std::move(st).error();
  return rekeyed;
}

}  // namespace peixun::people
