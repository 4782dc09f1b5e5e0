#include "modules/org/unit_listeners.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace peixun::org {
namespace {

std::mutex& ListenersMutex() {
  static std::mutex m;
  return m;
}

std::vector<UnitKindListener>& Listeners() {
  static std::vector<UnitKindListener> listeners;
  return listeners;
}

}  // namespace

void AddUnitKindListener(UnitKindListener listener) {
  std::lock_guard<std::mutex> lock(ListenersMutex());
  auto& all = Listeners();
  if (std::find(all.begin(), all.end(), listener) == all.end()) all.push_back(listener);
}

Status NotifyUnitKindChangedIn(store::Tx& tx, int64_t unit_id) {
  std::vector<UnitKindListener> copy;
  {
    std::lock_guard<std::mutex> lock(ListenersMutex());
    copy = Listeners();
  }
  for (UnitKindListener l : copy) PEIXUN_RETURN_IF_ERROR(l(tx, unit_id));
  return Ok();
}

}  // namespace peixun::org
