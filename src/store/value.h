// Values and rows that cross the Store boundary. Portable across SQLite and
// PostgreSQL: NULL, 64-bit integer, double, UTF-8 text. Booleans are integers 0/1;
// instants are integers (UTC, milliseconds since the epoch).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace peixun::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline Value Null() { return Value{}; }
inline Value Text(std::string_view s) { return Value{std::string(s)}; }
inline Value Int(int64_t v) { return Value{v}; }
// Empty text becomes NULL: optional columns store "unset" as NULL, never "".
inline Value TextOrNull(std::string_view s) { return s.empty() ? Value{} : Value{std::string(s)}; }
inline Value IntOrNull(const std::optional<int64_t>& v) { return v ? Value{*v} : Value{}; }

// One result row. Column access is by position, in the order of the SELECT list.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  // Text of column i; "" for NULL; integers and doubles are formatted.
  std::string Str(size_t i) const;
  // Integer of column i; 0 for NULL; text is parsed (PostgreSQL returns text).
  int64_t Int(size_t i) const;
  double Double(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<int64_t>(Int(i));
  }
  const Value& operator[](size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;

  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
  const Row& operator[](size_t i) const { return rows.at(i); }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
};

}  // namespace peixun::store
