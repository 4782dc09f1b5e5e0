#include "store/postgres/placeholder_rewrite.h"

namespace peixun::store::pg {
namespace {

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

bool IsTagStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Length of the dollar-quote opener ($$ or $tag$) starting at sql[i], or 0.
size_t DollarTagLength(std::string_view sql, size_t i) {
  // `$` inside an identifier (a$b) or after a parameter number is not a quote.
  if (i > 0 && IsIdentChar(sql[i - 1])) return 0;
  size_t j = i + 1;
  if (j < sql.size() && IsTagStart(sql[j])) {
    while (j < sql.size() && IsIdentChar(sql[j]) && sql[j] != '$') ++j;
  }
  if (j < sql.size() && sql[j] == '$') return j - i + 1;
  return 0;
}

// Whether the ' at sql[i] opens an E'…' literal, where backslash escapes.
bool IsEscapeString(std::string_view sql, size_t i) {
  if (i == 0 || (sql[i - 1] != 'E' && sql[i - 1] != 'e')) return false;
  return i == 1 || !IsIdentChar(sql[i - 2]);
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql out;
  out.sql.reserve(sql.size() + 16);
  size_t i = 0;
  const size_t n = sql.size();
  // Copies sql[i, end) verbatim and moves i to end.
  auto copy_to = [&](size_t end) {
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.placeholders);
      ++i;
    } else if (c == '\'') {
      const bool backslash_escapes = IsEscapeString(sql, i);
      size_t j = i + 1;
      while (j < n && sql[j] != '\'') j += (backslash_escapes && sql[j] == '\\') ? 2 : 1;
      copy_to(j < n ? j + 1 : n);  // a doubled '' simply reopens on the next loop
    } else if (c == '"') {
      const size_t end = sql.find('"', i + 1);
      copy_to(end == std::string_view::npos ? n : end + 1);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      const size_t end = sql.find('\n', i);
      copy_to(end == std::string_view::npos ? n : end + 1);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;
      size_t j = i;
      while (j < n) {
        if (sql.compare(j, 2, "/*") == 0) {
          ++depth;
          j += 2;
        } else if (sql.compare(j, 2, "*/") == 0) {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      copy_to(j < n ? j : n);
    } else if (c == '$') {
      const size_t tag_length = DollarTagLength(sql, i);
      if (tag_length == 0) {
        copy_to(i + 1);
        continue;
      }
      const std::string_view tag = sql.substr(i, tag_length);
      const size_t close = sql.find(tag, i + tag_length);
      copy_to(close == std::string_view::npos ? n : close + tag_length);
    } else {
      size_t j = i + 1;
      while (j < n && sql[j] != '?' && sql[j] != '\'' && sql[j] != '"' && sql[j] != '-' &&
             sql[j] != '/' && sql[j] != '$') {
        ++j;
      }
      copy_to(j);
    }
  }
  return out;
}

}  // namespace peixun::store::pg
