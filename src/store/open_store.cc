#include "store/open_store.h"

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/write_epoch.h"

namespace peixun::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://path is accepted too
    if (path.empty()) {
      return Invalid("store.url", "数据库地址缺少文件路径：" + url,
                     "database URL has no file path: " + url, "--db");
    }
    PEIXUN_ASSIGN_OR_RETURN(auto store,
                            OpenSqliteStore(path, options.pool_size, options.busy_timeout_ms));
    return CountingWrites(std::move(store));
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    PEIXUN_ASSIGN_OR_RETURN(auto store, OpenPostgresStore(url, options.pool_size));
    return CountingWrites(std::move(store));
  }
  return Invalid(
      "store.url", "不认识的数据库地址：" + url + "（应为 sqlite:路径 或 postgresql://…）",
      "unknown database URL: " + url + " (expected sqlite:PATH or postgresql://…)", "--db");
}

}  // namespace peixun::store
