// The classes' check-in secrets at rest. Each class's secret (it keys the
// rotating QR codes and the badge tokens) is stored sealed with the data key, so
// a copy of the database without the key file mints no token.
//
// SealCheckinSecrets runs after the migrations, with the key loaded (cli/database:
// `peixun init` and every command that opens the database): it seals the secrets
// a database from before migration 139 still holds in clear. Idempotent.
#pragma once

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::classes {

// The number of secrets it sealed (0 when all were sealed already).
Result<int> SealCheckinSecrets(store::Store& store, const crypto::DataKey& key);

}  // namespace peixun::classes
