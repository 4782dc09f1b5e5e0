#include "core/programme_hours.h"

#include <algorithm>
#include <set>

namespace peixun::core {

bool InProgramme(const std::vector<int64_t>& session_group_ids, std::optional<int64_t> group_id) {
  if (session_group_ids.empty()) return true;
  return group_id && std::find(session_group_ids.begin(), session_group_ids.end(), *group_id) !=
                         session_group_ids.end();
}

int ProgrammeTenths(const std::vector<ProgrammeSession>& sessions,
                    std::optional<int64_t> group_id) {
  int total = 0;
  for (const ProgrammeSession& s : sessions) {
    if (InProgramme(s.group_ids, group_id)) total += std::max(s.hours_tenths, 0);
  }
  return total;
}

ProgrammeHours ProgrammeHoursOf(const std::vector<ProgrammeSession>& sessions,
                                const std::vector<int64_t>& class_group_ids) {
  ProgrammeHours out;
  std::set<int64_t> seen;
  for (int64_t g : class_group_ids) {
    if (!seen.insert(g).second) continue;
    out.by_group.push_back({g, ProgrammeTenths(sessions, g)});
  }
  if (out.by_group.empty()) {
    out.min_tenths = out.max_tenths = ProgrammeTenths(sessions, std::nullopt);
    return out;
  }
  const auto [lo, hi] =
      std::minmax_element(out.by_group.begin(), out.by_group.end(),
                          [](const auto& a, const auto& b) { return a.tenths < b.tenths; });
  out.min_tenths = lo->tenths;
  out.max_tenths = hi->tenths;
  return out;
}

}  // namespace peixun::core
