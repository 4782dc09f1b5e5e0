// How the dispatcher learns who is calling. The auth module implements it
// (session cookie or API token); tests may use a fixed one.
#pragma once

#include <optional>

#include "api/request.h"
#include "core/principal.h"
#include "core/result.h"

namespace peixun::api {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The caller, nullopt when the request carries no (valid) credentials. An error
  // only when the check itself failed (database down).
  virtual Result<std::optional<Principal>> Authenticate(const Request& request) = 0;
};

}  // namespace peixun::api
