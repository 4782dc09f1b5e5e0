// Use cases of training classes. Each public call is one transaction; the
// static *In(Tx&, …) variants run inside a caller's transaction (other modules,
// demo data).
//
// Invariants kept here: a class has a name, organizer and host venue, a first
// day not after its last, a known time zone (its offset stored beside it), a
// capacity 1..10000 and valid rules (class_rules.h). Status changes follow
// class_status.h. An archived class cannot be edited ("classes.archived").
// Head teachers are users with the head_teacher role.
//
// Every class gets a random check-in secret (32 bytes from libsodium, base64) at
// creation; it signs the rotating QR codes (attendance module) and the badge
// tokens (enrollment module) and never leaves the server: it is not part of
// TrainingClass nor of any JSON or audit entry. It is stored sealed with the data
// key (checkin_secret.h), so creating a class or reading its secret needs the key:
// a ClassService made without one only reads and edits.
//
// Every write records an audit entry (modules/audit) in its transaction:
// classes.create / classes.update / classes.status / classes.copy /
// classes.head_teachers / classes.checkin_secret.rotate, entity "class".
//
// Thread-safe: holds no mutable state; concurrency is the database's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "modules/classes/class_hooks.h"
#include "modules/classes/training_class.h"
#include "store/store.h"

namespace peixun::classes {

enum class ClassOrder { kStartDesc, kStart, kName };

struct ClassQuery {
  std::string search;  // fragment of the name; empty: all
  std::optional<ClassStatus> status;
  // Only these classes (a head teacher's or a trainee's); nullopt: no restriction.
  std::optional<std::vector<int64_t>> only_ids;
  ClassOrder order = ClassOrder::kStartDesc;
  int64_t offset = 0;
  int64_t limit = 20;  // 1..1000
};

struct ClassPage {
  std::vector<TrainingClass> items;
  int64_t total = 0;  // matches before paging
};

inline constexpr int kMaxClassCapacity = 10000;

// A rotation of a class's check-in secret (ClassService::RotateCheckinSecret).
struct SecretRotation {
  int64_t class_id = 0;
  int64_t rotated_at = 0;  // ms since the epoch
};

class ClassService {
 public:
  // Without the data key: Create, Copy and RotateCheckinSecret fail (500
  // classes.no_key); the rest works.
  explicit ClassService(store::Store& store, ClassHooks hooks = {})
      : store_(store), hooks_(std::move(hooks)) {}
  ClassService(store::Store& store, const crypto::DataKey& key, ClassHooks hooks = {})
      : store_(store), key_(&key), hooks_(std::move(hooks)) {}

  Result<TrainingClass> Create(const ClassInput& input, const Actor& actor = Actor::System());
  Result<TrainingClass> Get(int64_t id);
  // For a user: kRead on the class (class_access.h; a trainee only a class they
  // are enrolled in, by hooks().enrolled_class_ids).
  Result<TrainingClass> Get(const Principal& who, int64_t id);
  Result<ClassPage> List(const ClassQuery& query);
  // The classes `who` may see (class_access.h): a head teacher those they head,
  // a trainee those they are enrolled in (hooks().enrolled_class_ids), others all.
  Result<ClassPage> ListFor(const Principal& who, ClassQuery query);
  // 409 classes.archived when archived.
  Result<TrainingClass> Update(int64_t id, const ClassPatch& patch,
                               const Actor& actor = Actor::System());
  // For a user: kManage on the class, then Update / ChangeStatus.
  Result<TrainingClass> Update(const Principal& who, int64_t id, const ClassPatch& patch);
  Result<TrainingClass> ChangeStatus(const Principal& who, int64_t id, ClassStatus to);
  Result<TrainingClass> ChangeStatus(int64_t id, ClassStatus to,
                                     const Actor& actor = Actor::System());
  // Replaces the head teachers; each must be an active user with the
  // head_teacher role (422 classes.head_teacher.role / 404 auth.user.not_found).
  Result<TrainingClass> SetHeadTeachers(int64_t id, const std::vector<int64_t>& user_ids,
                                        const Actor& actor = Actor::System());
  // A new class in planning from `id`: same fields and rules, the new name and
  // first day, the same length; copied_from = id; a fresh check-in secret; no
  // head teachers. Then every hooks().on_copy runs (rooms and sessions, shifted
  // by the day difference). Enrollments are not copied.
  Result<TrainingClass> Copy(int64_t id, const ClassCopyInput& input,
                             const Actor& actor = Actor::System());

  // A fresh check-in secret for the class: every QR code and badge made with the
  // old one stops working (badges must be printed again). kManage on the class
  // (an admin, an organizer, a head teacher of the class); 409 classes.archived
  // when archived. Audited as classes.checkin_secret.rotate (no secret in it).
  Result<SecretRotation> RotateCheckinSecret(const Principal& who, int64_t id);

  const ClassHooks& hooks() const { return hooks_; }

  static Result<TrainingClass> CreateIn(store::Tx& tx, const crypto::DataKey& key,
                                        const ClassInput& input, const Actor& actor);
  // 404 classes.not_found.
  static Result<TrainingClass> GetIn(store::Tx& tx, int64_t id);
  // The classes of `ids` that exist (unknown ids left out), ascending id. Two queries
  // per 500 ids: the hours ledger reads thousands of classes at once (bench/ledger).
  static Result<std::vector<TrainingClass>> GetManyIn(store::Tx& tx,
                                                      const std::vector<int64_t>& ids);
  static Result<ClassPage> ListIn(store::Tx& tx, const ClassQuery& query);
  // True when user `user_id` heads class `class_id`.
  static Result<bool> IsHeadTeacherIn(store::Tx& tx, int64_t class_id, int64_t user_id);
  // The classes user `user_id` heads, ascending.
  static Result<std::vector<int64_t>> HeadedClassIdsIn(store::Tx& tx, int64_t user_id);
  // For the attendance and enrollment modules only: the secret that signs
  // check-in QR codes and badge tokens, unsealed with `key`.
  static Result<std::string> CheckinSecretIn(store::Tx& tx, const crypto::DataKey& key,
                                             int64_t class_id);
  // 409 classes.archived when the class may not be edited (class_status.h CanEdit);
  // other modules call it before changing what belongs to a class.
  static Status CheckEditableIn(store::Tx& tx, int64_t class_id);

 private:
  Result<const crypto::DataKey*> Key() const;

  store::Store& store_;
  const crypto::DataKey* key_ = nullptr;
  ClassHooks hooks_;
};

}  // namespace peixun::classes
