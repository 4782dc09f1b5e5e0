#include "modules/people/roster_import.h"

#include <set>
#include <unordered_map>

#include "core/clock.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "io/column_map.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"
#include "modules/people/internal/duplicate_probe.h"
#include "modules/people/internal/roster_columns.h"
#include "modules/people/people_service.h"

namespace peixun::people {
namespace {

constexpr int64_t kProgressEvery = 500;

bool RowIsBlank(const std::vector<std::string>& row) {
  for (const auto& cell : row)
    if (!core::NormalizeField(cell).empty()) return false;
  return true;
}

struct UnitIndex {
  std::unordered_map<std::string, std::vector<int64_t>> by_name;
  std::unordered_map<int64_t, org::Unit> by_id;
};

Result<UnitIndex> LoadUnits(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<org::Unit> all, org::OrgService::AllIn(tx));
  UnitIndex index;
  for (org::Unit& u : all) {
    index.by_name[u.name].push_back(u.id);
    const int64_t id = u.id;
    index.by_id.emplace(id, std::move(u));
  }
  return index;
}

struct Holder {
  std::string name;
  std::optional<int64_t> unit_id;
};

Result<std::unordered_map<std::string, Holder>> LoadFingerprints(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "SELECT id_fingerprint, name, unit_id FROM people WHERE id_fingerprint IS NOT NULL"));
  std::unordered_map<std::string, Holder> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.emplace(r.Str(0), Holder{r.Str(1), r.OptInt(2)});
  return out;
}

bool InSubtree(const UnitIndex& units, std::optional<int64_t> unit, int64_t root) {
  if (!unit) return false;
  auto it = units.by_id.find(*unit);
  return it != units.by_id.end() && org::IsWithin(it->second, root);
}

}  // namespace

Result<ImportReport> ImportRoster(store::Store& store, const crypto::DataKey& key,
                                  const io::Table& table, const ImportOptions& options,
                                  const ImportProgress& progress, const Actor& actor,
                                  std::optional<int64_t> scope_root) {
  io::ColumnMap columns(RosterColumns(), table.header);
  if (auto missing = columns.MissingRequired(); !missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
    return Invalid("import.column.missing", "文件缺少必需的列：" + list,
                   "the file lacks required columns: " + list, list);
  }

  ImportReport report;
  report.dry_run = options.dry_run;
  report.max_listed_errors = options.max_listed_errors;
  for (const auto& u : columns.unknown()) {
    report.warnings.push_back("忽略未识别的列：" + u);
  }

  int hidden_duplicates = 0;
  Status st = store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(UnitIndex units, LoadUnits(tx));
    PEIXUN_ASSIGN_OR_RETURN(auto stored_ids, LoadFingerprints(tx));
    std::unordered_map<std::string, int> file_ids;  // fingerprint → first row number
    std::vector<std::pair<size_t, ValidatedPerson>> good;

    for (size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      if (RowIsBlank(row)) continue;
      ++report.total_rows;
      const int row_no = i < table.source_rows.size() ? table.source_rows[i] : int(i) + 2;
      std::vector<RowError> row_errors;
      auto fail = [&](const std::string& field, Error e) {
        row_errors.push_back(RowError{row_no, field.empty() ? "" : columns.HeaderOf(field), e});
      };

      PersonInput in;
      in.name = columns.Cell(row, "name");
      in.gender = columns.Cell(row, "gender");
      in.ethnicity = columns.Cell(row, "ethnicity");
      in.birth_date = columns.Cell(row, "birth_date");
      in.phone = columns.Cell(row, "phone");
      in.id_number = columns.Cell(row, "id_number");
      in.position = columns.Cell(row, "position");
      in.rank = columns.Cell(row, "rank");
      in.party_join_date = columns.Cell(row, "party_join_date");
      const std::string tags = columns.Cell(row, "tags");
      if (!tags.empty()) in.tags = {tags};

      const std::string unit_name = core::NormalizeField(columns.Cell(row, "unit"));
      auto found = units.by_name.find(unit_name);
      if (unit_name.empty()) {
        fail("unit", Invalid("people.unit.required", "单位不能为空", "unit is required", "unit"));
      } else if (found == units.by_name.end()) {
        fail("unit", Invalid("people.unit.unknown", "单位“" + unit_name + "”不存在，请先导入单位",
                             "unknown unit \"" + unit_name + "\": import the units first", "unit"));
      } else if (found->second.size() > 1) {
        fail("unit", Invalid("people.unit.ambiguous",
                             "有 " + std::to_string(found->second.size()) + " 个单位都叫“" +
                                 unit_name + "”，无法确定",
                             "several units are named \"" + unit_name + "\"", "unit"));
      } else if (scope_root && !InSubtree(units, found->second.front(), *scope_root)) {
        fail("unit",
             Invalid("people.unit.out_of_scope", "单位“" + unit_name + "”不在您的管辖范围内",
                     "unit \"" + unit_name + "\" is outside your scope", "unit"));
      } else {
        in.unit_id = found->second.front();
      }

      ValidatedPerson v;
      for (Error& e : ValidatePerson(in, &v)) {
        if (e.field == "unit_id") continue;  // reported above with the unit's name
        std::string field = e.field;
        fail(field, std::move(e));
      }
      if (row_errors.empty() && !v.id_number.empty()) {
        const std::string fp = key.Fingerprint(v.id_number);
        if (auto it = file_ids.find(fp); it != file_ids.end()) {
          fail("id_number",
               Invalid("people.id_number.duplicate_in_file",
                       "身份证号与第 " + std::to_string(it->second) + " 行重复",
                       "ID number repeats row " + std::to_string(it->second), "id_number"));
        } else if (auto db = stored_ids.find(fp); db != stored_ids.end()) {
          // A liaison learns the holder only within their subtree (duplicate_probe.h).
          if (scope_root && !InSubtree(units, db->second.unit_id, *scope_root)) {
            ++hidden_duplicates;
            Error hidden = HiddenDuplicate();
            hidden.field = "id_number";
            fail("id_number", std::move(hidden));
          } else {
            fail("id_number",
                 Invalid("people.id_number.duplicate",
                         "身份证号已登记在“" + db->second.name + "”名下",
                         "ID number is already registered for another person", "id_number"));
          }
        } else {
          file_ids.emplace(fp, row_no);
        }
      }
      if (row_errors.empty()) {
        good.emplace_back(i, std::move(v));
      } else {
        report.rejected_rows.push_back(static_cast<int>(i));
        for (auto& e : row_errors) report.AddError(std::move(e));
      }
    }

    if (options.dry_run || (!report.ok() && !options.skip_bad_rows)) {
      return Ok();  // nothing written; the transaction commits no change
    }
    const int64_t total = static_cast<int64_t>(good.size());
    for (int64_t n = 0; n < total; ++n) {
      PEIXUN_RETURN_IF_ERROR(PeopleService::InsertIn(tx, key, good[n].second, actor));
      if (progress && (n + 1) % kProgressEvery == 0) progress(n + 1, total);
    }
    if (progress) progress(total, total);
    report.imported = static_cast<int>(total);
    report.committed = total > 0;
    return Ok();
  });
  if (!st) return std::move(st).error();
  if (hidden_duplicates > 0) {
    PEIXUN_RETURN_IF_ERROR(RecordHiddenDuplicates(store, actor, hidden_duplicates, NowMillis()));
  }
  return report;
}

Result<ImportReport> ImportRoster(store::Store& store, const crypto::DataKey& key,
                                  const io::Table& table, const ImportOptions& options,
                                  const Principal& who, const ImportProgress& progress) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kLiaison}));
  return ImportRoster(store, key, table, options, progress, Actor::Of(who), org::ScopeRoot(who));
}

}  // namespace peixun::people
