#include "modules/auth/login_log.h"

#include <utility>

namespace peixun::auth {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr size_t kMaxUsernameBytes = 200;
constexpr size_t kMaxUserAgentBytes = 300;

std::string Cut(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

Error AdminsOnly() {
  return MakeError(ErrorKind::kForbidden, "auth.forbidden", "只有系统管理员可以这样做",
                   "only an administrator may do this");
}

}  // namespace

std::string_view LoginOutcomeCode(LoginOutcome outcome) {
  switch (outcome) {
    case LoginOutcome::kSuccess:
      return "success";
    case LoginOutcome::kBadCredentials:
      return "bad_credentials";
    case LoginOutcome::kThrottled:
      return "throttled";
    case LoginOutcome::kInactive:
      return "inactive";
    case LoginOutcome::kSecondFactorRequired:
      return "second_factor_required";
    case LoginOutcome::kSecondFactorFailed:
      return "second_factor_failed";
    case LoginOutcome::kPasswordExpired:
      return "password_expired";
  }
  return "bad_credentials";
}

std::optional<LoginOutcome> ParseLoginOutcome(std::string_view code) {
  for (LoginOutcome o : kAllLoginOutcomes) {
    if (LoginOutcomeCode(o) == code) return o;
  }
  return std::nullopt;
}

Status RecordLoginIn(store::Tx& tx, const LoginAttempt& attempt, int64_t at_ms) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec(
      "INSERT INTO login_log (at, username, user_id, remote_address, user_agent, result) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {Int(at_ms), Text(Cut(attempt.username, kMaxUsernameBytes)), IntOrNull(attempt.user_id),
       TextOrNull(attempt.remote_address), TextOrNull(Cut(attempt.user_agent, kMaxUserAgentBytes)),
       Text(LoginOutcomeCode(attempt.outcome))}));
  return Ok();
}

Status RecordLogin(store::Store& store, const LoginAttempt& attempt, int64_t at_ms) {
  return store.Transact([&](store::Tx& tx) { return RecordLoginIn(tx, attempt, at_ms); });
}

Result<LoginLogPage> ListLoginLog(store::Store& store, const Principal& principal,
                                  const LoginLogQuery& query) {
  if (principal.role != Role::kAdmin) return AdminsOnly();
  if (query.limit < 1 || query.limit > 200) {
    return Invalid("auth.login_log.query", "每页条数应为 1 到 200", "page size must be 1..200",
                   "page_size");
  }
  if (query.offset < 0) {
    return Invalid("auth.login_log.query", "页码无效", "bad page", "page");
  }
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!query.username.empty()) {
    where += " AND username = ?";
    params.push_back(Text(query.username));
  }
  if (query.user_id) {
    where += " AND user_id = ?";
    params.push_back(Int(*query.user_id));
  }
  if (query.outcome) {
    where += " AND result = ?";
    params.push_back(Text(LoginOutcomeCode(*query.outcome)));
  }
  if (query.from) {
    where += " AND at >= ?";
    params.push_back(Int(*query.from));
  }
  if (query.to) {
    where += " AND at < ?";
    params.push_back(Int(*query.to));
  }
  return store::ReadValue<LoginLogPage>(store, [&](store::Tx& tx) -> Result<LoginLogPage> {
    LoginLogPage page;
    PEIXUN_ASSIGN_OR_RETURN(store::Rows count,
                            tx.Query("SELECT COUNT(*) FROM login_log" + where, params));
    page.total = count[0].Int(0);
    std::vector<store::Value> p = params;
    p.push_back(Int(query.limit));
    p.push_back(Int(query.offset));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT id, at, username, user_id, remote_address, user_agent, result "
                 "FROM login_log" +
                     where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                 p));
    for (const store::Row& r : rows) {
      LoginLogEntry e;
      e.id = r.Int(0);
      e.at = r.Int(1);
      e.username = r.Str(2);
      e.user_id = r.OptInt(3);
      e.remote_address = r.Str(4);
      e.user_agent = r.Str(5);
      e.outcome = ParseLoginOutcome(r.Str(6)).value_or(LoginOutcome::kBadCredentials);
      page.items.push_back(std::move(e));
    }
    return page;
  });
}

}  // namespace peixun::auth
