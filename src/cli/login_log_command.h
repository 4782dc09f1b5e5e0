// `peixun login-log purge` (login_log_command.cc).
#pragma once

#include <CLI/CLI.hpp>

namespace peixun::cli {

void AddLoginLogCommand(CLI::App& app, int* exit_code);

}  // namespace peixun::cli
