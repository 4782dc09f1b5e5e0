// peixun's error value: a stable machine code, a person-readable message in
// Chinese and English, and the field (or row/column) it concerns.
//
// Codes are dotted and stable ("people.id_number.check_digit"); the HTTP layer
// maps them to statuses (src/http), the CLI prints the message. Expected failures
// travel as values inside Result<T>, never as exceptions.
#pragma once

#include <string>
#include <utility>

namespace peixun {

// The broad kind of a failure; decides the HTTP status in one place.
enum class ErrorKind {
  kInvalid,       // the input is wrong (400/422)
  kNotFound,      // the thing named does not exist (404)
  kConflict,      // clashes with stored state: duplicate, cycle, version (409)
  kUnauthorized,  // not logged in (401)
  kForbidden,     // logged in, not allowed (403)
  kTooLarge,      // body or file too large (413)
  kRateLimited,   // too many attempts (429)
  kInternal,      // our fault or the environment's: I/O, database down (500)
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // stable, dotted: "org.move.cycle"
  std::string message;     // zh-CN, for people
  std::string message_en;  // en, for people who asked for English
  std::string field;       // parameter, field or "row 12, 身份证号"; may be empty

  // Returns the message in `lang` ("en..." gives English; anything else zh-CN).
  const std::string& MessageFor(const std::string& lang) const {
    if (lang.rfind("en", 0) == 0 && !message_en.empty()) return message_en;
    return message;
  }
};

inline Error MakeError(ErrorKind kind, std::string code, std::string zh, std::string en,
                       std::string field = {}) {
  return Error{kind, std::move(code), std::move(zh), std::move(en), std::move(field)};
}

inline Error Invalid(std::string code, std::string zh, std::string en, std::string field = {}) {
  return MakeError(ErrorKind::kInvalid, std::move(code), std::move(zh), std::move(en),
                   std::move(field));
}

inline Error NotFound(std::string code, std::string zh, std::string en, std::string field = {}) {
  return MakeError(ErrorKind::kNotFound, std::move(code), std::move(zh), std::move(en),
                   std::move(field));
}

inline Error Conflict(std::string code, std::string zh, std::string en, std::string field = {}) {
  return MakeError(ErrorKind::kConflict, std::move(code), std::move(zh), std::move(en),
                   std::move(field));
}

inline Error Internal(std::string code, std::string detail) {
  return MakeError(ErrorKind::kInternal, std::move(code), "内部错误：" + detail,
                   "internal error: " + detail);
}

}  // namespace peixun
