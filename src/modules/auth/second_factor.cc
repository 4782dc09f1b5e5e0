#include "modules/auth/second_factor.h"

#include <sodium.h>

#include <cctype>
#include <utility>

#include "crypto/totp.h"
#include "io/qr_code.h"
#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;

constexpr size_t kSecretBytes20 = 20;  // 160 bits, as RFC 4226 recommends
// Recovery codes: 10 characters of an alphabet without 0/o, 1/l/i, written xxxxx-xxxxx.
constexpr char kRecoveryAlphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr size_t kRecoveryChars = 10;

Error NoKey() { return Internal("auth.totp.no_key", "no data key to seal the TOTP secret"); }

bool IsSixDigits(const std::string& s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// What a person typed, without spaces and dashes, lower case.
std::string Compact(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string NewRecoveryCode() {
  EnsureSodium();
  std::string code;
  const uint32_t n = sizeof(kRecoveryAlphabet) - 1;
  for (size_t i = 0; i < kRecoveryChars; ++i) {
    if (i == kRecoveryChars / 2) code.push_back('-');
    code.push_back(kRecoveryAlphabet[randombytes_uniform(n)]);
  }
  return code;
}

}  // namespace

Error WrongCode() {
  return Invalid("auth.totp.wrong_code", "验证码不正确", "the verification code is wrong", "code");
}

Error ReplayedCode() {
  return Invalid("auth.totp.replayed", "该验证码已用过，请等待应用显示下一个验证码",
                 "this code was already used; wait for the app to show the next one", "code");
}

SecondFactor::SecondFactor(std::optional<crypto::DataKey> key, std::string issuer,
                           std::function<int64_t()> now_ms)
    : key_(std::move(key)), issuer_(std::move(issuer)), now_ms_(std::move(now_ms)) {}

std::string SecondFactor::CodeHash(const std::string& code) const {
  return key_->Fingerprint("recovery-code:" + Compact(code));
}

Result<SecondFactorState> SecondFactor::StateIn(store::Tx& tx, int64_t user_id) const {
  SecondFactorState st;
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT confirmed_at FROM user_totp WHERE user_id = ?", {Int(user_id)}));
  st.enabled = !rows.empty() && !rows[0].IsNull(0);
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows left,
      tx.Query("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
               {Int(user_id)}));
  st.recovery_codes_left = st.enabled ? static_cast<int>(left[0].Int(0)) : 0;
  return st;
}

Result<TotpSetup> SecondFactor::BeginIn(store::Tx& tx, int64_t user_id,
                                        const std::string& account) const {
  if (!key_) return NoKey();
  PEIXUN_ASSIGN_OR_RETURN(SecondFactorState st, StateIn(tx, user_id));
  if (st.enabled) {
    return Conflict("auth.totp.enabled", "已启用双因素认证；如需更换，请先停用",
                    "the second factor is already on; turn it off first to replace it");
  }
  EnsureSodium();
  std::string raw(kSecretBytes20, '\0');
  randombytes_buf(raw.data(), raw.size());
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM user_totp WHERE user_id = ?", {Int(user_id)}));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)",
              {Int(user_id), Text(key_->Encrypt(raw)), Int(now_ms_())}));
  TotpSetup setup;
  setup.secret = crypto::Base32Encode(raw);
  setup.otpauth_uri = crypto::OtpauthUri(issuer_, account, setup.secret);
  PEIXUN_ASSIGN_OR_RETURN(io::QrMatrix qr, io::EncodeQr(setup.otpauth_uri, io::QrLevel::kM));
  setup.qr_svg = io::QrSvg(qr, 5);
  return setup;
}

Result<std::string> SecondFactor::SecretIn(store::Tx& tx, int64_t user_id, bool confirmed) const {
  if (!key_) return NoKey();
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT secret FROM user_totp WHERE user_id = ? AND confirmed_at IS ") +
                   (confirmed ? "NOT NULL" : "NULL"),
               {Int(user_id)}));
  if (rows.empty()) return std::string();
  return key_->Decrypt(rows[0].Str(0));
}

Result<std::vector<std::string>> SecondFactor::ConfirmIn(store::Tx& tx, int64_t user_id,
                                                         const std::string& code) const {
  PEIXUN_ASSIGN_OR_RETURN(std::string secret, SecretIn(tx, user_id, false));
  if (secret.empty()) {
    return Conflict("auth.totp.not_started", "请先开始设置双因素认证",
                    "start setting up the second factor first");
  }
  const std::string typed = Compact(code);
  const int64_t step = crypto::TotpStep(now_ms_() / 1000);
  std::optional<int64_t> matched;
  for (int64_t s = step - 1; s <= step + 1 && IsSixDigits(typed); ++s) {
    if (ConstantTimeEquals(crypto::Hotp(secret, static_cast<uint64_t>(s)), typed)) matched = s;
  }
  if (!matched) return WrongCode();
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE user_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ?",
              {Int(now_ms_()), Int(*matched), Int(user_id)}));
  return NewRecoveryCodesIn(tx, user_id);
}

Result<std::vector<std::string>> SecondFactor::NewRecoveryCodesIn(store::Tx& tx,
                                                                  int64_t user_id) const {
  if (!key_) return NoKey();
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM recovery_codes WHERE user_id = ?", {Int(user_id)}));
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    codes.push_back(NewRecoveryCode());
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
                                   {Int(user_id), Text(CodeHash(codes.back()))}));
  }
  return codes;
}

Result<CodeCheck> SecondFactor::CheckIn(store::Tx& tx, int64_t user_id,
                                        const std::string& code) const {
  PEIXUN_ASSIGN_OR_RETURN(std::string secret, SecretIn(tx, user_id, true));
  if (secret.empty()) return CodeCheck::kWrong;
  const std::string typed = Compact(code);
  if (IsSixDigits(typed)) {
    const int64_t step = crypto::TotpStep(now_ms_() / 1000);
    std::optional<int64_t> matched;
    for (int64_t s = step - 1; s <= step + 1; ++s) {
      if (ConstantTimeEquals(crypto::Hotp(secret, static_cast<uint64_t>(s)), typed)) matched = s;
    }
    if (!matched) return CodeCheck::kWrong;
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec("UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?",
                {Int(*matched), Int(user_id), Int(*matched)}));
    return changed == 1 ? CodeCheck::kTotp : CodeCheck::kReplayed;
  }
  if (typed.size() != kRecoveryChars) return CodeCheck::kWrong;
  PEIXUN_ASSIGN_OR_RETURN(
      int64_t spent,
      tx.Exec("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
              "used_at IS NULL",
              {Int(now_ms_()), Int(user_id), Text(CodeHash(typed))}));
  return spent == 1 ? CodeCheck::kRecoveryCode : CodeCheck::kWrong;
}

Status SecondFactor::DisableIn(store::Tx& tx, int64_t user_id) const {
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM user_totp WHERE user_id = ?", {Int(user_id)}));
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM recovery_codes WHERE user_id = ?", {Int(user_id)}));
  return Ok();
}

}  // namespace peixun::auth
