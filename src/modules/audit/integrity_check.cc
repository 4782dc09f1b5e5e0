#include "modules/audit/integrity_check.h"

#include "store/store_errors.h"

namespace peixun::audit {

Result<IntegrityVerdict> CheckIntegrity(store::Store& store) {
  IntegrityVerdict verdict;
  Result<store::IntegrityReport> storage = store::CheckStorage(store);
  if (storage) {
    verdict.storage = std::move(storage).value();
  } else {
    const Error& e = storage.error();
    if (store::IsPassingFault(e)) return e;  // not a verdict on the data
    verdict.ok = false;
    verdict.message += "存储检查失败：" + e.message + "\n";
    verdict.message_en += "storage check failed: " + e.message_en + "\n";
    verdict.storage_error = e;
  }
  PEIXUN_ASSIGN_OR_RETURN(verdict.chain, VerifyChain(store));
  if (!verdict.chain.ok) {
    verdict.ok = false;
    const std::string id = std::to_string(verdict.chain.first_bad_id.value_or(0));
    verdict.message += "审计日志条目 " + id + " 校验失败（" + verdict.chain.reason + "）：" +
                       verdict.chain.message + "\n";
    verdict.message_en += "audit log entry " + id + " fails verification (" + verdict.chain.reason +
                          "): " + verdict.chain.message_en + "\n";
  }
  return verdict;
}

}  // namespace peixun::audit
