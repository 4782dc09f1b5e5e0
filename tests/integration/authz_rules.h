// The authorization matrix's table (defined in authz_matrix_test.cc), for the
// tests that check the same answers elsewhere (service_authz_test.cc): one row
// per route, "METHOD pattern" → caller → kAllowed (0: neither 401 nor 403, never
// a 5xx) or the exact status the caller gets. Callers: "anonymous", "admin",
// "organizer", "head_teacher", "liaison_a", "liaison_b", "lecturer",
// "logistics", "trainee_x", "trainee_y" (see authz_matrix_test.cc for who they
// are and which record each route's {id} names).
#pragma once

#include <map>
#include <string>

namespace peixun::test::authz {

inline constexpr int kAllowed = 0;

std::map<std::string, std::map<std::string, int>> Rules();

}  // namespace peixun::test::authz
