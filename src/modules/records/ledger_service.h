// The hours ledger (学时台账): per unit and year, who is below their 学时 target and
// by how much, with the five-year trend; the district view of units by compliance;
// the yearly export of hours reported upward (to the 组织部 above).
//
// Hours: a class counts in the year of its last day with its credited 学时 (the
// completion decision's figure, whatever the outcome, once decided; before that,
// the attendance module's credit for ended sessions); outside hours count once
// approved, in the year of their end date. Targets: hours_settings.h and
// core/hours_targets.h.
//
// Who: a unit's ledger: admin, organizer (any unit), liaison (units of their
// subtree, else 403 org.out_of_scope). The district view: admin, organizer. The
// export: admin and organizer get full ID numbers, a liaison their subtree masked;
// the export is audited (records.export). Others: 403 records.forbidden.
//
// Years: a year after the current one (China's date) is 422 records.year.future;
// before 1990, 422 records.year.range (field "year" both).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "io/table.h"
#include "modules/records/record_types.h"
#include "store/store.h"

namespace peixun::records {

class LedgerService {
 public:
  using Clock = std::function<int64_t()>;
  LedgerService(store::Store& store, const crypto::DataKey& key, Clock now_ms = {});

  // nullopt unit: the caller's scope root (a liaison's unit), else the whole tree.
  Result<UnitLedger> ForUnit(const Principal& who, std::optional<int64_t> unit_id, int year);
  Result<DistrictSummary> District(const Principal& who, int year);

  // The ledger as a table (序号, 姓名, 单位, 职级, 当年学时, 目标, 差额, 状态, five
  // years) and as a PDF.
  Result<io::Table> UnitTable(const Principal& who, std::optional<int64_t> unit_id, int year,
                              const std::string& lang);
  Result<std::string> UnitPdf(const Principal& who, std::optional<int64_t> unit_id, int year);
  Result<io::Table> DistrictTable(const Principal& who, int year, const std::string& lang);

  // One row per class (or outside entry) a person's hours came from in `year`:
  // 序号, 姓名, 身份证号, 单位, 职级, 培训项目, 主办单位, 类别, 开始日期, 结束日期,
  // 学时, 证书编号. `full_ids`: clear ID numbers (admin and organizer only; others get
  // masked ones whatever they ask).
  Result<io::Table> YearExport(const Principal& who, int year, bool full_ids);
  // The same for the CLI (the system, full ID numbers when asked), audited.
  Result<io::Table> YearExportAsSystem(int year, bool full_ids);

  // Recomputes the hours summary (records_schema.cc, migrations 123 and 124: the
  // stored district view of this year and the 4 before) from the completion
  // decisions, the approved outside hours and the people: `peixun ledger rebuild`,
  // after data was written around the services (a restore, bench/ledger's
  // generator). One transaction; audited as records.ledger.rebuild (the system).
  struct RebuildCounts {
    int64_t classes = 0;    // classes with decisions
    int64_t credits = 0;    // credited (class, person) rows
    int64_t year_rows = 0;  // (person, year) rows
  };
  Result<RebuildCounts> RebuildSummary();
  // RebuildSummary when migration 124 asked for it (ledger_summary_state), or, in a
  // new year, the stored district view moved to the 5 years ending with it: run
  // after the migrations whenever a database is opened (cli/database.cc). False
  // when nothing was to be done.
  Result<bool> RebuildSummaryIfNeeded();

  // 422 records.year.future / records.year.range.
  Status CheckYear(int year) const;
  // This year, China's date, by the service's clock.
  int CurrentYear() const;

 private:
  // RebuildSummary; `audit_empty`: record the rebuild even when it folded in nothing.
  Result<RebuildCounts> Rebuild(bool audit_empty);
  Result<io::Table> YearExportIn(store::Tx& tx, std::optional<int64_t> unit_root, int year,
                                 bool full_ids);

  store::Store& store_;
  const crypto::DataKey& key_;
  Clock now_ms_;
};

}  // namespace peixun::records
