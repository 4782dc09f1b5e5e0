#include "store/postgres/pg_url.h"

#include <algorithm>
#include <cctype>

namespace peixun::store::pg {
namespace {

// Length of the URI scheme prefix ("postgresql://" or "postgres://"), or 0.
size_t SchemeLength(std::string_view url) {
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.substr(0, scheme.size()) == scheme) return scheme.size();
  }
  return 0;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Removes `password=…` from a URI query string ("a=1&password=x&b=2").
std::string RedactQuery(std::string_view query) {
  std::string out;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    if (pair.substr(0, 9) != "password=" && !pair.empty()) {
      if (!out.empty()) out += '&';
      out.append(pair);
    }
    start = end + 1;
  }
  return out;
}

// Removes `password=…` (bare or single-quoted value) from a key=value string.
std::string RedactKeyValue(std::string_view conninfo) {
  std::string out;
  size_t i = 0;
  while (i < conninfo.size()) {
    const size_t key_start = conninfo.find_first_not_of(" \t\n", i);
    if (key_start == std::string_view::npos) break;
    size_t j = conninfo.find_first_of("= \t\n", key_start);
    const std::string_view key =
        conninfo.substr(key_start, (j == std::string_view::npos ? conninfo.size() : j) - key_start);
    j = conninfo.find_first_not_of(" \t\n", j == std::string_view::npos ? conninfo.size() : j);
    if (j != std::string_view::npos && conninfo[j] == '=') ++j;
    j = conninfo.find_first_not_of(" \t\n", j == std::string_view::npos ? conninfo.size() : j);
    size_t value_end = j == std::string_view::npos ? conninfo.size() : j;
    if (value_end < conninfo.size() && conninfo[value_end] == '\'') {
      ++value_end;
      while (value_end < conninfo.size() && conninfo[value_end] != '\'') {
        value_end += conninfo[value_end] == '\\' ? 2 : 1;
      }
      value_end = std::min(value_end + 1, conninfo.size());
    } else {
      while (value_end < conninfo.size() &&
             !std::isspace(static_cast<unsigned char>(conninfo[value_end]))) {
        value_end += conninfo[value_end] == '\\' ? 2 : 1;
      }
      value_end = std::min(value_end, conninfo.size());
    }
    if (key != "password") {
      if (!out.empty()) out += ' ';
      out.append(conninfo.substr(key_start, value_end - key_start));
    }
    i = value_end;
  }
  return out;
}

}  // namespace

std::string RedactPassword(std::string_view url) {
  const size_t scheme = SchemeLength(url);
  if (scheme == 0) return RedactKeyValue(url);
  std::string out(url.substr(0, scheme));
  std::string_view rest = url.substr(scheme);
  // libpq's own rule: the user info ends at the first '@' met before any '/'.
  const size_t at_or_slash = rest.find_first_of("@/");
  if (at_or_slash != std::string_view::npos && rest[at_or_slash] == '@') {
    const std::string_view user_info = rest.substr(0, at_or_slash);
    out.append(user_info.substr(0, user_info.find(':')));
    out += '@';
    rest.remove_prefix(at_or_slash + 1);
  }
  const size_t question = rest.find('?');
  out.append(rest.substr(0, question));
  if (question != std::string_view::npos) {
    const std::string query = RedactQuery(rest.substr(question + 1));
    if (!query.empty()) out += "?" + query;
  }
  return out;
}

std::string ReplaceDatabase(std::string_view url, std::string_view db) {
  const size_t scheme = SchemeLength(url);
  if (scheme == 0) {
    // A later keyword wins in a key=value string.
    std::string quoted;
    for (char c : db) {
      if (c == '\'' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return std::string(url) + " dbname='" + quoted + "'";
  }
  size_t host_start = scheme;
  const size_t at_or_slash = url.find_first_of("@/", scheme);
  if (at_or_slash != std::string_view::npos && url[at_or_slash] == '@') {
    host_start = at_or_slash + 1;
  }
  const size_t path = url.find_first_of("/?", host_start);
  const std::string encoded = "/" + PercentEncode(db);
  if (path == std::string_view::npos) return std::string(url) + encoded;
  if (url[path] == '?') {
    return std::string(url.substr(0, path)) + encoded + std::string(url.substr(path));
  }
  const size_t query = url.find('?', path);
  std::string out(url.substr(0, path));
  out += encoded;
  if (query != std::string_view::npos) out.append(url.substr(query));
  return out;
}

}  // namespace peixun::store::pg
