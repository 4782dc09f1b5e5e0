#include "io/zip_archive.h"

#include <zip.h>

#include <string>
#include <utility>

#include "io/file_io.h"

namespace peixun::io {
namespace {

// zip_fread chunk size.
constexpr size_t kChunkBytes = 64 * 1024;

Error InvalidZip(const std::string& detail) {
  return Invalid("io.zip.invalid", "不是有效的 zip 文件：" + detail,
                 "not a valid zip file: " + detail);
}

Error TooLarge(const std::string& name, uint64_t max_bytes) {
  return MakeError(
      ErrorKind::kTooLarge, "io.file.too_large",
      "文件内容太大：" + name + " 解压后超过 " + std::to_string(max_bytes >> 20) + " MB",
      name + " inflates to more than " + std::to_string(max_bytes >> 20) + " MB");
}

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

}  // namespace

ZipArchive::ZipArchive(zip* archive) : archive_(archive) {}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(const std::string& path) {
  PEIXUN_RETURN_IF_ERROR(CheckFileExists(path));
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    if (code == ZIP_ER_NOENT) {
      return NotFound("io.file.not_found", "文件不存在：" + path, "file not found: " + path,
                      "path");
    }
    return InvalidZip(ZipErrorText(code));
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive));
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::OpenBytes(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Internal("io.zip.source", text);
  }
  zip* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return InvalidZip(text);
  }
  zip_error_fini(&error);
  // The source points into `bytes`, which the caller keeps alive.
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive));
}

bool ZipArchive::Contains(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

Status ZipArchive::Stream(const std::string& name, uint64_t max_bytes,
                          const std::function<Status(std::string_view)>& sink) const {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    return Invalid("io.zip.missing_entry", "文件中缺少 " + name, "the file has no " + name, name);
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  // The declared size is checked first; the count below catches a size that lies.
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) == 0 &&
      (stat.valid & ZIP_STAT_SIZE) && stat.size > max_bytes) {
    return TooLarge(name, max_bytes);
  }
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) return InvalidZip(name + ": " + zip_strerror(archive_));
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(file, zip_fclose);

  std::string chunk(kChunkBytes, '\0');
  uint64_t total = 0;
  while (true) {
    zip_int64_t n = zip_fread(file, chunk.data(), chunk.size());
    if (n < 0) return InvalidZip(name + ": " + zip_error_strerror(zip_file_get_error(file)));
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    if (total > max_bytes) return TooLarge(name, max_bytes);
    PEIXUN_RETURN_IF_ERROR(sink(std::string_view(chunk.data(), static_cast<size_t>(n))));
  }
  return Ok();
}

Result<std::string> ZipArchive::Read(const std::string& name, uint64_t max_bytes) const {
  std::string bytes;
  PEIXUN_RETURN_IF_ERROR(Stream(name, max_bytes, [&](std::string_view chunk) {
    bytes.append(chunk);
    return Ok();
  }));
  return bytes;
}

}  // namespace peixun::io
