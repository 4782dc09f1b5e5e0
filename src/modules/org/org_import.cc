#include "modules/org/org_import.h"

#include <map>
#include <unordered_map>

#include "core/text_normalize.h"
#include "modules/org/org_service.h"

namespace peixun::org {
namespace {

struct PendingUnit {
  size_t index;  // row index in the table
  int row_no;
  UnitInput input;
  std::string parent_name;
};

}  // namespace

const std::vector<io::ColumnSpec>& OrgColumns() {
  static const std::vector<io::ColumnSpec> kColumns = {
      {"name", "单位名称", {"单位", "名称", "unit"}, true},
      {"parent", "上级单位", {"上级", "上级单位名称", "parent name"}, false},
      {"kind", "单位类型", {"类型", "type"}, true},
      {"party_org_name", "党组织名称", {"党组织", "party org", "party organization"}, false},
      {"party_org_kind", "党组织类型", {"党组织类别", "party org kind"}, false},
      {"secretary", "书记", {"党组织书记", "secretary"}, false},
      {"contact_name", "联系人", {"contact"}, false},
      {"contact_phone", "联系电话", {"联系人电话", "contact phone", "phone"}, false},
  };
  return kColumns;
}

Result<ImportReport> ImportOrgs(store::Store& store, const io::Table& table,
                                const ImportOptions& options, const Actor& actor) {
  io::ColumnMap columns(OrgColumns(), table.header);
  if (auto missing = columns.MissingRequired(); !missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
    return Invalid("import.column.missing", "文件缺少必需的列：" + list,
                   "the file lacks required columns: " + list, list);
  }
  ImportReport report;
  report.dry_run = options.dry_run;
  report.max_listed_errors = options.max_listed_errors;
  for (const auto& u : columns.unknown()) report.warnings.push_back("忽略未识别的列：" + u);

  Status st = store.Transact([&](store::Tx& tx) -> Status {
    std::vector<PendingUnit> pending;
    std::unordered_map<std::string, size_t> in_file;  // name → index into pending
    std::map<int, std::vector<RowError>> errors;      // row number → its errors
    auto fail = [&](int row_no, const std::string& field, Error e) {
      errors[row_no].push_back(RowError{row_no, columns.HeaderOf(field), std::move(e)});
    };

    for (size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      PendingUnit u{i, i < table.source_rows.size() ? table.source_rows[i] : int(i) + 2, {}, {}};
      u.input.name = core::NormalizeField(columns.Cell(row, "name"));
      u.parent_name = core::NormalizeField(columns.Cell(row, "parent"));
      const std::string kind = core::NormalizeField(columns.Cell(row, "kind"));
      u.input.party_org_name = core::NormalizeField(columns.Cell(row, "party_org_name"));
      u.input.party_org_kind = core::NormalizeField(columns.Cell(row, "party_org_kind"));
      u.input.secretary = core::NormalizeName(columns.Cell(row, "secretary"));
      u.input.contact_name = core::NormalizeName(columns.Cell(row, "contact_name"));
      u.input.contact_phone = core::NormalizeField(columns.Cell(row, "contact_phone"));
      if (u.input.name.empty() && u.parent_name.empty() && kind.empty()) continue;  // blank row
      ++report.total_rows;
      if (Status v = ValidateUnitInput(u.input); !v) fail(u.row_no, "name", v.error());
      if (auto k = ParseUnitKind(kind)) {
        u.input.kind = *k;
      } else {
        fail(u.row_no, "kind",
             Invalid("org.kind.unknown",
                     "单位类型“" + kind + "”无效，应为 街道/社区/非公企业/社会组织/机关/其他/区",
                     "unknown unit kind \"" + kind + "\"", "kind"));
      }
      if (in_file.count(u.input.name)) {
        fail(u.row_no, "name",
             Invalid("org.name.duplicate_in_file",
                     "单位名称与第 " + std::to_string(pending[in_file[u.input.name]].row_no) +
                         " 行重复",
                     "unit name repeats an earlier row", "name"));
      } else if (!u.input.name.empty()) {
        in_file.emplace(u.input.name, pending.size());
      }
      pending.push_back(std::move(u));
    }

    // Resolve parents: another row of the file first, else a stored unit.
    // depth[i] orders inserts so parents from the file come first.
    std::vector<int> depth(pending.size(), -1);
    std::vector<std::optional<int64_t>> stored_parent(pending.size());
    for (size_t i = 0; i < pending.size(); ++i) {
      PendingUnit& u = pending[i];
      if (u.parent_name.empty()) {
        depth[i] = 0;
        continue;
      }
      if (in_file.count(u.parent_name)) continue;  // resolved below
      PEIXUN_ASSIGN_OR_RETURN(auto found, OrgService::FindByNameIn(tx, u.parent_name));
      if (found.empty()) {
        fail(u.row_no, "parent",
             Invalid("org.parent.unknown", "上级单位“" + u.parent_name + "”不存在",
                     "parent unit \"" + u.parent_name + "\" does not exist", "parent"));
      } else if (found.size() > 1) {
        fail(u.row_no, "parent",
             Invalid("org.parent.ambiguous", "有多个单位名为“" + u.parent_name + "”",
                     "several units are named \"" + u.parent_name + "\"", "parent"));
      } else {
        stored_parent[i] = found.front().id;
        depth[i] = 0;
      }
    }
    for (size_t i = 0; i < pending.size(); ++i) {
      // Walk up the file's parent chain; a chain longer than the file is a cycle.
      size_t cur = i;
      int steps = 0;
      while (depth[cur] < 0 && in_file.count(pending[cur].parent_name) &&
             steps <= static_cast<int>(pending.size())) {
        cur = in_file[pending[cur].parent_name];
        ++steps;
      }
      if (steps > static_cast<int>(pending.size())) {
        if (!errors.count(pending[i].row_no)) {
          fail(pending[i].row_no, "parent",
               Invalid("org.parent.cycle", "上级单位关系成环：" + pending[i].parent_name,
                       "the parent chain loops back: " + pending[i].parent_name, "parent"));
        }
        continue;
      }
      if (depth[cur] < 0) continue;  // the chain ends at a bad row: reported below
      depth[i] = depth[cur] + steps;
    }
    // A row whose parent row is bad is bad too.
    bool changed = true;
    while (changed) {
      changed = false;
      for (const auto& u : pending) {
        if (errors.count(u.row_no) || !in_file.count(u.parent_name)) continue;
        const PendingUnit& parent = pending[in_file[u.parent_name]];
        if (errors.count(parent.row_no)) {
          fail(u.row_no, "parent",
               Invalid("org.parent.rejected",
                       "上级单位所在的第 " + std::to_string(parent.row_no) + " 行有错误",
                       "the parent's row " + std::to_string(parent.row_no) + " has errors",
                       "parent"));
          changed = true;
        }
      }
    }
    for (const auto& u : pending) {
      if (errors.count(u.row_no)) report.rejected_rows.push_back(static_cast<int>(u.index));
    }
    for (auto& [row, list] : errors)
      for (auto& e : list) report.AddError(std::move(e));
    if (options.dry_run || (!report.ok() && !options.skip_bad_rows)) return Ok();

    std::vector<size_t> order;
    for (size_t i = 0; i < pending.size(); ++i)
      if (!errors.count(pending[i].row_no)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return depth[a] < depth[b]; });
    std::unordered_map<std::string, int64_t> created;
    for (size_t i : order) {
      UnitInput input = pending[i].input;
      if (stored_parent[i]) {
        input.parent_id = stored_parent[i];
      } else if (!pending[i].parent_name.empty()) {
        input.parent_id = created.at(pending[i].parent_name);
      }
      auto unit = OrgService::CreateIn(tx, input, actor);
      if (!unit) {
        // A clash with a stored unit (same name under the same parent) is the
        // row's fault: report it and write nothing.
        report.AddError(RowError{pending[i].row_no, columns.HeaderOf("name"), unit.error()});
        report.rejected_rows.push_back(static_cast<int>(pending[i].index));
        report.imported = 0;
        return unit.error();
      }
      created[input.name] = unit->id;
      ++report.imported;
    }
    report.committed = report.imported > 0;
    return Ok();
  });
  if (!st) {
    if (!report.ok() && st.error().kind == ErrorKind::kConflict) {
      report.committed = false;
      report.imported = 0;
      return report;
    }
    return std::move(st).error();
  }
  return report;
}

Result<io::Table> ExportOrgs(store::Store& store) {
  return store::ReadValue<io::Table>(store, [](store::Tx& tx) -> Result<io::Table> {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<Unit> units, OrgService::AllIn(tx));
    std::unordered_map<int64_t, std::string> names;
    for (const auto& u : units) names[u.id] = u.name;
    io::Table table;
    for (const auto& c : OrgColumns()) table.header.push_back(c.label);
    for (const auto& u : units) {
      table.rows.push_back({u.name, u.parent_id ? names[*u.parent_id] : "",
                            std::string(UnitKindLabel(u.kind)), u.party_org_name, u.party_org_kind,
                            u.secretary, u.contact_name, u.contact_phone});
      table.source_rows.push_back(static_cast<int>(table.rows.size()) + 1);
    }
    return table;
  });
}

}  // namespace peixun::org
