#include "core/anonymity_threshold.h"

#include <algorithm>

namespace peixun::core {

int EffectiveAnonymityThreshold(std::optional<int> configured) {
  return std::max(kMinAnonymityThreshold, configured.value_or(kDefaultAnonymityThreshold));
}

bool SliceVisible(int answers, std::optional<int> configured) {
  return std::max(answers, 0) >= EffectiveAnonymityThreshold(configured);
}

}  // namespace peixun::core
