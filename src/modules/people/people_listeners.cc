#include "modules/people/people_listeners.h"

#include <algorithm>
#include <mutex>

namespace peixun::people {
namespace {

std::mutex& ListenersMutex() {
  static std::mutex m;
  return m;
}

std::vector<PeopleChangeListener>& Listeners() {
  static std::vector<PeopleChangeListener> listeners;
  return listeners;
}

}  // namespace

void AddPeopleChangeListener(PeopleChangeListener listener) {
  std::lock_guard<std::mutex> lock(ListenersMutex());
  auto& all = Listeners();
  if (std::find(all.begin(), all.end(), listener) == all.end()) all.push_back(listener);
}

Status NotifyPeopleChangedIn(store::Tx& tx, const std::vector<int64_t>& person_ids) {
  if (person_ids.empty()) return Ok();
  std::vector<PeopleChangeListener> copy;
  {
    std::lock_guard<std::mutex> lock(ListenersMutex());
    copy = Listeners();
  }
  for (PeopleChangeListener l : copy) PEIXUN_RETURN_IF_ERROR(l(tx, person_ids));
  return Ok();
}

}  // namespace peixun::people
