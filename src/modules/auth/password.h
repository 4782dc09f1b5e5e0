// Passwords: argon2id hashing, verification, generation and the rules for
// passwords people choose.
//
// Hashes are libsodium crypto_pwhash_str strings ("$argon2id$v=19$m=…,t=…,p=1$…"):
// they carry their own salt and parameters, so a later change of limits still
// verifies old hashes (NeedsRehash tells when to upgrade one at login).
//
// Limits: OPSLIMIT/MEMLIMIT_INTERACTIVE (2 passes, 64 MiB, roughly 0.1 s on one
// core). peixun runs on small servers (2 cores) where a burst of staff logins
// at 8 a.m. must not queue for seconds or exhaust memory; the MODERATE limits
// (256 MiB, ~0.7 s each) would make every login attempt a denial-of-service lever.
// Interactive limits still cost an offline attacker ~0.1 s and 64 MiB per guess,
// and online guessing is capped by db_login_throttle.h.
//
// All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::auth {

// Rules for passwords a person chooses (generated ones always pass).
inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordChars = 128;
// Length of GeneratePassword() output: 16 characters of a 56-letter alphabet,
// about 93 bits.
inline constexpr size_t kGeneratedPasswordChars = 16;

// The argon2id string for `password`. Fails ("auth.password.hash", internal)
// only when the memory for hashing cannot be had.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash`. False for an empty or malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Spends the same time as VerifyPassword against a real hash, for logins of
// unknown users or users without a password (no user enumeration by timing).
void VerifyDummyPassword(std::string_view password);

// True when `hash` was made with other limits than the current ones.
bool NeedsRehash(std::string_view hash);

// A random password of kGeneratedPasswordChars characters from an alphabet
// without look-alikes (no 0/O/o, 1/l/I), for passwords read off a screen or
// printed once.
std::string GeneratePassword();

// Ok when `password` may be chosen by the user named `username`: 10..128
// characters (auth.password.too_short / too_long), not the username itself and
// not one character repeated (auth.password.weak). Errors name `field`.
Status CheckNewPassword(std::string_view password, std::string_view username,
                        const std::string& field = "new_password");

}  // namespace peixun::auth
