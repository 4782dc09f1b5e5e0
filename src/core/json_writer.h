// A small direct JSON writer for hot answers (the check-in answer, the live feed's
// check-in event): appends text to a string without building a tree, so a burst of
// check-ins does not allocate a node per field. The output is compact JSON
// (RFC 8259) that nlohmann::json::parse reads back to the same values; keys come in
// the order they are written.
//
// Strings: '"' and '\\' are escaped, as are the control characters (\b \f \n \r \t
// by name, the others as \u00XX); all other UTF-8 passes through unchanged (䶮,
// 买买提·艾力). A byte sequence that is not valid UTF-8 is written as U+FFFD, so the
// output is always valid JSON.
//
// Contract: the caller pairs Begin*/End* and writes a Key before each value inside
// an object; nesting deeper than kMaxDepth is not supported. Not thread-safe (one
// writer per answer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace peixun::core {

class JsonWriter {
 public:
  static constexpr int kMaxDepth = 32;

  explicit JsonWriter(size_t reserve = 256) { out_.reserve(reserve); }

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();

  std::string out_;
  int depth_ = 0;
  // Per nesting level: whether a value was written at that level (comma needed).
  bool has_item_[kMaxDepth + 1] = {};
  bool after_key_ = false;
};

// Appends `text` as a quoted JSON string (escaping as above) to `out`.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace peixun::core
