// The package structure of an .xlsx file (Open Packaging Conventions): which zip entries
// hold the first worksheet, the shared strings and the styles, found by following the
// relationship parts instead of assuming Excel's default names. Used by xlsx_reader.cc.
#pragma once

#include <string>

#include "core/result.h"
#include "io/zip_archive.h"

namespace peixun::io {

struct XlsxParts {
  std::string worksheet;       // zip entry of the first visible worksheet
  std::string shared_strings;  // empty when the workbook has none
  std::string styles;          // empty when the workbook has none
  bool date1904 = false;       // workbookPr date1904: serial dates count from 1904-01-01
};

// Errors: io.xlsx.invalid (no workbook, no worksheet, a relationship to a missing part),
// plus those of ParseXmlEntry.
Result<XlsxParts> LocateXlsxParts(const ZipArchive& archive);

// Joins a relationship Target to the folder of the part that owns it ("xl/" +
// "worksheets/sheet1.xml"); an absolute target ("/xl/…") ignores the folder; "." and ".."
// segments are resolved. Exposed for tests.
std::string ResolvePartName(const std::string& folder, const std::string& target);

}  // namespace peixun::io
