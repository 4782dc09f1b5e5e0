#include "modules/completion/decision_listeners.h"

#include <algorithm>
#include <mutex>

namespace peixun::completion {
namespace {

std::mutex& ListenersMutex() {
  static std::mutex m;
  return m;
}

std::vector<DecisionListener>& Listeners() {
  static std::vector<DecisionListener> listeners;
  return listeners;
}

}  // namespace

void AddDecisionListener(DecisionListener listener) {
  std::lock_guard<std::mutex> lock(ListenersMutex());
  auto& all = Listeners();
  if (std::find(all.begin(), all.end(), listener) == all.end()) all.push_back(listener);
}

Status NotifyDecisionIn(store::Tx& tx, int64_t class_id) {
  std::vector<DecisionListener> copy;
  {
    std::lock_guard<std::mutex> lock(ListenersMutex());
    copy = Listeners();
  }
  for (DecisionListener l : copy) PEIXUN_RETURN_IF_ERROR(l(tx, class_id));
  return Ok();
}

}  // namespace peixun::completion
