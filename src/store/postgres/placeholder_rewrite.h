// Turns the Store's portable `?` placeholders into PostgreSQL's numbered $1, $2, ….
//
// A `?` is a placeholder only in plain SQL text: it is left alone inside '…' string
// literals (including E'…' with backslash escapes), "…" quoted identifiers,
// $tag$…$tag$ dollar-quoted strings, -- line comments and /* … */ block comments
// (which nest in PostgreSQL). PostgreSQL's jsonb operators spelled `?`, `?|`, `?&`
// therefore cannot be written in Store SQL; use jsonb_exists() and friends instead.
#pragma once

#include <string>
#include <string_view>

namespace peixun::store::pg {

struct RewrittenSql {
  std::string sql;       // the statement with $n placeholders
  int placeholders = 0;  // how many `?` were replaced
};

// Pure and thread-safe.
RewrittenSql RewritePlaceholders(std::string_view sql);

}  // namespace peixun::store::pg
