#include "store/postgres/pg_connection.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>

#include "store/postgres/pg_url.h"
#include "store/postgres/placeholder_rewrite.h"
#include "store/store.h"
#include "store/store_errors.h"

namespace peixun::store::pg {
namespace {

// How long libpq waits for a server that does not answer, in seconds; a
// connect_timeout in the URL wins.
constexpr char kConnectTimeoutSeconds[] = "10";
// A statement is prepared on its second use: one-off SQL costs one round trip,
// repeated SQL (an import's INSERT per row) skips parsing and planning.
constexpr int kPrepareAfterUses = 2;
// Bounds the per-connection statement cache; when full it is emptied
// (DEALLOCATE ALL) and refilled by what runs next.
constexpr size_t kMaxStatementsPerConnection = 512;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

Error StoreError(const std::string& message) {
  return MakeError(ErrorKind::kInternal, kStoreError, "数据库错误：" + message,
                   "database error: " + message);
}

std::string OrEmpty(const char* s) { return s ? s : ""; }

// "user@host:port/db" of a connection attempt, for messages; never the password.
std::string DescribeTarget(const PGconn* conn, const std::string& url) {
  if (conn == nullptr) return RedactPassword(url);
  std::string out = OrEmpty(PQuser(conn));
  if (!out.empty()) out += '@';
  out += OrEmpty(PQhost(conn));
  const std::string port = OrEmpty(PQport(conn));
  if (!port.empty()) out += ":" + port;
  out += "/" + OrEmpty(PQdb(conn));
  return out;
}

// Text form of a parameter; nullopt for NULL.
Result<std::optional<std::string>> ParamText(const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return std::optional<std::string>();
  if (const auto* n = std::get_if<int64_t>(&value)) return std::optional(std::to_string(*n));
  if (const auto* d = std::get_if<double>(&value)) {
    if (std::isnan(*d)) return std::optional<std::string>("NaN");
    if (std::isinf(*d)) return std::optional<std::string>(*d > 0 ? "Infinity" : "-Infinity");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return std::optional<std::string>(buf);
  }
  const std::string& text = std::get<std::string>(value);
  if (text.find('\0') != std::string::npos) {
    return Invalid("store.nul_in_text", "文本中含有 NUL 字符，数据库无法保存",
                   "text contains a NUL character, which the database cannot store");
  }
  return std::optional<std::string>(text);
}

}  // namespace

bool Succeeded(const PGresult* result) {
  if (result == nullptr) return false;
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

Error ErrorFromResult(const PGresult* result, const PGconn* conn) {
  std::string sqlstate;
  std::string message;
  if (result != nullptr) {
    sqlstate = OrEmpty(PQresultErrorField(result, PG_DIAG_SQLSTATE));
    message = OrEmpty(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    if (message.empty()) message = OrEmpty(PQresultErrorMessage(result));
    if (message.empty() && !Succeeded(result)) {
      message = std::string("unexpected result ") + PQresStatus(PQresultStatus(result));
    }
  }
  if (message.empty() && conn != nullptr) message = OrEmpty(PQerrorMessage(conn));
  message = Trim(std::move(message));
  if (message.empty()) message = "unknown error";
  if (sqlstate == "23505") {
    return Conflict(kUniqueViolation, "数据库错误：" + message, "database error: " + message);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Conflict(kSerializationFailure, "数据库繁忙，请重试：" + message,
                    "database busy, try again: " + message);
  }
  if (sqlstate == "23503") {
    return Conflict(kForeignKeyViolation, "数据库错误：" + message, "database error: " + message);
  }
  if (sqlstate == "42501") {
    return MakeError(ErrorKind::kInternal, kInsufficientPrivilege, "数据库权限不足：" + message,
                     "database permission denied: " + message);
  }
  // 53100 disk_full; 53xxx otherwise: out of memory, connections, locks (for now).
  if (sqlstate == "53100") return DiskFullError(message);
  // Class 08 (connection exception), 57P01-57P03 (the server is shutting down or
  // starting), or no answer at all: the connection is gone, the server may be back soon.
  if (sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03" || sqlstate.rfind("53", 0) == 0 ||
      (conn != nullptr && PQstatus(conn) != CONNECTION_OK)) {
    return UnavailableError(message);
  }
  return StoreError(message);
}

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url) {
  // With expand_dbname, the URL's settings override the keywords before "dbname"
  // and are overridden by those after it: the Store always talks UTF-8.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                            "client_encoding", nullptr};
  const char* values[] = {kConnectTimeoutSeconds, "peixun", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    const std::string target = DescribeTarget(conn, url);
    const std::string reason =
        Trim(conn ? OrEmpty(PQerrorMessage(conn)) : std::string("out of memory"));
    if (conn) PQfinish(conn);
    return MakeError(ErrorKind::kInternal, "store.connect",
                     "无法连接数据库 " + target + "：" + reason,
                     "cannot connect to database " + target + ": " + reason);
  }
  std::unique_ptr<PgConnection> out(new PgConnection(conn));
  PEIXUN_RETURN_IF_ERROR(out->Setup());
  return out;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

Status PgConnection::Setup() {
  // Instants are stored as integers; UTC keeps any server-side date arithmetic
  // (now(), to_timestamp) independent of the server's configuration.
  PgResult result(PQexec(conn_, "SET TimeZone = 'UTC'"));
  if (!Succeeded(result.get())) return ErrorFromResult(result.get(), conn_);
  return Ok();
}

Status PgConnection::Reset() {
  statements_.clear();
  PQreset(conn_);
  if (!healthy()) {
    const std::string target = DescribeTarget(conn_, "");
    const std::string reason = Trim(OrEmpty(PQerrorMessage(conn_)));
    return MakeError(ErrorKind::kInternal, "store.connect",
                     "无法连接数据库 " + target + "：" + reason,
                     "cannot connect to database " + target + ": " + reason);
  }
  return Setup();
}

Error PgConnection::ConnectionError(std::string_view doing) const {
  if (!healthy()) {
    return UnavailableError(std::string(doing) + ": " + Trim(OrEmpty(PQerrorMessage(conn_))));
  }
  return StoreError(std::string(doing) + ": " + Trim(OrEmpty(PQerrorMessage(conn_))));
}

Result<PgConnection::Statement*> PgConnection::Lookup(std::string_view sql) {
  std::string key(sql);
  if (auto it = statements_.find(key); it != statements_.end()) return &it->second;
  if (statements_.size() >= kMaxStatementsPerConnection) {
    PgResult result(PQexec(conn_, "DEALLOCATE ALL"));
    if (!Succeeded(result.get())) return ErrorFromResult(result.get(), conn_);
    statements_.clear();
  }
  RewrittenSql rewritten = RewritePlaceholders(sql);
  Statement statement;
  statement.text = std::move(rewritten.sql);
  statement.placeholders = rewritten.placeholders;
  return &statements_.emplace(std::move(key), std::move(statement)).first->second;
}

Result<PgResult> PgConnection::Run(std::string_view sql, const std::vector<Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(Statement * statement, Lookup(sql));
  if (static_cast<size_t>(statement->placeholders) != params.size()) {
    return StoreError("the statement has " + std::to_string(statement->placeholders) +
                      " placeholders but " + std::to_string(params.size()) +
                      " parameters were given: " + std::string(sql.substr(0, 200)));
  }
  std::vector<std::optional<std::string>> texts;
  texts.reserve(params.size());
  for (const Value& param : params) {
    PEIXUN_ASSIGN_OR_RETURN(auto text, ParamText(param));
    texts.push_back(std::move(text));
  }
  std::vector<const char*> values;
  values.reserve(texts.size());
  for (const auto& text : texts) values.push_back(text ? text->c_str() : nullptr);
  const int count = static_cast<int>(values.size());

  if (statement->prepared_as.empty() && ++statement->uses >= kPrepareAfterUses) {
    std::string name = "peixun_" + std::to_string(++next_statement_id_);
    PgResult prepared(PQprepare(conn_, name.c_str(), statement->text.c_str(), count, nullptr));
    if (!Succeeded(prepared.get())) return ErrorFromResult(prepared.get(), conn_);
    statement->prepared_as = std::move(name);
  }
  PgResult result(statement->prepared_as.empty()
                      ? PQexecParams(conn_, statement->text.c_str(), count, nullptr, values.data(),
                                     nullptr, nullptr, /*resultFormat=*/0)
                      : PQexecPrepared(conn_, statement->prepared_as.c_str(), count, values.data(),
                                       nullptr, nullptr, /*resultFormat=*/0));
  if (result == nullptr) return ConnectionError("sending the statement");
  if (!Succeeded(result.get())) {
    const char* sqlstate = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    // "cached plan must not change result type": a table changed shape under a
    // prepared SELECT *. Forget it so the next transaction prepares it afresh
    // (the stale server-side statement goes with the next DEALLOCATE ALL).
    if (sqlstate != nullptr && std::strcmp(sqlstate, "0A000") == 0) {
      statements_.erase(std::string(sql));
    }
    return ErrorFromResult(result.get(), conn_);
  }
  return result;
}

Result<PgResult> PgConnection::RunScript(const std::string& sql) {
  PgResult result(PQexec(conn_, sql.c_str()));
  if (!Succeeded(result.get())) return ErrorFromResult(result.get(), conn_);
  return result;
}

std::string PgConnection::QuoteIdentifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  if (quoted == nullptr) {  // only on out-of-memory or broken encoding
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  }
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

}  // namespace peixun::store::pg
