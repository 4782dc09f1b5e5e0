#ifndef PEIXUN_MODULE_PEOPLE_INTERNALS
#error "modules/people/internal is private to the people module"
#endif
// The columns of a people roster (花名册): headers users type in Excel, in the
// order an export writes them. Import accepts the aliases too (English headers,
// common variants such as 身份证号码, 联系电话).
#pragma once

#include <vector>

#include "io/column_map.h"

namespace peixun::people {

const std::vector<io::ColumnSpec>& RosterColumns();

}  // namespace peixun::people
