// The certificates module's tables (versions 115-119): template versions per
// organizer, issued certificates with their frozen fields, hash and status, and the
// issued PDFs.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::certificates {

std::vector<store::Migration> CertificatesMigrations();

}  // namespace peixun::certificates
