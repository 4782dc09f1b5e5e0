// Text surgery on PostgreSQL connection strings, without libpq: both the URI form
// (postgresql://user:secret@host:port/db?opt=v) and the key=value form
// (host=… dbname=… password=…) are understood. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace peixun::store::pg {

// `url` with any password removed (the `:secret` of the user info, a `password=`
// query parameter or key=value pair), fit for logs and error messages.
std::string RedactPassword(std::string_view url);

// `url` naming database `db` instead of the one it names (or the default).
std::string ReplaceDatabase(std::string_view url, std::string_view db);

}  // namespace peixun::store::pg
