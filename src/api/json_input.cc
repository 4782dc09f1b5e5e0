#include "api/json_input.h"

#include <charconv>

#include "core/text_normalize.h"
#include "core/utf8.h"

namespace peixun::api {
namespace {

Error TypeError(const std::string& field, const char* zh_type, const char* en_type) {
  return Invalid("request.type", "字段 " + field + " 应为" + zh_type,
                 "field " + field + " must be " + en_type, field);
}

}  // namespace

Result<JsonInput> JsonInput::Parse(const std::string& body) {
  if (!core::IsValidUtf8(body)) {
    return Invalid("request.encoding", "请求内容不是有效的 UTF-8",
                   "request body is not valid UTF-8");
  }
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Invalid("request.json", "请求内容不是有效的 JSON", "request body is not valid JSON");
  }
  if (!json.is_object()) {
    return Invalid("request.json", "请求内容应为 JSON 对象", "request body must be a JSON object");
  }
  return JsonInput(std::move(json));
}

std::optional<std::vector<int64_t>> JsonInput::IdList(const std::string& field, size_t max_items) {
  read_.insert(field);
  if (!json_.contains(field)) return std::nullopt;
  const auto& v = json_[field];
  std::vector<int64_t> out;
  if (v.is_null()) return out;
  bool ok = v.is_array() && v.size() <= max_items;
  for (size_t i = 0; ok && i < v.size(); ++i) {
    ok = v[i].is_number_integer() && v[i].get<int64_t>() > 0;
    if (ok) out.push_back(v[i].get<int64_t>());
  }
  if (!ok) {
    Fail(Invalid("request.type",
                 "字段 " + field + " 应为正整数数组（至多 " + std::to_string(max_items) + " 个）",
                 "field " + field + " must be an array of at most " + std::to_string(max_items) +
                     " positive integers",
                 field));
    return std::vector<int64_t>();
  }
  return out;
}

std::optional<nlohmann::json> JsonInput::Take(const std::string& field) {
  read_.insert(field);
  if (!json_.contains(field)) return std::nullopt;
  return json_[field];
}

void JsonInput::Fail(Error e) {
  if (!error_) error_ = std::move(e);
}

bool JsonInput::Seen(const std::string& field) {
  read_.insert(field);
  return json_.contains(field) && !json_[field].is_null();
}

std::string JsonInput::Str(const std::string& field, bool required, size_t max_chars) {
  if (!Seen(field)) {
    if (required) {
      Fail(Invalid("request.required", "缺少字段 " + field, "missing field " + field, field));
    }
    return {};
  }
  const auto& v = json_[field];
  if (!v.is_string()) {
    Fail(TypeError(field, "字符串", "a string"));
    return {};
  }
  std::string s = v.get<std::string>();
  if (core::Utf8CharCount(s) > max_chars) {
    Fail(Invalid(
        "request.too_long", "字段 " + field + " 不能超过 " + std::to_string(max_chars) + " 个字",
        "field " + field + " must be at most " + std::to_string(max_chars) + " characters", field));
    return {};
  }
  if (required && core::NormalizeField(s).empty()) {
    Fail(Invalid("request.required", "字段 " + field + " 不能为空",
                 "field " + field + " must not be empty", field));
  }
  return s;
}

std::optional<int64_t> JsonInput::OptInt(const std::string& field, bool required) {
  if (!Seen(field)) {
    if (required) {
      Fail(Invalid("request.required", "缺少字段 " + field, "missing field " + field, field));
    }
    return std::nullopt;
  }
  const auto& v = json_[field];
  if (!v.is_number_integer()) {
    Fail(TypeError(field, "整数", "an integer"));
    return std::nullopt;
  }
  return v.get<int64_t>();
}

std::optional<double> JsonInput::OptNumber(const std::string& field, bool required, double min,
                                           double max) {
  if (!Seen(field)) {
    if (required) {
      Fail(Invalid("request.required", "缺少字段 " + field, "missing field " + field, field));
    }
    return std::nullopt;
  }
  const auto& v = json_[field];
  if (!v.is_number()) {
    Fail(TypeError(field, "数字", "a number"));
    return std::nullopt;
  }
  const double d = v.get<double>();
  if (!(d >= min && d <= max)) {
    Fail(Invalid("request.range", "字段 " + field + " 超出允许范围",
                 "field " + field + " is out of range", field));
    return std::nullopt;
  }
  return d;
}

bool JsonInput::Bool(const std::string& field, bool default_value) {
  if (!Seen(field)) return default_value;
  const auto& v = json_[field];
  if (!v.is_boolean()) {
    Fail(TypeError(field, "true 或 false", "true or false"));
    return default_value;
  }
  return v.get<bool>();
}

std::vector<std::string> JsonInput::StrList(const std::string& field, size_t max_items,
                                            size_t max_chars) {
  std::vector<std::string> out;
  if (!Seen(field)) return out;
  const auto& v = json_[field];
  if (!v.is_array() || v.size() > max_items) {
    Fail(TypeError(field, "字符串数组", "an array of strings"));
    return out;
  }
  for (const auto& item : v) {
    if (!item.is_string() || core::Utf8CharCount(item.get<std::string>()) > max_chars) {
      Fail(TypeError(field, "字符串数组", "an array of strings"));
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Status JsonInput::Finish() {
  if (error_) return *error_;
  for (const auto& [key, value] : json_.items()) {
    if (!read_.count(key)) {
      return Invalid("request.unknown_field", "未知字段 " + key, "unknown field " + key, key);
    }
  }
  return Ok();
}

Result<int64_t> ParseId(const std::string& text, const std::string& name) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return Invalid("request.param", "参数 " + name + " 应为正整数",
                   "parameter " + name + " must be a positive integer", name);
  }
  return value;
}

}  // namespace peixun::api
