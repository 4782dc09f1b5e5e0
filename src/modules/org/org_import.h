// Imports the organization tree from a table with the columns of DESIGN.md's
// contract: 单位名称 (name), 上级单位 (parent: a unit already stored or another
// row of the file; empty for a root), 单位类型 (kind), and optionally 党组织名称,
// 党组织类型, 书记, 联系人, 联系电话. Rows may name parents that come later in
// the file. All-or-nothing unless options.skip_bad_rows; one transaction.
#pragma once

#include <vector>

#include "core/actor.h"
#include "core/import_report.h"
#include "core/result.h"
#include "io/column_map.h"
#include "io/table.h"
#include "store/store.h"

namespace peixun::org {

const std::vector<io::ColumnSpec>& OrgColumns();

Result<ImportReport> ImportOrgs(store::Store& store, const io::Table& table,
                                const ImportOptions& options, const Actor& actor = Actor::System());

// The whole tree in import form, parents before children.
Result<io::Table> ExportOrgs(store::Store& store);

}  // namespace peixun::org
