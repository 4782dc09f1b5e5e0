// Use cases of the demonstration-site registry (示范点). Each public call is one
// transaction; *In variants run inside a caller's.
//
// Rules: name and kind (community / enterprise / social_org) required; capacity
// 1..10000 visitors at once (the timetable's over-capacity check uses it); a
// unit_id must name a unit of the org tree (404 timetable.site.unit_not_found).
// A site visited by a session cannot be deleted (409 timetable.site.in_use).
//
// Writes are audited: timetable.site.create / .update / .delete, entity "site".
// Thread-safe: no mutable state.
#pragma once

#include <optional>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "modules/timetable/site.h"
#include "store/store.h"

namespace peixun::timetable {

inline constexpr int kMaxSiteCapacity = 10000;

class SiteService {
 public:
  explicit SiteService(store::Store& store) : store_(store) {}

  Result<Site> Create(const SiteInput& input, const Actor& actor = Actor::System());
  Result<Site> Update(int64_t id, const SiteInput& input, const Actor& actor = Actor::System());
  Status Delete(int64_t id, const Actor& actor = Actor::System());
  Result<Site> Get(int64_t id);
  // By kind, then name; `kind` narrows when set.
  Result<std::vector<Site>> List(std::optional<SiteKind> kind = std::nullopt);

  static Result<Site> CreateIn(store::Tx& tx, const SiteInput& input, const Actor& actor);
  // 404 timetable.site.not_found.
  static Result<Site> GetIn(store::Tx& tx, int64_t id);

 private:
  store::Store& store_;
};

}  // namespace peixun::timetable
