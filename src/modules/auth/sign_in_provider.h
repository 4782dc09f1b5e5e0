// How a person proves who they are on a phone page without a password: the
// sign-in provider interface (docs/sign-in-providers.md explains the decision).
//
// peixun ships one provider, the invite (InviteService, modules/auth/invite_service.h):
// a one-time link the head teacher hands out (A4 QR slips, the back of the badge,
// a text pasted into WeChat). The others people in China expect on such pages are
// left as this interface, not built:
//   - "sms": phone number + a six-digit code, sent through an SmsGateway the
//     installation configures (Aliyun SMS, Tencent Cloud SMS…, each needs a signed
//     template and a business account); Challenge sends the code, SignIn checks it.
//   - "wechat": WeChat web authorization (网页授权, snsapi_base) in WeChat's browser,
//     once the installation has a verified official account; SignIn takes the
//     `code` WeChat's redirect carries and maps the openid to a person.
// A provider only ever signs a person in to a trainee account of theirs (never a
// staff account: whoever controls the channel would become staff), binds the
// browser as the invite does, and audits "auth.<provider>.accept".
//
// Thread-safety: implementations are called from many request threads at once.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "modules/auth/session_store.h"
#include "modules/auth/user.h"

namespace peixun::auth {

// Where a sign-in comes from: the browser's peixun_device cookie ("" when none),
// its address and User-Agent.
struct SignInContext {
  std::string device_id;
  std::string remote_address;
  std::string user_agent;
};

// What the person presents, by field: {"token"} for an invite, {"phone", "code"}
// for SMS, {"code"} for WeChat.
struct SignInProof {
  std::map<std::string, std::string> fields;
};

// A successful sign-in: the trainee's account, a new session, and the device id to
// set as the peixun_device cookie ("" when the browser's own was kept).
struct SignedIn {
  User user;
  NewSession session;
  std::string new_device_id;
};

class SignInProvider {
 public:
  virtual ~SignInProvider() = default;

  // Stable id: "invite", "sms", "wechat".
  virtual std::string_view Id() const = 0;

  // Two-step providers send something first (the SMS code to `proof`'s phone).
  // One-step providers (invite): 404 "auth.sign_in.no_challenge".
  virtual Status Challenge(const SignInProof& proof, const SignInContext& context) {
    (void)proof;
    (void)context;
    return NotFound("auth.sign_in.no_challenge", "该登录方式无需获取验证码",
                    "this sign-in method sends no code");
  }

  // Checks the proof and signs the person in. Errors carry the provider's codes
  // (e.g. 409 auth.invite.used); a missing field is 422 naming it.
  virtual Result<SignedIn> SignIn(const SignInProof& proof, const SignInContext& context) = 0;
};

// The channel an "sms" provider sends codes through; one per installation,
// configured by the operator (no implementation ships: a fake one would be a
// sign-in that works only in tests).
class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Sends the template `template_id` with `params` (e.g. {"code": "482913"}) to the
  // mainland mobile number `phone` (11 digits). Errors: the gateway's refusal as 502
  // "auth.sms.gateway" with its message; rate limits as 429 "auth.sms.rate_limited".
  virtual Status Send(const std::string& phone, const std::string& template_id,
                      const std::map<std::string, std::string>& params) = 0;
};

}  // namespace peixun::auth
