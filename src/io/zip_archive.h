// ZipArchive: read-only access to the entries of a zip file (an XLSX package), with a
// bound on how much any one entry may inflate to, so a zip bomb fails fast instead of
// filling memory.
//
// Errors: io.file.not_found (no such file), io.zip.invalid (not a zip, corrupt, or an
// entry that is encrypted or fails its checksum), io.zip.missing_entry, io.file.too_large.
// A ZipArchive is not thread-safe; use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

struct zip;

namespace peixun::io {

class ZipArchive {
 public:
  static Result<std::unique_ptr<ZipArchive>> Open(const std::string& path);
  // Opens an archive held in memory (e.g. an upload) without copying it: `bytes` must
  // outlive the archive.
  static Result<std::unique_ptr<ZipArchive>> OpenBytes(std::string_view bytes);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Entry names are compared ignoring ASCII case, as OPC part names are.
  bool Contains(const std::string& name) const;

  // Passes the entry's uncompressed bytes to `sink` in chunks, in order. Stops with
  // io.file.too_large once more than `max_bytes` came out, or with the first error `sink`
  // returns.
  Status Stream(const std::string& name, uint64_t max_bytes,
                const std::function<Status(std::string_view)>& sink) const;

  // The whole uncompressed entry; same limit and errors as Stream.
  Result<std::string> Read(const std::string& name, uint64_t max_bytes) const;

 private:
  explicit ZipArchive(zip* archive);

  zip* archive_;
};

}  // namespace peixun::io
