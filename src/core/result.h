// Result<T>: either a value or an Error (src/core/error.h). Result<void> is a status.
//
//   Result<Unit> r = service.Create(input);
//   if (!r) return r.error();
//   Use(*r);
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "core/error.h"

namespace peixun {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return Status(); }

}  // namespace peixun

// Returns the error of `expr` (a Result) from the enclosing function.
#define PEIXUN_RETURN_IF_ERROR(expr)                    \
  do {                                                  \
    auto peixun_status_ = (expr);                       \
    if (!peixun_status_) return peixun_status_.error(); \
  } while (0)

#define PEIXUN_CONCAT_INNER(a, b) a##b
#define PEIXUN_CONCAT(a, b) PEIXUN_CONCAT_INNER(a, b)
// Declares `lhs` from the value of `expr`, or returns its error.
#define PEIXUN_ASSIGN_OR_RETURN(lhs, expr) \
  PEIXUN_ASSIGN_OR_RETURN_IMPL(PEIXUN_CONCAT(peixun_result_, __LINE__), lhs, expr)
#define PEIXUN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp) return std::move(tmp).error();           \
  lhs = std::move(tmp).value()
