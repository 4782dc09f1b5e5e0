// Writes a zip archive in memory (libzip): e.g. one certificate PDF per trainee named
// "序号_姓名.pdf". Names are stored as UTF-8 (the zip's language-encoding flag set),
// so Chinese names, 䶮 and middle dots survive in unzip, Windows Explorer and macOS.
// Thread-safe: calls share nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace peixun::io {

// (name, bytes) in order. Errors: io.zip.duplicate (a name twice), io.zip.write_failed.
Result<std::string> ZipFiles(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace peixun::io
