// The rows an import rejected, as a file the user fixes and imports again: the
// original header and cells plus a last column 错误原因 with each row's reasons.
#pragma once

#include "core/import_report.h"
#include "io/table.h"

namespace peixun::io {

Table RejectedRowsTable(const Table& table, const ImportReport& report);

}  // namespace peixun::io
