// The training record (培训档案) of one person: every class they attended (dates,
// credited 学时, completion, exam score, certificate serial, 优秀学员), their hours
// from outside with proof and approval, the promotion date the ledger's 县处级 rule
// needs, and the ledger's verdict for their last five years.
//
// Classes are read through the enrollment, classes, completion, attendance,
// assessment and certificates modules' public functions; this module writes only
// its own tables (records_schema.cc).
//
// Who (each entry point checks):
//   record         admin, organizer, head teacher: anyone; liaison: people of their
//                  subtree; trainee: only themself (others: 404 people.not_found);
//                  other roles 403. One's own record (MyRecord): any account
//                  linked to a person.
//   outside hours  entered by admin, organizer, a liaison for their subtree, or the
//                  trainee for themself; approved or rejected by admin or organizer
//                  (403 records.forbidden).
//   promotion      admin, organizer.
//   targets        read by every staff role; written by admin, organizer.
//
// Outside hours input errors (422, field named): records.outside.proof (no proof, or
// not a PDF / PNG / JPEG by its bytes: "proof"), records.outside.proof_size (over
// 5 MB), records.outside.kind, records.outside.title, records.outside.date
// ("start_date" / "end_date", end before start, or in the future),
// records.outside.hours (neither hours nor days, or more than 1000 学时). Deciding
// one that is not pending: 409 records.outside.status; unknown: 404
// records.outside.not_found. Audited: records.outside.create / .approve / .reject,
// records.promotion, records.targets.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/records/record_types.h"
#include "store/store.h"

namespace peixun::records {

inline constexpr size_t kMaxProofBytes = 5 * 1024 * 1024;
// proof_kind of an entry whose proof is a written reference (a certificate or
// study-record number and its issuer, from the bulk import: outside_import.h)
// rather than a file; proof_name then holds the reference.
inline constexpr char kProofReference[] = "ref";

struct OutsideInput {
  int64_t person_id = 0;
  std::string kind = "class";  // class | online
  std::string title;
  std::string provider;
  std::string start_date;
  std::string end_date;
  std::string hours;  // "2.5"; or days / half_days below (converted by the targets)
  int days = 0;
  int half_days = 0;
  std::string proof_name;
  std::string proof;  // the file's bytes
};

// "pdf", "png", "jpeg" from the bytes, or "" for anything else.
std::string ProofKindOf(std::string_view bytes);

class RecordService {
 public:
  using Clock = std::function<int64_t()>;
  explicit RecordService(store::Store& store, Clock now_ms = {});

  Result<PersonRecord> Record(const Principal& who, int64_t person_id);
  // The record of the person `who` is linked to (/me/record): any role; 404
  // people.not_found for an account without a person (or one `who` may not see).
  Result<PersonRecord> MyRecord(const Principal& who);

  Result<OutsideEntry> AddOutside(const Principal& who, const OutsideInput& input);
  Result<OutsideEntry> DecideOutside(const Principal& who, int64_t entry_id, bool approve,
                                     const std::string& reason);
  // Pending entries (admin, organizer), oldest first, with the person's name.
  Result<std::vector<OutsideEntry>> PendingOutside(const Principal& who);
  // The proof's bytes, name and kind (those who may see the person); 404
  // records.outside.no_file for an entry whose proof is a reference.
  struct Proof {
    std::string name;
    std::string kind;
    std::string bytes;
  };
  Result<Proof> OutsideProof(const Principal& who, int64_t entry_id);

  // Promotion to 县处级 on `date` (empty clears it).
  Status SetPromotion(const Principal& who, int64_t person_id, const std::string& date);

  Result<core::HoursTargetRules> Targets(const Principal& who);
  Result<core::HoursTargetRules> SetTargets(const Principal& who, const core::HoursTargetRules& r);

 private:
  // After the role check: the record if `who` may see the person.
  Result<PersonRecord> RecordOf(const Principal& who, int64_t person_id);

  store::Store& store_;
  Clock now_ms_;
};

// The person `who` may see (a trainee only themself, a liaison their subtree), else
// 404 people.not_found. Inside the caller's transaction.
Result<people::Person> VisiblePersonIn(store::Tx& tx, const Principal& who, int64_t person_id);

}  // namespace peixun::records
