// What an import did, row by row: shared by every importer (people, orgs, …)
// and shown the same way by the CLI and the web page.
//
// An import is all-or-nothing unless the caller asked to skip bad rows; either
// way `errors` names every rejected row by its number as the user sees it in
// the file (header = row 1), its column header and the reason.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace peixun {

struct RowError {
  int row = 0;         // 1-based row number in the file
  std::string column;  // header text as in the file ("身份证号"); "" for the whole row
  Error error;
};

struct ImportOptions {
  bool dry_run = false;        // check everything, write nothing
  bool skip_bad_rows = false;  // import the good rows, report the bad ones
};

struct ImportReport {
  int total_rows = 0;  // data rows read (blank rows not counted)
  int imported = 0;    // rows written (0 on a dry run or a rejected file)
  bool dry_run = false;
  bool committed = false;  // true when anything was written
  std::vector<RowError> errors;
  std::vector<int> rejected_rows;     // indexes into the table's rows, ascending
  std::vector<std::string> warnings;  // e.g. ignored columns

  bool ok() const { return errors.empty(); }
};

}  // namespace peixun
