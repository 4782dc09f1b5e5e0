#include "io/file_io.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

namespace peixun::io {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

Error NotFoundError(const std::string& path) {
  return NotFound("io.file.not_found", "文件不存在：" + path, "file not found: " + path, "path");
}

Error WriteFailed(const std::string& path, int err) {
  return MakeError(ErrorKind::kInternal, "io.file.write_failed",
                   "无法写入文件 " + path + "：" + std::strerror(err),
                   "cannot write " + path + ": " + std::strerror(err), "path");
}

}  // namespace

Status CheckFileExists(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return NotFoundError(path);
  return Ok();
}

Result<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  PEIXUN_RETURN_IF_ERROR(CheckFileExists(path));
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                     "文件太大（上限 " + std::to_string(max_bytes >> 20) + " MB）：" + path,
                     "file too large (limit " + std::to_string(max_bytes >> 20) + " MB): " + path,
                     "path");
  }
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    if (errno == ENOENT) return NotFoundError(path);
    return MakeError(ErrorKind::kInternal, "io.file.read_failed",
                     "无法读取文件 " + path + "：" + std::strerror(errno),
                     "cannot read " + path + ": " + std::strerror(errno), "path");
  }
  std::string bytes;
  bytes.reserve(ec ? 0 : size);
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0) {
    bytes.append(buffer, n);
    // The file may grow between the size check and the read.
    if (bytes.size() > max_bytes) {
      return MakeError(ErrorKind::kTooLarge, "io.file.too_large", "文件太大：" + path,
                       "file too large: " + path, "path");
    }
  }
  if (std::ferror(f.get())) {
    return MakeError(ErrorKind::kInternal, "io.file.read_failed", "读取文件出错：" + path,
                     "error reading " + path, "path");
  }
  return bytes;
}

std::string TemporaryPathFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

Status ReplaceFile(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    int err = errno;
    std::remove(from.c_str());
    return WriteFailed(to, err);
  }
  return Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::string tmp = TemporaryPathFor(path);
  FilePtr f(std::fopen(tmp.c_str(), "wb"));
  if (!f) return WriteFailed(path, errno);
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f.get()) == bytes.size();
  ok = (std::fflush(f.get()) == 0) && ok;
  int err = errno;
  ok = (::fsync(::fileno(f.get())) == 0) && ok;
  if (std::fclose(f.release()) != 0) ok = false;
  if (!ok) {
    std::remove(tmp.c_str());
    return WriteFailed(path, err ? err : EIO);
  }
  return ReplaceFile(tmp, path);
}

}  // namespace peixun::io
