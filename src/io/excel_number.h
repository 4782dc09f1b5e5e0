// How Excel shows a number cell: the kind of its number format (date, time or plain
// number) and the text a person sees for its value. Used by xlsx_reader.cc.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace peixun::io {

enum class NumberFormatKind {
  kNumber,    // General, 0.00, @, currency, …
  kDate,      // yyyy-mm-dd, yyyy"年"m"月"d"日", builtin 14–17, 27–31, 36, 50–54, 57, 58
  kDateTime,  // m/d/yy h:mm (builtin 22) or a custom format with date and time parts
  kTime,      // h:mm, mm:ss, [h]:mm:ss, builtin 18–21, 32–35, 45–47, 55, 56
};

// The kind of a builtin format id (those without a <numFmt> in styles.xml), including
// the East Asian ids 27–36 and 50–58 that Chinese Excel and WPS write.
NumberFormatKind ClassifyBuiltinFormat(int id);

// The kind of a custom format code, from its first section: y, d, e (year) or a lone m
// make a date; h, s, AM/PM, [h]/[m]/[s] make a time; quoted text, escapes and [$-804]
// style brackets are ignored.
NumberFormatKind ClassifyFormatCode(std::string_view code);

// `raw` (a <v> value, e.g. "1.3800138E10") as a person sees it: no exponent, no trailing
// ".0", at most 15 significant digits as Excel keeps ("13800138000", "0.3", "-2.5").
// A plain integer string is returned unchanged, whatever its length. Text that is not a
// number is returned unchanged.
std::string FormatNumber(std::string_view raw);

// The serial date `serial` as text: kDate gives "YYYY-MM-DD"; kDateTime adds " HH:MM"
// (":SS" when there are seconds) unless the time is midnight; kTime gives "HH:MM" or
// "HH:MM:SS". `date1904` selects the 1904 date system (workbookPr date1904). Serial 60
// of the 1900 system is Excel's phantom 1900-02-29. Nullopt when the serial is out of
// Excel's range (negative, after 9999-12-31) or kind is kNumber.
std::optional<std::string> FormatSerialDate(double serial, NumberFormatKind kind, bool date1904);

}  // namespace peixun::io
