// The text of a certificate template (结业证书模板) with {fields}, e.g.
//   "{name}同志于{start_date}至{end_date}参加{class_name}，学习{hours}学时，
//    圆满完成学习任务，准予结业。"
// The fields a template may use are kCertificateFields; "{{" and "}}" print a brace.
// Pure and thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peixun::core {

// name, unit, class_name, organizer, start_date, end_date, days, hours, serial,
// issue_date.
const std::vector<std::string>& CertificateFields();

// Ok when every {field} of `text` is one of CertificateFields() and the braces balance.
// Errors (kInvalid, field = `where`):
//   certificates.template.unknown_field  names the first unknown field, e.g. {nmae}
//   certificates.template.syntax         a "{" without "}", a "}" alone, or "{}"
Status CheckCertificateText(std::string_view text, const std::string& where = "text");

// `text` with each {field} replaced by fields.at(field) ("" when absent from the map).
// Same errors as CheckCertificateText.
Result<std::string> FillCertificateText(std::string_view text,
                                        const std::map<std::string, std::string>& fields,
                                        const std::string& where = "text");

}  // namespace peixun::core
