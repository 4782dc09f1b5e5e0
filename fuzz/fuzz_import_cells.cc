// libFuzzer target: the cell parsers of the table imports (roster: names, ID numbers,
// phones, gender, dates; question rows: kind, credit, fill-in answers; paper scores and
// hours: credit tenths; certificates: serials; settings: IP ranges). Readers hand
// importers valid UTF-8 only (table.h), so invalid input stops at the UTF-8 functions.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/certificate_serial.h"
#include "core/civil_date.h"
#include "core/credit_hours.h"
#include "core/exam_scoring.h"
#include "core/gender.h"
#include "core/id_number.h"
#include "core/ip_ranges.h"
#include "core/name_collation.h"
#include "core/phone.h"
#include "core/text_normalize.h"
#include "core/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peixun::core;
  const std::string_view cell(reinterpret_cast<const char*>(data), size);
  const std::u32string decoded = DecodeUtf8(cell);
  const std::string encoded = EncodeUtf8(decoded);
  if (!IsValidUtf8(encoded)) std::abort();  // U+FFFD replaces what was ill-formed
  if (!IsValidUtf8(cell)) return 0;
  if (encoded != cell || Utf8CharCount(cell) != decoded.size()) std::abort();
  const std::string field = NormalizeField(cell);
  (void)NormalizeName(cell);
  (void)NormalizePhone(field);
  (void)MaskPhone(cell);
  (void)ParseIdNumber(field, CivilDate{2020, 6, 2});
  (void)MaskIdNumber(cell);
  (void)ParseGender(field);
  (void)ParseCivilDate(field);
  (void)ParseCreditTenths(field);
  (void)ParseQuestionKind(field);
  (void)ParseMultipleCredit(field);
  (void)NormalizeFillIn(cell);
  (void)ParseSerial(field);
  (void)MaskName(cell);
  (void)StrokeSortKey(cell);
  (void)PinyinSortKey(cell);
  (void)PinyinInitials(cell);
  (void)ParseIpRanges(cell);
  return 0;
}
