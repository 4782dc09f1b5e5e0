#include "store/admin.h"

#include <functional>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_url.h"

namespace peixun::store {
namespace {

// Runs `sql` on its own connection to `admin_url`, outside any transaction block
// (CREATE/DROP DATABASE refuse to run inside one).
Status RunAdmin(const std::string& admin_url,
                const std::function<std::string(const pg::PgConnection&)>& make_sql) {
  PEIXUN_ASSIGN_OR_RETURN(std::unique_ptr<pg::PgConnection> conn,
                          pg::PgConnection::Connect(admin_url));
  PEIXUN_RETURN_IF_ERROR(conn->RunScript(make_sql(*conn)));
  return Ok();
}

}  // namespace

Status CreateDatabase(const std::string& admin_url, const std::string& name) {
  return RunAdmin(admin_url, [&](const pg::PgConnection& conn) {
    return "CREATE DATABASE " + conn.QuoteIdentifier(name) + " TEMPLATE template0 ENCODING 'UTF8'";
  });
}

Status DropDatabase(const std::string& admin_url, const std::string& name) {
  return RunAdmin(admin_url, [&](const pg::PgConnection& conn) {
    return "DROP DATABASE IF EXISTS " + conn.QuoteIdentifier(name) + " WITH (FORCE)";
  });
}

std::string WithDatabase(const std::string& url, const std::string& name) {
  return pg::ReplaceDatabase(url, name);
}

}  // namespace peixun::store
