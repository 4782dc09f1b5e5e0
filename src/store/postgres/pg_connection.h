// One libpq connection, set up the way the Store needs it (UTF-8, UTC), with its
// cache of prepared statements, and the mapping of server errors to peixun Errors.
//
// Thread-safety: none; a PgConnection is used by one thread at a time (the pool
// hands it out). Ownership: it owns its PGconn and closes it on destruction.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/value.h"

namespace peixun::store::pg {

// The code of an error PostgreSQL raised to break a deadlock or a serialization
// conflict (SQLSTATE 40P01, 40001): nothing of the transaction remains, and
// Store::Transact runs it again (postgres_store.h).
inline constexpr char kSerializationFailure[] = "store.serialization_failure";

struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

class PgConnection {
 public:
  // Connects to `url` (a libpq URI or key=value string). A failure is
  // ErrorKind::kInternal with code "store.connect", naming user, host, port and
  // database but never the password.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url);

  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Whether libpq considers the connection usable (PQstatus is CONNECTION_OK).
  bool healthy() const;
  // Whether the session is idle, outside any transaction block.
  bool idle() const;
  // Reconnects with the original parameters; the prepared statements are gone.
  Status Reset();

  // Runs one statement with `?` placeholders bound to `params` (text format).
  // Statements seen twice are prepared and reused on this connection.
  Result<PgResult> Run(std::string_view sql, const std::vector<Value>& params);
  // Runs `sql` (one or more statements, no parameters) through the simple protocol.
  Result<PgResult> RunScript(const std::string& sql);

  // `name` quoted as an SQL identifier ("a""b").
  std::string QuoteIdentifier(std::string_view name) const;

  // The libpq handle, for asynchronous use (the LISTEN connection polls its socket).
  PGconn* native() const { return conn_; }

 private:
  struct Statement {
    std::string text;  // rewritten with $n placeholders
    int placeholders = 0;
    int uses = 0;
    std::string prepared_as;  // server-side name; empty until prepared
  };

  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Status Setup();
  Result<Statement*> Lookup(std::string_view sql);
  Error ConnectionError(std::string_view doing) const;

  PGconn* conn_;
  std::unordered_map<std::string, Statement> statements_;
  int next_statement_id_ = 0;
};

// The peixun Error for a failed `result` (null when libpq could not even send):
// SQLSTATE 23505 → store.unique_violation, 23503 → store.foreign_key_violation
// (both ErrorKind::kConflict), 53100 → store.disk_full, a lost connection, class 08,
// 57P01-03 and 53xxx → store.unavailable (store_errors.h), 42501 →
// store.insufficient_privilege, anything else store.error (kInternal); the message
// carries the server's primary message.
Error ErrorFromResult(const PGresult* result, const PGconn* conn);

// Whether `result` succeeded (a command or rows).
bool Succeeded(const PGresult* result);

}  // namespace peixun::store::pg
