// Must NOT compile outside the auth module: auth's internal headers stop at their
// #error (tests/CMakeLists.txt, boundaries_internal_include_fails).
#include "modules/auth/internal/secret_token.h"

int main() { return peixun::auth::LooksLikeSecret("") ? 1 : 0; }
