// What an import did, row by row: shared by every importer (people, orgs, …)
// and shown the same way by the CLI and the web page.
//
// An import is all-or-nothing unless the caller asked to skip bad rows; either
// way `errors` names rejected rows by their number as the user sees it in the
// file (header = row 1), their column header and the reason. A report stays small
// whatever the file: it lists the first errors (a person fixes a file from the
// first few hundred, not from a million) and only counts the others, by code;
// `rejected_rows` still names every rejected row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace peixun {

struct RowError {
  int row = 0;         // 1-based row number in the file
  std::string column;  // header text as in the file ("身份证号"); "" for the whole row
  Error error;
};

// How many errors a report lists unless asked otherwise.
inline constexpr size_t kDefaultListedErrors = 1000;

struct ImportOptions {
  bool dry_run = false;        // check everything, write nothing
  bool skip_bad_rows = false;  // import the good rows, report the bad ones
  // Errors listed in the report; those beyond are counted only (the CLI lists them all
  // when it writes the rejected rows with their reasons).
  size_t max_listed_errors = kDefaultListedErrors;
};

struct ImportReport {
  int total_rows = 0;  // data rows read (blank rows not counted)
  int imported = 0;    // rows written (0 on a dry run or a rejected file)
  bool dry_run = false;
  bool committed = false;                       // true when anything was written
  std::vector<RowError> errors;                 // the first max_listed_errors errors, as found
  int64_t errors_omitted = 0;                   // errors found beyond those listed
  std::map<std::string, int64_t> error_counts;  // every error found, by code
  std::vector<int> rejected_rows;               // indexes into the table's rows, ascending
  std::vector<std::string> warnings;            // e.g. ignored columns
  size_t max_listed_errors = kDefaultListedErrors;

  // Records an error: listed while there is room, counted always. Importers add every
  // error through here.
  void AddError(RowError e) {
    ++error_counts[e.error.code];
    if (errors.size() < max_listed_errors) {
      errors.push_back(std::move(e));
    } else {
      ++errors_omitted;
    }
  }

  bool ok() const { return errors.empty() && errors_omitted == 0; }
};

}  // namespace peixun
