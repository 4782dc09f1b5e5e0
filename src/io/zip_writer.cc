#include "io/zip_writer.h"

#include <zip.h>

#include <memory>
#include <set>

namespace peixun::io {
namespace {

Error WriteFailed(const std::string& detail) {
  return MakeError(ErrorKind::kInternal, "io.zip.write_failed", "无法生成压缩文件：" + detail,
                   "cannot write the zip archive: " + detail);
}

}  // namespace

Result<std::string> ZipFiles(const std::vector<std::pair<std::string, std::string>>& files) {
  std::set<std::string> names;
  for (const auto& [name, bytes] : files) {
    if (!names.insert(name).second) {
      return MakeError(ErrorKind::kInternal, "io.zip.duplicate", "压缩文件中有重名文件：" + name,
                       "two files named " + name);
    }
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (source == nullptr) return WriteFailed(zip_error_strerror(&error));
  zip_source_keep(source);  // read the result back after zip_close
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(source, zip_source_free);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  if (archive == nullptr) return WriteFailed(zip_error_strerror(&error));
  for (const auto& [name, bytes] : files) {
    zip_source_t* data = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (data == nullptr ||
        zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (data != nullptr) zip_source_free(data);
      const std::string why = zip_strerror(archive);
      zip_discard(archive);
      return WriteFailed(why);
    }
  }
  if (zip_close(archive) < 0) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    return WriteFailed(why);
  }
  zip_stat_t st;
  if (zip_source_stat(source, &st) < 0 || zip_source_open(source) < 0) {
    return WriteFailed("stat");
  }
  std::string out(static_cast<size_t>(st.size), '\0');
  const zip_int64_t n = zip_source_read(source, out.data(), st.size);
  zip_source_close(source);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return WriteFailed("read back");
  return out;
}

}  // namespace peixun::io
