// Whole-file reads and atomic writes with the project's errors, for the format readers
// and writers in src/io. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::io {

// Reads the whole file at `path`.
// Errors: io.file.not_found (missing, or a directory), io.file.too_large (more than
// `max_bytes`), io.file.read_failed.
Result<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes);

// Fails with io.file.not_found unless `path` names an existing regular file (following
// symlinks).
Status CheckFileExists(const std::string& path);

// A fresh path next to `path` for writing before a rename ("<path>.tmp-<pid>-<n>").
std::string TemporaryPathFor(const std::string& path);

// Writes `bytes` to a temporary file next to `path`, then renames it over `path`.
// Errors: io.file.write_failed (the temporary file is removed).
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// Renames `from` over `to`, removing `from` on failure. Errors: io.file.write_failed.
Status ReplaceFile(const std::string& from, const std::string& to);

}  // namespace peixun::io
